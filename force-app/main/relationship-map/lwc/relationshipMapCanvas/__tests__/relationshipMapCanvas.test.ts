import { loadScript } from 'lightning/platformResourceLoader';
import RelationshipMapCanvas from 'c/relationshipMapCanvas';
import type { StakeholderView } from 'c/relationshipMapModel';
import {
    clone,
    expectAccessible,
    flushPromises,
    mount,
    removeAllComponents,
    shadowQuery,
    shadowQueryAll,
    textOf,
} from 'test-utils';
import type { D3Layout } from '../layout';
import mapData from '../../relationshipMap/__tests__/data/relationshipMap.json';

const loadScriptMock = loadScript as unknown as jest.Mock;

// On the platform d3 is the static resource built from d3-hierarchy (window.d3); here its UMD build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const d3: D3Layout = require('../../../../../../node_modules/d3-hierarchy/dist/d3-hierarchy.min.js');

const AVERY = 'a0S000000000001AAA';
const BLAKE = 'a0S000000000002AAA';
const CASEY = 'a0S000000000003AAA';
const DREW = 'a0S000000000004AAA';
const EMERY = 'a0S000000000005AAA';

type Canvas = HTMLElement & { focusPerson(id: string): void };

function stakeholder(id: string, name: string, reportsToId: string | null): StakeholderView {
    return {
        id,
        name,
        title: 'Director',
        reportsToId,
        buyingRole: null,
        sentiment: 'Neutral',
        relationshipStrength: 'Moderate',
        lastEngagedDate: '2026-11-01',
        leftCompany: false,
    };
}

/** A chief executive, `managers` managers and `reports` reports each. */
function organisation(managers: number, reports: number): StakeholderView[] {
    const people = [stakeholder('root', 'Morgan Root', null)];
    for (let m = 0; m < managers; m += 1) {
        people.push(stakeholder(`m${m}`, `Manager ${m}`, 'root'));
        for (let r = 0; r < reports; r += 1) {
            people.push(stakeholder(`m${m}r${r}`, `Report ${m}-${r}`, `m${m}`));
        }
    }
    return people;
}

async function renderCanvas(props: Record<string, unknown> = {}): Promise<Canvas> {
    const element = mount<Canvas>('c-relationship-map-canvas', RelationshipMapCanvas, {
        people: clone(mapData.stakeholders),
        today: '2026-11-26',
        windowDays: 90,
        canEdit: true,
        ...props,
    });
    await flushPromises();
    await flushPromises();
    return element;
}

function card(element: HTMLElement, id: string): HTMLElement {
    const found = shadowQuery(element, `[data-node-id="${id}"]`);
    if (!found) throw new Error(`${id} is not on the map`);
    return found;
}

function cardIds(element: HTMLElement): string[] {
    return shadowQueryAll(element, '[data-node-id]').map((node) => node.dataset.nodeId ?? '');
}

function toggle(element: HTMLElement, id: string): HTMLElement {
    const found = shadowQuery(element, `[data-toggle-id="${id}"]`);
    if (!found) throw new Error(`${id} has no team button`);
    return found;
}

function key(target: Element, value: string): void {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: value, bubbles: true }));
}

function viewTransform(element: HTMLElement): { x: number; y: number; k: number } {
    const style = shadowQuery(element, '.ks-map__viewport')?.style.transform ?? '';
    const match = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(style);
    return { x: Number(match?.[1]), y: Number(match?.[2]), k: Number(match?.[3]) };
}

/** Where a card's top-left corner is on screen (the frame is at 0,0 in jsdom). */
function screenPointOf(element: HTMLElement, id: string): { clientX: number; clientY: number } {
    const { x, y, k } = viewTransform(element);
    const style = card(element, id).getAttribute('style') ?? '';
    const left = Number(/left: ([-\d.]+)px/.exec(style)?.[1]);
    const top = Number(/top: ([-\d.]+)px/.exec(style)?.[1]);
    return { clientX: (left + 20) * k + x, clientY: (top + 20) * k + y };
}

function pointer(type: string, target: Element, point: { clientX: number; clientY: number }): void {
    const event = new MouseEvent(type, { bubbles: true, composed: true, button: 0, ...point });
    Object.defineProperty(event, 'pointerId', { value: 1 });
    target.dispatchEvent(event);
}

function listen(element: HTMLElement, ...names: string[]): { name: string; detail: unknown }[] {
    const seen: { name: string; detail: unknown }[] = [];
    for (const name of names) {
        element.addEventListener(name, (event) =>
            seen.push({ name, detail: (event as CustomEvent).detail }),
        );
    }
    return seen;
}

describe('c-relationship-map-canvas', () => {
    beforeEach(() => {
        (window as unknown as { d3?: unknown }).d3 = d3;
        loadScriptMock.mockResolvedValue(undefined);
    });

    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('draws a card per person with reports-to and influence lines that look different', async () => {
        const element = await renderCanvas();

        expect(cardIds(element).sort()).toEqual([AVERY, BLAKE, CASEY, DREW, EMERY]);
        expect(shadowQueryAll(element, '[data-line="reports"]')).toHaveLength(3);
        const influence = shadowQueryAll(element, '[data-line="influences"] path');
        expect(influence.map((path) => path.getAttribute('class'))).toEqual([
            'ks-map__influence-line',
            'ks-map__influence-arrow',
        ]);
        const blake = card(element, BLAKE);
        expect(blake.getAttribute('role')).toBe('button');
        expect(blake.getAttribute('aria-label')).toBe(
            'Blake Ortiz, CFO. Executive Sponsor. Sentiment Advocate. Strong relationship. ' +
                'Last contact 25 days ago. Relationship owner Jordan Diaz. Reports to Avery Chen',
        );
        expect(card(element, CASEY).getAttribute('aria-label')).toContain(
            'Influences Blake Ortiz. Cold: no engagement in 90 days. 1 direct report',
        );
        expect(card(element, EMERY).getAttribute('aria-label')).toContain('Has left the company');
        expect(textOf(element, '[data-id="legend"]')).toContain('Influences');
        await expectAccessible(element);
    });

    it('fits the map to the width on load, never above 100 %', async () => {
        const element = await renderCanvas();
        const { k, x } = viewTransform(element);
        expect(k).toBeLessThanOrEqual(1);
        expect(x).toBeGreaterThan(0);
        const frame = shadowQuery(element, '[data-id="map"]');
        expect(
            Number(/height: (\d+)px/.exec(frame?.getAttribute('style') ?? '')?.[1]),
        ).toBeGreaterThanOrEqual(320);
    });

    it('opens with the top levels of a large account and shows a team on request', async () => {
        const element = await renderCanvas({ people: organisation(6, 8) });
        expect(cardIds(element)).toHaveLength(7);
        const button = toggle(element, 'm2');
        expect(button.textContent?.trim()).toBe('Show 8');
        expect(button.getAttribute('aria-expanded')).toBe('false');
        expect(button.getAttribute('aria-label')).toBe('Show the 8 people below Manager 2');

        button.click();
        await flushPromises();
        expect(cardIds(element)).toHaveLength(15);
        expect(toggle(element, 'm2').getAttribute('aria-expanded')).toBe('true');
        expect(toggle(element, 'm2').textContent?.trim()).toBe('Hide');
        expect(textOf(element, '[data-id="canvas-status"]')).toBe(
            'Showing the 8 people below Manager 2.',
        );
        await expectAccessible(element);

        toggle(element, 'm2').click();
        await flushPromises();
        expect(cardIds(element)).toHaveLength(7);
    });

    it('brings a team it opens into view, keeping the person whose team it is in view', async () => {
        // Opens at a readable scale, wider than the 800 px frame: the last manager is off to the right.
        const element = await renderCanvas({ people: organisation(6, 8) });
        const frame = shadowQuery(element, '[data-id="map"]');
        const height = Number(/height: (\d+)px/.exec(frame?.getAttribute('style') ?? '')?.[1]);
        toggle(element, 'm5').click();
        await flushPromises();

        const { x, y, k } = viewTransform(element);
        const team = ['m5', ...Array.from({ length: 8 }, (_, r) => `m5r${r}`)];
        for (const id of team) {
            const style = card(element, id).getAttribute('style') ?? '';
            const left = Number(/left: ([-\d.]+)px/.exec(style)?.[1]) * k + x;
            const top = Number(/top: ([-\d.]+)px/.exec(style)?.[1]) * k + y;
            expect(left).toBeGreaterThanOrEqual(0);
            expect(left + 256 * k).toBeLessThanOrEqual(800);
            if (id === 'm5') expect(top).toBeGreaterThanOrEqual(0);
            if (id === 'm5') expect(top + 104 * k).toBeLessThanOrEqual(height);
        }
    });

    it('shows every team when the admin chose it, and on request', async () => {
        const all = await renderCanvas({ people: organisation(6, 8), openBranches: 'Every team' });
        expect(cardIds(all)).toHaveLength(55);
        removeAllComponents();

        const element = await renderCanvas({ people: organisation(6, 8) });
        shadowQuery(element, '[data-id="expand-all"]')?.click();
        await flushPromises();
        expect(cardIds(element)).toHaveLength(55);
        shadowQuery(element, '[data-id="top-levels"]')?.click();
        await flushPromises();
        expect(cardIds(element)).toHaveLength(7);
    });

    it('moves with the arrow keys, opens a team with + or Down, and selects with Enter', async () => {
        const element = await renderCanvas({ people: organisation(6, 8) });
        const seen = listen(element, 'personselect');
        expect(card(element, 'root').getAttribute('tabindex')).toBe('0');
        expect(toggle(element, 'root').getAttribute('tabindex')).toBe('0');

        key(card(element, 'root'), 'ArrowDown');
        await flushPromises();
        expect(card(element, 'm0').getAttribute('tabindex')).toBe('0');
        expect(card(element, 'root').getAttribute('tabindex')).toBe('-1');
        expect(element.shadowRoot?.activeElement).toBe(card(element, 'm0'));

        key(card(element, 'm0'), '+');
        await flushPromises();
        expect(cardIds(element)).toContain('m0r0');
        key(card(element, 'm0'), '-');
        await flushPromises();
        expect(cardIds(element)).not.toContain('m0r0');

        key(card(element, 'm0'), 'ArrowDown');
        await flushPromises();
        expect(cardIds(element)).toContain('m0r0');
        expect(element.shadowRoot?.activeElement).toBe(card(element, 'm0r0'));

        key(card(element, 'm0r0'), 'Enter');
        expect(seen).toEqual([{ name: 'personselect', detail: { id: 'm0r0' } }]);
        await expectAccessible(element);
    });

    it('finds a person by name or title, opens the teams above them and focuses them', async () => {
        const element = await renderCanvas({ people: organisation(6, 8) });
        expect(cardIds(element)).not.toContain('m4r7');
        const search = shadowQuery<HTMLInputElement>(
            element,
            '[data-id="search"]',
        ) as HTMLInputElement;
        const type = (text: string): void => {
            search.value = text;
            search.dispatchEvent(new Event('input'));
        };
        type('report 4-7');
        await flushPromises();
        expect(textOf(element, '[data-id="search-summary"]')).toBe('1 person matches.');
        const result = shadowQuery(element, '[data-person-id="m4r7"]');
        expect(result?.textContent).toBe('Report 4-7, Director');
        result?.click();
        await flushPromises();

        expect(cardIds(element)).toContain('m4r7');
        expect(card(element, 'm4r7').className).toContain('ks-map__card_found');
        expect(element.shadowRoot?.activeElement).toBe(card(element, 'm4r7'));
        expect(textOf(element, '[data-id="canvas-status"]')).toBe('Showing Report 4-7.');

        type('director');
        await flushPromises();
        expect(textOf(element, '[data-id="search-summary"]')).toBe(
            '55 people match; the first 8 are listed.',
        );
        type('nobody here');
        await flushPromises();
        expect(textOf(element, '[data-id="search-summary"]')).toBe(
            'Nobody on the map matches "nobody here".',
        );
        await expectAccessible(element);
    });

    it('keeps only the cards near the view in the page, and brings a far one in to focus it', async () => {
        const people = [stakeholder('root', 'Morgan Root', null)];
        for (let m = 0; m < 60; m += 1) {
            people.push(stakeholder(`m${m}`, `Manager ${String(m).padStart(2, '0')}`, 'root'));
            people.push(stakeholder(`m${m}r`, `Report ${String(m).padStart(2, '0')}`, `m${m}`));
        }
        const element = await renderCanvas({ people, openBranches: 'Every team' });
        const shown = cardIds(element);
        expect(shown.length).toBeGreaterThan(10);
        expect(shown.length).toBeLessThan(people.length);
        expect(shown).not.toContain('m59r');

        element.focusPerson('m59r');
        await flushPromises();
        expect(element.shadowRoot?.activeElement).toBe(card(element, 'm59r'));
        expect(cardIds(element)).not.toContain('m0r');
    });

    it('asks to change reports-to when a person is dragged onto someone else', async () => {
        const element = await renderCanvas();
        const seen = listen(element, 'reportstochange', 'personselect');
        const frame = shadowQuery(element, '[data-id="map"]') as Element;
        const start = screenPointOf(element, DREW);
        const target = screenPointOf(element, BLAKE);

        pointer('pointerdown', card(element, DREW), start);
        pointer('pointermove', frame, { clientX: start.clientX + 20, clientY: start.clientY });
        await flushPromises();
        pointer('pointermove', frame, target);
        await flushPromises();
        expect(card(element, BLAKE).className).toContain('ks-map__card_drop');
        pointer('pointerup', frame, target);
        await flushPromises();
        expect(seen).toEqual([
            { name: 'reportstochange', detail: { personId: DREW, managerId: BLAKE } },
        ]);

        // Onto someone who reports to them: no drop target, no change asked.
        pointer('pointerdown', card(element, CASEY), screenPointOf(element, CASEY));
        pointer('pointermove', frame, screenPointOf(element, DREW));
        await flushPromises();
        expect(card(element, DREW).className).not.toContain('ks-map__card_drop');
        pointer('pointerup', frame, screenPointOf(element, DREW));
        await flushPromises();
        expect(seen).toHaveLength(1);
        expect(textOf(element, '[data-id="canvas-status"]')).toContain('Drop a person onto');

        // A click without a drag selects.
        pointer('pointerdown', card(element, AVERY), screenPointOf(element, AVERY));
        pointer('pointerup', frame, screenPointOf(element, AVERY));
        expect(seen[1]).toEqual({ name: 'personselect', detail: { id: AVERY } });
    });

    it('does not drag for someone who cannot edit', async () => {
        const element = await renderCanvas({ canEdit: false });
        const seen = listen(element, 'reportstochange');
        const frame = shadowQuery(element, '[data-id="map"]') as Element;
        pointer('pointerdown', card(element, DREW), screenPointOf(element, DREW));
        pointer('pointermove', frame, screenPointOf(element, BLAKE));
        pointer('pointerup', frame, screenPointOf(element, BLAKE));
        await flushPromises();
        expect(seen).toEqual([]);
    });

    it('zooms with the buttons and Ctrl + wheel, and fits back to the width', async () => {
        const element = await renderCanvas();
        const before = viewTransform(element).k;
        shadowQuery(element, '[data-id="zoom-in"]')?.click();
        expect(viewTransform(element).k).toBeCloseTo(before * 1.25);
        const frame = shadowQuery(element, '[data-id="map"]') as Element;
        frame.dispatchEvent(
            new WheelEvent('wheel', { deltaY: 100, ctrlKey: true, cancelable: true }),
        );
        expect(viewTransform(element).k).toBeCloseTo((before * 1.25) / 1.1);
        shadowQuery(element, '[data-id="fit"]')?.click();
        expect(viewTransform(element).k).toBeCloseTo(before);
    });

    it('draws its tools while the people load, waiting for them, and none for nobody', async () => {
        const element = await renderCanvas({ people: [], loading: true });
        expect(cardIds(element)).toEqual([]);
        expect(shadowQuery(element, '[data-id="search"]')).not.toBeNull();
        expect(shadowQuery(element, '[data-id="legend"]')).not.toBeNull();
        for (const tool of ['top-levels', 'zoom-in', 'zoom-out', 'fit', 'expand-all']) {
            expect(
                (shadowQuery(element, `[data-id="${tool}"]`) as HTMLButtonElement).disabled,
            ).toBe(true);
        }
        await expectAccessible(element);

        Object.assign(element, { people: clone(mapData.stakeholders), loading: false });
        await flushPromises();
        expect(cardIds(element)).toHaveLength(5);
        expect((shadowQuery(element, '[data-id="fit"]') as HTMLButtonElement).disabled).toBe(false);

        Object.assign(element, { people: [] });
        await flushPromises();
        expect(shadowQuery(element, '[data-id="search"]')).toBeNull();
        expect(shadowQuery(element, '[data-id="legend"]')).toBeNull();
    });

    it('tells its container when d3 cannot load', async () => {
        loadScriptMock.mockRejectedValueOnce(new Error('blocked'));
        const seen: string[] = [];
        const element = mount('c-relationship-map-canvas', RelationshipMapCanvas, {
            people: clone(mapData.stakeholders),
            today: '2026-11-26',
        });
        element.addEventListener('chartunavailable', () => seen.push('unavailable'));
        await flushPromises();
        expect(seen).toEqual(['unavailable']);
        expect(textOf(element, '[data-id="chart-loading"]')).toBe('Drawing the map…');
    });
});
