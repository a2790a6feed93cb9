// The portfolio's accounts: tier and the selection's suggestion, score and segment, health with
// its trend line and the change since the last review, coverage of the buying group, NRR,
// revenue, plan freshness and next review, open signals and at-risk renewals, whitespace
// captured of identified. Optionally grouped under the ultimate parent with the group's roll-up.
// Leaders accept a suggestion (one or several) or override a tier ('accept' and 'override'
// events; the portfolio opens the decision dialog). An account name opens the account.
//
// Rendering stays inside the interaction budget for large teams: the first PAGE_SIZE rows are
// drawn and "Show more" adds the next page, so the DOM grows with what the leader reads; rows
// use native SLDS buttons and text rather than base components, which cost more per row.
import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import type { AccountGroup, GroupView, PortfolioAccount } from 'c/portfolioModel';
import {
    describeTrend,
    formatDate,
    formatMoney,
    formatPercent,
    formatSigned,
    groupByUltimateParent,
    sparklinePath,
    tierLabel,
} from 'c/portfolioModel';

interface Navigable {
    [NavigationMixin.Navigate](pageReference: Record<string, unknown>): void;
}

interface RowView {
    id: string;
    name: string;
    openLabel: string;
    ownerName: string;
    tierText: string;
    suggestionText: string;
    scoreText: string;
    segment: string;
    hasHealth: boolean;
    healthText: string;
    bandClass: string;
    band: string;
    sparkPath: string;
    trendLabel: string;
    reviewChangeText: string;
    coverageText: string;
    nrrText: string;
    revenueText: string;
    freshness: string;
    freshnessClass: string;
    nextReviewText: string;
    signalsText: string;
    renewalAtRisk: boolean;
    whitespaceText: string;
    canAccept: boolean;
    canOverride: boolean;
    acceptLabel: string;
    acceptTitle: string;
    overrideTitle: string;
    selectable: boolean;
    selected: boolean;
    selectLabel: string;
}

interface GroupRows {
    id: string;
    hasHeader: boolean;
    heading: string;
    rollupText: string;
    rows: RowView[];
}

export const PAGE_SIZE = 50;
const SPARK_WIDTH = 64;
const SPARK_HEIGHT = 20;

const BAND_THEMES: Record<string, string> = {
    Healthy: 'slds-badge slds-theme_success',
    Watch: 'slds-badge slds-theme_warning',
    'At Risk': 'slds-badge slds-theme_error',
};

const FRESHNESS_THEMES: Record<string, string> = {
    Current: 'slds-text-color_success',
    Overdue: 'slds-text-color_error',
    Stale: 'slds-text-color_error',
    'Never reviewed': 'slds-text-color_error',
};

export default class PortfolioTable extends NavigationMixin(LightningElement) {
    @api groups: GroupView[] = [];
    @api groupByParent = false;
    @api canDecide = false;

    shownCount = PAGE_SIZE;
    selectedIds: string[] = [];
    private rows: PortfolioAccount[] = [];

    @api
    get accounts(): PortfolioAccount[] {
        return this.rows;
    }
    set accounts(value: PortfolioAccount[]) {
        this.rows = value ?? [];
        // A new view starts from the first page; selections of rows no longer shown go.
        this.shownCount = PAGE_SIZE;
        const visible = new Set(this.rows.map((row) => row.id));
        this.selectedIds = this.selectedIds.filter((id) => visible.has(id));
    }

    get hasAccounts(): boolean {
        return this.rows.length > 0;
    }

    get shownAccounts(): PortfolioAccount[] {
        return this.rows.slice(0, this.shownCount);
    }

    get canShowMore(): boolean {
        return this.shownCount < this.rows.length;
    }

    get shownText(): string {
        return `Showing ${Math.min(this.shownCount, this.rows.length)} of ${this.rows.length} accounts.`;
    }

    get showMoreLabel(): string {
        return `Show ${Math.min(PAGE_SIZE, this.rows.length - this.shownCount)} more`;
    }

    get sections(): GroupRows[] {
        const shown = this.shownAccounts;
        if (!this.groupByParent) {
            return [
                {
                    id: 'all',
                    hasHeader: false,
                    heading: '',
                    rollupText: '',
                    rows: shown.map((account) => this.rowOf(account)),
                },
            ];
        }
        return groupByUltimateParent(shown, this.groups).map((group) => ({
            id: group.id,
            hasHeader: true,
            heading: group.name,
            rollupText: rollupText(group),
            rows: group.accounts.map((account) => this.rowOf(account)),
        }));
    }

    private rowOf(account: PortfolioAccount): RowView {
        const selectable = this.canDecide && account.hasPendingSuggestion === true;
        const trend = account.trend ?? [];
        const engaged = account.engagedStakeholders;
        // Coverage is measured against the buying group's seats (the larger of the expected size
        // and the people mapped); before a recompute has set them, the people mapped stand in.
        const seats = account.buyingGroupSeats ?? account.relevantStakeholders;
        return {
            id: account.id,
            name: account.name,
            openLabel: `Open ${account.name}`,
            ownerName: account.ownerName ?? '',
            tierText: tierLabel(account.tier),
            suggestionText: account.hasPendingSuggestion
                ? `Suggested: ${account.suggestedTier ?? ''}`
                : '',
            scoreText:
                account.score === null || account.score === undefined ? '—' : String(account.score),
            segment: account.segment ?? '—',
            hasHealth: account.healthScore !== null && account.healthScore !== undefined,
            healthText:
                account.healthScore === null || account.healthScore === undefined
                    ? ''
                    : String(account.healthScore),
            bandClass: BAND_THEMES[account.healthBand ?? ''] ?? 'slds-badge',
            band: account.healthBand ?? '',
            sparkPath: sparklinePath(trend, SPARK_WIDTH, SPARK_HEIGHT),
            trendLabel: `${account.name} health trend: ${describeTrend(trend)}`,
            reviewChangeText:
                account.healthChangeSinceReview === null ||
                account.healthChangeSinceReview === undefined
                    ? ''
                    : `${formatSigned(account.healthChangeSinceReview)} since review`,
            coverageText:
                account.coverageDepth === null || account.coverageDepth === undefined
                    ? '—'
                    : `${formatPercent(account.coverageDepth)}${seats ? ` (${engaged ?? 0} of ${seats} in the buying group)` : ''}`,
            nrrText: retentionText(account),
            revenueText: formatMoney(account.revenue12Months),
            freshness: account.freshness ?? '',
            freshnessClass: FRESHNESS_THEMES[account.freshness ?? ''] ?? 'slds-text-color_weak',
            nextReviewText: account.nextReviewDate
                ? `Next review ${formatDate(account.nextReviewDate)}`
                : '',
            signalsText: account.openSignals ? `${account.openSignals} open` : 'None',
            renewalAtRisk: account.renewalAtRisk === true,
            whitespaceText: account.whitespaceIdentified
                ? `${formatMoney(account.whitespaceCaptured ?? 0)} of ${formatMoney(account.whitespaceIdentified)}`
                : '—',
            canAccept: selectable,
            canOverride: this.canDecide,
            acceptLabel: `Accept ${account.suggestedTier ?? ''}`,
            acceptTitle: `Accept ${account.suggestedTier ?? ''} for ${account.name}`,
            overrideTitle: `Override the tier of ${account.name}`,
            selectable,
            selected: this.selectedIds.includes(account.id),
            selectLabel: `Select ${account.name}`,
        };
    }

    // ------------------------------------------------------------------ selection

    get selectedCount(): number {
        return this.selectedIds.length;
    }

    get acceptSelectedLabel(): string {
        return `Accept selected (${this.selectedIds.length})`;
    }

    get acceptSelectedDisabled(): boolean {
        return this.selectedIds.length === 0;
    }

    handleSelect(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.accountId ?? '';
        const checked = (event.target as HTMLInputElement).checked;
        this.selectedIds = checked
            ? [...this.selectedIds.filter((selected) => selected !== id), id]
            : this.selectedIds.filter((selected) => selected !== id);
    }

    handleAcceptSelected(): void {
        if (this.selectedIds.length === 0) return;
        this.dispatchEvent(
            new CustomEvent('accept', { detail: { accountIds: [...this.selectedIds] } }),
        );
    }

    handleAccept(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.accountId ?? '';
        this.dispatchEvent(new CustomEvent('accept', { detail: { accountIds: [id] } }));
    }

    handleOverride(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.accountId ?? '';
        this.dispatchEvent(new CustomEvent('override', { detail: { accountId: id } }));
    }

    handleShowMore(): void {
        this.shownCount += PAGE_SIZE;
    }

    handleOpen(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.accountId ?? '';
        (this as unknown as Navigable)[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: { recordId: id, objectApiName: 'Account', actionName: 'view' },
        });
    }
}

/** An account's NRR with GRR and its band, or why it is not measured. */
export function retentionText(account: PortfolioAccount): string {
    if (account.netRevenueRetention === null || account.netRevenueRetention === undefined) {
        return account.retentionBand ? account.retentionBand : '—';
    }
    const gross =
        account.grossRevenueRetention === null || account.grossRevenueRetention === undefined
            ? ''
            : `, GRR ${formatPercent(account.grossRevenueRetention)}`;
    const band = account.retentionBand ? ` (${account.retentionBand})` : '';
    return `${formatPercent(account.netRevenueRetention)}${band}${gross}`;
}

/** The group's roll-up in words (revenue, NRR, coverage, whitespace), from HierarchyRollup. */
export function rollupText(group: AccountGroup): string {
    const rollup = group.rollup;
    if (!rollup) return '';
    const change =
        rollup.revenueChangePercent === null || rollup.revenueChangePercent === undefined
            ? ''
            : ` (${formatSigned(rollup.revenueChangePercent)}% on the prior year)`;
    return (
        `Roll-up of ${rollup.accounts} account${rollup.accounts === 1 ? '' : 's'}: ` +
        `revenue ${formatMoney(rollup.revenue12Months)}${change} · ` +
        `NRR ${formatPercent(rollup.netRevenueRetention)} · ` +
        `GRR ${formatPercent(rollup.grossRevenueRetention)} · ` +
        `buying-group coverage ${formatPercent(rollup.coveragePercent)} · ` +
        `whitespace ${formatMoney(rollup.whitespaceCaptured)} captured of ${formatMoney(rollup.whitespaceIdentified)}`
    );
}
