import type * as d3Types from 'd3';
import { loadScript } from 'lightning/platformResourceLoader';
import getRelationshipMap from '@salesforce/apex/RelationshipMapController.getRelationshipMap';
import saveStakeholder from '@salesforce/apex/RelationshipMapController.saveStakeholder';
import removeStakeholder from '@salesforce/apex/RelationshipMapController.removeStakeholder';
import setReportsTo from '@salesforce/apex/RelationshipMapController.setReportsTo';
import RelationshipMap from 'c/relationshipMap';
import {
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

// On the platform d3 comes from the static resource (the same UMD build) as window.d3.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const d3: typeof d3Types = require('../../../../../../node_modules/d3/dist/d3.min.js');

const AVERY = 'a0S000000000001AAA';
const BLAKE = 'a0S000000000002AAA';
const CASEY = 'a0S000000000003AAA';
const DREW = 'a0S000000000004AAA';
const EMERY = 'a0S000000000005AAA';

async function renderMap(data: unknown = mapData): Promise<HTMLElement> {
    const element = mount('c-relationship-map', RelationshipMap, {
        recordId: '001000000000001AAA',
    });
    mapAdapter.emit(data);
    await flushPromises();
    await flushPromises();
    return element;
}

function node(element: HTMLElement, id: string): SVGGElement {
    const found = shadowQuery<SVGGElement>(element, `[data-node-id="${id}"]`);
    if (!found) throw new Error(`node ${id} is not on the map`);
    return found;
}

function text(element: HTMLElement, dataId: string): string {
    return textOf(element, `[data-id="${dataId}"]`);
}

function translateOf(value: string | null): { x: number; y: number; k: number } {
    const match = /translate\(([-\d.e]+),([-\d.e]+)\)(?: scale\(([-\d.e]+)\))?/.exec(value ?? '');
    return { x: Number(match?.[1] ?? 0), y: Number(match?.[2] ?? 0), k: Number(match?.[3] ?? 1) };
}

/** Where a person is drawn on screen: their layout position through the zoom transform. */
function screenPointOf(element: HTMLElement, id: string): { clientX: number; clientY: number } {
    const viewport = shadowQuery(element, '[data-id="map"] > g');
    const view = translateOf(viewport?.getAttribute('transform') ?? null);
    const position = translateOf(node(element, id).getAttribute('transform'));
    return { clientX: position.x * view.k + view.x, clientY: position.y * view.k + view.y };
}

function pointer(type: string, target: Element, point: { clientX: number; clientY: number }): void {
    const event = new MouseEvent(type, { bubbles: true, composed: true, button: 0, ...point });
    Object.defineProperty(event, 'pointerId', { value: 1 });
    target.dispatchEvent(event);
}

function change(target: Element, detail: Record<string, unknown>): void {
    target.dispatchEvent(new CustomEvent('change', { detail }));
}

function field(element: HTMLElement, key: string): HTMLElement & { value?: unknown } {
    const found = shadowQuery(element, `[data-key="${key}"]`);
    if (!found) throw new Error(`field ${key} is not in the form`);
    return found as HTMLElement & { value?: unknown };
}

function click(element: HTMLElement, dataId: string): void {
    const target = shadowQuery(element, `[data-id="${dataId}"]`);
    if (!target) throw new Error(`${dataId} is not rendered`);
    target.click();
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

    it('draws everyone with reporting and influence lines, sentiment, influence and markers', async () => {
        const element = await renderMap();

        expect(shadowQueryAll(element, '[data-node-id]')).toHaveLength(5);
        expect(shadowQueryAll(element, '[data-line="reports"]')).toHaveLength(3);
        expect(shadowQueryAll(element, '[data-line="influences"]')).toHaveLength(1);

        const blake = node(element, BLAKE);
        expect(blake.querySelector('circle')?.getAttribute('class')).toContain(
            'sentiment-advocate',
        );
        expect(Number(blake.querySelector('circle')?.getAttribute('r'))).toBeGreaterThan(
            Number(node(element, DREW).querySelector('circle')?.getAttribute('r')),
        );
        expect(blake.querySelector('.node-role')?.textContent).toBe('ES');
        expect(blake.getAttribute('aria-label')).toContain('Reports to Avery Chen');
        expect(blake.getAttribute('aria-label')).toContain('Relationship owner Jordan Diaz');

        expect(node(element, CASEY).querySelector('.node-marker')?.textContent).toBe('Cold');
        expect(node(element, CASEY).getAttribute('aria-label')).toContain(
            'Cold: no engagement in 90 days',
        );
        expect(node(element, EMERY).querySelector('.node-marker')?.textContent).toBe(
            'Left company',
        );
        expect(node(element, EMERY).getAttribute('class')).toContain('node-left');

        await expectAccessible(element);
    });

    it('summarises coverage with the engine and lists the empty seats', async () => {
        const element = await renderMap();

        // Issue 17: 3 engaged of a buying group of 10 expected seats (4 mapped) is 30%.
        expect(text(element, 'depth')).toContain('30%');
        expect(text(element, 'depth')).toContain('3 of 4 engaged in 90 days');
        expect(text(element, 'roles')).toBe('4 of 5 (80%)');
        expect(text(element, 'functions')).toContain('3 of 3 with a strong relationship');
        expect(text(element, 'left')).toContain('1 mapped person(s) have left');
        expect(text(element, 'stored')).toContain('60%');
        expect(shadowQuery(element, '[data-id="single-thread"]')).toBeNull();
        const seats = shadowQueryAll<HTMLElement & { label: string }>(
            element,
            '[data-id="empty-seats"] lightning-button',
        );
        expect(seats.map((seat) => seat.label)).toEqual(['Add Procurement']);
    });

    it('shows the empty state with every seat to fill and no chart', async () => {
        const element = await renderMap(emptyMap);

        expect(text(element, 'empty')).toContain('Nobody is mapped on this account yet.');
        expect(shadowQuery(element, '[data-id="map"]')).toBeNull();
        const seats = shadowQueryAll<HTMLElement & { label: string }>(
            element,
            '[data-id="empty-seats"] lightning-button',
        );
        expect(seats.map((seat) => seat.label)).toEqual([
            'Add Economic Buyer',
            'Add Executive Sponsor',
            'Add Champion',
            'Add Technical Evaluator',
            'Add Procurement',
        ]);
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

        expect(text(element, 'load-error')).toContain(
            'You cannot see the relationship map of this account.',
        );
        expect(shadowQuery(element, '[data-id="map"]')).toBeNull();
        await expectAccessible(element);
    });

    it('falls back to the table when d3 cannot load', async () => {
        loadScriptMock.mockRejectedValueOnce(new Error('blocked'));
        const element = await renderMap();

        expect(text(element, 'chart-error')).toContain('The table below lists everyone');
        const table = shadowQuery<HTMLElement & { data: unknown[] }>(element, '[data-id="table"]');
        expect(table?.data).toHaveLength(5);
    });

    it('moves between people with the arrow keys and opens the editor with Enter', async () => {
        const element = await renderMap();
        const avery = node(element, AVERY);
        expect(avery.getAttribute('tabindex')).toBe('0');
        expect(node(element, BLAKE).getAttribute('tabindex')).toBe('-1');

        avery.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
        await flushPromises();
        expect(node(element, BLAKE).getAttribute('tabindex')).toBe('0');
        expect(node(element, AVERY).getAttribute('tabindex')).toBe('-1');

        node(element, BLAKE).dispatchEvent(
            new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }),
        );
        await flushPromises();
        expect(node(element, CASEY).getAttribute('tabindex')).toBe('0');

        node(element, CASEY).dispatchEvent(
            new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }),
        );
        await flushPromises();
        expect(text(element, 'modal')).toContain('Edit Casey Patel');
        await expectAccessible(element);
    });

    it('offers a table view with row actions as the accessible equivalent', async () => {
        const element = await renderMap();
        const toggle = shadowQuery(element, '[data-id="view-toggle"]');
        change(toggle as Element, { value: 'table' });
        await flushPromises();

        const table = shadowQuery<HTMLElement & { data: Record<string, unknown>[] }>(
            element,
            '[data-id="table"]',
        );
        expect(shadowQuery(element, '[data-id="map"]')).toBeNull();
        const drew = table?.data.find((row) => row.id === DREW);
        expect(drew?.reportsToName).toBe('Casey Patel');
        expect(table?.data.find((row) => row.id === CASEY)?.status).toBe('Cold');

        table?.dispatchEvent(
            new CustomEvent('rowaction', {
                detail: { action: { name: 'edit' }, row: { id: DREW } },
            }),
        );
        await flushPromises();
        expect(text(element, 'modal')).toContain('Edit Drew Kim');
        await expectAccessible(element);
    });

    it('adds a stakeholder with a new contact from an empty seat', async () => {
        saveMock.mockResolvedValue('a0S000000000009AAA');
        const element = await renderMap();
        const seat = shadowQuery(element, '[data-role="Procurement"]');
        seat?.click();
        await flushPromises();

        expect(text(element, 'modal')).toContain('Add a stakeholder');
        expect(field(element, 'buyingRole').value).toBe('Procurement');
        change(field(element, 'contactId'), { value: '__new__' });
        await flushPromises();
        change(field(element, 'newFirstName'), { value: 'Frankie' });
        change(field(element, 'newLastName'), { value: 'Moss' });
        await flushPromises();
        click(element, 'save');
        await flushPromises();

        expect(saveMock).toHaveBeenCalledTimes(1);
        const { stakeholder, newContact } = saveMock.mock.calls[0][0];
        expect(stakeholder.Account__c).toBe('001000000000001AAA');
        expect(stakeholder.BuyingRole__c).toBe('Procurement');
        expect(stakeholder.Contact__c).toBeUndefined();
        expect(newContact).toEqual({
            FirstName: 'Frankie',
            LastName: 'Moss',
            Title: null,
            Email: null,
        });
        expect(shadowQuery(element, '[data-id="modal"]')).toBeNull();
    });

    it('checks the contact before saving and keeps the form open', async () => {
        const element = await renderMap();
        click(element, 'add');
        await flushPromises();
        click(element, 'save');
        await flushPromises();

        expect(saveMock).not.toHaveBeenCalled();
        expect(shadowQuery(element, '[data-error-for="contactId"]')?.textContent).toContain(
            'Choose the contact',
        );
        await expectAccessible(element);
    });

    it('shows server field errors beside the field and never loses what was typed', async () => {
        saveMock.mockRejectedValue(
            keystoneError('fieldErrors', 'Check the highlighted fields.', {
                ReportsTo__c: ['Avery Chen already reports to Drew Kim; choose someone else.'],
            }),
        );
        const element = await renderMap();
        node(element, DREW).dispatchEvent(
            new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }),
        );
        await flushPromises();
        change(field(element, 'sentiment'), { value: 'Supporter' });
        change(field(element, 'notes'), { value: 'Met at the summit.' });
        change(field(element, 'reportsToId'), { value: BLAKE });
        await flushPromises();
        click(element, 'save');
        await flushPromises();

        expect(saveMock.mock.calls[0][0].stakeholder).toMatchObject({
            Id: DREW,
            Sentiment__c: 'Supporter',
            Notes__c: 'Met at the summit.',
            ReportsTo__c: BLAKE,
        });
        expect(shadowQuery(element, '[data-error-for="reportsToId"]')?.textContent).toContain(
            'already reports to',
        );
        expect(text(element, 'form-error')).toContain('Check the highlighted fields.');
        expect(field(element, 'sentiment').value).toBe('Supporter');
        expect(field(element, 'notes').value).toBe('Met at the summit.');
        await expectAccessible(element);
    });

    it('does not offer someone who reports to the person as their manager', async () => {
        const element = await renderMap();
        node(element, CASEY).dispatchEvent(
            new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }),
        );
        await flushPromises();
        const options = (
            field(element, 'reportsToId') as unknown as { options: { value: string }[] }
        ).options;
        const values = options.map((option) => option.value);
        expect(values).toContain(AVERY);
        expect(values).not.toContain(CASEY);
        expect(values).not.toContain(DREW);
    });

    it('keeps keyboard focus inside the dialog and closes it with Escape', async () => {
        const element = await renderMap();
        click(element, 'add');
        await flushPromises();
        const dialog = shadowQuery(element, '[data-id="modal"]');
        expect(element.shadowRoot?.activeElement).toBe(dialog);

        shadowQuery(element, '[data-id="trap-end"]')?.dispatchEvent(new FocusEvent('focus'));
        expect(element.shadowRoot?.activeElement).toBe(dialog);

        dialog?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        await flushPromises();
        expect(shadowQuery(element, '[data-id="modal"]')).toBeNull();
    });

    it('removes a stakeholder after confirmation', async () => {
        removeMock.mockResolvedValue(undefined);
        const element = await renderMap();
        node(element, DREW).dispatchEvent(
            new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }),
        );
        await flushPromises();
        click(element, 'remove');
        await flushPromises();
        expect(text(element, 'remove-question')).toContain('Remove Drew Kim');
        click(element, 'confirm-remove');
        await flushPromises();

        expect(removeMock).toHaveBeenCalledWith({ stakeholderId: DREW });
        expect(shadowQuery(element, `[data-node-id="${DREW}"]`)).toBeNull();
        expect(text(element, 'status')).toContain('Drew Kim was removed');
    });

    it('changes reports-to by dragging a person onto another', async () => {
        reportsToMock.mockResolvedValue(undefined);
        const element = await renderMap();
        const svg = shadowQuery(element, '[data-id="map"]') as Element;
        const start = screenPointOf(element, DREW);
        const target = screenPointOf(element, BLAKE);

        pointer('pointerdown', node(element, DREW).querySelector('circle') as Element, start);
        pointer('pointermove', svg, { clientX: start.clientX + 20, clientY: start.clientY });
        await flushPromises();
        pointer('pointermove', svg, target);
        await flushPromises();
        expect(node(element, BLAKE).getAttribute('class')).toContain('node-drop-target');
        pointer('pointerup', svg, target);
        await flushPromises();

        expect(reportsToMock).toHaveBeenCalledWith({
            stakeholderId: DREW,
            managerStakeholderId: BLAKE,
        });
        expect(node(element, DREW).getAttribute('aria-label')).toContain('Reports to Blake Ortiz');
        expect(text(element, 'status')).toContain('Drew Kim now reports to Blake Ortiz.');
    });

    it('puts the line back and says why when the move fails', async () => {
        reportsToMock.mockRejectedValue(
            keystoneError('fieldErrors', 'Choose a manager from the same account.'),
        );
        const element = await renderMap();
        const svg = shadowQuery(element, '[data-id="map"]') as Element;
        const start = screenPointOf(element, DREW);
        const target = screenPointOf(element, BLAKE);

        pointer('pointerdown', node(element, DREW), start);
        pointer('pointermove', svg, target);
        pointer('pointerup', svg, target);
        await flushPromises();
        await flushPromises();

        expect(node(element, DREW).getAttribute('aria-label')).toContain('Reports to Casey Patel');
        expect(text(element, 'action-error')).toContain(
            'Drew Kim could not be moved: Choose a manager from the same account.',
        );
        await expectAccessible(element);
    });

    it('opens the editor on a click without a drag, and zooms with the buttons', async () => {
        const element = await renderMap();
        const viewport = shadowQuery(element, '[data-id="map"] > g');
        const before = translateOf(viewport?.getAttribute('transform') ?? null).k;
        click(element, 'zoom-in');
        expect(translateOf(viewport?.getAttribute('transform') ?? null).k).toBeCloseTo(
            before * 1.25,
        );
        click(element, 'fit');
        expect(translateOf(viewport?.getAttribute('transform') ?? null).k).toBeCloseTo(before);

        const point = screenPointOf(element, AVERY);
        pointer('pointerdown', node(element, AVERY), point);
        pointer('pointerup', shadowQuery(element, '[data-id="map"]') as Element, point);
        await flushPromises();
        expect(text(element, 'modal')).toContain('Edit Avery Chen');
    });
});
