import type * as d3Types from 'd3';
import { effectiveManagers, layoutMap, neighbour, personAt } from '../layout';
import type { LayoutPerson } from '../layout';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const d3: typeof d3Types = require('../../../../../../node_modules/d3/dist/d3.min.js');

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
