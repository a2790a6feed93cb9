import {
    CARD_HEIGHT,
    CARD_WIDTH,
    SLOT_WIDTH,
    effectiveManagers,
    layoutMap,
    managersAbove,
    neighbour,
    openingCollapsed,
    personAt,
    stackColumns,
} from '../layout';
import type { D3Layout, LayoutPerson, MapLayout } from '../layout';

// On the platform d3 is the static resource built from d3-hierarchy (window.d3); here its UMD build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const d3: D3Layout = require('../../../../../../node_modules/d3-hierarchy/dist/d3-hierarchy.min.js');

function person(id: string, reportsToId?: string, influencesId?: string): LayoutPerson {
    return { id, name: id.toUpperCase(), reportsToId, influencesId };
}

/** A root, `managers` managers under it, each with `reports` reports. */
function organisation(managers: number, reports: number): LayoutPerson[] {
    const people = [person('root')];
    for (let m = 0; m < managers; m += 1) {
        people.push(person(`m${m}`, 'root'));
        for (let r = 0; r < reports; r += 1) people.push(person(`m${m}r${r}`, `m${m}`));
    }
    return people;
}

function overlaps(layout: MapLayout): boolean {
    const cards = layout.cards;
    for (let i = 0; i < cards.length; i += 1) {
        for (let j = i + 1; j < cards.length; j += 1) {
            const a = cards[i];
            const b = cards[j];
            if (!a || !b) continue;
            if (Math.abs(a.x - b.x) < CARD_WIDTH && Math.abs(a.y - b.y) < CARD_HEIGHT) return true;
        }
    }
    return false;
}

describe('relationship map layout', () => {
    it('drops reporting lines that loop, point to oneself or to someone not on the map', () => {
        const { parentOf, dropped } = effectiveManagers([
            person('a', 'b'),
            person('b', 'a'),
            person('c', 'c'),
            person('d', 'nobody'),
            person('e', 'a'),
        ]);
        expect(parentOf.get('a')).toBe('b');
        expect(parentOf.has('b')).toBe(false);
        expect(parentOf.get('e')).toBe('a');
        expect(dropped).toBe(3);
    });

    it('places managers above their reports, people with no line in a grid below, cards apart', () => {
        const layout = layoutMap(
            [
                person('boss'),
                person('left', 'boss'),
                person('right', 'boss', 'left'),
                person('loner'),
            ],
            d3,
        );
        const boss = layout.byId.get('boss');
        const left = layout.byId.get('left');
        const loner = layout.byId.get('loner');
        expect(boss?.y).toBe(0);
        expect(left?.y).toBeGreaterThan((boss?.y ?? 0) + CARD_HEIGHT);
        expect(loner?.y).toBeGreaterThan(left?.y ?? 0);
        expect(layout.reportLines).toHaveLength(2);
        expect(layout.influenceLines).toHaveLength(1);
        expect(layout.influenceLines[0]?.arrow).toMatch(/^M[\d.-]+,[\d.-]+ L.* Z$/);
        expect(layout.rows.map((row) => row.length)).toEqual([1, 2, 1]);
        expect(overlaps(layout)).toBe(false);
        expect(boss?.reportCount).toBe(2);
    });

    it("draws reports-to as elbows from the manager's card to the report's card", () => {
        const layout = layoutMap([person('boss'), person('report', 'boss')], d3);
        const boss = layout.byId.get('boss');
        const report = layout.byId.get('report');
        const line = layout.reportLines[0]?.path ?? '';
        expect(line.startsWith(`M${(boss?.x ?? 0) + CARD_WIDTH / 2},${CARD_HEIGHT} V`)).toBe(true);
        expect(line.endsWith(`V${report?.y}`)).toBe(true);
    });

    it('leaves out a collapsed branch and counts who is hidden', () => {
        const people = [
            person('top'),
            person('a', 'top'),
            person('a1', 'a'),
            person('a2', 'a'),
            person('a2x', 'a2'),
            person('b', 'top'),
        ];
        const layout = layoutMap(people, d3, { collapsed: new Set(['a', 'b']) });
        expect(layout.cards.map((card) => card.id).sort()).toEqual(['a', 'b', 'top']);
        const a = layout.byId.get('a');
        expect(a).toMatchObject({ collapsed: true, reportCount: 2, hiddenCount: 3 });
        // b has no reports: collapsing it changes nothing.
        expect(layout.byId.get('b')).toMatchObject({ collapsed: false, hiddenCount: 0 });
        expect(layout.branchSizes.get('top')).toBe(5);
        expect(managersAbove(layout, 'a2x')).toEqual(['a2', 'a', 'top']);
    });

    it('stacks shown reports who show no one below them, in columns that fit the width', () => {
        const people = organisation(1, 6);
        const layout = layoutMap(people, d3, { maxStackColumns: 2 });
        const reports = layout.cards.filter((card) => card.id.startsWith('m0r'));
        expect(new Set(reports.map((card) => card.x)).size).toBe(2);
        expect(new Set(reports.map((card) => card.y)).size).toBe(3);
        expect(layout.reportLines.find((line) => line.toId === 'm0r0')?.path).toMatch(/ H[\d.-]+$/);
        expect(overlaps(layout)).toBe(false);
        expect(stackColumns(38, 7)).toBe(7);
        expect(stackColumns(38, 3)).toBe(3);
        expect(stackColumns(4, 6)).toBe(2);

        // Beside an open team, the others still stack.
        const mixed = layoutMap(
            [...organisation(1, 2), ...['m1', 'm2', 'm3', 'm4'].map((id) => person(id, 'root'))],
            d3,
            { maxStackColumns: 3 },
        );
        const stacked = mixed.cards.filter((card) => /^m[1-4]$/.test(card.id));
        expect(new Set(stacked.map((card) => card.y)).size).toBe(2);
        expect(overlaps(mixed)).toBe(false);

        // Collapsed managers are leaves on the map: they stack too.
        const collapsed = new Set(['m0', 'm1', 'm2', 'm3', 'm4']);
        const compact = layoutMap(organisation(5, 3), d3, { collapsed, maxStackColumns: 3 });
        expect(compact.cards).toHaveLength(6);
        expect(compact.maxX - compact.minX).toBeLessThanOrEqual(3 * SLOT_WIDTH);
        expect(overlaps(compact)).toBe(false);
    });

    it("keeps a stacked block clear of the next manager's people", () => {
        const people = [
            person('top'),
            person('left', 'top'),
            person('right', 'top'),
            ...['l1', 'l2', 'l3', 'l4', 'l5'].map((id) => person(id, 'left')),
            person('r1', 'right'),
            person('r2', 'r1'),
            person('r3', 'r2'),
        ];
        expect(overlaps(layoutMap(people, d3, { maxStackColumns: 3 }))).toBe(false);
    });

    it('opens at the deepest level that fits the card budget and the width', () => {
        const people = organisation(6, 8); // 55 people
        const wide = { cardBudget: 40, frameWidth: 800, minScale: 0.8, maxStackColumns: 2 };
        expect([...openingCollapsed(people, d3, wide).collapsed].sort()).toEqual([
            'm0',
            'm1',
            'm2',
            'm3',
            'm4',
            'm5',
        ]);
        // Everyone fits a larger budget, but not the width: the width decides...
        expect(openingCollapsed(people, d3, { ...wide, cardBudget: 60 }).collapsed.size).toBe(6);
        // ...and on a wide enough map nothing starts collapsed.
        expect(
            openingCollapsed(people, d3, { ...wide, cardBudget: 60, frameWidth: 4000 }).collapsed
                .size,
        ).toBe(0);
        // A map too narrow for the second level shows the top one.
        const narrow = openingCollapsed(people, d3, { ...wide, cardBudget: 60, frameWidth: 200 });
        expect([...narrow.collapsed]).toEqual(['root']);
        expect(narrow.layout.cards.map((card) => card.id)).toEqual(['root']);
    });

    it('moves between rows and within a row for the keyboard, into a team with Down', () => {
        const layout = layoutMap(
            [person('boss'), person('left', 'boss'), person('right', 'boss')],
            d3,
        );
        expect(neighbour(layout, 'boss', 'ArrowDown')).toBe('left');
        expect(neighbour(layout, 'left', 'ArrowRight')).toBe('right');
        expect(neighbour(layout, 'right', 'ArrowUp')).toBe('boss');
        expect(neighbour(layout, 'right', 'Home')).toBe('left');
        expect(neighbour(layout, 'boss', 'ArrowLeft')).toBeUndefined();
    });

    it('finds the card under a point, skipping the one being dragged', () => {
        const layout = layoutMap([person('boss'), person('report', 'boss')], d3);
        const boss = layout.byId.get('boss') ?? { x: 0, y: 0 };
        const inside = { x: boss.x + 10, y: boss.y + 10 };
        expect(personAt(layout, inside)).toBe('boss');
        expect(personAt(layout, inside, 'boss')).toBeUndefined();
        expect(personAt(layout, { x: boss.x - 5, y: boss.y })).toBeUndefined();
    });

    it('lays out 300 people in one pass, everyone placed once', () => {
        const people: LayoutPerson[] = [];
        for (let index = 0; index < 300; index += 1) {
            const manager = index === 0 ? undefined : `p${Math.floor((index - 1) / 4)}`;
            people.push(person(`p${index}`, index % 7 === 0 ? undefined : manager));
        }
        const layout = layoutMap(people, d3, { maxStackColumns: 4, wrapWidth: 1200 });
        expect(layout.cards).toHaveLength(300);
        expect(new Set(layout.rows.flat()).size).toBe(300);
        expect(overlaps(layout)).toBe(false);
    });
});
