// The hierarchy roll-up on a parent account's page: what its subsidiaries (up to five levels
// down) add up to — revenue and its change, net revenue retention, whitespace captured of
// identified, coverage — and the group total with the account itself, from one cacheable read
// (AccountRollupController, rolled up by HierarchyRollup). The subsidiaries are listed below,
// each with its own figures and a link. An account without subsidiaries says so in one line.
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { NavigationMixin } from 'lightning/navigation';
import getRollup from '@salesforce/apex/AccountRollupController.getRollup';
import { parseSaveError } from 'c/keystoneSaveErrors';
import { loadStateOf, reloadOnPageRefresh, stopReloadingOnPageRefresh } from 'c/keystoneUi';
import type { LoadState } from 'c/keystoneUi';
import type { Rollup } from 'c/portfolioModel';
import { formatMoney, formatPercent, formatSigned, tierLabel } from 'c/portfolioModel';

interface SubsidiaryRow {
    id: string;
    name: string;
    parentId?: string | null;
    depth: number;
    tier?: string | null;
    hasPlan?: boolean;
    revenue12Months?: number | null;
    revenuePrior12Months?: number | null;
    netRevenueRetention?: number | null;
    whitespaceIdentified?: number | null;
    whitespaceCaptured?: number | null;
    engagedStakeholders?: number | null;
    relevantStakeholders?: number | null;
    coverageDepth?: number | null;
}

/** AccountRollupController.RollupView */
export interface RollupData {
    accountId: string;
    accountName: string;
    subsidiaryCount: number;
    truncated?: boolean;
    subsidiaryLimit?: number;
    subsidiaryRollup: Rollup;
    groupRollup: Rollup;
    self: SubsidiaryRow;
    subsidiaries: SubsidiaryRow[];
}

interface WiredRollup {
    data?: RollupData;
    error?: unknown;
}

interface Navigable {
    [NavigationMixin.Navigate](pageReference: Record<string, unknown>): void;
}

interface Figure {
    key: string;
    label: string;
    subsidiaries: string;
    group: string;
}

export default class AccountHierarchyRollup extends NavigationMixin(LightningElement) {
    @api recordId?: string;

    data?: RollupData;
    loadErrors: string[] = [];
    wiredResult?: WiredRollup;
    private pageRefreshId?: number;

    override connectedCallback(): void {
        this.pageRefreshId = reloadOnPageRefresh(this, async () => {
            if (this.wiredResult) await refreshApex(this.wiredResult);
        });
    }

    override disconnectedCallback(): void {
        stopReloadingOnPageRefresh(this.pageRefreshId);
    }

    @wire(getRollup, { accountId: '$recordId' })
    wiredRollup(result: WiredRollup): void {
        this.wiredResult = result;
        if (result.data) {
            this.data = result.data;
            this.loadErrors = [];
        } else if (result.error) {
            this.data = undefined;
            this.loadErrors = [parseSaveError(result.error).message];
        }
    }

    get load(): LoadState {
        return loadStateOf(Boolean(this.data), this.loadErrors);
    }

    get hasSubsidiaries(): boolean {
        return (this.data?.subsidiaryCount ?? 0) > 0;
    }

    get hasNoSubsidiaries(): boolean {
        return Boolean(this.data) && !this.hasSubsidiaries;
    }

    get summary(): string {
        const count = this.data?.subsidiaryCount ?? 0;
        return `${count} subsidiar${count === 1 ? 'y' : 'ies'} below ${this.data?.accountName ?? 'this account'}, up to five levels down.`;
    }

    get truncatedText(): string {
        return this.data?.truncated
            ? `Only the first ${this.data.subsidiaryLimit ?? ''} subsidiaries are rolled up.`
            : '';
    }

    get figures(): Figure[] {
        const below = this.data?.subsidiaryRollup;
        const group = this.data?.groupRollup;
        if (!below || !group) return [];
        const revenue = (rollup: Rollup): string => {
            const change =
                rollup.revenueChangePercent === null || rollup.revenueChangePercent === undefined
                    ? ''
                    : ` (${formatSigned(rollup.revenueChangePercent)}%)`;
            return `${formatMoney(rollup.revenue12Months)}${change}`;
        };
        const whitespace = (rollup: Rollup): string =>
            `${formatMoney(rollup.whitespaceCaptured)} of ${formatMoney(rollup.whitespaceIdentified)}`;
        const nrr = (rollup: Rollup): string =>
            rollup.netRevenueRetention === null || rollup.netRevenueRetention === undefined
                ? 'Not measured yet'
                : `${formatPercent(rollup.netRevenueRetention)} (${rollup.accountsWithNetRevenueRetention} accounts)`;
        const coverage = (rollup: Rollup): string =>
            rollup.coveragePercent === null || rollup.coveragePercent === undefined
                ? 'Nobody mapped'
                : `${formatPercent(rollup.coveragePercent)} (${rollup.engagedStakeholders} of ${rollup.relevantStakeholders})`;
        return [
            {
                key: 'revenue',
                label: 'Revenue, last 12 months',
                subsidiaries: revenue(below),
                group: revenue(group),
            },
            {
                key: 'nrr',
                label: 'Net revenue retention',
                subsidiaries: nrr(below),
                group: nrr(group),
            },
            {
                key: 'whitespace',
                label: 'Whitespace captured of identified',
                subsidiaries: whitespace(below),
                group: whitespace(group),
            },
            {
                key: 'coverage',
                label: 'Stakeholder coverage',
                subsidiaries: coverage(below),
                group: coverage(group),
            },
        ];
    }

    get rows(): {
        id: string;
        name: string;
        indentClass: string;
        tier: string;
        revenue: string;
        nrr: string;
        coverage: string;
        whitespace: string;
    }[] {
        return (this.data?.subsidiaries ?? []).map((row) => ({
            id: row.id,
            name: row.name,
            indentClass: `slds-cell-wrap ks-depth-${Math.min(row.depth, 5)}`,
            tier: tierLabel(row.tier),
            revenue: row.hasPlan ? formatMoney(row.revenue12Months) : 'No plan',
            nrr: formatPercent(row.netRevenueRetention),
            coverage: formatPercent(row.coverageDepth),
            whitespace: row.whitespaceIdentified
                ? `${formatMoney(row.whitespaceCaptured ?? 0)} of ${formatMoney(row.whitespaceIdentified)}`
                : '—',
        }));
    }

    handleOpen(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.accountId ?? '';
        (this as unknown as Navigable)[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: { recordId: id, objectApiName: 'Account', actionName: 'view' },
        });
    }
}
