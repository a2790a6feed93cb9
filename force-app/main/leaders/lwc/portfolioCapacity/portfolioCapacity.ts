// Capacity per manager: each manager's Tier 1 accounts against the policy band (default 3 to 10,
// TierPolicy__mdt), as the server's capacity check sets the status. A bar per manager, with the
// figures and status as text beside it.
import { LightningElement, api } from 'lwc';
import type { CapacityRow, PortfolioSettings } from 'c/portfolioModel';

interface ManagerRow extends CapacityRow {
    name: string;
    barStyle: string;
    barLabel: string;
    badgeClass: string;
    detail: string;
}

const STATUS_THEMES: Record<string, string> = {
    'Over capacity': 'slds-badge slds-theme_error',
    'Under minimum': 'slds-badge slds-theme_warning',
    'Within policy': 'slds-badge slds-theme_success',
};

export default class PortfolioCapacity extends LightningElement {
    @api capacity: CapacityRow[] = [];
    @api settings?: PortfolioSettings;

    get hasRows(): boolean {
        return this.capacity.length > 0;
    }

    get policyText(): string {
        const settings = this.settings;
        if (!settings) return '';
        const maximum =
            settings.tier1MaxPerManager >= 9999
                ? 'no maximum'
                : `at most ${settings.tier1MaxPerManager}`;
        return `Policy: at least ${settings.tier1MinPerManager} and ${maximum} Tier 1 accounts per manager.`;
    }

    get rows(): ManagerRow[] {
        const maximum = this.settings?.tier1MaxPerManager ?? 10;
        const scale = Math.max(
            maximum < 9999 ? maximum : 0,
            ...this.capacity.map((row) => row.tier1Count),
            1,
        );
        return [...this.capacity]
            .sort(
                (a, b) =>
                    b.tier1Count - a.tier1Count ||
                    (a.managerName ?? '').localeCompare(b.managerName ?? ''),
            )
            .map((row) => {
                const name = row.managerName ?? 'Unknown manager';
                return {
                    ...row,
                    name,
                    barStyle: `width: ${Math.round((row.tier1Count / scale) * 100)}%;`,
                    barLabel: `${name}: ${row.tier1Count} Tier 1 accounts`,
                    badgeClass: STATUS_THEMES[row.status] ?? 'slds-badge',
                    detail: `${row.tier1Count} Tier 1 of ${row.keyAccountCount} key accounts`,
                };
            });
    }
}
