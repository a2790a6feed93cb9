// Revenue concentration: how much of the portfolio's revenue (won in the last 12 months) the
// largest accounts carry, for the accounts in view: top 5, top 10, the top fifth, and the ten
// largest with their cumulative share. Bars with the figures as text.
import { LightningElement, api } from 'lwc';
import type { Concentration, PortfolioAccount } from 'c/portfolioModel';
import { formatMoney, revenueConcentration } from 'c/portfolioModel';

export default class PortfolioConcentration extends LightningElement {
    @api accounts: PortfolioAccount[] = [];

    get concentration(): Concentration {
        return revenueConcentration(this.accounts);
    }

    get hasRevenue(): boolean {
        return this.concentration.total > 0;
    }

    get totalText(): string {
        const { total, accountsWithRevenue } = this.concentration;
        return `${formatMoney(total)} won in the last 12 months across ${accountsWithRevenue} accounts.`;
    }

    get rows(): { label: string; text: string; barStyle: string; barLabel: string }[] {
        return this.concentration.rows.map((row) => ({
            label: row.label,
            text: `${row.share}% (${formatMoney(row.revenue)})`,
            barStyle: `width: ${Math.min(100, row.share)}%;`,
            barLabel: `${row.label}: ${row.share}% of revenue`,
        }));
    }

    get top(): { id: string; name: string; text: string }[] {
        return this.concentration.top.map((account) => ({
            id: account.id,
            name: account.name,
            text: `${formatMoney(account.revenue)} · ${account.share}% · cumulative ${account.cumulativeShare}%`,
        }));
    }
}
