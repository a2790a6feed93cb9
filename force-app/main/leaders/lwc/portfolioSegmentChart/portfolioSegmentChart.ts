// The 2×2 segment chart: each account with a plan at its current revenue (won in the last 12
// months) against its potential (open whitespace identified). The lines split high from low at
// the policy's segment splits (KeystoneSetting__mdt, as a share of each criterion's full marks),
// so the quadrants are the playbook: Invest, Protect, Develop, Maintain.
//
// d3-scale (the d3Scale static resource, loaded with loadScript) computes the scales; the template draws the
// SVG, so every point is an element with an accessible name. Keyboard: the points are one tab
// stop; arrow keys move between them in revenue order, Enter opens the account. Text
// equivalent: the accounts listed by quadrant below the chart (and alone if d3 cannot load).
import { LightningElement, api } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import { NavigationMixin } from 'lightning/navigation';
import D3_URL from '@salesforce/resourceUrl/d3Scale';
import type * as d3Types from 'd3-scale';
import type { PortfolioAccount, PortfolioSettings } from 'c/portfolioModel';
import { SEGMENTS, formatMoney } from 'c/portfolioModel';

type D3Scales = Pick<typeof d3Types, 'scaleLinear'>;

interface Scales {
    x: d3Types.ScaleLinear<number, number>;
    y: d3Types.ScaleLinear<number, number>;
}

interface Navigable {
    [NavigationMixin.Navigate](pageReference: Record<string, unknown>): void;
}

interface PointView {
    id: string;
    cx: number;
    cy: number;
    pointClass: string;
    label: string;
    tabIndex: string;
}

interface Tick {
    key: string;
    position: number;
    label: string;
}

const WIDTH = 520;
const HEIGHT = 320;
const MARGIN = { top: 16, right: 16, bottom: 40, left: 64 };
const DEFAULT_FULL_SCORE = 1000000;
const QUADRANT_CLASSES: Record<string, string> = {
    Invest: 'ks-point ks-invest',
    Protect: 'ks-point ks-protect',
    Develop: 'ks-point ks-develop',
    Maintain: 'ks-point ks-maintain',
};

/** The quadrant a position falls in: revenue × potential, each high at or above its split. */
export function quadrantOf(
    revenue: number,
    potential: number,
    revenueSplit: number,
    potentialSplit: number,
): string {
    const highRevenue = revenue >= revenueSplit;
    const highPotential = potential >= potentialSplit;
    if (highRevenue) return highPotential ? 'Invest' : 'Protect';
    return highPotential ? 'Develop' : 'Maintain';
}

export default class PortfolioSegmentChart extends NavigationMixin(LightningElement) {
    @api accounts: PortfolioAccount[] = [];
    @api settings?: PortfolioSettings;

    d3?: D3Scales;
    chartError = '';
    focusedId = '';

    width = WIDTH;
    height = HEIGHT;
    viewBox = `0 0 ${WIDTH} ${HEIGHT}`;

    override connectedCallback(): void {
        loadScript(this, D3_URL)
            .then(() => {
                const d3 = (window as unknown as { d3?: D3Scales }).d3;
                if (!d3) throw new Error('d3 did not register itself.');
                this.d3 = d3;
            })
            .catch(() => {
                this.chartError =
                    'The chart could not be drawn in this browser. The accounts are listed by segment below.';
            });
    }

    // ------------------------------------------------------------------ data

    /** The template reads the plotted accounts and the scales from several getters: both are
     * computed once per data (and d3 load), not once per getter. */
    private plottedFor?: { accounts: PortfolioAccount[]; plotted: PortfolioAccount[] };
    private scalesFor?: {
        plotted: PortfolioAccount[];
        settings?: PortfolioSettings;
        d3: D3Scales;
        scales: Scales;
    };

    get plotted(): PortfolioAccount[] {
        if (this.plottedFor?.accounts === this.accounts) return this.plottedFor.plotted;
        const plotted = this.accounts
            .filter(
                (account) =>
                    Boolean(account.planId) &&
                    account.revenue12Months !== null &&
                    account.revenue12Months !== undefined,
            )
            .sort(
                (a, b) =>
                    (a.revenue12Months ?? 0) - (b.revenue12Months ?? 0) ||
                    (a.whitespaceOpen ?? 0) - (b.whitespaceOpen ?? 0) ||
                    a.name.localeCompare(b.name),
            );
        this.plottedFor = { accounts: this.accounts, plotted };
        return plotted;
    }

    get notPlottedText(): string {
        const missing = this.accounts.length - this.plotted.length;
        return missing > 0
            ? `${missing} account${missing === 1 ? '' : 's'} without an active plan ${missing === 1 ? 'is' : 'are'} not plotted: live revenue is kept on the plan.`
            : '';
    }

    get revenueSplit(): number {
        const settings = this.settings;
        return (
            ((settings?.segmentRevenueMin ?? 50) / 100) *
            (settings?.revenueFullScoreAt ?? DEFAULT_FULL_SCORE)
        );
    }

    get potentialSplit(): number {
        const settings = this.settings;
        return (
            ((settings?.segmentPotentialMin ?? 50) / 100) *
            (settings?.potentialFullScoreAt ?? DEFAULT_FULL_SCORE)
        );
    }

    private quadrant(account: PortfolioAccount): string {
        return quadrantOf(
            account.revenue12Months ?? 0,
            account.whitespaceOpen ?? 0,
            this.revenueSplit,
            this.potentialSplit,
        );
    }

    // ------------------------------------------------------------------ drawing

    get isDrawn(): boolean {
        return Boolean(this.d3) && this.plotted.length > 0;
    }

    get isEmpty(): boolean {
        return this.plotted.length === 0;
    }

    private get scales(): Scales | null {
        const d3 = this.d3;
        if (!d3) return null;
        const cached = this.scalesFor;
        if (
            cached?.plotted === this.plotted &&
            cached.settings === this.settings &&
            cached.d3 === d3
        ) {
            return cached.scales;
        }
        const scales = this.buildScales(d3);
        this.scalesFor = { plotted: this.plotted, settings: this.settings, d3, scales };
        return scales;
    }

    private buildScales(d3: D3Scales): Scales {
        const maxRevenue = Math.max(
            this.revenueSplit * 2,
            ...this.plotted.map((a) => a.revenue12Months ?? 0),
        );
        const maxPotential = Math.max(
            this.potentialSplit * 2,
            ...this.plotted.map((a) => a.whitespaceOpen ?? 0),
        );
        return {
            x: d3
                .scaleLinear()
                .domain([0, maxRevenue])
                .range([MARGIN.left, WIDTH - MARGIN.right])
                .nice(),
            y: d3
                .scaleLinear()
                .domain([0, maxPotential])
                .range([HEIGHT - MARGIN.bottom, MARGIN.top])
                .nice(),
        };
    }

    get points(): PointView[] {
        const scales = this.scales;
        if (!scales) return [];
        const plotted = this.plotted;
        const focused = plotted.some((account) => account.id === this.focusedId)
            ? this.focusedId
            : (plotted[0]?.id ?? '');
        return plotted.map((account) => {
            const quadrant = this.quadrant(account);
            return {
                id: account.id,
                cx: Math.round(scales.x(account.revenue12Months ?? 0) * 10) / 10,
                cy: Math.round(scales.y(account.whitespaceOpen ?? 0) * 10) / 10,
                pointClass: QUADRANT_CLASSES[quadrant] ?? 'ks-point',
                label: `${account.name}: revenue ${formatMoney(account.revenue12Months)}, potential ${formatMoney(account.whitespaceOpen)}, ${quadrant}${account.segment && account.segment !== quadrant ? ` (stored segment ${account.segment})` : ''}. Press Enter to open.`,
                tabIndex: account.id === focused ? '0' : '-1',
            };
        });
    }

    get split(): {
        x: number;
        y: number;
        top: number;
        bottom: number;
        left: number;
        right: number;
    } | null {
        const scales = this.scales;
        if (!scales) return null;
        return {
            x: scales.x(this.revenueSplit),
            y: scales.y(this.potentialSplit),
            top: MARGIN.top,
            bottom: HEIGHT - MARGIN.bottom,
            left: MARGIN.left,
            right: WIDTH - MARGIN.right,
        };
    }

    get quadrantLabels(): { key: string; x: number; y: number; text: string; anchor: string }[] {
        const split = this.split;
        if (!split) return [];
        const counts = this.quadrantCounts;
        return [
            { key: 'Develop', x: split.left + 6, y: split.top + 14, anchor: 'start' },
            { key: 'Invest', x: split.right - 6, y: split.top + 14, anchor: 'end' },
            { key: 'Maintain', x: split.left + 6, y: split.bottom - 6, anchor: 'start' },
            { key: 'Protect', x: split.right - 6, y: split.bottom - 6, anchor: 'end' },
        ].map((label) => ({ ...label, text: `${label.key} (${counts[label.key] ?? 0})` }));
    }

    get xTicks(): Tick[] {
        const scales = this.scales;
        if (!scales) return [];
        return scales.x.ticks(4).map((value) => ({
            key: `x${value}`,
            position: scales.x(value),
            label: formatMoney(value),
        }));
    }

    get yTicks(): Tick[] {
        const scales = this.scales;
        if (!scales) return [];
        return scales.y.ticks(4).map((value) => ({
            key: `y${value}`,
            position: scales.y(value),
            label: formatMoney(value),
        }));
    }

    get axisY(): number {
        return HEIGHT - MARGIN.bottom;
    }

    get axisX(): number {
        return MARGIN.left;
    }

    get xLabelX(): number {
        return (MARGIN.left + WIDTH - MARGIN.right) / 2;
    }

    get xLabelY(): number {
        return HEIGHT - 6;
    }

    get tickLabelY(): number {
        return HEIGHT - MARGIN.bottom + 14;
    }

    get tickLabelX(): number {
        return MARGIN.left - 6;
    }

    get chartLabel(): string {
        return `Segment chart: ${this.plotted.length} accounts by current revenue (across) and potential (up). Revenue splits high from low at ${formatMoney(this.revenueSplit)}, potential at ${formatMoney(this.potentialSplit)}.`;
    }

    // ------------------------------------------------------------------ text equivalent

    get quadrantCounts(): Record<string, number> {
        const counts: Record<string, number> = {};
        for (const account of this.plotted) {
            const quadrant = this.quadrant(account);
            counts[quadrant] = (counts[quadrant] ?? 0) + 1;
        }
        return counts;
    }

    get quadrantLists(): { key: string; heading: string; accounts: string }[] {
        return SEGMENTS.map((segment) => {
            const names = this.plotted
                .filter((account) => this.quadrant(account) === segment)
                .map((account) => account.name);
            return {
                key: segment,
                heading: `${segment} (${names.length})`,
                accounts: names.length ? names.join(', ') : 'None',
            };
        });
    }

    // ------------------------------------------------------------------ keyboard

    handlePointKeyDown(event: KeyboardEvent): void {
        const ids = this.plotted.map((account) => account.id);
        const id = (event.currentTarget as HTMLElement).dataset.accountId ?? '';
        const index = ids.indexOf(id);
        let next = index;
        switch (event.key) {
            case 'ArrowRight':
            case 'ArrowUp':
                next = Math.min(ids.length - 1, index + 1);
                break;
            case 'ArrowLeft':
            case 'ArrowDown':
                next = Math.max(0, index - 1);
                break;
            case 'Home':
                next = 0;
                break;
            case 'End':
                next = ids.length - 1;
                break;
            case 'Enter':
            case ' ':
                event.preventDefault();
                this.open(id);
                return;
            default:
                return;
        }
        event.preventDefault();
        this.focusedId = ids[next] ?? id;
        // The roving tab stop moves with the focus once the template has re-rendered.
        Promise.resolve().then(() => {
            this.template
                ?.querySelector<SVGElement>(`[data-account-id="${this.focusedId}"]`)
                ?.focus();
        });
    }

    handlePointClick(event: Event): void {
        this.open((event.currentTarget as HTMLElement).dataset.accountId ?? '');
    }

    private open(accountId: string): void {
        if (!accountId) return;
        (this as unknown as Navigable)[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: { recordId: accountId, objectApiName: 'Account', actionName: 'view' },
        });
    }
}
