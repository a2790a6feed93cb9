// The portfolio's filters: team (role hierarchy or one of the leader's groups), manager, tier,
// health band, segment, order, and grouping by ultimate parent. Each change is one
// 'filterchange' event ({ key, value }) or a 'teamchange' event; the portfolio holds the state.
import { LightningElement, api } from 'lwc';
import type { Filters, Option } from 'c/portfolioModel';
import {
    ANY,
    BAND_OPTIONS,
    SEGMENT_OPTIONS,
    SORT_OPTIONS,
    TIER_OPTIONS,
    defaultFilters,
} from 'c/portfolioModel';

export default class PortfolioFilters extends LightningElement {
    @api filters: Filters = defaultFilters();
    @api teams: Option[] = [];
    @api teamId = '';
    @api managers: Option[] = [];

    tierOptions = TIER_OPTIONS;
    bandOptions = BAND_OPTIONS;
    segmentOptions = SEGMENT_OPTIONS;
    sortOptions = SORT_OPTIONS;

    get managerOptions(): Option[] {
        return [{ value: ANY, label: 'All managers' }, ...this.managers];
    }

    get hasTeams(): boolean {
        return this.teams.length > 1;
    }

    handleTeam(event: CustomEvent<{ value: string }>): void {
        this.dispatchEvent(
            new CustomEvent('teamchange', { detail: { teamId: event.detail.value } }),
        );
    }

    handleChange(event: CustomEvent<{ value: string }>): void {
        const key = (event.currentTarget as HTMLElement).dataset.key ?? '';
        this.dispatchEvent(
            new CustomEvent('filterchange', { detail: { key, value: event.detail.value } }),
        );
    }

    handleGroup(event: Event): void {
        const checked = (event.target as HTMLInputElement).checked;
        this.dispatchEvent(
            new CustomEvent('filterchange', { detail: { key: 'groupByParent', value: checked } }),
        );
    }
}
