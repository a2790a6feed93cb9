import { NODE_SPACING, effectiveManagers, layoutMap, neighbour, personAt } from '../layout';
import type { D3Layout, LayoutPerson } from '../layout';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const d3: D3Layout = require('../../../../../../node_modules/d3-hierarchy/dist/d3-hierarchy.min.js');

function person(id: string, reportsToId?: string, influencesId?: string): LayoutPerson {
    return { id, name: id.toUpperCase(), reportsToId, influencesId, radius: 20 };
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

    it('places managers above their reports and unattached people in a grid below', () => {
        const layout = layoutMap(
            [
                person('boss'),
                person('left', 'boss'),
                person('right', 'boss', 'left'),
                person('loner'),
            ],
            d3,
        );
        const boss = layout.positions.get('boss');
        const left = layout.positions.get('left');
        const loner = layout.positions.get('loner');
        expect(boss?.y).toBe(0);
        expect(left?.y).toBeGreaterThan(boss?.y ?? 0);
        expect(loner?.y).toBeGreaterThan(left?.y ?? 0);
        expect(layout.reportLines).toHaveLength(2);
        expect(layout.influenceLines).toHaveLength(1);
        expect(layout.rows.map((row) => row.length)).toEqual([1, 2, 1]);
    });

    it('moves between rows and within a row for the keyboard', () => {
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

    it('finds the person under a point, skipping the one being dragged', () => {
        const layout = layoutMap([person('boss'), person('report', 'boss')], d3);
        const boss = layout.positions.get('boss') ?? { x: 0, y: 0 };
        expect(personAt(layout, boss, () => 20)).toBe('boss');
        expect(personAt(layout, boss, () => 20, 'boss')).toBeUndefined();
        expect(personAt(layout, { x: boss.x + 500, y: boss.y }, () => 20)).toBeUndefined();
    });

    it('stacks a long row of reports who manage nobody into two columns', () => {
        const reports = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => person(id, 'boss'));
        const layout = layoutMap([person('boss'), ...reports], d3);
        const boss = layout.positions.get('boss') ?? { x: 0, y: 0 };
        const xs = new Set(reports.map((report) => layout.positions.get(report.id)?.x));
        const ys = new Set(reports.map((report) => layout.positions.get(report.id)?.y));
        expect(xs.size).toBe(2);
        expect(ys.size).toBe(3);
        expect([...xs].every((x) => Math.abs((x ?? 0) - boss.x) < NODE_SPACING)).toBe(true);
        expect(layout.reportLines).toHaveLength(6);
        expect(layout.reportLines[0]?.path).toContain(' V');
        expect(neighbour(layout, 'boss', 'ArrowDown')).toBe('a');
        expect(neighbour(layout, 'a', 'ArrowRight')).toBe('b');
        expect(neighbour(layout, 'a', 'ArrowDown')).toBe('c');
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
        const layout = layoutMap(people, d3);
        const points = [...layout.positions.values()];
        for (let i = 0; i < points.length; i += 1) {
            for (let j = i + 1; j < points.length; j += 1) {
                const a = points[i] ?? { x: 0, y: 0 };
                const b = points[j] ?? { x: 0, y: 0 };
                const apart = Math.abs(a.x - b.x) >= NODE_SPACING - 1 || Math.abs(a.y - b.y) >= 1;
                expect(apart).toBe(true);
            }
        }
    });

    it('lays out 300 people in one pass', () => {
        const people: LayoutPerson[] = [];
        for (let index = 0; index < 300; index += 1) {
            const manager = index === 0 ? undefined : `p${Math.floor((index - 1) / 4)}`;
            people.push(person(`p${index}`, index % 7 === 0 ? undefined : manager));
        }
        const layout = layoutMap(people, d3);
        expect(layout.positions.size).toBe(300);
        const rows = layout.rows.flat();
        expect(new Set(rows).size).toBe(300);
    });
});
