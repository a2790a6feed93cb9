// The whitespace totals the scoring engine works out over the cells shown: what is identified,
// what it is worth weighted by probability, what has been captured (won), and that as a share.
// Light DOM: it is on the grid's first render and has nothing private to hide.
import { LightningElement, api } from 'lwc';
import type { WhitespaceTotals } from 'c/keystoneEngine';
import { formatMoney } from 'c/whitespaceModel';

export default class WhitespaceTotalsView extends LightningElement {
    static override renderMode = 'light' as const;

    @api totals?: WhitespaceTotals;
    /** The status filter hides some statuses: the totals cover the ones shown. */
    @api filtered = false;
    /** Why the totals could not be worked out, if they could not. */
    @api errorText = '';

    get heading(): string {
        return this.filtered ? 'Totals of the statuses shown' : 'Totals';
    }

    get identifiedText(): string {
        return formatMoney(this.totals?.identified ?? 0);
    }

    get weightedText(): string {
        return formatMoney(this.totals?.weighted ?? 0);
    }

    get capturedText(): string {
        return formatMoney(this.totals?.captured ?? 0);
    }

    get captureShareText(): string {
        return `${this.totals?.capturePercent ?? 0}% of what was identified`;
    }
}
