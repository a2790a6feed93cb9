// The relationship map on the Account page: who is who at the customer, how they report to and
// influence each other, how they feel about us, who on our side owns each relationship, and
// what coverage that adds up to. One cacheable Apex read loads it.
//
// It is composed of small parts, each with its own tests: the coverage summary (what the scoring
// engine computes over the people on the map), the map canvas (the org chart of person cards),
// the people table (the chart's text equivalent) and the edit form (add, edit, remove). This
// component loads the data, computes coverage, keeps the people in step with every save, and
// moves someone under a new manager at once when they are dragged (putting them back if the
// save fails).
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { loadScript } from 'lightning/platformResourceLoader';
import D3_URL from '@salesforce/resourceUrl/d3';
import getRelationshipMap from '@salesforce/apex/RelationshipMapController.getRelationshipMap';
import setReportsTo from '@salesforce/apex/RelationshipMapController.setReportsTo';
import { calculateCoverage, parseDate } from 'c/keystoneEngine';
import type { BuyingGroupInput, CoverageConfig, CoverageResult } from 'c/keystoneEngine';
import { reduceErrors } from 'c/keystoneErrors';
import { parseSaveError } from 'c/keystoneSaveErrors';
import {
    announceRecordChange,
    loadStateOf,
    reloadOnPageRefresh,
    stopReloadingOnPageRefresh,
} from 'c/keystoneUi';
import type { LoadState } from 'c/keystoneUi';
import { buyingGroupOf, toActivityInputs, toStakeholderInput } from 'c/relationshipMapModel';
import type { RelationshipMapData, StakeholderView } from 'c/relationshipMapModel';

interface WiredMap {
    data?: RelationshipMapData;
    error?: unknown;
}

interface Focusable {
    focusPerson(id: string): void;
}

interface AskRemove {
    askRemove(): void;
}

export default class RelationshipMap extends LightningElement {
    @api recordId?: string;
    /** App Builder: "Top levels" (those that fit the map's width) or "Every team". */
    @api openBranches = 'Top levels';

    data?: RelationshipMapData;
    people: StakeholderView[] = [];
    loadErrors: string[] = [];
    wiredResult?: WiredMap;
    private pageRefreshId?: number;

    coverage?: CoverageResult;
    coverageError = '';
    view: 'map' | 'table' = 'map';
    chartError = '';
    actionError = '';
    statusMessage = '';

    /** The coverage summary and the canvas come from the frame after the first render. */
    partsWanted = false;
    private partsFrame = 0;

    formOpen = false;
    editingId = '';
    presetRole = '';
    private removeOnOpen = false;

    override connectedCallback(): void {
        this.pageRefreshId = reloadOnPageRefresh(this, () => this.refresh());
        // LWC sends a wire's request only after the component's first render, so everything in
        // that render delays the data. The first render is the card and its loading line; the
        // coverage summary and the canvas follow in the next frame, while the request is on its
        // way (or at once when the data is already there), and the data's arrival only fills
        // them in. d3 starts downloading now: the canvas loads the same URL, which is fetched
        // once, and reports a failure itself.
        loadScript(this, D3_URL).catch(() => undefined);
        this.partsFrame = requestAnimationFrame(() => {
            this.partsFrame = 0;
            this.partsWanted = true;
        });
    }

    override disconnectedCallback(): void {
        stopReloadingOnPageRefresh(this.pageRefreshId);
        if (this.partsFrame) cancelAnimationFrame(this.partsFrame);
        this.partsFrame = 0;
    }

    override renderedCallback(): void {
        if (this.removeOnOpen) {
            this.removeOnOpen = false;
            (this.refs?.form as unknown as AskRemove | undefined)?.askRemove();
        }
    }

    @wire(getRelationshipMap, { accountId: '$recordId' })
    wiredMap(result: WiredMap): void {
        this.wiredResult = result;
        const { data, error } = result;
        if (data) {
            this.data = data;
            this.setPeople(data.stakeholders.map((person) => ({ ...person })));
            this.loadErrors = [];
        } else if (error) {
            this.data = undefined;
            this.setPeople([]);
            this.loadErrors = [parseSaveError(error).message];
        }
    }

    /** The people on the map and the engine's coverage of them. */
    private setPeople(people: StakeholderView[]): void {
        this.people = people;
        const data = this.data;
        if (!data) {
            this.coverage = undefined;
            return;
        }
        try {
            this.coverage = calculateCoverage(
                people.map(toStakeholderInput),
                toActivityInputs(people),
                parseDate(data.today, 'today'),
                data.settings,
                this.buyingGroup,
            );
            this.coverageError = '';
        } catch (error) {
            this.coverage = undefined;
            this.coverageError = `Coverage could not be worked out: ${reduceErrors(error).join(' ')}`;
        }
    }

    // ------------------------------------------------------------------ template state

    /** The active plan's expected buying-group size, tier and segment (none: the default). */
    get buyingGroup(): BuyingGroupInput {
        return buyingGroupOf(this.data?.plan);
    }

    get load(): LoadState {
        return loadStateOf(Boolean(this.data), this.loadErrors);
    }

    get isLoaded(): boolean {
        return Boolean(this.data);
    }

    /** The parts come a frame after the first render (see connectedCallback). */
    private get partsShown(): boolean {
        return this.partsWanted || this.isLoaded;
    }

    get showsCoverage(): boolean {
        return this.partsShown && !this.load.hasLoadError;
    }

    get settings(): CoverageConfig | undefined {
        return this.data?.settings;
    }

    get isEmpty(): boolean {
        return Boolean(this.data) && this.people.length === 0;
    }

    get hasPeople(): boolean {
        return this.people.length > 0;
    }

    get today(): string {
        return this.data?.today ?? '';
    }

    get windowDays(): number {
        return this.data?.settings.engagementWindowDays ?? 90;
    }

    get canCreate(): boolean {
        return this.data?.canCreate === true;
    }

    get cannotCreate(): boolean {
        return !this.canCreate;
    }

    get canEdit(): boolean {
        return this.data?.canEdit === true;
    }

    get canDelete(): boolean {
        return this.data?.canDelete === true;
    }

    get storedCoverage(): number | null {
        return this.data?.plan?.coverageDepth ?? null;
    }

    get showsMap(): boolean {
        return this.view === 'map' && !this.chartError;
    }

    get showsCanvas(): boolean {
        return this.partsShown && this.showsMap;
    }

    get showsTable(): boolean {
        return !this.showsMap && this.hasPeople;
    }

    get mapPressed(): string {
        return String(this.view === 'map');
    }

    get tablePressed(): string {
        return String(this.view === 'table');
    }

    get mapButtonClass(): string {
        return this.view === 'map'
            ? 'slds-button slds-button_brand'
            : 'slds-button slds-button_neutral';
    }

    get tableButtonClass(): string {
        return this.view === 'table'
            ? 'slds-button slds-button_brand'
            : 'slds-button slds-button_neutral';
    }

    get truncatedNotice(): string {
        return this.data?.truncated
            ? `The map shows the first ${this.people.length} people of this account.`
            : '';
    }

    get editingPerson(): StakeholderView | undefined {
        return this.people.find((person) => person.id === this.editingId);
    }

    // ------------------------------------------------------------------ events from the parts

    handleShowMap(): void {
        this.view = 'map';
    }

    handleShowTable(): void {
        this.view = 'table';
    }

    handleChartUnavailable(): void {
        this.chartError =
            'The chart could not be drawn in this browser. The table lists everyone on the map.';
    }

    handleAdd(): void {
        this.openForm('', '');
    }

    handleAddSeat(event: CustomEvent<{ role: string }>): void {
        this.openForm('', event.detail.role);
    }

    handlePersonSelect(event: CustomEvent<{ id: string }>): void {
        if (this.canEdit) this.openForm(event.detail.id, '');
    }

    handlePersonRemove(event: CustomEvent<{ id: string }>): void {
        this.openForm(event.detail.id, '');
        this.removeOnOpen = true;
    }

    private openForm(id: string, role: string): void {
        this.editingId = id;
        this.presetRole = role;
        this.formOpen = true;
    }

    handleFormClose(): void {
        this.closeForm();
    }

    private closeForm(): void {
        const back = this.editingId;
        this.formOpen = false;
        this.editingId = '';
        if (back && this.showsMap && this.hasPeople) {
            (this.refs?.canvas as unknown as Focusable | undefined)?.focusPerson(back);
        }
    }

    async handleSaved(event: CustomEvent<{ id: string; name: string }>): Promise<void> {
        this.closeForm();
        this.dispatchEvent(
            new ShowToastEvent({ title: `${event.detail.name} was saved.`, variant: 'success' }),
        );
        await this.afterWrite();
    }

    async handleRemoved(event: CustomEvent<{ id: string; name: string }>): Promise<void> {
        const { id, name } = event.detail;
        this.editingId = '';
        this.formOpen = false;
        this.setPeople(
            this.people
                .filter((person) => person.id !== id)
                .map((person) => ({
                    ...person,
                    reportsToId: person.reportsToId === id ? null : person.reportsToId,
                    influencesId: person.influencesId === id ? null : person.influencesId,
                })),
        );
        this.statusMessage = `${name} was removed from the map.`;
        await this.afterWrite();
    }

    /** Optimistic: the map moves at once; a failed save puts the line back and says why. */
    async handleReportsToChange(
        event: CustomEvent<{ personId: string; managerId: string | null }>,
    ): Promise<void> {
        const { personId, managerId } = event.detail;
        const before = this.people;
        const person = before.find((each) => each.id === personId);
        if (!person || person.reportsToId === managerId) return;
        const managerName = managerId
            ? before.find((each) => each.id === managerId)?.name
            : undefined;
        this.actionError = '';
        this.setPeople(
            before.map((each) =>
                each.id === personId ? { ...each, reportsToId: managerId } : each,
            ),
        );
        try {
            await setReportsTo({ stakeholderId: personId, managerStakeholderId: managerId });
            this.statusMessage = managerName
                ? `${person.name} now reports to ${managerName}.`
                : `${person.name} no longer reports to anyone on the map.`;
            void this.afterWrite();
        } catch (error) {
            this.setPeople(before);
            this.actionError = `${person.name} could not be moved: ${parseSaveError(error).message}`;
        }
    }

    /** After a successful write: the rest of the page reloads, and so does this component. */
    private async afterWrite(): Promise<void> {
        announceRecordChange(this);
        await this.refresh();
    }

    private async refresh(): Promise<void> {
        if (this.wiredResult) {
            try {
                await refreshApex(this.wiredResult);
            } catch {
                // The map already shows the change; a failed refresh only delays fresh figures.
            }
        }
    }
}
