import WhitespaceTotals from 'c/whitespaceTotals';
import { totalWhitespace } from 'c/keystoneEngine';
import { expectAccessible, flushPromises, mount, removeAllComponents } from 'test-utils';

function textOf(element: HTMLElement, selector: string): string {
    // Light DOM: the totals are the host's own children.
    return element.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

const totals = totalWhitespace(
    [
        {
            id: 'a',
            businessUnit: 'emea',
            productFamily: 'x',
            status: 'Whitespace',
            estimatedValue: 100000,
            probability: 40,
        },
        {
            id: 'b',
            businessUnit: 'emea',
            productFamily: 'y',
            status: 'Owned',
            estimatedValue: 50000,
            captured: true,
            capturedValue: 50000,
        },
        {
            id: 'c',
            businessUnit: 'us',
            productFamily: 'x',
            status: 'Competitor',
            estimatedValue: 20000,
            probability: 10,
        },
    ],
    [],
);

describe('c-whitespace-totals', () => {
    afterEach(removeAllComponents);

    it('says what is identified, weighted, captured and the captured share', async () => {
        const element = mount('c-whitespace-totals', WhitespaceTotals, { totals });
        await flushPromises();
        expect(element.shadowRoot).toBeNull();
        expect(textOf(element, '[data-id="totals-heading"]')).toBe('Totals');
        expect(textOf(element, '[data-id="total-identified"]')).toBe('$170,000');
        expect(textOf(element, '[data-id="total-weighted"]')).toBe('$42,000');
        expect(textOf(element, '[data-id="total-captured"]')).toBe('$50,000');
        expect(textOf(element, '[data-id="capture-percent"]')).toBe('29.4% of what was identified');
        await expectAccessible(element);
    });

    it('says when the totals cover only the statuses shown, and why they are missing', async () => {
        const element = mount('c-whitespace-totals', WhitespaceTotals, {
            filtered: true,
            errorText: 'The totals could not be worked out: cells[2].probability is not a number.',
        });
        await flushPromises();
        expect(textOf(element, '[data-id="totals-heading"]')).toBe('Totals of the statuses shown');
        expect(textOf(element, '[data-id="totals-error"]')).toContain('cells[2]');
        expect(textOf(element, '[data-id="total-identified"]')).toBe('$0');
    });
});
