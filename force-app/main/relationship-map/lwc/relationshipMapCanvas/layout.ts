// Where each person sits on the relationship map, an org chart of cards. Computed once per data
// or branch change, never per frame. d3-hierarchy's tidy tree places each organisation (people
// joined by reports-to lines); a manager's shown reports who lead no further are stacked in a
// block of columns beside the open teams instead of one long row; people with no line in either
// direction go in a grid below; separate organisations are packed side by side up to the map's
// width. A collapsed person's branch is not laid out at all.
// d3 is passed in (window.d3 from the static resource on the platform, d3-hierarchy's own UMD
// build in tests), so this module has no globals and is tested on its own.
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
}

export const CARD_WIDTH = 256;
export const CARD_HEIGHT = 104;
/** Horizontal room per card: the card and a gap that stacked lines run down. */
export const SLOT_WIDTH = CARD_WIDTH + 24;
/** Vertical room per level: the card, its show/hide button and the line to the next level. */
export const LEVEL_HEIGHT = CARD_HEIGHT + 64;
/** Where a card's show/hide button sits, below the card. */
export const TOGGLE_OFFSET = 6;
export const TOGGLE_HEIGHT = 24;
/** The horizontal run of the lines from a manager to their reports. */
const BUS_OFFSET = CARD_HEIGHT + 44;
/** A manager with at least this many shown reports who show no one below them gets them stacked. */
export const STACK_MIN = 4;

/**
 * Who reports to whom, worked out once per set of people: the opening view tries several levels
 * and every branch opened or closed lays the map out again, each time over the same people.
 */
export interface MapStructure {
    parentOf: Map<string, string>;
    dropped: number;
    childrenOf: Map<string, string[]>;
    /** Each person's reports in reading order (by name). */
    reportsByName: Map<string, string[]>;
    branchSizes: Map<string, number>;
    /** Each person's place in name order, ties by id. */
    nameRank: Map<string, number>;
}

export interface LayoutOptions {
    /** The people's structure (mapStructure of the same people), when the caller already has it. */
    structure?: MapStructure;
    /** People whose reports (and everyone below them) are not shown. */
    collapsed?: ReadonlySet<string>;
    /** The most columns a stacked block of reports may have (from the map's width). */
    maxStackColumns?: number;
    /** Separate organisations and unattached people wrap at this width (layout units). */
    wrapWidth?: number;
}

export interface PlacedCard {
    id: string;
    /** Top-left corner, in layout units (1 unit = 1 CSS pixel at 100 %). */
    x: number;
    y: number;
    /** People who report to this person directly, shown or not. */
    reportCount: number;
    /** People below this person the map does not show because the branch is collapsed. */
    hiddenCount: number;
    collapsed: boolean;
}

export interface Line {
    id: string;
    fromId: string;
    toId: string;
    path: string;
    /** The arrow head at the line's end (influence lines). */
    arrow?: string;
}

export interface MapLayout {
    cards: PlacedCard[];
    byId: Map<string, PlacedCard>;
    /** Effective manager: a line to an unknown person, to oneself or closing a loop is dropped. */
    parentOf: Map<string, string>;
    childrenOf: Map<string, string[]>;
    /** How many people sit below each person, all levels, shown or not. */
    branchSizes: Map<string, number>;
    /** Shown ids row by row (top to bottom), each row left to right: the keyboard's reading order. */
    rows: string[][];
    rowOf: Map<string, number>;
    reportLines: Line[];
    influenceLines: Line[];
    /** Lines in the data that could not be drawn (loops, people not on the map). */
    droppedLines: number;
    /** The shown extent, card edges and buttons included. */
    minX: number;
    maxX: number;
    minY: number;
    maxY: number;
}

interface TreeDatum {
    id: string;
    children: TreeDatum[];
    /** Width in slots: a stacked block is as wide as its columns. */
    width: number;
    /** The block standing in for stacked reports: whose reports they are. */
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

function childrenByManager(parentOf: Map<string, string>): Map<string, string[]> {
    const childrenOf = new Map<string, string[]>();
    for (const [child, manager] of parentOf) {
        const list = childrenOf.get(manager) ?? [];
        list.push(child);
        childrenOf.set(manager, list);
    }
    return childrenOf;
}

/** Each person's level in their organisation: 0 for people who report to no one on the map. */
export function depthsOf(
    people: LayoutPerson[],
    parentOf: Map<string, string>,
): Map<string, number> {
    const depths = new Map<string, number>();
    const depthOf = (id: string): number => {
        const known = depths.get(id);
        if (known !== undefined) return known;
        const manager = parentOf.get(id);
        const depth = manager === undefined ? 0 : depthOf(manager) + 1;
        depths.set(id, depth);
        return depth;
    };
    for (const person of people) depthOf(person.id);
    return depths;
}

/** How many people sit below each person (all levels). */
function branchSizes(
    people: LayoutPerson[],
    childrenOf: Map<string, string[]>,
): Map<string, number> {
    const sizes = new Map<string, number>();
    const sizeOf = (id: string): number => {
        const known = sizes.get(id);
        if (known !== undefined) return known;
        let size = 0;
        for (const child of childrenOf.get(id) ?? []) size += 1 + sizeOf(child);
        sizes.set(id, size);
        return size;
    };
    for (const person of people) sizeOf(person.id);
    return sizes;
}

/** Columns of a stacked block: about square, within the map's width. */
export function stackColumns(count: number, maxColumns: number): number {
    return Math.max(1, Math.min(Math.ceil(Math.sqrt(count)), maxColumns));
}

function reportLine(from: PlacedCard, to: PlacedCard): string {
    const startX = from.x + CARD_WIDTH / 2;
    const busY = from.y + BUS_OFFSET;
    const endX = to.x + CARD_WIDTH / 2;
    return `M${startX},${from.y + CARD_HEIGHT} V${busY} H${endX} V${to.y}`;
}

/** A stacked report: down from the manager, along the gap beside its column, then in. */
function stackedLine(from: PlacedCard, to: PlacedCard, column: number, columns: number): string {
    const leftSide = column <= (columns - 1) / 2;
    const gap = (SLOT_WIDTH - CARD_WIDTH) / 2;
    const trunkX = leftSide ? to.x - gap : to.x + CARD_WIDTH + gap;
    const edgeX = leftSide ? to.x : to.x + CARD_WIDTH;
    const startX = from.x + CARD_WIDTH / 2;
    const busY = from.y + BUS_OFFSET;
    return `M${startX},${from.y + CARD_HEIGHT} V${busY} H${trunkX} V${to.y + CARD_HEIGHT / 2} H${edgeX}`;
}

/** Where the line from a card's centre towards a point leaves the card. */
function edgePoint(card: PlacedCard, towardX: number, towardY: number): [number, number] {
    const cx = card.x + CARD_WIDTH / 2;
    const cy = card.y + CARD_HEIGHT / 2;
    const dx = towardX - cx;
    const dy = towardY - cy;
    if (dx === 0 && dy === 0) return [cx, cy];
    const scale = Math.min(
        dx === 0 ? Infinity : CARD_WIDTH / 2 / Math.abs(dx),
        dy === 0 ? Infinity : CARD_HEIGHT / 2 / Math.abs(dy),
    );
    return [cx + dx * scale, cy + dy * scale];
}

/** A dashed influence line: a gentle bow from edge to edge, with an arrow head at the end. */
function influenceLine(from: PlacedCard, to: PlacedCard): { path: string; arrow: string } {
    const fromCentre = [from.x + CARD_WIDTH / 2, from.y + CARD_HEIGHT / 2] as const;
    const toCentre = [to.x + CARD_WIDTH / 2, to.y + CARD_HEIGHT / 2] as const;
    const [x1, y1] = edgePoint(from, toCentre[0], toCentre[1]);
    const [x2, y2] = edgePoint(to, fromCentre[0], fromCentre[1]);
    // The bow keeps an influence line off a reporting line between the same two people.
    const controlX = (x1 + x2) / 2 + (y2 - y1) * 0.25;
    const controlY = (y1 + y2) / 2 - (x2 - x1) * 0.25;
    const angle = Math.atan2(y2 - controlY, x2 - controlX);
    const size = 9;
    const left = [x2 - size * Math.cos(angle - 0.45), y2 - size * Math.sin(angle - 0.45)];
    const right = [x2 - size * Math.cos(angle + 0.45), y2 - size * Math.sin(angle + 0.45)];
    const round = (value: number): number => Math.round(value * 10) / 10;
    return {
        path: `M${round(x1)},${round(y1)} Q${round(controlX)},${round(controlY)} ${round(x2)},${round(y2)}`,
        arrow: `M${round(x2)},${round(y2)} L${round(left[0] ?? 0)},${round(left[1] ?? 0)} L${round(right[0] ?? 0)},${round(right[1] ?? 0)} Z`,
    };
}

export function mapStructure(people: LayoutPerson[]): MapStructure {
    const { parentOf, dropped } = effectiveManagers(people);
    const childrenOf = childrenByManager(parentOf);
    // One collator for every comparison: String.localeCompare sets up its own each call.
    const collator = new Intl.Collator();
    const ordered = [...people].sort(
        (a, b) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id),
    );
    const nameRank = new Map(ordered.map((person, index) => [person.id, index]));
    const rankOf = (id: string): number => nameRank.get(id) ?? 0;
    const reportsByName = new Map<string, string[]>();
    for (const [manager, reports] of childrenOf) {
        reportsByName.set(
            manager,
            [...reports].sort((a, b) => rankOf(a) - rankOf(b)),
        );
    }
    return {
        parentOf,
        dropped,
        childrenOf,
        reportsByName,
        branchSizes: branchSizes(people, childrenOf),
        nameRank,
    };
}

export function layoutMap(
    people: LayoutPerson[],
    d3: D3Layout,
    options: LayoutOptions = {},
): MapLayout {
    const collapsed = options.collapsed ?? new Set<string>();
    const maxStackColumns = Math.max(1, options.maxStackColumns ?? 4);
    const structure = options.structure ?? mapStructure(people);
    const { parentOf, dropped, childrenOf, reportsByName, nameRank } = structure;
    const sizes = structure.branchSizes;
    const byName = (a: string, b: string): number =>
        (nameRank.get(a) ?? 0) - (nameRank.get(b) ?? 0);
    const isClosed = (id: string): boolean => collapsed.has(id) && childrenOf.has(id);
    const shownReports = (id: string): string[] =>
        isClosed(id) ? [] : (reportsByName.get(id) ?? []);

    const treeRoots: string[] = [];
    const unattached: string[] = [];
    for (const person of people) {
        if (parentOf.has(person.id)) continue;
        if (childrenOf.has(person.id)) treeRoots.push(person.id);
        else unattached.push(person.id);
    }
    treeRoots.sort(byName);
    unattached.sort(byName);

    // Stacked reports: manager id -> reports in reading order, and each report's slot.
    const stacks = new Map<string, { reports: string[]; columns: number }>();
    const stackedAt = new Map<string, { column: number; row: number; columns: number }>();
    const build = (id: string): TreeDatum => {
        const reports = shownReports(id);
        const leaves = reports.filter((report) => shownReports(report).length === 0);
        if (leaves.length < STACK_MIN) {
            return { id, width: 1, children: reports.map(build) };
        }
        // Reports who show no one below them go in a block of columns, beside the open teams.
        const columns = stackColumns(leaves.length, maxStackColumns);
        stacks.set(id, { reports: leaves, columns });
        leaves.forEach((report, index) =>
            stackedAt.set(report, {
                column: index % columns,
                row: Math.floor(index / columns),
                columns,
            }),
        );
        // The block and one placeholder per further row keep neighbours clear of the stack.
        const rows = Math.ceil(leaves.length / columns);
        let chain: TreeDatum[] = [];
        for (let row = rows - 1; row >= 1; row -= 1) {
            chain = [{ id: `${id}#${row}`, children: chain, width: columns, placeholder: true }];
        }
        const teams = reports.filter((report) => shownReports(report).length > 0).map(build);
        return {
            id,
            width: 1,
            children: [
                ...teams,
                { id: `${id}#0`, children: chain, width: columns, stackOf: id, placeholder: true },
            ],
        };
    };

    // Each organisation is laid out on its own (x: card centre, in slots; depth: level).
    const trees = treeRoots.map((rootId) => {
        const root = d3.hierarchy<TreeDatum>(build(rootId), (datum) => datum.children);
        d3
            .tree<TreeDatum>()
            .nodeSize([SLOT_WIDTH, LEVEL_HEIGHT])
            .separation(
                (a, b) => (a.data.width + b.data.width) / 2 + (a.parent === b.parent ? 0 : 0.25),
            )(root);
        const placed: { id: string; x: number; depth: number }[] = [];
        for (const node of root.descendants()) {
            const x = node.x ?? 0;
            const managerId = node.data.stackOf;
            if (managerId) {
                const stack = stacks.get(managerId);
                for (const report of stack?.reports ?? []) {
                    const slot = stackedAt.get(report) ?? { column: 0, row: 0, columns: 1 };
                    placed.push({
                        id: report,
                        x: x + (slot.column - (slot.columns - 1) / 2) * SLOT_WIDTH,
                        depth: node.depth + slot.row,
                    });
                }
            } else if (!node.data.placeholder) {
                placed.push({ id: node.data.id, x, depth: node.depth });
            }
        }
        const xs = placed.map((entry) => entry.x);
        const left = Math.min(...xs) - SLOT_WIDTH / 2;
        const width = Math.max(...xs) + SLOT_WIDTH / 2 - left;
        const height = (Math.max(...placed.map((entry) => entry.depth)) + 1) * LEVEL_HEIGHT;
        return { placed, left, width, height };
    });

    // Organisations side by side, wrapping at the map's width; unattached people in a grid below.
    const wrapWidth = Math.max(
        options.wrapWidth ?? 0,
        SLOT_WIDTH * Math.min(4, Math.max(1, unattached.length)),
        ...trees.map((entry) => entry.width),
    );
    const centres = new Map<string, { x: number; y: number }>();
    let cursorX = 0;
    let shelfY = 0;
    let shelfHeight = 0;
    for (const entry of trees) {
        if (cursorX > 0 && cursorX + entry.width > wrapWidth) {
            shelfY += shelfHeight + LEVEL_HEIGHT * 0.25;
            cursorX = 0;
            shelfHeight = 0;
        }
        for (const item of entry.placed) {
            centres.set(item.id, {
                x: cursorX + item.x - entry.left,
                y: shelfY + item.depth * LEVEL_HEIGHT,
            });
        }
        cursorX += entry.width;
        shelfHeight = Math.max(shelfHeight, entry.height);
    }
    if (unattached.length > 0) {
        const columns = Math.max(1, Math.floor(wrapWidth / SLOT_WIDTH));
        const startY = trees.length > 0 ? shelfY + shelfHeight + LEVEL_HEIGHT * 0.25 : 0;
        unattached.forEach((id, index) => {
            centres.set(id, {
                x: (index % columns) * SLOT_WIDTH + SLOT_WIDTH / 2,
                y: startY + Math.floor(index / columns) * LEVEL_HEIGHT,
            });
        });
    }

    const cards: PlacedCard[] = [];
    const placedById = new Map<string, PlacedCard>();
    for (const person of people) {
        const centre = centres.get(person.id);
        if (!centre) continue; // below a collapsed manager
        const reportCount = childrenOf.get(person.id)?.length ?? 0;
        const closed = isClosed(person.id);
        const card: PlacedCard = {
            id: person.id,
            x: Math.round(centre.x - CARD_WIDTH / 2),
            y: Math.round(centre.y),
            reportCount,
            hiddenCount: closed ? (sizes.get(person.id) ?? 0) : 0,
            collapsed: closed,
        };
        cards.push(card);
        placedById.set(person.id, card);
    }

    const rowsByY = new Map<number, string[]>();
    for (const card of cards) {
        const row = rowsByY.get(card.y) ?? [];
        row.push(card.id);
        rowsByY.set(card.y, row);
    }
    const rows = [...rowsByY.keys()]
        .sort((a, b) => a - b)
        .map((y) =>
            (rowsByY.get(y) ?? []).sort(
                (a, b) => (placedById.get(a)?.x ?? 0) - (placedById.get(b)?.x ?? 0),
            ),
        );
    const rowOf = new Map<string, number>();
    rows.forEach((row, index) => row.forEach((id) => rowOf.set(id, index)));

    const reportLines: Line[] = [];
    for (const [child, manager] of parentOf) {
        const from = placedById.get(manager);
        const to = placedById.get(child);
        if (!from || !to) continue;
        const slot = stackedAt.get(child);
        reportLines.push({
            id: `r-${child}`,
            fromId: manager,
            toId: child,
            path: slot ? stackedLine(from, to, slot.column, slot.columns) : reportLine(from, to),
        });
    }
    const influenceLines: Line[] = [];
    for (const person of people) {
        const target = person.influencesId;
        if (!target || target === person.id) continue;
        const from = placedById.get(person.id);
        const to = placedById.get(target);
        if (!from || !to) continue;
        influenceLines.push({
            id: `i-${person.id}`,
            fromId: person.id,
            toId: target,
            ...influenceLine(from, to),
        });
    }

    const hasButton = (card: PlacedCard): boolean => card.reportCount > 0;
    return {
        cards,
        byId: placedById,
        parentOf,
        childrenOf,
        branchSizes: sizes,
        rows,
        rowOf,
        reportLines,
        influenceLines,
        droppedLines: dropped,
        minX: cards.length > 0 ? Math.min(...cards.map((card) => card.x)) : 0,
        maxX: cards.length > 0 ? Math.max(...cards.map((card) => card.x + CARD_WIDTH)) : 0,
        minY: cards.length > 0 ? Math.min(...cards.map((card) => card.y)) : 0,
        maxY:
            cards.length > 0
                ? Math.max(
                      ...cards.map(
                          (card) =>
                              card.y +
                              CARD_HEIGHT +
                              (hasButton(card) ? TOGGLE_OFFSET + TOGGLE_HEIGHT : 0),
                      ),
                  )
                : 0,
    };
}

export interface OpeningOptions {
    /** The most cards the first view shows. */
    cardBudget: number;
    /** The map's width in CSS pixels. */
    frameWidth: number;
    /** The smallest zoom the first view may need to fit the map's width. */
    minScale: number;
    maxStackColumns: number;
    /** The people's structure (mapStructure of the same people), when the caller already has it. */
    structure?: MapStructure;
}

/**
 * The branches to collapse when the map opens, and the layout they give: the deepest level down
 * to which everyone fits the card budget and, laid out, the map's width at a readable zoom.
 * People at that level who have reports start collapsed; everyone above is shown. At least the
 * top level is shown.
 */
export function openingCollapsed(
    people: LayoutPerson[],
    d3: D3Layout,
    options: OpeningOptions,
): { collapsed: Set<string>; layout: MapLayout } {
    const structure = options.structure ?? mapStructure(people);
    const { parentOf, childrenOf } = structure;
    const depths = depthsOf(people, parentOf);
    const maxDepth = Math.max(0, ...depths.values());
    const atDepth = (depth: number): Set<string> =>
        new Set(
            people
                .filter((person) => depths.get(person.id) === depth && childrenOf.has(person.id))
                .map((person) => person.id),
        );
    for (let depth = maxDepth; depth > 0; depth -= 1) {
        const shown = people.filter((person) => (depths.get(person.id) ?? 0) <= depth).length;
        if (shown > options.cardBudget) continue;
        const collapsed = atDepth(depth);
        const layout = layoutMap(people, d3, {
            structure,
            collapsed,
            maxStackColumns: options.maxStackColumns,
            wrapWidth: options.frameWidth,
        });
        if ((layout.maxX - layout.minX) * options.minScale <= options.frameWidth) {
            return { collapsed, layout };
        }
    }
    const collapsed = atDepth(0);
    return {
        collapsed,
        layout: layoutMap(people, d3, {
            structure,
            collapsed,
            maxStackColumns: options.maxStackColumns,
            wrapWidth: options.frameWidth,
        }),
    };
}

/** The person a key press moves to; undefined when there is nowhere to go. */
export function neighbour(layout: MapLayout, fromId: string, key: string): string | undefined {
    const rowIndex = layout.rowOf.get(fromId);
    if (rowIndex === undefined) return undefined;
    const row = layout.rows[rowIndex] ?? [];
    const column = row.indexOf(fromId);
    const x = layout.byId.get(fromId)?.x ?? 0;
    const nearestIn = (ids: string[] | undefined): string | undefined => {
        let best: string | undefined;
        let bestDistance = Number.POSITIVE_INFINITY;
        for (const id of ids ?? []) {
            const distance = Math.abs((layout.byId.get(id)?.x ?? 0) - x);
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
        case 'ArrowUp': {
            const manager = layout.parentOf.get(fromId);
            return manager !== undefined && layout.byId.has(manager)
                ? manager
                : nearestIn(layout.rows[rowIndex - 1]);
        }
        case 'ArrowDown': {
            const reports = (layout.childrenOf.get(fromId) ?? []).filter((id) =>
                layout.byId.has(id),
            );
            if (reports.length > 0) {
                const firstRow = Math.min(...reports.map((id) => layout.rowOf.get(id) ?? 0));
                return nearestIn(reports.filter((id) => layout.rowOf.get(id) === firstRow));
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

/** The card under a point of the map (layout units), if any, other than `exceptId`. */
export function personAt(
    layout: MapLayout,
    point: { x: number; y: number },
    exceptId?: string,
): string | undefined {
    for (const card of layout.cards) {
        if (card.id === exceptId) continue;
        if (
            point.x >= card.x &&
            point.x <= card.x + CARD_WIDTH &&
            point.y >= card.y &&
            point.y <= card.y + CARD_HEIGHT
        ) {
            return card.id;
        }
    }
    return undefined;
}

/** The people above someone, nearest first: the branches to open to show them. */
export function managersAbove(layout: MapLayout, id: string): string[] {
    const above: string[] = [];
    let current = layout.parentOf.get(id);
    while (current !== undefined && !above.includes(current)) {
        above.push(current);
        current = layout.parentOf.get(current);
    }
    return above;
}
