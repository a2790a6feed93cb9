import WhitespaceLegend from 'c/whitespaceLegend';
import {
    expectAccessible,
    flushPromises,
    mount,
    removeAllComponents,
    shadowQuery,
    shadowQueryAll,
    textOf,
} from 'test-utils';
import gridFixture from '../../whitespaceGrid/__tests__/data/grid.json';

const ALL = gridFixture.statuses.map((status) => status.value);

async function renderLegend(selected: string[] = ALL): Promise<HTMLElement> {
    const element = mount('c-whitespace-legend', WhitespaceLegend, {
        statuses: gridFixture.statuses,
        selected,
    });
    await flushPromises();
    return element;
}

function changes(element: HTMLElement): string[][] {
    const seen: string[][] = [];
    element.addEventListener('filterchange', (event) =>
        seen.push((event as CustomEvent<{ statuses: string[] }>).detail.statuses),
    );
    return seen;
}

describe('c-whitespace-legend', () => {
    afterEach(removeAllComponents);

    it('says what each status means, with its marker, each one a checkbox', async () => {
        const element = await renderLegend();
        const labels = shadowQueryAll(element, 'label').map((label) =>
            label.textContent?.replace(/\s+/g, ' ').trim(),
        );
        expect(labels).toEqual([
            'Owned: We already sell this product here.',
            'In pipeline: An open opportunity is working on it.',
            'Whitespace: Not sold yet: room to grow.',
            'Competitor: A competitor has it or is chasing it.',
            'Not applicable: The product does not fit this business unit.',
        ]);
        expect(
            shadowQueryAll<HTMLInputElement>(element, 'input').every((input) => input.checked),
        ).toBe(true);
        expect(textOf(element, '.ks-legend-heat')).toBe(
            'Darker background: higher estimated value.',
        );
        expect(shadowQuery(element, '[data-id="show-all"]')).toBeNull();
        await expectAccessible(element);
    });

    it('hides and shows a status, and shows them all again', async () => {
        const element = await renderLegend(['Owned', 'Competitor']);
        const seen = changes(element);
        const competitor = shadowQuery<HTMLInputElement>(element, '[data-status="Competitor"]');
        const whitespace = shadowQuery<HTMLInputElement>(element, '[data-status="Whitespace"]');
        expect(whitespace?.checked).toBe(false);
        if (!competitor || !whitespace) throw new Error('no checkboxes');
        competitor.checked = false;
        competitor.dispatchEvent(new Event('change'));
        whitespace.checked = true;
        whitespace.dispatchEvent(new Event('change'));
        shadowQuery(element, '[data-id="show-all"]')?.click();
        expect(seen).toEqual([['Owned'], ['Owned', 'Whitespace', 'Competitor'], ALL]);
        await expectAccessible(element);
    });
});
