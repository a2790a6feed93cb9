// Where each person sits on the relationship map. Computed once per data change (never per
// frame): d3-hierarchy's tidy tree places everyone who has a reporting line, and people with
// no line in either direction go in a grid below, so a flat list of 300 still reads well.
// d3 is passed in (window.d3 from the static resource on the platform, d3-hierarchy's own
// UMD build in tests), so this module has no globals and is tested on its own.
import type { hierarchy, tree } from 'd3-hierarchy';

/** What the d3 static resource provides (d3-hierarchy's hierarchy and tree, as window.d3). */
export interface D3Layout {
    hierarchy: typeof hierarchy;
    tree: typeof tree;
}

export interface LayoutPerson {
    id: string;
    name: string;
    reportsToId?: string | null;
    influencesId?: string | null;
    radius: number;
}

export interface Point {
    x: number;
    y: number;
}

export interface Link {
    id: string;
    fromId: string;
    toId: string;
    path: string;
}

export interface MapLayout {
    positions: Map<string, Point>;
    /** Effective manager: a line to an unknown person, to oneself or closing a loop is dropped. */
    parentOf: Map<string, string>;
    /** Ids row by row (top to bottom), each row left to right: the keyboard's reading order. */
    rows: string[][];
    rowOf: Map<string, number>;
    reportLines: Link[];
    influenceLines: Link[];
    /** Lines in the data that could not be drawn (loops, people not on the map). */
    droppedLines: number;
    minX: number;
    maxX: number;
    minY: number;
    maxY: number;
}

export const NODE_SPACING = 130;
export const LEVEL_HEIGHT = 120;
/** Width : height the packed trees aim for (the map is about twice as wide as it is tall). */
export const SHELF_ASPECT = 2.2;

/** A manager with at least this many direct reports, none of whom manage anyone, gets them
 * stacked in STACK_COLUMNS columns under them instead of one long row. */
export const STACK_MIN = 4;
export const STACK_COLUMNS = 2;

interface TreeDatum {
    id: string;
    children: TreeDatum[];
    /** Width in node slots: a stacked block is STACK_COLUMNS wide. */
    width: number;
    /** For the block standing in for stacked reports: whose reports they are. */
    stackOf?: string;
    /** Blocks reserve their rows with placeholder nodes that are never drawn. */
    placeholder?: boolean;
}

/** Managers per person, without loops: walking up from anyone always ends at a root. */
export function effectiveManagers(people: LayoutPerson[]): {
    parentOf: Map<string, string>;
    dropped: number;
} {
    const known = new Set(people.map((person) => person.id));
    const parentOf = new Map<string, string>();
    let dropped = 0;
    for (const person of people) {
        const manager = person.reportsToId;
        if (!manager) continue;
        if (manager === person.id || !known.has(manager)) {
            dropped += 1;
            continue;
        }
        // Adding person -> manager closes a loop when the manager already sits below person.
        let current: string | undefined = manager;
        let loops = false;
        const seen = new Set<string>();
        while (current !== undefined && !seen.has(current)) {
            if (current === person.id) {
                loops = true;
                break;
            }
            seen.add(current);
            current = parentOf.get(current);
        }
        if (loops) {
            dropped += 1;
        } else {
            parentOf.set(person.id, manager);
        }
    }
    return { parentOf, dropped };
}

function curve(from: Point, fromRadius: number, to: Point, toRadius: number): string {
    const startY = from.y + fromRadius;
    const endY = to.y - toRadius;
    const middle = (startY + endY) / 2;
    return `M${from.x},${startY} C${from.x},${middle} ${to.x},${middle} ${to.x},${endY}`;
}

/** A stacked report: down from the manager, along the outer side of its column, then in. */
function elbow(
    from: Point,
    fromRadius: number,
    to: Point,
    toRadius: number,
    column: number,
): string {
    const outward = column < (STACK_COLUMNS - 1) / 2 ? -1 : 1;
    const trunkX = to.x + outward * (NODE_SPACING / 2 - 8);
    const busY = from.y + fromRadius + (LEVEL_HEIGHT - fromRadius) / 3;
    return `M${from.x},${from.y + fromRadius} V${busY} H${trunkX} V${to.y} H${to.x + outward * toRadius}`;
}

function arc(from: Point, to: Point): string {
    // A gentle bow so an influence line never hides a reporting line between the same people.
    const middleX = (from.x + to.x) / 2 + (to.y - from.y) * 0.2;
    const middleY = (from.y + to.y) / 2 - (to.x - from.x) * 0.2;
    return `M${from.x},${from.y} Q${middleX},${middleY} ${to.x},${to.y}`;
}

export function layoutMap(people: LayoutPerson[], d3: D3Layout): MapLayout {
    const { parentOf, dropped } = effectiveManagers(people);
    const byId = new Map(people.map((person) => [person.id, person]));
    const childrenOf = new Map<string, string[]>();
    for (const [child, manager] of parentOf) {
        const list = childrenOf.get(manager) ?? [];
        list.push(child);
        childrenOf.set(manager, list);
    }
    const byName = (a: string, b: string): number =>
        (byId.get(a)?.name ?? '').localeCompare(byId.get(b)?.name ?? '') || a.localeCompare(b);

    const treeRoots: string[] = [];
    const unattached: string[] = [];
    for (const person of people) {
        if (parentOf.has(person.id)) continue;
        if (childrenOf.has(person.id)) treeRoots.push(person.id);
        else unattached.push(person.id);
    }
    treeRoots.sort(byName);
    unattached.sort(byName);

    // Stacked reports: manager id -> reports, in reading order.
    const stacks = new Map<string, string[]>();
    const stackedUnder = new Map<string, { column: number; row: number }>();
    const build = (id: string): TreeDatum => {
        const reports = [...(childrenOf.get(id) ?? [])].sort(byName);
        if (reports.length >= STACK_MIN && reports.every((report) => !childrenOf.has(report))) {
            stacks.set(id, reports);
            reports.forEach((report, index) =>
                stackedUnder.set(report, {
                    column: index % STACK_COLUMNS,
                    row: Math.floor(index / STACK_COLUMNS),
                }),
            );
            // The block and one placeholder per further row keep neighbours clear of the stack.
            const rows = Math.ceil(reports.length / STACK_COLUMNS);
            let chain: TreeDatum[] = [];
            for (let row = rows - 1; row >= 1; row -= 1) {
                chain = [
                    {
                        id: `${id}#${row}`,
                        children: chain,
                        width: STACK_COLUMNS,
                        placeholder: true,
                    },
                ];
            }
            return {
                id,
                width: 1,
                children: [
                    {
                        id: `${id}#0`,
                        children: chain,
                        width: STACK_COLUMNS,
                        stackOf: id,
                        placeholder: true,
                    },
                ],
            };
        }
        return { id, width: 1, children: reports.map(build) };
    };
    const positions = new Map<string, Point>();
    // Each org tree is laid out on its own, then trees are packed into shelves about as wide as
    // the map is wide relative to its height, so a wide account fits the view instead of
    // becoming one long strip.
    const trees = treeRoots.map((rootId) => {
        const root = d3.hierarchy<TreeDatum>(build(rootId), (datum) => datum.children);
        d3
            .tree<TreeDatum>()
            .nodeSize([NODE_SPACING, LEVEL_HEIGHT])
            .separation(
                (a, b) => (a.data.width + b.data.width) / 2 + (a.parent === b.parent ? 0 : 0.25),
            )(root);
        const placed: { id: string; x: number; depth: number }[] = [];
        for (const node of root.descendants()) {
            const x = node.x ?? 0;
            const managerId = node.data.stackOf;
            if (managerId) {
                for (const report of stacks.get(managerId) ?? []) {
                    const slot = stackedUnder.get(report) ?? { column: 0, row: 0 };
                    placed.push({
                        id: report,
                        x: x + (slot.column - (STACK_COLUMNS - 1) / 2) * NODE_SPACING,
                        depth: node.depth + slot.row,
                    });
                }
            } else if (!node.data.placeholder) {
                placed.push({ id: node.data.id, x, depth: node.depth });
            }
        }
        const xs = placed.map((entry) => entry.x);
        const left = Math.min(...xs);
        const width = Math.max(...xs) - left + NODE_SPACING;
        const height = (Math.max(...placed.map((entry) => entry.depth)) + 1) * LEVEL_HEIGHT;
        return { placed, left, width, height };
    });
    const gridColumnsWanted = Math.max(4, Math.ceil(Math.sqrt(unattached.length * 2)));
    const area =
        trees.reduce((sum, tree) => sum + tree.width * tree.height, 0) +
        unattached.length * NODE_SPACING * LEVEL_HEIGHT;
    const shelfWidth = Math.max(
        SHELF_ASPECT > 0 ? Math.sqrt(area * SHELF_ASPECT) : 0,
        ...trees.map((tree) => tree.width),
        Math.min(gridColumnsWanted, unattached.length) * NODE_SPACING,
    );
    let cursorX = 0;
    let shelfY = 0;
    let shelfHeight = 0;
    for (const tree of trees) {
        if (cursorX > 0 && cursorX + tree.width > shelfWidth) {
            shelfY += shelfHeight + LEVEL_HEIGHT * 0.5;
            cursorX = 0;
            shelfHeight = 0;
        }
        for (const entry of tree.placed) {
            positions.set(entry.id, {
                x: cursorX + entry.x - tree.left,
                y: shelfY + entry.depth * LEVEL_HEIGHT,
            });
        }
        cursorX += tree.width;
        shelfHeight = Math.max(shelfHeight, tree.height);
    }
    if (unattached.length > 0) {
        const columns = Math.max(1, Math.floor(shelfWidth / NODE_SPACING));
        const startY = trees.length > 0 ? shelfY + shelfHeight + LEVEL_HEIGHT * 0.25 : 0;
        unattached.forEach((id, index) => {
            positions.set(id, {
                x: (index % columns) * NODE_SPACING,
                y: startY + Math.floor(index / columns) * LEVEL_HEIGHT,
            });
        });
    }
    const allX = [...positions.values()].map((point) => point.x);
    const minX = allX.length > 0 ? Math.min(...allX) : 0;
    const maxX = allX.length > 0 ? Math.max(...allX) : 0;

    const rowsByY = new Map<number, string[]>();
    for (const [id, point] of positions) {
        const key = Math.round(point.y);
        const row = rowsByY.get(key) ?? [];
        row.push(id);
        rowsByY.set(key, row);
    }
    const rowKeys = [...rowsByY.keys()].sort((a, b) => a - b);
    const rows = rowKeys.map((key) =>
        (rowsByY.get(key) ?? []).sort(
            (a, b) => (positions.get(a)?.x ?? 0) - (positions.get(b)?.x ?? 0),
        ),
    );
    const rowOf = new Map<string, number>();
    rows.forEach((row, index) => row.forEach((id) => rowOf.set(id, index)));

    const reportLines: Link[] = [];
    for (const [child, manager] of parentOf) {
        const from = positions.get(manager);
        const to = positions.get(child);
        if (!from || !to) continue;
        const fromRadius = byId.get(manager)?.radius ?? 0;
        const toRadius = byId.get(child)?.radius ?? 0;
        const slot = stackedUnder.get(child);
        reportLines.push({
            id: `r-${child}`,
            fromId: manager,
            toId: child,
            path: slot
                ? elbow(from, fromRadius, to, toRadius, slot.column)
                : curve(from, fromRadius, to, toRadius),
        });
    }
    const influenceLines: Link[] = [];
    for (const person of people) {
        const target = person.influencesId;
        if (!target || target === person.id) continue;
        const from = positions.get(person.id);
        const to = positions.get(target);
        if (!from || !to) continue;
        influenceLines.push({
            id: `i-${person.id}`,
            fromId: person.id,
            toId: target,
            path: arc(from, to),
        });
    }

    const ys = [...positions.values()].map((point) => point.y);
    return {
        positions,
        parentOf,
        rows,
        rowOf,
        reportLines,
        influenceLines,
        droppedLines: dropped,
        minX,
        maxX,
        minY: ys.length > 0 ? Math.min(...ys) : 0,
        maxY: ys.length > 0 ? Math.max(...ys) : 0,
    };
}

/** The person a key press moves to; undefined when there is nowhere to go. */
export function neighbour(layout: MapLayout, fromId: string, key: string): string | undefined {
    const rowIndex = layout.rowOf.get(fromId);
    if (rowIndex === undefined) return undefined;
    const row = layout.rows[rowIndex] ?? [];
    const column = row.indexOf(fromId);
    const x = layout.positions.get(fromId)?.x ?? 0;
    const nearestIn = (ids: string[] | undefined): string | undefined => {
        let best: string | undefined;
        let bestDistance = Number.POSITIVE_INFINITY;
        for (const id of ids ?? []) {
            const distance = Math.abs((layout.positions.get(id)?.x ?? 0) - x);
            if (distance < bestDistance) {
                best = id;
                bestDistance = distance;
            }
        }
        return best;
    };
    switch (key) {
        case 'ArrowLeft':
            return column > 0 ? row[column - 1] : undefined;
        case 'ArrowRight':
            return column < row.length - 1 ? row[column + 1] : undefined;
        case 'ArrowUp':
            return layout.parentOf.get(fromId) ?? nearestIn(layout.rows[rowIndex - 1]);
        case 'ArrowDown': {
            for (const [child, manager] of layout.parentOf) {
                if (manager === fromId && layout.rowOf.get(child) === rowIndex + 1) {
                    return (
                        nearestIn(
                            (layout.rows[rowIndex + 1] ?? []).filter(
                                (id) => layout.parentOf.get(id) === fromId,
                            ),
                        ) ?? child
                    );
                }
            }
            return nearestIn(layout.rows[rowIndex + 1]);
        }
        case 'Home':
            return row[0];
        case 'End':
            return row[row.length - 1];
        default:
            return undefined;
    }
}

/** The person under a point of the map (layout coordinates), if any. */
export function personAt(
    layout: MapLayout,
    point: Point,
    radiusOf: (id: string) => number,
    exceptId?: string,
): string | undefined {
    let best: string | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const [id, position] of layout.positions) {
        if (id === exceptId) continue;
        const distance = Math.hypot(position.x - point.x, position.y - point.y);
        if (distance <= radiusOf(id) + 8 && distance < bestDistance) {
            best = id;
            bestDistance = distance;
        }
    }
    return best;
}
