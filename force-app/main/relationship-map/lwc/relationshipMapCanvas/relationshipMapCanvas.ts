// The relationship map's canvas: an org chart of person cards over a d3-hierarchy layout, drawn
// by this template (HTML cards, SVG lines; no lwc:dom="manual"), so every person is a focusable
// element with an accessible name and Jest can test it.
//
// It opens readable: branches below the level that fits the map's width are collapsed, and the
// chart is fitted to the width (again when the map is resized). A branch opens and closes with
// the button under its manager's card. "Find a person" opens the branches above someone and
// brings them into view. Zoom, pan and the drag ghost change one style each, so 300 people never
// re-render per frame; only cards near the view are in the DOM.
//
// Keyboard: arrow keys move between people (Down opens a collapsed team), + and - show or hide a
// team, Enter opens the person. Tab from a person reaches their team's button. Drag a person onto
// another to change who they report to (the "Reports to" field in the form does the same).
import { LightningElement, api } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import D3_URL from '@salesforce/resourceUrl/d3';
import { descendantsOf, peopleCount, personSummary } from 'c/relationshipMapModel';
import type { StakeholderView } from 'c/relationshipMapModel';
import {
    CARD_HEIGHT,
    CARD_WIDTH,
    SLOT_WIDTH,
    TOGGLE_OFFSET,
    layoutMap,
    managersAbove,
    mapStructure,
    neighbour,
    openingCollapsed,
    personAt,
} from './layout';
import type { D3Layout, LayoutPerson, Line, MapLayout, MapStructure, PlacedCard } from './layout';

interface Transform {
    k: number;
    x: number;
    y: number;
}

interface Rect {
    left: number;
    top: number;
    right: number;
    bottom: number;
}

interface CardView {
    id: string;
    person: StakeholderView;
    left: number;
    top: number;
    style: string;
    reportCount: number;
    hiddenCount: number;
}

interface ShownCard extends CardView {
    className: string;
    tabIndex: string;
    label: string;
}

interface ToggleView {
    id: string;
    style: string;
    text: string;
    label: string;
    expanded: string;
    tabIndex: string;
}

interface PointerState {
    mode: 'none' | 'card' | 'pan';
    pointerId: number;
    startX: number;
    startY: number;
    cardId: string;
    moved: boolean;
    origin: Transform;
    /** People the dragged person may not report to (themselves and everyone below them). */
    excluded: Set<string>;
}

/** The first view shows at most this many cards... */
const CARD_BUDGET = 40;
/** ...and needs at most this zoom-out to fit the map's width. */
const READABLE_SCALE = 0.8;
const MIN_ZOOM = 0.3;
const MAX_ZOOM = 2;
const PADDING = 24;
const MIN_FRAME_HEIGHT = 320;
const MAX_FRAME_HEIGHT = 720;
/** Before the map is laid out in a browser (and in jsdom, which has no layout). */
const DEFAULT_WIDTH = 800;
const DRAG_THRESHOLD = 4;
const SEARCH_RESULTS = 8;

function clamp(value: number, min: number, max: number): number {
    return Math.min(max, Math.max(min, value));
}

function intersects(a: Rect, b: Rect): boolean {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function cardRect(card: { left: number; top: number }): Rect {
    return {
        left: card.left,
        top: card.top,
        right: card.left + CARD_WIDTH,
        bottom: card.top + CARD_HEIGHT,
    };
}

export default class RelationshipMapCanvas extends LightningElement {
    /** The payload's today, 'YYYY-MM-DD'. */
    @api today = '';
    /** Days without a Task or Event after which a person is cold. */
    @api windowDays = 90;
    /** The user may change the map: drag to change reports-to. */
    @api canEdit = false;
    /** The people are still on their way: the tools are drawn, and wait for them. */
    @api loading = false;
    /** "Top levels": open the levels that fit the map's width; "Every team": open them all. */
    @api openBranches = 'Top levels';

    @api
    get people(): StakeholderView[] {
        return this.peopleList;
    }
    set people(value: StakeholderView[] | undefined) {
        // One pass over the people: what the parent passes is read through LWC's read-only
        // proxies, where every property read costs.
        const peopleList = value ?? [];
        const peopleById = new Map<string, StakeholderView>();
        const listed: LayoutPerson[] = [];
        for (const person of peopleList) {
            const { id, name, reportsToId, influencesId } = person;
            peopleById.set(id, person);
            listed.push({ id, name, reportsToId, influencesId });
        }
        this.peopleList = peopleList;
        this.peopleById = peopleById;
        this.layoutPeople = { people: listed, structure: undefined };
        this.relayout();
    }

    /** Moves keyboard focus to a person, opening the branches above them if needed. */
    @api
    focusPerson(id: string): void {
        if (!this.peopleById.has(id)) return;
        if (this.layout?.byId.has(id)) {
            this.focusedId = id;
            this.focusAfterRender = id;
            this.ensureVisible(id);
        } else {
            this.reveal(id);
        }
    }

    peopleList: StakeholderView[] = [];
    private peopleById = new Map<string, StakeholderView>();

    /** What the layout needs of the people, and who reports to whom: once per set of people. */
    private layoutPeople: { people: LayoutPerson[]; structure?: MapStructure } = { people: [] };
    d3?: D3Layout;
    layout?: MapLayout;
    cardViews: CardView[] = [];
    /** People whose team is not shown. */
    collapsed = new Set<string>();
    private opened = false;
    /** The width the layout was made for. */
    private layoutWidth = 0;

    frameHeight = MIN_FRAME_HEIGHT;
    /** The part of the map (layout units) whose cards are in the DOM: the view and a margin. */
    cullRect: Rect = { left: 0, top: 0, right: 0, bottom: 0 };
    focusedId = '';
    foundId = '';
    dropTargetId = '';
    draggingName = '';
    statusMessage = '';
    searchText = '';

    private transform: Transform = { k: 1, x: 0, y: 0 };
    private pointer: PointerState = {
        mode: 'none',
        pointerId: -1,
        startX: 0,
        startY: 0,
        cardId: '',
        moved: false,
        origin: { k: 1, x: 0, y: 0 },
        excluded: new Set<string>(),
    };
    private focusAfterRender = '';
    private resizeObserver?: ResizeObserver;
    private resizeFrame = 0;

    override connectedCallback(): void {
        loadScript(this, D3_URL)
            .then(() => {
                const d3 = (window as unknown as { d3?: D3Layout }).d3;
                if (!d3?.hierarchy || !d3.tree) throw new Error('d3 did not register itself.');
                this.d3 = d3;
                this.relayout();
            })
            .catch(() => {
                this.dispatchEvent(new CustomEvent('chartunavailable'));
            });
    }

    override renderedCallback(): void {
        this.applyTransform();
        const frame = this.frame;
        if (frame && !this.resizeObserver && typeof ResizeObserver !== 'undefined') {
            this.resizeObserver = new ResizeObserver((entries) => this.handleObservedSize(entries));
            this.resizeObserver.observe(frame);
        }
        if (this.focusAfterRender) {
            const id = this.focusAfterRender;
            this.focusAfterRender = '';
            this.cardElement(id)?.focus();
        }
    }

    override disconnectedCallback(): void {
        this.resizeObserver?.disconnect();
        this.resizeObserver = undefined;
        if (this.resizeFrame) cancelAnimationFrame(this.resizeFrame);
        this.resizeFrame = 0;
    }

    // ------------------------------------------------------------------ layout

    private get frame(): HTMLElement | undefined {
        return this.refs?.frame as HTMLElement | undefined;
    }

    /**
     * The frame's width as the resize observer reports it: the observer's first report comes
     * after the browser's own layout of the frame, while the data is still on its way, so no
     * layout is forced to learn it. Read directly only when the people arrive before that report.
     */
    private measuredWidth = 0;

    private frameWidth(): number {
        return this.measuredWidth || DEFAULT_WIDTH;
    }

    private maxStackColumns(width: number): number {
        return Math.max(2, Math.floor(width / SLOT_WIDTH));
    }

    /** Lays the map out again: once per data or branch change, never per frame. */
    private relayout(fit = false): void {
        const d3 = this.d3;
        if (!d3) return;
        if (!this.measuredWidth && this.peopleList.length > 0) {
            this.measuredWidth = this.frame?.clientWidth ?? 0;
        }
        const width = this.frameWidth();
        const people = this.layoutPeople.people;
        const structure = (this.layoutPeople.structure ??= mapStructure(people));
        const maxStackColumns = this.maxStackColumns(width);
        let fitNow = fit;
        let layout: MapLayout | undefined;
        if (!this.opened && people.length > 0) {
            this.opened = true;
            fitNow = true;
            if (this.openBranches === 'Every team') {
                this.collapsed = new Set<string>();
            } else {
                const opening = openingCollapsed(people, d3, {
                    cardBudget: CARD_BUDGET,
                    frameWidth: width,
                    minScale: READABLE_SCALE,
                    maxStackColumns,
                    structure,
                });
                this.collapsed = opening.collapsed;
                layout = opening.layout;
            }
        }
        this.layoutWidth = width;
        layout ??= layoutMap(people, d3, {
            structure,
            collapsed: this.collapsed,
            maxStackColumns,
            wrapWidth: width,
        });
        this.layout = layout;
        this.cardViews = layout.cards.map((card) => this.cardView(card));
        if (!this.focusedId || !layout.byId.has(this.focusedId)) {
            this.focusedId = layout.rows[0]?.[0] ?? '';
        }
        if (fitNow) this.fitToWidth();
        else this.updateCullRect(true);
    }

    private cardView(card: PlacedCard): CardView {
        return {
            id: card.id,
            person: this.peopleById.get(card.id) as StakeholderView,
            left: card.x,
            top: card.y,
            style: `left: ${card.x}px; top: ${card.y}px`,
            reportCount: card.reportCount,
            hiddenCount: card.hiddenCount,
        };
    }

    /** A card's accessible name: everything it shows, and where the person sits. */
    private labelOf(card: CardView): string {
        const person = card.person;
        const managerId = this.layout?.parentOf.get(card.id);
        return personSummary(person, {
            today: this.today,
            windowDays: this.windowDays,
            managerName: managerId ? this.peopleById.get(managerId)?.name : undefined,
            influencesName: person.influencesId
                ? this.peopleById.get(person.influencesId)?.name
                : undefined,
            reportCount: card.reportCount,
            hiddenCount: card.hiddenCount,
        });
    }

    private handleObservedSize(entries: ResizeObserverEntry[]): void {
        const width = entries[entries.length - 1]?.contentRect.width ?? 0;
        if (width <= 0) return;
        this.measuredWidth = width;
        if (this.layout && Math.abs(width - this.layoutWidth) > 1) this.resizeSoon();
    }

    // Handled in the next frame: a relayout inside the observer's callback resizes what it
    // observes in the same frame, which the browser reports as a ResizeObserver loop error.
    private resizeSoon(): void {
        if (this.resizeFrame) return;
        this.resizeFrame = requestAnimationFrame(() => {
            this.resizeFrame = 0;
            this.handleResize();
        });
    }

    private handleResize(): void {
        if (this.layout && Math.abs(this.measuredWidth - this.layoutWidth) > 1) {
            this.relayout(true);
        }
    }

    // ------------------------------------------------------------------ template state

    get isDrawing(): boolean {
        return !this.layout && this.peopleList.length > 0;
    }

    get hasPeople(): boolean {
        return this.peopleList.length > 0;
    }

    get showsTools(): boolean {
        return this.hasPeople || this.loading;
    }

    get frameClass(): string {
        return this.hasPeople ? 'ks-map__frame' : 'ks-map__frame ks-map__frame_empty';
    }

    get frameStyle(): string {
        return this.hasPeople ? `height: ${this.frameHeight}px` : 'height: 0';
    }

    get shownCards(): ShownCard[] {
        const cull = this.cullRect;
        const focused = this.focusedId;
        return this.cardViews
            .filter((card) => card.id === focused || intersects(cardRect(card), cull))
            .map((card) => {
                const classes = ['ks-map__card'];
                if (card.id === this.dropTargetId) classes.push('ks-map__card_drop');
                if (card.id === this.foundId) classes.push('ks-map__card_found');
                return {
                    ...card,
                    className: classes.join(' '),
                    tabIndex: card.id === focused ? '0' : '-1',
                    label: this.labelOf(card),
                };
            });
    }

    get shownToggles(): ToggleView[] {
        const layout = this.layout;
        if (!layout) return [];
        const cull = this.cullRect;
        const toggles: ToggleView[] = [];
        for (const card of layout.cards) {
            if (card.reportCount === 0) continue;
            if (!intersects(cardRect({ left: card.x, top: card.y + CARD_HEIGHT }), cull)) continue;
            const name = this.peopleById.get(card.id)?.name ?? '';
            const below = card.collapsed ? card.hiddenCount : this.branchSize(card.id);
            toggles.push({
                id: card.id,
                style: `left: ${card.x + CARD_WIDTH / 2}px; top: ${card.y + CARD_HEIGHT + TOGGLE_OFFSET}px`,
                text: card.collapsed ? `Show ${below}` : 'Hide',
                label: `${card.collapsed ? 'Show' : 'Hide'} the ${peopleCount(below)} below ${name}`,
                expanded: card.collapsed ? 'false' : 'true',
                tabIndex: card.id === this.focusedId ? '0' : '-1',
            });
        }
        return toggles;
    }

    private branchSize(id: string): number {
        return this.layout?.branchSizes.get(id) ?? 0;
    }

    private linesShown(lines: Line[]): Line[] {
        const layout = this.layout;
        if (!layout) return [];
        const cull = this.cullRect;
        const shown = (id: string): boolean => {
            const card = layout.byId.get(id);
            return card !== undefined && intersects(cardRect({ left: card.x, top: card.y }), cull);
        };
        return lines.filter((line) => shown(line.fromId) || shown(line.toId));
    }

    get reportLines(): Line[] {
        return this.linesShown(this.layout?.reportLines ?? []);
    }

    get influenceLines(): Line[] {
        return this.linesShown(this.layout?.influenceLines ?? []);
    }

    get droppedLinesNotice(): string {
        const dropped = this.layout?.droppedLines ?? 0;
        if (dropped === 0) return '';
        return dropped === 1
            ? 'One reporting line is not drawn: it loops back or points to someone not on the map. Fix it in the table.'
            : `${dropped} reporting lines are not drawn: they loop back or point to someone not on the map. Fix them in the table.`;
    }

    get isDragging(): boolean {
        return Boolean(this.draggingName);
    }

    get hasCollapsed(): boolean {
        return this.collapsed.size > 0;
    }

    get cannotExpandAll(): boolean {
        return !this.layout?.cards.some((card) => card.collapsed);
    }

    // ------------------------------------------------------------------ branches

    private setCollapsed(next: Set<string>, anchorId?: string, opened = false): void {
        const before = anchorId ? this.screenPointOf(anchorId) : undefined;
        this.collapsed = next;
        this.relayout();
        const after = anchorId ? this.screenPointOf(anchorId) : undefined;
        if (anchorId && before && after) {
            // The card whose team opened or closed stays where the user was looking...
            this.transform = {
                ...this.transform,
                x: this.transform.x + before.x - after.x,
                y: this.transform.y + before.y - after.y,
            };
            // ...and a team just opened moves into view as far as it fits.
            if (opened) this.transform = this.withTeamInView(anchorId);
            this.applyTransform();
            this.updateCullRect(true);
        }
    }

    /**
     * The transform moved the least so that the person's card and the cards of their team now
     * on the map are in the frame; a team wider or taller than the frame keeps the person's card
     * and the nearest part of the team in view.
     */
    private withTeamInView(id: string): { k: number; x: number; y: number } {
        const layout = this.layout;
        const { k, x, y } = this.transform;
        const card = layout?.byId.get(id);
        if (!layout || !card) return this.transform;
        let minX = card.x;
        let maxX = card.x + CARD_WIDTH;
        let maxY = card.y + CARD_HEIGHT;
        const stack = [...(layout.childrenOf.get(id) ?? [])];
        while (stack.length > 0) {
            const placed = layout.byId.get(stack.pop() ?? '');
            if (!placed) continue;
            minX = Math.min(minX, placed.x);
            maxX = Math.max(maxX, placed.x + CARD_WIDTH);
            maxY = Math.max(maxY, placed.y + CARD_HEIGHT);
            stack.push(...(layout.childrenOf.get(placed.id) ?? []));
        }
        const { width, height } = this.viewportSize();
        const shift = (
            low: number,
            high: number,
            keepLow: number,
            keepHigh: number,
            size: number,
        ) => {
            // Move right/down when the team starts before the frame, left/up when it ends after
            // it, but never so far that the person's own card leaves the frame.
            let move = 0;
            if (high - low <= size - 2 * PADDING) {
                if (low < PADDING) move = PADDING - low;
                else if (high > size - PADDING) move = size - PADDING - high;
            } else if (low < PADDING) {
                move = PADDING - low;
            }
            const most = size - PADDING - keepHigh;
            const least = PADDING - keepLow;
            return clamp(move, Math.min(least, most), Math.max(least, most));
        };
        const dx = shift(
            minX * k + x,
            maxX * k + x,
            card.x * k + x,
            (card.x + CARD_WIDTH) * k + x,
            width,
        );
        const dy = shift(
            card.y * k + y,
            maxY * k + y,
            card.y * k + y,
            (card.y + CARD_HEIGHT) * k + y,
            height,
        );
        return { k, x: x + dx, y: y + dy };
    }

    private toggleBranch(id: string): void {
        const card = this.layout?.byId.get(id);
        if (!card || card.reportCount === 0) return;
        const next = new Set(this.collapsed);
        const name = this.peopleById.get(id)?.name ?? '';
        const opening = card.collapsed;
        if (opening) {
            next.delete(id);
            this.statusMessage = `Showing the ${peopleCount(card.hiddenCount)} below ${name}.`;
        } else {
            next.add(id);
            this.statusMessage = `Hiding the ${peopleCount(this.branchSize(id))} below ${name}.`;
        }
        this.setCollapsed(next, id, opening);
    }

    handleToggleClick(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.toggleId ?? '';
        this.toggleBranch(id);
    }

    handleExpandAll(): void {
        this.setCollapsed(new Set<string>());
        this.fitToWidth();
        this.statusMessage = 'Every team is shown.';
    }

    handleTopLevels(): void {
        this.opened = false;
        this.relayout();
        this.statusMessage = 'Showing the top levels.';
    }

    // ------------------------------------------------------------------ search

    handleSearchInput(event: Event): void {
        this.searchText = (event.target as HTMLInputElement).value ?? '';
    }

    handleSearchKeyDown(event: KeyboardEvent): void {
        if (event.key !== 'Enter') return;
        const first = this.searchResults[0];
        if (first) {
            event.preventDefault();
            this.reveal(first.id);
        }
    }

    get searchResults(): { id: string; label: string }[] {
        const needle = this.searchText.trim().toLowerCase();
        if (needle.length < 2) return [];
        return this.peopleList
            .filter(
                (person) =>
                    person.name.toLowerCase().includes(needle) ||
                    (person.title ?? '').toLowerCase().includes(needle),
            )
            .slice(0, SEARCH_RESULTS)
            .map((person) => ({
                id: person.id,
                label: person.title ? `${person.name}, ${person.title}` : person.name,
            }));
    }

    get hasSearchResults(): boolean {
        return this.searchResults.length > 0;
    }

    get searchSummary(): string {
        const needle = this.searchText.trim();
        if (needle.length < 2) return '';
        const count = this.peopleList.filter(
            (person) =>
                person.name.toLowerCase().includes(needle.toLowerCase()) ||
                (person.title ?? '').toLowerCase().includes(needle.toLowerCase()),
        ).length;
        if (count === 0) return `Nobody on the map matches "${needle}".`;
        return count > SEARCH_RESULTS
            ? `${count} people match; the first ${SEARCH_RESULTS} are listed.`
            : `${peopleCount(count)} ${count === 1 ? 'matches' : 'match'}.`;
    }

    handleResultClick(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.personId ?? '';
        if (id) this.reveal(id);
    }

    /** Opens the branches above a person, centres them and gives them focus. */
    private reveal(id: string): void {
        const layout = this.layout;
        if (!layout || !this.peopleById.has(id)) return;
        const next = new Set(this.collapsed);
        for (const manager of managersAbove(layout, id)) next.delete(manager);
        if (next.size !== this.collapsed.size) {
            this.collapsed = next;
            this.relayout();
        }
        this.foundId = id;
        this.focusedId = id;
        this.focusAfterRender = id;
        this.centreOn(id);
        this.statusMessage = `Showing ${this.peopleById.get(id)?.name ?? ''}.`;
    }

    // ------------------------------------------------------------------ zoom and pan

    private viewportSize(): { width: number; height: number } {
        return { width: this.frameWidth(), height: this.frameHeight };
    }

    private applyTransform(): void {
        const viewport = this.refs?.viewport as HTMLElement | undefined;
        if (viewport) {
            const { k, x, y } = this.transform;
            viewport.style.transform = `translate(${x}px, ${y}px) scale(${k})`;
        }
    }

    /** The visible part of the map and a margin of a view's size around it, in layout units. */
    private updateCullRect(force = false): void {
        const { width, height } = this.viewportSize();
        const { k, x, y } = this.transform;
        const view: Rect = {
            left: -x / k,
            top: -y / k,
            right: (width - x) / k,
            bottom: (height - y) / k,
        };
        const margin = Math.max(width, height) / k;
        const inner: Rect = {
            left: this.cullRect.left + margin / 2,
            top: this.cullRect.top + margin / 2,
            right: this.cullRect.right - margin / 2,
            bottom: this.cullRect.bottom - margin / 2,
        };
        const stillCovered =
            view.left >= inner.left &&
            view.top >= inner.top &&
            view.right <= inner.right &&
            view.bottom <= inner.bottom;
        if (force || !stillCovered) {
            this.cullRect = {
                left: view.left - margin,
                top: view.top - margin,
                right: view.right + margin,
                bottom: view.bottom + margin,
            };
        }
    }

    private setTransform(next: Transform): void {
        this.transform = next;
        this.applyTransform();
        this.updateCullRect();
    }

    /** The whole map across the frame's width (never above 100 %), the frame as tall as needed. */
    private fitToWidth(): void {
        const layout = this.layout;
        if (!layout) return;
        const width = this.frameWidth();
        const contentWidth = Math.max(1, layout.maxX - layout.minX);
        const contentHeight = Math.max(1, layout.maxY - layout.minY);
        const k = clamp((width - 2 * PADDING) / contentWidth, MIN_ZOOM, 1);
        this.frameHeight = Math.round(
            clamp(contentHeight * k + 2 * PADDING, MIN_FRAME_HEIGHT, MAX_FRAME_HEIGHT),
        );
        this.transform = {
            k,
            x: Math.max(PADDING, (width - contentWidth * k) / 2) - layout.minX * k,
            y: PADDING - layout.minY * k,
        };
        this.applyTransform();
        this.updateCullRect(true);
    }

    private zoomBy(factor: number, centreX?: number, centreY?: number): void {
        const { width, height } = this.viewportSize();
        const cx = centreX ?? width / 2;
        const cy = centreY ?? height / 2;
        const { k, x, y } = this.transform;
        const next = clamp(k * factor, MIN_ZOOM, MAX_ZOOM);
        this.setTransform({
            k: next,
            x: cx - ((cx - x) * next) / k,
            y: cy - ((cy - y) * next) / k,
        });
    }

    handleZoomIn(): void {
        this.zoomBy(1.25);
    }

    handleZoomOut(): void {
        this.zoomBy(0.8);
    }

    handleFit(): void {
        this.fitToWidth();
    }

    /**
     * Ctrl (or Cmd) + wheel and pinch zoom; the wheel alone moves the map while there is more of
     * it in that direction, and otherwise scrolls the page as usual.
     */
    handleWheel(event: WheelEvent): void {
        const rect = this.frame?.getBoundingClientRect();
        if (event.ctrlKey || event.metaKey) {
            event.preventDefault();
            this.zoomBy(
                event.deltaY < 0 ? 1.1 : 1 / 1.1,
                event.clientX - (rect?.left ?? 0),
                event.clientY - (rect?.top ?? 0),
            );
            return;
        }
        const layout = this.layout;
        if (!layout) return;
        const { width, height } = this.viewportSize();
        const { k, x, y } = this.transform;
        const nextX = clamp(
            x - event.deltaX,
            width - PADDING - layout.maxX * k,
            PADDING - layout.minX * k,
        );
        const nextY = clamp(
            y - event.deltaY,
            height - PADDING - layout.maxY * k,
            PADDING - layout.minY * k,
        );
        const movesX = Math.abs(nextX - x) >= 0.5 && Math.abs(event.deltaX) > 0;
        const movesY = Math.abs(nextY - y) >= 0.5 && Math.abs(event.deltaY) > 0;
        if (!movesX && !movesY) return;
        event.preventDefault();
        this.setTransform({ k, x: movesX ? nextX : x, y: movesY ? nextY : y });
    }

    private screenPointOf(id: string): { x: number; y: number } | undefined {
        const card = this.layout?.byId.get(id);
        if (!card) return undefined;
        const { k, x, y } = this.transform;
        return { x: card.x * k + x, y: card.y * k + y };
    }

    private centreOn(id: string): void {
        const card = this.layout?.byId.get(id);
        if (!card) return;
        const { width, height } = this.viewportSize();
        const k = Math.max(this.transform.k, READABLE_SCALE);
        this.setTransform({
            k,
            x: width / 2 - (card.x + CARD_WIDTH / 2) * k,
            y: height / 2 - (card.y + CARD_HEIGHT / 2) * k,
        });
    }

    private ensureVisible(id: string): void {
        const point = this.screenPointOf(id);
        if (!point) return;
        const { width, height } = this.viewportSize();
        const { k } = this.transform;
        if (
            point.x < 0 ||
            point.y < 0 ||
            point.x + CARD_WIDTH * k > width ||
            point.y + CARD_HEIGHT * k > height
        ) {
            this.centreOn(id);
        }
    }

    /** A client (screen) point in layout units. */
    private toLayoutPoint(clientX: number, clientY: number): { x: number; y: number } {
        const rect = this.frame?.getBoundingClientRect();
        const { k, x, y } = this.transform;
        return {
            x: (clientX - (rect?.left ?? 0) - x) / k,
            y: (clientY - (rect?.top ?? 0) - y) / k,
        };
    }

    // ------------------------------------------------------------------ keyboard

    private cardElement(id: string): HTMLElement | null {
        return this.template?.querySelector<HTMLElement>(`[data-node-id="${id}"]`) ?? null;
    }

    handleCardFocus(event: FocusEvent): void {
        const id = (event.currentTarget as HTMLElement).dataset.nodeId ?? '';
        if (id && id !== this.focusedId) this.focusedId = id;
    }

    handleCardKeyDown(event: KeyboardEvent): void {
        const id = (event.currentTarget as HTMLElement).dataset.nodeId ?? '';
        const layout = this.layout;
        const card = layout?.byId.get(id);
        if (!layout || !card) return;
        if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            this.select(id);
            return;
        }
        if ((event.key === '+' || event.key === '=') && card.collapsed) {
            event.preventDefault();
            this.toggleBranch(id);
            return;
        }
        if (event.key === '-' && !card.collapsed && card.reportCount > 0) {
            event.preventDefault();
            this.toggleBranch(id);
            return;
        }
        if (event.key === 'ArrowDown' && card.collapsed) {
            // Down into a hidden team opens it first.
            this.toggleBranch(id);
        }
        const next = this.layout ? neighbour(this.layout, id, event.key) : undefined;
        if (next === undefined) return;
        event.preventDefault();
        this.focusedId = next;
        this.focusAfterRender = next;
        this.ensureVisible(next);
    }

    private select(id: string): void {
        this.dispatchEvent(new CustomEvent('personselect', { detail: { id } }));
    }

    // ------------------------------------------------------------------ pointer: drag and pan

    handlePointerDown(event: PointerEvent): void {
        if (event.button !== undefined && event.button !== 0) return;
        const target = event.target as Element | null;
        // Buttons (a team's show/hide) keep their own click.
        if (target?.closest?.('button')) return;
        const cardElement = target?.closest?.('[data-node-id]') as HTMLElement | null;
        const cardId = cardElement?.dataset.nodeId ?? '';
        this.pointer = {
            mode: cardId ? 'card' : 'pan',
            pointerId: event.pointerId,
            startX: event.clientX,
            startY: event.clientY,
            cardId,
            moved: false,
            origin: { ...this.transform },
            excluded: cardId
                ? descendantsOf(cardId, this.peopleList).add(cardId)
                : new Set<string>(),
        };
        const frame = this.frame;
        if (
            frame &&
            typeof frame.setPointerCapture === 'function' &&
            event.pointerId !== undefined
        ) {
            try {
                frame.setPointerCapture(event.pointerId);
            } catch {
                // Capture is a nicety: without it the drag still ends on pointerup inside the map.
            }
        }
    }

    handlePointerMove(event: PointerEvent): void {
        const state = this.pointer;
        if (state.mode === 'none') return;
        const dx = event.clientX - state.startX;
        const dy = event.clientY - state.startY;
        if (!state.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
        state.moved = true;
        if (state.mode === 'pan') {
            this.setTransform({ ...state.origin, x: state.origin.x + dx, y: state.origin.y + dy });
            return;
        }
        if (!this.canEdit) return;
        if (!this.draggingName) {
            this.draggingName = this.peopleById.get(state.cardId)?.name ?? '';
        }
        const point = this.toLayoutPoint(event.clientX, event.clientY);
        const ghost = this.refs?.ghost as HTMLElement | undefined;
        if (ghost) ghost.style.transform = `translate(${point.x}px, ${point.y}px)`;
        const target = this.dropTarget(point);
        if (target !== this.dropTargetId) this.dropTargetId = target;
    }

    handlePointerUp(event: PointerEvent): void {
        const state = this.pointer;
        this.pointer = { ...state, mode: 'none' };
        if (state.mode !== 'card') return;
        if (!state.moved) {
            this.focusedId = state.cardId;
            this.select(state.cardId);
            return;
        }
        if (!this.canEdit) return;
        const target = this.dropTarget(this.toLayoutPoint(event.clientX, event.clientY));
        this.draggingName = '';
        this.dropTargetId = '';
        if (target) {
            this.dispatchEvent(
                new CustomEvent('reportstochange', {
                    detail: { personId: state.cardId, managerId: target },
                }),
            );
        } else {
            this.statusMessage = 'Drop a person onto their manager to change who they report to.';
        }
    }

    handlePointerCancel(): void {
        this.pointer = { ...this.pointer, mode: 'none' };
        this.draggingName = '';
        this.dropTargetId = '';
    }

    /** A valid new manager under the pointer: not the person, not someone who reports to them. */
    private dropTarget(point: { x: number; y: number }): string {
        const layout = this.layout;
        const { cardId, excluded } = this.pointer;
        if (!layout || !cardId) return '';
        const target = personAt(layout, point, cardId);
        return target && !excluded.has(target) ? target : '';
    }
}
