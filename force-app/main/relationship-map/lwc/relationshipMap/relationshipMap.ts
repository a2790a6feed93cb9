// The relationship map on the Account page: who is who at the customer, how they report and
// influence each other, how they feel about us, who on our side owns each relationship, and
// what coverage that adds up to. One cacheable Apex read loads it; the coverage summary and
// the empty buying-role seats are computed in the browser by the scoring engine.
//
// Drawing: d3 (static resource, loaded with loadScript) computes the layout once per data
// change; the template renders the SVG from it. Zoom, pan and the drag ghost change one
// transform attribute, so 300 people never re-render per frame. Every visual has a keyboard
// path (arrow keys between people, Enter to edit, "Reports to" in the form) and a text
// equivalent (the table view, the legend, each person's accessible name).
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { loadScript } from 'lightning/platformResourceLoader';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import D3_URL from '@salesforce/resourceUrl/d3';
import getRelationshipMap from '@salesforce/apex/RelationshipMapController.getRelationshipMap';
import saveStakeholder from '@salesforce/apex/RelationshipMapController.saveStakeholder';
import removeStakeholder from '@salesforce/apex/RelationshipMapController.removeStakeholder';
import setReportsTo from '@salesforce/apex/RelationshipMapController.setReportsTo';
import ACCOUNT_FIELD from '@salesforce/schema/Stakeholder__c.Account__c';
import CONTACT_FIELD from '@salesforce/schema/Stakeholder__c.Contact__c';
import BUYING_ROLE_FIELD from '@salesforce/schema/Stakeholder__c.BuyingRole__c';
import SENTIMENT_FIELD from '@salesforce/schema/Stakeholder__c.Sentiment__c';
import INFLUENCE_FIELD from '@salesforce/schema/Stakeholder__c.Influence__c';
import STRENGTH_FIELD from '@salesforce/schema/Stakeholder__c.RelationshipStrength__c';
import AUTHORITY_FIELD from '@salesforce/schema/Stakeholder__c.DecisionAuthority__c';
import FUNCTION_FIELD from '@salesforce/schema/Stakeholder__c.Function__c';
import LEVEL_FIELD from '@salesforce/schema/Stakeholder__c.Level__c';
import OWNER_FIELD from '@salesforce/schema/Stakeholder__c.InternalOwner__c';
import REPORTS_TO_FIELD from '@salesforce/schema/Stakeholder__c.ReportsTo__c';
import INFLUENCES_FIELD from '@salesforce/schema/Stakeholder__c.Influences__c';
import LEFT_FIELD from '@salesforce/schema/Stakeholder__c.LeftCompany__c';
import RELEVANT_FIELD from '@salesforce/schema/Stakeholder__c.RelevantToBuyingGroup__c';
import NOTES_FIELD from '@salesforce/schema/Stakeholder__c.Notes__c';
import CONTACT_FIRST_NAME_FIELD from '@salesforce/schema/Contact.FirstName';
import CONTACT_LAST_NAME_FIELD from '@salesforce/schema/Contact.LastName';
import CONTACT_TITLE_FIELD from '@salesforce/schema/Contact.Title';
import CONTACT_EMAIL_FIELD from '@salesforce/schema/Contact.Email';
import { calculateCoverage, parseDate } from 'c/keystoneEngine';
import type { CoverageResult } from 'c/keystoneEngine';
import { reduceErrors } from 'c/keystoneErrors';
import { firstMessages, parseSaveError } from 'c/keystoneSaveErrors';
import {
    announceRecordChange,
    loadStateOf,
    reloadOnPageRefresh,
    stopReloadingOnPageRefresh,
} from 'c/keystoneUi';
import type { LoadState } from 'c/keystoneUi';
import type { D3Layout, MapLayout } from './layout';
import { layoutMap, neighbour, personAt } from './layout';
import type { Option, RelationshipMapData, StakeholderView } from './model';
import {
    descendantsOf,
    initials,
    isCold,
    radiusFor,
    roleAbbreviation,
    sentimentClass,
    toActivityInputs,
    toStakeholderInput,
} from './model';

type SchemaField = { objectApiName: string; fieldApiName?: string };

interface WiredMap {
    data?: RelationshipMapData;
    error?: unknown;
}

interface Transform {
    k: number;
    x: number;
    y: number;
}

interface NodeView {
    id: string;
    transform: string;
    r: number;
    circleClass: string;
    roleText: string;
    roleY: number;
    name: string;
    nameY: number;
    meta: string;
    metaY: number;
    marker: string;
    markerY: number;
    markerClass: string;
    ariaLabel: string;
    groupClass: string;
    tabIndex: string;
}

interface FormField {
    key: string;
    label: string;
    value: string | boolean;
    options: Option[];
    isCombobox: boolean;
    isCheckbox: boolean;
    isTextarea: boolean;
    isText: boolean;
    required: boolean;
    error: string;
    wrapperClass: string;
    errorId: string;
}

interface PointerState {
    mode: 'none' | 'node' | 'pan';
    pointerId: number;
    startX: number;
    startY: number;
    nodeId: string;
    moved: boolean;
    origin: Transform;
    /** People the dragged person may not report to (themselves and everyone below them). */
    excluded: Set<string>;
}

type Draft = Record<string, string | boolean>;

const MAP_HEIGHT = 480;
// Low enough that fit-to-view shows a wide org of 300 at once; zoom in to read the names.
const MIN_ZOOM = 0.03;
const MAX_ZOOM = 3;
const DRAG_THRESHOLD = 4;
const NEW_CONTACT = '__new__';
const NONE = '';

/** Form keys of the stakeholder fields the modal edits, with the field each one saves to. */
const STAKEHOLDER_FIELDS: { key: string; label: string; field: SchemaField; picklist?: string }[] =
    [
        {
            key: 'buyingRole',
            label: 'Buying role',
            field: BUYING_ROLE_FIELD,
            picklist: 'buyingRole',
        },
        { key: 'sentiment', label: 'Sentiment', field: SENTIMENT_FIELD, picklist: 'sentiment' },
        { key: 'influence', label: 'Influence', field: INFLUENCE_FIELD, picklist: 'influence' },
        {
            key: 'relationshipStrength',
            label: 'Relationship strength',
            field: STRENGTH_FIELD,
            picklist: 'relationshipStrength',
        },
        {
            key: 'decisionAuthority',
            label: 'Decision authority',
            field: AUTHORITY_FIELD,
            picklist: 'decisionAuthority',
        },
        {
            key: 'businessFunction',
            label: 'Function',
            field: FUNCTION_FIELD,
            picklist: 'businessFunction',
        },
        { key: 'level', label: 'Level', field: LEVEL_FIELD, picklist: 'level' },
        { key: 'internalOwnerId', label: 'Relationship owner (our side)', field: OWNER_FIELD },
        { key: 'reportsToId', label: 'Reports to', field: REPORTS_TO_FIELD },
        { key: 'influencesId', label: 'Influences', field: INFLUENCES_FIELD },
        { key: 'leftCompany', label: 'Has left the company', field: LEFT_FIELD },
        {
            key: 'relevantToBuyingGroup',
            label: 'Relevant to the buying group',
            field: RELEVANT_FIELD,
        },
        { key: 'notes', label: 'Relationship notes', field: NOTES_FIELD },
    ];

const CONTACT_FIELDS: { key: string; label: string; field: SchemaField; required: boolean }[] = [
    { key: 'newFirstName', label: 'First name', field: CONTACT_FIRST_NAME_FIELD, required: false },
    { key: 'newLastName', label: 'Last name', field: CONTACT_LAST_NAME_FIELD, required: true },
    { key: 'newTitle', label: 'Title', field: CONTACT_TITLE_FIELD, required: false },
    { key: 'newEmail', label: 'Email', field: CONTACT_EMAIL_FIELD, required: false },
];

const CHECKBOX_KEYS = ['leftCompany', 'relevantToBuyingGroup'];

const TABLE_COLUMNS = [
    { label: 'Name', fieldName: 'name', type: 'text' },
    { label: 'Title', fieldName: 'title', type: 'text' },
    { label: 'Buying role', fieldName: 'buyingRole', type: 'text' },
    { label: 'Sentiment', fieldName: 'sentiment', type: 'text' },
    { label: 'Influence', fieldName: 'influence', type: 'text' },
    { label: 'Strength', fieldName: 'relationshipStrength', type: 'text' },
    { label: 'Function', fieldName: 'businessFunction', type: 'text' },
    { label: 'Reports to', fieldName: 'reportsToName', type: 'text' },
    { label: 'Influences', fieldName: 'influencesName', type: 'text' },
    { label: 'Owner', fieldName: 'internalOwnerName', type: 'text' },
    { label: 'Last engaged', fieldName: 'lastEngagedDate', type: 'date-local' },
    { label: 'Engagements (90 days)', fieldName: 'engagementCount90Days', type: 'number' },
    { label: 'Status', fieldName: 'status', type: 'text' },
];

function fieldName(field: SchemaField): string {
    return field.fieldApiName ?? '';
}

function truncate(text: string, length: number): string {
    return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function clamp(value: number, min: number, max: number): number {
    return Math.min(max, Math.max(min, value));
}

export default class RelationshipMap extends LightningElement {
    @api recordId?: string;

    data?: RelationshipMapData;
    people: StakeholderView[] = [];
    loadErrors: string[] = [];
    wiredResult?: WiredMap;
    private pageRefreshId?: number;

    d3?: D3Layout;
    chartError = '';
    view: 'map' | 'table' = 'map';
    layout?: MapLayout;
    baseNodes: NodeView[] = [];
    coverage?: CoverageResult;
    coverageError = '';
    focusedId = '';
    dropTargetId = '';
    draggingName = '';
    actionError = '';
    statusMessage = '';

    // Edit modal
    modalOpen = false;
    editingId = '';
    draft: Draft = {};
    fieldErrors: Record<string, string> = {};
    formError = '';
    saving = false;
    confirmingRemove = false;

    private transform: Transform = { k: 1, x: 0, y: 0 };
    private pointer: PointerState = {
        mode: 'none',
        pointerId: -1,
        startX: 0,
        startY: 0,
        nodeId: '',
        moved: false,
        origin: { k: 1, x: 0, y: 0 },
        excluded: new Set<string>(),
    };
    private needsFit = false;
    private focusAfterRender = '';
    private focusModalAfterRender = false;
    private returnFocusTo = '';

    override connectedCallback(): void {
        this.pageRefreshId = reloadOnPageRefresh(this, () => this.refresh());
        loadScript(this, D3_URL)
            .then(() => {
                const d3 = (window as unknown as { d3?: D3Layout }).d3;
                if (!d3) throw new Error('d3 did not register itself.');
                this.d3 = d3;
                this.rebuild(true);
            })
            .catch(() => {
                this.chartError =
                    'The chart could not be drawn in this browser. The table below lists everyone on the map.';
                this.view = 'table';
            });
    }

    @wire(getRelationshipMap, { accountId: '$recordId' })
    wiredMap(result: WiredMap): void {
        this.wiredResult = result;
        const { data, error } = result;
        if (data) {
            this.data = data;
            this.people = data.stakeholders.map((person) => ({ ...person }));
            this.loadErrors = [];
            // Fit the first drawing only: a refresh after an edit keeps the user's zoom and pan.
            this.rebuild(!this.layout);
        } else if (error) {
            this.data = undefined;
            this.people = [];
            this.loadErrors = [parseSaveError(error).message];
        }
    }

    override renderedCallback(): void {
        this.applyTransform();
        if (this.needsFit && this.refs?.svg) {
            this.needsFit = false;
            this.fitToView();
        }
        if (this.focusAfterRender) {
            const id = this.focusAfterRender;
            this.focusAfterRender = '';
            this.nodeElement(id)?.focus();
        }
        if (this.focusModalAfterRender) {
            this.focusModalAfterRender = false;
            const first = this.template?.querySelector<HTMLElement>('[data-modal-first]');
            first?.focus();
        }
    }

    // ------------------------------------------------------------------ derived data

    /** Layout, node views and coverage: once per data change, never per frame. */
    private rebuild(fit: boolean): void {
        const data = this.data;
        if (!data) return;
        const windowDays = data.settings.engagementWindowDays;
        try {
            this.coverage = calculateCoverage(
                this.people.map(toStakeholderInput),
                toActivityInputs(this.people),
                parseDate(data.today, 'today'),
                data.settings,
            );
            this.coverageError = '';
        } catch (error) {
            this.coverage = undefined;
            this.coverageError = `Coverage could not be calculated: ${reduceErrors(error).join(' ')}`;
        }
        if (!this.d3) return;
        const byId = this.peopleById;
        this.layout = layoutMap(
            this.people.map((person) => ({
                id: person.id,
                name: person.name,
                reportsToId: person.reportsToId,
                influencesId: person.influencesId,
                radius: radiusFor(person.influence),
            })),
            this.d3,
        );
        const layout = this.layout;
        this.baseNodes = this.people
            .filter((person) => layout.positions.has(person.id))
            .map((person) => {
                const point = layout.positions.get(person.id) ?? { x: 0, y: 0 };
                const r = radiusFor(person.influence);
                const cold = isCold(person, data.today, windowDays);
                const left = person.leftCompany === true;
                const owner = person.internalOwnerName ?? '';
                const managerId = layout.parentOf.get(person.id);
                const manager = managerId ? byId.get(managerId)?.name : undefined;
                const influenced = person.influencesId
                    ? byId.get(person.influencesId)?.name
                    : undefined;
                const metaParts = [person.buyingRole ?? 'No buying role'];
                if (owner) metaParts.push(`Owner ${initials(owner)}`);
                const marker = left ? 'Left company' : cold ? 'Cold' : '';
                const label = [
                    `${person.name}${person.title ? `, ${person.title}` : ''}`,
                    person.buyingRole ?? 'No buying role',
                    `Sentiment ${person.sentiment ?? 'Unknown'}`,
                    `Influence ${person.influence ?? 'not set'}`,
                    owner ? `Relationship owner ${owner}` : 'No relationship owner',
                    manager ? `Reports to ${manager}` : '',
                    influenced ? `Influences ${influenced}` : '',
                    left ? 'Has left the company' : '',
                    cold ? `Cold: no engagement in ${windowDays} days` : '',
                ]
                    .filter((part) => part)
                    .join('. ');
                return {
                    id: person.id,
                    transform: `translate(${point.x},${point.y})`,
                    r,
                    circleClass: `node-circle ${sentimentClass(person.sentiment)}`,
                    roleText: roleAbbreviation(person.buyingRole),
                    roleY: 4,
                    name: truncate(person.name, 20),
                    nameY: r + 14,
                    meta: metaParts.join(' · '),
                    metaY: r + 27,
                    marker,
                    markerY: -r - 6,
                    markerClass: left ? 'node-marker marker-left' : 'node-marker marker-cold',
                    ariaLabel: label,
                    groupClass: left ? 'node node-left' : 'node',
                    tabIndex: '-1',
                };
            });
        if (!this.focusedId || !layout.positions.has(this.focusedId)) {
            this.focusedId = layout.rows[0]?.[0] ?? '';
        }
        if (fit) this.needsFit = true;
    }

    get peopleById(): Map<string, StakeholderView> {
        return new Map(this.people.map((person) => [person.id, person]));
    }

    // ------------------------------------------------------------------ template state

    get load(): LoadState {
        return loadStateOf(Boolean(this.data), this.loadErrors);
    }

    get isLoaded(): boolean {
        return Boolean(this.data);
    }

    get isEmpty(): boolean {
        return Boolean(this.data) && this.people.length === 0;
    }

    get hasPeople(): boolean {
        return this.people.length > 0;
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
        return this.data?.canDelete === true && Boolean(this.editingId);
    }

    get isMapView(): boolean {
        return this.view === 'map' && !this.chartError;
    }

    get isTableView(): boolean {
        return !this.isMapView;
    }

    get isChartLoading(): boolean {
        return this.isMapView && !this.d3;
    }

    get isChartReady(): boolean {
        return this.isMapView && Boolean(this.d3);
    }

    get viewOptions(): Option[] {
        return [
            { label: 'Map', value: 'map' },
            { label: 'Table', value: 'table' },
        ];
    }

    get truncatedNotice(): string {
        return this.data?.truncated
            ? `Showing the first ${this.people.length} stakeholders of this account.`
            : '';
    }

    get mapHeightStyle(): string {
        return `height: ${MAP_HEIGHT}px;`;
    }

    get nodes(): NodeView[] {
        const focused = this.focusedId;
        const dropTarget = this.dropTargetId;
        return this.baseNodes.map((node) => {
            const isFocused = node.id === focused;
            const isTarget = node.id === dropTarget;
            if (!isFocused && !isTarget) return node;
            return {
                ...node,
                tabIndex: isFocused ? '0' : '-1',
                groupClass: `${node.groupClass}${isTarget ? ' node-drop-target' : ''}`,
            };
        });
    }

    get reportLines(): MapLayout['reportLines'] {
        return this.layout?.reportLines ?? [];
    }

    get influenceLines(): MapLayout['influenceLines'] {
        return this.layout?.influenceLines ?? [];
    }

    get droppedLinesNotice(): string {
        const dropped = this.layout?.droppedLines ?? 0;
        return dropped > 0
            ? `${dropped} reporting line(s) could not be drawn because they loop or point to someone not on the map. Fix them in the table view.`
            : '';
    }

    get isDragging(): boolean {
        return Boolean(this.draggingName);
    }

    // ------------------------------------------------------------------ coverage summary

    get hasCoverage(): boolean {
        return Boolean(this.coverage);
    }

    get coverageDepthText(): string {
        const coverage = this.coverage;
        const settings = this.data?.settings;
        if (!coverage || !settings) return '';
        return `${coverage.coverageDepthPercent}% (${coverage.engagedRelevantCount} of ${coverage.relevantCount} engaged in ${settings.engagementWindowDays} days; target ${settings.targetMinPercent}–${settings.targetMaxPercent}%)`;
    }

    get coverageStatus(): string {
        return this.coverage?.coverageStatus ?? '';
    }

    get rolesFilledText(): string {
        const coverage = this.coverage;
        if (!coverage) return '';
        const required = coverage.filledBuyingRoles.length + coverage.missingBuyingRoles.length;
        return `${coverage.filledBuyingRoles.length} of ${required} (${coverage.buyingRoleCoveragePercent}%)`;
    }

    get functionsText(): string {
        const coverage = this.coverage;
        const target = this.data?.settings.functionBreadthTarget ?? 0;
        if (!coverage) return '';
        const list =
            coverage.strongFunctions.length > 0 ? `: ${coverage.strongFunctions.join(', ')}` : '';
        return `${coverage.functionBreadth} of ${target} with a strong relationship${list}`;
    }

    get functionsWithoutStrongText(): string {
        const missing = this.coverage?.functionsWithoutStrong ?? [];
        return missing.length > 0 ? `No strong relationship yet in: ${missing.join(', ')}.` : '';
    }

    get ownershipText(): string {
        const coverage = this.coverage;
        if (!coverage) return '';
        return `${coverage.companyOwnedPercent}% have a named owner on our side, spread over ${coverage.distinctOwnerCount} owner(s)`;
    }

    get sponsorText(): string {
        const coverage = this.coverage;
        if (!coverage) return '';
        if (coverage.daysSinceSponsorEngagement !== null) {
            return `${coverage.sponsorStatus} (last conversation ${coverage.daysSinceSponsorEngagement} days ago)`;
        }
        return coverage.sponsorStatus;
    }

    get singleThreadWarning(): string {
        const coverage = this.coverage;
        if (!coverage || coverage.relevantCount === 0 || !coverage.singleThreaded) return '';
        return `Single-threaded: only ${coverage.multithreadingDepth} active relationship(s) in the last ${this.data?.settings.engagementWindowDays} days.`;
    }

    get oneOwnerWarning(): string {
        const coverage = this.coverage;
        if (!coverage || coverage.ownedCount < 2 || coverage.multipleOwners) return '';
        return 'Every relationship is owned by one person on our side.';
    }

    get leftText(): string {
        const left = this.coverage?.leftCount ?? 0;
        return left > 0 ? `${left} mapped person(s) have left the company.` : '';
    }

    get emptySeats(): { role: string; label: string }[] {
        return (this.coverage?.missingBuyingRoles ?? []).map((role) => ({
            role,
            // No article: a role name such as "Economic Buyer" or "User/Admin" would need
            // "an" or "a" by sound, and subscriber orgs can add their own roles.
            label: `Add ${role}`,
        }));
    }

    get hasEmptySeats(): boolean {
        return this.emptySeats.length > 0;
    }

    get storedCoverageText(): string {
        const plan = this.data?.plan;
        if (!plan || plan.coverageDepth === null || plan.coverageDepth === undefined) return '';
        return `The plan recorded ${plan.coverageDepth}% coverage at its last recompute.`;
    }

    // ------------------------------------------------------------------ table view

    get tableColumns(): unknown[] {
        const actions = [{ label: 'Edit', name: 'edit' }];
        if (this.data?.canDelete) actions.push({ label: 'Remove', name: 'remove' });
        return this.canEdit
            ? [...TABLE_COLUMNS, { type: 'action', typeAttributes: { rowActions: actions } }]
            : TABLE_COLUMNS;
    }

    get tableRows(): Record<string, unknown>[] {
        const byId = this.peopleById;
        const today = this.data?.today ?? '';
        const windowDays = this.data?.settings.engagementWindowDays ?? 0;
        return this.people.map((person) => ({
            ...person,
            reportsToName: person.reportsToId ? (byId.get(person.reportsToId)?.name ?? '') : '',
            influencesName: person.influencesId ? (byId.get(person.influencesId)?.name ?? '') : '',
            status: person.leftCompany
                ? 'Left company'
                : today && isCold(person, today, windowDays)
                  ? 'Cold'
                  : 'Engaged',
        }));
    }

    handleViewChange(event: CustomEvent<{ value: string }>): void {
        this.view = event.detail.value === 'table' ? 'table' : 'map';
        if (this.view === 'map') this.needsFit = true;
    }

    handleRowAction(event: CustomEvent<{ action: { name: string }; row: { id: string } }>): void {
        const { action, row } = event.detail;
        if (action.name === 'edit') this.openEditor(row.id);
        if (action.name === 'remove') {
            this.openEditor(row.id);
            this.confirmingRemove = true;
        }
    }

    // ------------------------------------------------------------------ zoom and pan

    private get svgElement(): SVGSVGElement | undefined {
        return this.refs?.svg as SVGSVGElement | undefined;
    }

    private viewportSize(): { width: number; height: number } {
        const svg = this.svgElement;
        const width = svg?.clientWidth || 800;
        const height = svg?.clientHeight || MAP_HEIGHT;
        return { width, height };
    }

    private applyTransform(): void {
        const viewport = this.refs?.viewport;
        if (viewport) {
            const { k, x, y } = this.transform;
            viewport.setAttribute('transform', `translate(${x},${y}) scale(${k})`);
        }
    }

    private fitToView(): void {
        const layout = this.layout;
        if (!layout) return;
        const { width, height } = this.viewportSize();
        const padding = 50;
        const contentWidth = layout.maxX - layout.minX + 120;
        const contentHeight = layout.maxY - layout.minY + 120;
        const k = clamp(
            Math.min((width - padding) / contentWidth, (height - padding) / contentHeight, 1.2),
            MIN_ZOOM,
            MAX_ZOOM,
        );
        this.transform = {
            k,
            x: width / 2 - (k * (layout.minX + layout.maxX)) / 2,
            y: padding - k * (layout.minY - 40),
        };
        this.applyTransform();
    }

    private zoomBy(factor: number, centreX?: number, centreY?: number): void {
        const { width, height } = this.viewportSize();
        const cx = centreX ?? width / 2;
        const cy = centreY ?? height / 2;
        const { k, x, y } = this.transform;
        const next = clamp(k * factor, MIN_ZOOM, MAX_ZOOM);
        this.transform = {
            k: next,
            x: cx - ((cx - x) * next) / k,
            y: cy - ((cy - y) * next) / k,
        };
        this.applyTransform();
    }

    handleZoomIn(): void {
        this.zoomBy(1.25);
    }

    handleZoomOut(): void {
        this.zoomBy(0.8);
    }

    handleFit(): void {
        this.fitToView();
    }

    handleWheel(event: WheelEvent): void {
        event.preventDefault();
        const rect = this.svgElement?.getBoundingClientRect();
        this.zoomBy(
            event.deltaY < 0 ? 1.1 : 1 / 1.1,
            event.clientX - (rect?.left ?? 0),
            event.clientY - (rect?.top ?? 0),
        );
    }

    /** A client (screen) point in layout coordinates. */
    private toLayoutPoint(clientX: number, clientY: number): { x: number; y: number } {
        const rect = this.svgElement?.getBoundingClientRect();
        const { k, x, y } = this.transform;
        return {
            x: (clientX - (rect?.left ?? 0) - x) / k,
            y: (clientY - (rect?.top ?? 0) - y) / k,
        };
    }

    private ensureVisible(id: string): void {
        const point = this.layout?.positions.get(id);
        if (!point) return;
        const { width, height } = this.viewportSize();
        const { k, x, y } = this.transform;
        const screenX = point.x * k + x;
        const screenY = point.y * k + y;
        const margin = 60;
        if (
            screenX < margin ||
            screenX > width - margin ||
            screenY < margin ||
            screenY > height - margin
        ) {
            this.transform = { k, x: width / 2 - point.x * k, y: height / 2 - point.y * k };
            this.applyTransform();
        }
    }

    // ------------------------------------------------------------------ pointer: drag and pan

    handlePointerDown(event: PointerEvent): void {
        if (event.button !== undefined && event.button !== 0) return;
        const target = event.target as Element | null;
        const nodeElement = target?.closest?.('[data-node-id]') as HTMLElement | null;
        const nodeId = nodeElement?.dataset.nodeId ?? '';
        this.pointer = {
            mode: nodeId ? 'node' : 'pan',
            pointerId: event.pointerId,
            startX: event.clientX,
            startY: event.clientY,
            nodeId,
            moved: false,
            origin: { ...this.transform },
            excluded: nodeId ? descendantsOf(nodeId, this.people).add(nodeId) : new Set<string>(),
        };
        const svg = this.svgElement;
        if (svg && typeof svg.setPointerCapture === 'function' && event.pointerId !== undefined) {
            try {
                svg.setPointerCapture(event.pointerId);
            } catch {
                // Capture is a nicety: without it the drag still ends on pointerup inside the map.
            }
        }
    }

    handlePointerMove(event: PointerEvent): void {
        const state = this.pointer;
        if (state.mode === 'none') return;
        const dx = event.clientX - state.startX;
        const dy = event.clientY - state.startY;
        if (!state.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
        state.moved = true;
        if (state.mode === 'pan') {
            this.transform = { ...state.origin, x: state.origin.x + dx, y: state.origin.y + dy };
            this.applyTransform();
            return;
        }
        if (!this.canEdit) return;
        if (!this.draggingName) {
            this.draggingName = this.peopleById.get(state.nodeId)?.name ?? '';
        }
        const point = this.toLayoutPoint(event.clientX, event.clientY);
        this.refs?.ghost?.setAttribute('transform', `translate(${point.x},${point.y})`);
        const target = this.dropTarget(point);
        if (target !== this.dropTargetId) this.dropTargetId = target;
    }

    handlePointerUp(event: PointerEvent): void {
        const state = this.pointer;
        this.pointer = { ...state, mode: 'none' };
        if (state.mode === 'node') {
            if (!state.moved) {
                this.focusedId = state.nodeId;
                if (this.canEdit) this.openEditor(state.nodeId);
            } else if (this.canEdit) {
                const point = this.toLayoutPoint(event.clientX, event.clientY);
                const target = this.dropTarget(point);
                this.draggingName = '';
                this.dropTargetId = '';
                if (target) {
                    void this.moveUnder(state.nodeId, target);
                } else {
                    this.statusMessage =
                        'Drop a person onto their manager to change who they report to.';
                }
            }
        }
    }

    handlePointerCancel(): void {
        this.pointer = { ...this.pointer, mode: 'none' };
        this.draggingName = '';
        this.dropTargetId = '';
    }

    /** A valid new manager under the pointer: not the person, not someone who reports to them. */
    private dropTarget(point: { x: number; y: number }): string {
        const layout = this.layout;
        const { nodeId, excluded } = this.pointer;
        if (!layout || !nodeId) return '';
        const target = personAt(layout, point, () => radiusFor('High'), nodeId);
        return target && !excluded.has(target) ? target : '';
    }

    /** Optimistic: the map moves at once; a failed save puts the line back and says why. */
    private async moveUnder(personId: string, managerId: string | null): Promise<void> {
        const before = this.people;
        const person = this.peopleById.get(personId);
        if (!person || person.reportsToId === managerId) return;
        this.actionError = '';
        this.people = before.map((each) =>
            each.id === personId ? { ...each, reportsToId: managerId } : each,
        );
        this.rebuild(false);
        const managerName = managerId ? this.peopleById.get(managerId)?.name : undefined;
        try {
            await setReportsTo({ stakeholderId: personId, managerStakeholderId: managerId });
            this.statusMessage = managerName
                ? `${person.name} now reports to ${managerName}.`
                : `${person.name} no longer reports to anyone on the map.`;
            void this.afterWrite();
        } catch (error) {
            this.people = before;
            this.rebuild(false);
            this.actionError = `${person.name} could not be moved: ${parseSaveError(error).message}`;
        }
    }

    override disconnectedCallback(): void {
        stopReloadingOnPageRefresh(this.pageRefreshId);
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

    // ------------------------------------------------------------------ keyboard

    private nodeElement(id: string): HTMLElement | null {
        return this.template?.querySelector<HTMLElement>(`[data-node-id="${id}"]`) ?? null;
    }

    handleNodeFocus(event: FocusEvent): void {
        const id = (event.currentTarget as HTMLElement).dataset.nodeId ?? '';
        if (id && id !== this.focusedId) this.focusedId = id;
    }

    handleNodeKeyDown(event: KeyboardEvent): void {
        const id = (event.currentTarget as HTMLElement).dataset.nodeId ?? '';
        if (!id || !this.layout) return;
        if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            if (this.canEdit) this.openEditor(id);
            return;
        }
        const next = neighbour(this.layout, id, event.key);
        if (next === undefined) return;
        event.preventDefault();
        this.focusedId = next;
        this.focusAfterRender = next;
        this.ensureVisible(next);
    }

    // ------------------------------------------------------------------ edit modal

    handleAdd(): void {
        this.openEditor('');
    }

    handleAddSeat(event: Event): void {
        const role = (event.currentTarget as HTMLElement).dataset.role ?? '';
        this.openEditor('', role);
    }

    private openEditor(id: string, role = ''): void {
        const person = id ? this.peopleById.get(id) : undefined;
        this.returnFocusTo = id;
        this.editingId = person?.id ?? '';
        this.draft = person
            ? {
                  contactId: person.contactId ?? NONE,
                  buyingRole: person.buyingRole ?? NONE,
                  sentiment: person.sentiment ?? NONE,
                  influence: person.influence ?? NONE,
                  relationshipStrength: person.relationshipStrength ?? NONE,
                  decisionAuthority: person.decisionAuthority ?? NONE,
                  businessFunction: person.businessFunction ?? NONE,
                  level: person.level ?? NONE,
                  internalOwnerId: person.internalOwnerId ?? NONE,
                  reportsToId: person.reportsToId ?? NONE,
                  influencesId: person.influencesId ?? NONE,
                  leftCompany: person.leftCompany === true,
                  relevantToBuyingGroup: person.relevantToBuyingGroup !== false,
                  notes: person.notes ?? NONE,
              }
            : {
                  contactId: NONE,
                  buyingRole: role,
                  sentiment: NONE,
                  influence: NONE,
                  relationshipStrength: NONE,
                  decisionAuthority: NONE,
                  businessFunction: NONE,
                  level: NONE,
                  internalOwnerId: NONE,
                  reportsToId: NONE,
                  influencesId: NONE,
                  leftCompany: false,
                  relevantToBuyingGroup: true,
                  notes: NONE,
                  newFirstName: NONE,
                  newLastName: NONE,
                  newTitle: NONE,
                  newEmail: NONE,
              };
        this.fieldErrors = {};
        this.formError = '';
        this.confirmingRemove = false;
        this.modalOpen = true;
        this.focusModalAfterRender = true;
    }

    private closeEditor(): void {
        this.modalOpen = false;
        this.confirmingRemove = false;
        const back = this.returnFocusTo;
        if (back && this.layout?.positions.has(back) && this.isMapView) {
            this.focusedId = back;
            this.focusAfterRender = back;
        }
    }

    get modalTitle(): string {
        const person = this.editingId ? this.peopleById.get(this.editingId) : undefined;
        return person ? `Edit ${person.name}` : 'Add a stakeholder';
    }

    get isNew(): boolean {
        return !this.editingId;
    }

    get editingContactText(): string {
        const person = this.editingId ? this.peopleById.get(this.editingId) : undefined;
        if (!person) return '';
        return person.contactName ?? person.name;
    }

    get contactOptions(): Option[] {
        const mapped = new Set(this.people.map((person) => person.contactId));
        const options = (this.data?.contactOptions ?? [])
            .filter((option) => !mapped.has(option.value))
            .map((option) => ({
                label: option.detail ? `${option.label} (${option.detail})` : option.label,
                value: option.value,
            }));
        if (this.data?.canCreateContact) {
            options.push({ label: 'Create a new contact…', value: NEW_CONTACT });
        }
        return options;
    }

    get contactError(): string {
        return this.fieldErrors.contactId ?? '';
    }

    get contactWrapperClass(): string {
        return this.contactError ? 'slds-form-element slds-has-error' : 'slds-form-element';
    }

    get creatingContact(): boolean {
        return this.isNew && this.draft.contactId === NEW_CONTACT;
    }

    get contactFormFields(): FormField[] {
        return CONTACT_FIELDS.map(({ key, label, required }) =>
            this.formField(key, label, [], { isText: true, required }),
        );
    }

    get formFields(): FormField[] {
        const editingId = this.editingId;
        const below = editingId ? descendantsOf(editingId, this.people) : new Set<string>();
        const others = this.people
            .filter((person) => person.id !== editingId)
            .map((person) => ({ label: person.name, value: person.id }));
        const none = { label: '— None —', value: NONE };
        return STAKEHOLDER_FIELDS.map(({ key, label, picklist }) => {
            if (picklist) {
                return this.formField(
                    key,
                    label,
                    [none, ...(this.data?.picklists[picklist] ?? [])],
                    {
                        isCombobox: true,
                    },
                );
            }
            if (key === 'internalOwnerId') {
                return this.formField(key, label, [none, ...(this.data?.ownerOptions ?? [])], {
                    isCombobox: true,
                });
            }
            if (key === 'reportsToId') {
                const managers = others.filter((option) => !below.has(option.value));
                return this.formField(key, label, [none, ...managers], { isCombobox: true });
            }
            if (key === 'influencesId') {
                return this.formField(key, label, [none, ...others], { isCombobox: true });
            }
            if (CHECKBOX_KEYS.includes(key)) {
                return this.formField(key, label, [], { isCheckbox: true });
            }
            return this.formField(key, label, [], { isTextarea: true });
        });
    }

    private formField(
        key: string,
        label: string,
        options: Option[],
        kind: Partial<
            Pick<FormField, 'isCombobox' | 'isCheckbox' | 'isTextarea' | 'isText' | 'required'>
        >,
    ): FormField {
        const error = this.fieldErrors[key] ?? '';
        return {
            key,
            label,
            value: this.draft[key] ?? (kind.isCheckbox ? false : NONE),
            options,
            isCombobox: kind.isCombobox === true,
            isCheckbox: kind.isCheckbox === true,
            isTextarea: kind.isTextarea === true,
            isText: kind.isText === true,
            required: kind.required === true,
            error,
            wrapperClass: error
                ? 'slds-form-element slds-m-bottom_x-small slds-has-error'
                : 'slds-form-element slds-m-bottom_x-small',
            errorId: `error-${key}`,
        };
    }

    handleFieldChange(event: CustomEvent<{ value?: string; checked?: boolean }>): void {
        const target = event.currentTarget as HTMLElement & { checked?: boolean; value?: string };
        const key = target.dataset.key ?? '';
        if (!key) return;
        const value = CHECKBOX_KEYS.includes(key)
            ? (event.detail?.checked ?? target.checked ?? false)
            : (event.detail?.value ?? target.value ?? NONE);
        this.draft = { ...this.draft, [key]: value };
        if (this.fieldErrors[key]) {
            const rest = { ...this.fieldErrors };
            delete rest[key];
            this.fieldErrors = rest;
        }
    }

    handleModalKeyDown(event: KeyboardEvent): void {
        if (event.key === 'Escape' && !this.saving) {
            event.stopPropagation();
            this.closeEditor();
        }
    }

    handleCancel(): void {
        this.closeEditor();
    }

    /** Focus stays inside the open dialog: Tab past the last button wraps to the dialog... */
    handleTrapEnd(): void {
        this.template?.querySelector<HTMLElement>('[data-modal-first]')?.focus();
    }

    /** ...and Shift+Tab before the dialog wraps to its last button. */
    handleTrapStart(): void {
        const buttons = this.template?.querySelectorAll<HTMLElement>(
            '.slds-modal__footer lightning-button',
        );
        const last = buttons && buttons.length > 0 ? buttons[buttons.length - 1] : undefined;
        last?.focus();
    }

    /** Checks what the browser can check, so the server sees only plausible saves. */
    private validateDraft(): Record<string, string> {
        const errors: Record<string, string> = {};
        if (this.isNew && !this.draft.contactId) {
            errors.contactId = 'Choose the contact this stakeholder is, or create one.';
        }
        if (this.creatingContact && !String(this.draft.newLastName ?? '').trim()) {
            errors.newLastName = 'Enter the last name of the new contact.';
        }
        if (this.editingId && this.draft.reportsToId === this.editingId) {
            errors.reportsToId = 'A person cannot report to themselves.';
        }
        if (this.editingId && this.draft.influencesId === this.editingId) {
            errors.influencesId = 'A person cannot influence themselves.';
        }
        return errors;
    }

    async handleSave(): Promise<void> {
        const errors = this.validateDraft();
        if (Object.keys(errors).length > 0) {
            this.fieldErrors = errors;
            this.formError = 'Check the highlighted fields.';
            return;
        }
        const record: Record<string, unknown> = {};
        if (this.editingId) {
            record.Id = this.editingId;
        } else {
            record[fieldName(ACCOUNT_FIELD)] = this.recordId;
            if (this.draft.contactId !== NEW_CONTACT) {
                record[fieldName(CONTACT_FIELD)] = this.draft.contactId;
            }
        }
        for (const { key, field } of STAKEHOLDER_FIELDS) {
            const value = this.draft[key];
            record[fieldName(field)] = value === NONE ? null : value;
        }
        let newContact: Record<string, unknown> | null = null;
        if (this.creatingContact) {
            newContact = {};
            for (const { key, field } of CONTACT_FIELDS) {
                const value = String(this.draft[key] ?? '').trim();
                newContact[fieldName(field)] = value || null;
            }
        }
        this.saving = true;
        this.formError = '';
        try {
            await saveStakeholder({ stakeholder: record, newContact });
            const name = this.editingId
                ? (this.peopleById.get(this.editingId)?.name ?? 'The stakeholder')
                : 'The stakeholder';
            this.closeEditor();
            this.dispatchEvent(
                new ShowToastEvent({ title: `${name} was saved.`, variant: 'success' }),
            );
            await this.afterWrite();
        } catch (error) {
            // The modal stays open with everything typed; messages go beside their fields.
            const parsed = parseSaveError(error);
            const byField = firstMessages(parsed.fieldErrors);
            const mapped: Record<string, string> = {};
            const unplaced: string[] = [];
            for (const [apiName, message] of Object.entries(byField)) {
                const key = this.keyOfField(apiName);
                if (key) mapped[key] = message;
                else unplaced.push(message);
            }
            this.fieldErrors = mapped;
            this.formError = [parsed.message, ...unplaced].join(' ');
        } finally {
            this.saving = false;
        }
    }

    private keyOfField(apiName: string): string {
        if (apiName === fieldName(CONTACT_FIELD)) return 'contactId';
        const stakeholderField = STAKEHOLDER_FIELDS.find(
            ({ field }) => fieldName(field) === apiName,
        );
        if (stakeholderField) return stakeholderField.key;
        const contactField = this.creatingContact
            ? CONTACT_FIELDS.find(({ field }) => fieldName(field) === apiName)
            : undefined;
        return contactField?.key ?? '';
    }

    handleAskRemove(): void {
        this.confirmingRemove = true;
    }

    handleKeep(): void {
        this.confirmingRemove = false;
    }

    get removeQuestion(): string {
        const person = this.peopleById.get(this.editingId);
        return person
            ? `Remove ${person.name} from the relationship map? The Contact stays in Salesforce.`
            : '';
    }

    async handleConfirmRemove(): Promise<void> {
        const id = this.editingId;
        const person = this.peopleById.get(id);
        if (!person) return;
        this.saving = true;
        this.formError = '';
        try {
            await removeStakeholder({ stakeholderId: id });
            this.people = this.people
                .filter((each) => each.id !== id)
                .map((each) => ({
                    ...each,
                    reportsToId: each.reportsToId === id ? null : each.reportsToId,
                    influencesId: each.influencesId === id ? null : each.influencesId,
                }));
            this.returnFocusTo = '';
            this.closeEditor();
            this.rebuild(false);
            this.statusMessage = `${person.name} was removed from the map.`;
            await this.afterWrite();
        } catch (error) {
            this.confirmingRemove = false;
            this.formError = parseSaveError(error).message;
        } finally {
            this.saving = false;
        }
    }

    get saveDisabled(): boolean {
        return this.saving;
    }
}
