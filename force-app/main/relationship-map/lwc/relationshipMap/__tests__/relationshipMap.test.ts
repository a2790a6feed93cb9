import { loadScript } from 'lightning/platformResourceLoader';
import getRelationshipMap from '@salesforce/apex/RelationshipMapController.getRelationshipMap';
import saveStakeholder from '@salesforce/apex/RelationshipMapController.saveStakeholder';
import removeStakeholder from '@salesforce/apex/RelationshipMapController.removeStakeholder';
import setReportsTo from '@salesforce/apex/RelationshipMapController.setReportsTo';
import RelationshipMap from 'c/relationshipMap';
import {
    clone,
    expectAccessible,
    flushPromises,
    keystoneError,
    mount,
    removeAllComponents,
    shadowQuery,
    shadowQueryAll,
    textOf,
} from 'test-utils';
import type { TestWireAdapter } from 'test-utils';
import mapData from './data/relationshipMap.json';
import emptyMap from './data/emptyMap.json';

jest.mock(
    '@salesforce/apex/RelationshipMapController.getRelationshipMap',
    () => jest.requireActual('test-utils').apexWireMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/RelationshipMapController.saveStakeholder',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/RelationshipMapController.removeStakeholder',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/RelationshipMapController.setReportsTo',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);

const mapAdapter = getRelationshipMap as unknown as TestWireAdapter;
const saveMock = saveStakeholder as unknown as jest.Mock;
const removeMock = removeStakeholder as unknown as jest.Mock;
const reportsToMock = setReportsTo as unknown as jest.Mock;
const loadScriptMock = loadScript as unknown as jest.Mock;

// On the platform d3 is the static resource built from d3-hierarchy (window.d3); here its UMD build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const d3 = require('../../../../../../node_modules/d3-hierarchy/dist/d3-hierarchy.min.js');

const BLAKE = 'a0S000000000002AAA';
const CASEY = 'a0S000000000003AAA';
const DREW = 'a0S000000000004AAA';

async function renderMap(data: unknown = mapData): Promise<HTMLElement> {
    const element = mount('c-relationship-map', RelationshipMap, {
        recordId: '001000000000001AAA',
    });
    mapAdapter.emit(data);
    await flushPromises();
    await flushPromises();
    return element;
}

/** A part of the map: its host element, inside the container's template. */
function part(element: HTMLElement, dataId: string): HTMLElement {
    const found = shadowQuery(element, `[data-id="${dataId}"]`);
    if (!found) throw new Error(`${dataId} is not rendered`);
    return found;
}

/** Something inside a part's own template (its shadow root, or the host itself in light DOM). */
function inside(element: HTMLElement, dataId: string, selector: string): HTMLElement | null {
    const host = part(element, dataId);
    return (host.shadowRoot ?? host).querySelector<HTMLElement>(selector);
}

function send(target: HTMLElement, name: string, detail: unknown): void {
    target.dispatchEvent(new CustomEvent(name, { detail }));
}

describe('c-relationship-map', () => {
    beforeEach(() => {
        (window as unknown as { d3?: unknown }).d3 = d3;
        loadScriptMock.mockResolvedValue(undefined);
    });

    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('shows the coverage of everyone on the map and draws them as cards', async () => {
        const element = await renderMap();

        const coverage = part(element, 'coverage-summary') as HTMLElement & {
            coverage: { engagedRelevantCount: number; relevantCount: number };
            storedCoverage: number;
        };
        expect(coverage.coverage.engagedRelevantCount).toBe(3);
        expect(coverage.coverage.relevantCount).toBe(4);
        expect(coverage.storedCoverage).toBe(60);
        expect(inside(element, 'coverage-summary', '[data-id="roles"]')?.textContent).toBe(
            '4 of 5 key buying roles filled',
        );
        const canvas = part(element, 'canvas') as HTMLElement & { people: unknown[] };
        expect(canvas.people).toHaveLength(5);
        expect(part(element, 'canvas').shadowRoot?.querySelectorAll('[data-node-id]')).toHaveLength(
            5,
        );
        await expectAccessible(element);
    });

    it("sizes the buying group from the active plan's expected size, tier and segment", async () => {
        const data = clone(mapData) as typeof mapData & { plan: Record<string, unknown> };
        data.plan = { ...data.plan, buyingGroupSize: 6, tier: 'Tier 1', segment: 'Invest' };
        const element = await renderMap(data);
        const coverage = part(element, 'coverage-summary') as HTMLElement & {
            coverage: { buyingGroupSize: number; buyingGroupSizeSource: string };
            buyingGroup: unknown;
        };
        expect(coverage.coverage.buyingGroupSize).toBe(6);
        expect(coverage.coverage.buyingGroupSizeSource).toBe('Plan');
        expect(coverage.buyingGroup).toEqual({
            expectedSize: 6,
            tier: 'Tier 1',
            segment: 'Invest',
        });
        expect(inside(element, 'coverage-summary', '[data-id="depth"]')?.textContent).toContain(
            '50%: 3 engaged of 6 seats',
        );
    });

    it('shows the empty state with every seat to fill and no chart', async () => {
        const element = await renderMap(emptyMap);
        expect(textOf(element, '[data-id="empty"]')).toContain(
            "Nobody is on this account's map yet.",
        );
        expect(part(element, 'canvas').shadowRoot?.querySelectorAll('[data-node-id]')).toHaveLength(
            0,
        );
        expect(
            part(element, 'coverage-summary').querySelectorAll('[data-id="empty-seats"] button'),
        ).toHaveLength(5);
        await expectAccessible(element);
    });

    it('says why when the map cannot be loaded', async () => {
        const element = mount('c-relationship-map', RelationshipMap, {
            recordId: '001000000000001AAA',
        });
        mapAdapter.error(
            keystoneError('error', 'You cannot see the relationship map of this account.').body,
        );
        await flushPromises();
        expect(textOf(element, '[data-id="load-error"]')).toContain(
            'You cannot see the relationship map of this account.',
        );
        expect(shadowQuery(element, '[data-id="coverage-summary"]')).toBeNull();
        await expectAccessible(element);
    });

    it('starts the chart and the coverage a frame after the first render, its d3 at once, and the data request first', async () => {
        const element = mount('c-relationship-map', RelationshipMap, {
            recordId: '001000000000001AAA',
        });
        // The first render is the card and its loading line: the wire's request goes out after
        // it. d3 is already downloading, for the canvas that follows in the next frame.
        expect(shadowQuery(element, '[data-id="canvas"]')).toBeNull();
        expect(shadowQuery(element, '[data-id="coverage-summary"]')).toBeNull();
        expect(loadScriptMock).toHaveBeenCalledTimes(1);
        expect(loadScriptMock.mock.calls[0]?.[1]).toContain('d3');
        await new Promise((resolve) => requestAnimationFrame(resolve));
        await flushPromises();
        expect(shadowQuery(element, '[data-id="canvas"]')).not.toBeNull();
        expect(textOf(element, '[role="status"]')).toContain('Loading the relationship map');
        // The coverage summary is there too, empty until the data arrives.
        expect(inside(element, 'coverage-summary', '[data-id="depth"]')).toBeNull();
        mapAdapter.emit(mapData);
        await flushPromises();
        expect(inside(element, 'coverage-summary', '[data-id="roles"]')?.textContent).toBe(
            '4 of 5 key buying roles filled',
        );
    });

    it('draws the chart at once when the data arrives before the next frame', async () => {
        const element = await renderMap();
        expect(part(element, 'canvas').shadowRoot?.querySelectorAll('[data-node-id]')).toHaveLength(
            5,
        );
    });

    it('falls back to the table, saying so, when the chart cannot be drawn', async () => {
        // The d3 download fails for every caller (the platform loads a URL once).
        loadScriptMock.mockRejectedValue(new Error('blocked'));
        const element = await renderMap();
        expect(textOf(element, '[data-id="chart-error"]')).toContain(
            'The table lists everyone on the map.',
        );
        expect(shadowQuery(element, '[data-id="canvas"]')).toBeNull();
        const table = part(element, 'people-table') as HTMLElement & { people: unknown[] };
        expect(table.people).toHaveLength(5);
    });

    it('switches between the map and the table', async () => {
        const element = await renderMap();
        part(element, 'view-table').click();
        await flushPromises();
        expect(shadowQuery(element, '[data-id="canvas"]')).toBeNull();
        expect(shadowQuery(element, '[data-id="people-table"]')).not.toBeNull();
        expect(part(element, 'view-table').getAttribute('aria-pressed')).toBe('true');
        await expectAccessible(element);
        part(element, 'view-map').click();
        await flushPromises();
        expect(shadowQuery(element, '[data-id="canvas"]')).not.toBeNull();
    });

    it('opens the form for a person chosen on the map, and for an empty seat', async () => {
        const element = await renderMap();
        send(part(element, 'canvas'), 'personselect', { id: DREW });
        await flushPromises();
        const form = part(element, 'person-form') as HTMLElement & {
            person: { name: string };
        };
        expect(form.person.name).toBe('Drew Kim');
        send(form, 'close', null);
        await flushPromises();
        expect(shadowQuery(element, '[data-id="person-form"]')).toBeNull();

        send(part(element, 'coverage-summary'), 'addseat', { role: 'Procurement' });
        await flushPromises();
        const seatForm = part(element, 'person-form') as HTMLElement & {
            person?: unknown;
            presetRole: string;
        };
        expect(seatForm.person).toBeUndefined();
        expect(seatForm.presetRole).toBe('Procurement');
        await expectAccessible(element);
    });

    it('opens the table remove action at the question, and takes a removed person off', async () => {
        removeMock.mockResolvedValue(undefined);
        const element = await renderMap();
        part(element, 'view-table').click();
        await flushPromises();
        send(part(element, 'people-table'), 'personremove', { id: DREW });
        await flushPromises();
        await flushPromises();
        expect(
            inside(element, 'person-form', '[data-id="remove-question"]')?.textContent,
        ).toContain('Remove Drew Kim');
        send(part(element, 'person-form'), 'removed', { id: DREW, name: 'Drew Kim' });
        await flushPromises();
        expect(shadowQuery(element, '[data-id="person-form"]')).toBeNull();
        const table = part(element, 'people-table') as HTMLElement & { people: { id: string }[] };
        expect(table.people.map((person) => person.id)).not.toContain(DREW);
        expect(textOf(element, '[data-id="status"]')).toBe('Drew Kim was removed from the map.');
    });

    it('toasts a save, closes the form and reloads', async () => {
        saveMock.mockResolvedValue(DREW);
        const element = await renderMap();
        const toasts: string[] = [];
        element.addEventListener('lightning__showtoast', (event) =>
            toasts.push((event as CustomEvent<{ title: string }>).detail.title),
        );
        send(part(element, 'canvas'), 'personselect', { id: DREW });
        await flushPromises();
        send(part(element, 'person-form'), 'saved', { id: DREW, name: 'Drew Kim' });
        await flushPromises();
        expect(toasts).toEqual(['Drew Kim was saved.']);
        expect(shadowQuery(element, '[data-id="person-form"]')).toBeNull();
    });

    it('moves someone under a new manager at once, and reports the move', async () => {
        reportsToMock.mockResolvedValue(undefined);
        const element = await renderMap();
        send(part(element, 'canvas'), 'reportstochange', { personId: DREW, managerId: BLAKE });
        await flushPromises();
        expect(reportsToMock).toHaveBeenCalledWith({
            stakeholderId: DREW,
            managerStakeholderId: BLAKE,
        });
        const canvas = part(element, 'canvas') as HTMLElement & {
            people: { id: string; reportsToId: string }[];
        };
        expect(canvas.people.find((person) => person.id === DREW)?.reportsToId).toBe(BLAKE);
        expect(textOf(element, '[data-id="status"]')).toBe('Drew Kim now reports to Blake Ortiz.');
    });

    it('puts the line back and says why when the move fails', async () => {
        reportsToMock.mockRejectedValue(
            keystoneError('fieldErrors', 'Choose a manager from the same account.'),
        );
        const element = await renderMap();
        send(part(element, 'canvas'), 'reportstochange', { personId: DREW, managerId: BLAKE });
        await flushPromises();
        await flushPromises();
        const canvas = part(element, 'canvas') as HTMLElement & {
            people: { id: string; reportsToId: string }[];
        };
        expect(canvas.people.find((person) => person.id === DREW)?.reportsToId).toBe(CASEY);
        expect(textOf(element, '[data-id="action-error"]')).toBe(
            'Drew Kim could not be moved: Choose a manager from the same account.',
        );
        await expectAccessible(element);
    });

    it('lets someone without edit access look but not open the form', async () => {
        const element = await renderMap({ ...mapData, canEdit: false, canCreate: false });
        send(part(element, 'canvas'), 'personselect', { id: DREW });
        await flushPromises();
        expect(shadowQuery(element, '[data-id="person-form"]')).toBeNull();
        expect((part(element, 'add') as HTMLButtonElement).disabled).toBe(true);
        expect(shadowQueryAll(element, '[data-id="canvas"]')).toHaveLength(1);
    });
});
