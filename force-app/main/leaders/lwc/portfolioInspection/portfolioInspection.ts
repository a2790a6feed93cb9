// The leaders' inspection lists, one click away: decisions waiting, stale plans,
// single-threaded accounts and at-risk renewals, each with its count. Choosing one narrows the
// portfolio's table to it ('inspect' event); choosing it again shows every account.
import { LightningElement, api } from 'lwc';
import type { InspectionKey, InspectionList } from 'c/portfolioModel';

interface ListButton extends InspectionList {
    pressed: string;
    buttonClass: string;
    title: string;
}

export default class PortfolioInspection extends LightningElement {
    @api lists: InspectionList[] = [];
    @api active: InspectionKey | '' = '';

    get buttons(): ListButton[] {
        return this.lists.map((list) => {
            const isActive = list.key === this.active;
            return {
                ...list,
                pressed: String(isActive),
                buttonClass: `slds-button ${isActive ? 'slds-button_brand' : 'slds-button_neutral'} slds-m-right_x-small slds-m-bottom_x-small`,
                title: `${list.label}: ${list.count}. ${list.description}`,
            };
        });
    }

    get activeDescription(): string {
        return this.lists.find((list) => list.key === this.active)?.description ?? '';
    }

    handleClick(event: Event): void {
        const key = (event.currentTarget as HTMLElement).dataset.key as InspectionKey;
        this.dispatchEvent(
            new CustomEvent('inspect', { detail: { key: key === this.active ? '' : key } }),
        );
    }
}
