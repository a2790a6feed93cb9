// The whitespace grid's legend, which is also its filter: each status with its marker and what it
// means, and a checkbox that shows or hides that status in the grid and its totals; the heat tint
// explained. The container keeps the selection.
import { LightningElement, api } from 'lwc';
import { STATUS_STYLES } from 'c/whitespaceModel';
import type { Option } from 'c/whitespaceModel';

export default class WhitespaceLegend extends LightningElement {
    /** The statuses, in picklist order. */
    @api statuses: Option[] = [];
    /** The statuses shown. */
    @api selected: string[] = [];

    get items(): {
        value: string;
        label: string;
        inputId: string;
        checked: boolean;
        markerClass: string;
        description: string;
    }[] {
        const selected = new Set(this.selected);
        return this.statuses.map((option, index) => ({
            value: option.value,
            label: STATUS_STYLES[option.value]?.short ?? option.label,
            inputId: `status-${index}`,
            checked: selected.has(option.value),
            markerClass: `ks-marker ${STATUS_STYLES[option.value]?.marker ?? 'ks-marker_none'}`,
            description: STATUS_STYLES[option.value]?.description ?? '',
        }));
    }

    get isFiltered(): boolean {
        return this.selected.length < this.statuses.length;
    }

    handleToggle(event: Event): void {
        const input = event.target as HTMLInputElement;
        const next = new Set(this.selected);
        if (input.checked) next.add(input.value);
        else next.delete(input.value);
        this.emit(this.statuses.map((option) => option.value).filter((value) => next.has(value)));
    }

    handleShowAll(): void {
        this.emit(this.statuses.map((option) => option.value));
    }

    private emit(statuses: string[]): void {
        this.dispatchEvent(new CustomEvent('filterchange', { detail: { statuses } }));
    }
}
