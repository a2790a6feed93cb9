import RelationshipPersonCard from 'c/relationshipPersonCard';
import type { StakeholderView } from 'c/relationshipMapModel';
import { clone, expectAccessible, flushPromises, mount, removeAllComponents } from 'test-utils';
import mapData from '../../relationshipMap/__tests__/data/relationshipMap.json';

const people = mapData.stakeholders as StakeholderView[];
const person = (name: string): StakeholderView => {
    const found = people.find((each) => each.name === name);
    if (!found) throw new Error(`${name} is not in the fixture`);
    return clone(found);
};

// The card renders in light DOM: its markup is the host's own children.
function shadowQuery(element: HTMLElement, selector: string): HTMLElement | null {
    return element.querySelector<HTMLElement>(selector);
}

function textOf(element: HTMLElement, selector: string): string {
    return shadowQuery(element, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

async function renderCard(value: StakeholderView): Promise<HTMLElement> {
    const element = mount('c-relationship-person-card', RelationshipPersonCard, {
        person: value,
        today: '2026-11-26',
        windowDays: 90,
    });
    await flushPromises();
    return element;
}

describe('c-relationship-person-card', () => {
    it('renders in light DOM, with no shadow root of its own', async () => {
        const element = await renderCard(person('Avery Chen'));
        expect(element.shadowRoot).toBeNull();
        expect(element.querySelector('.ks-card')).not.toBeNull();
    });

    afterEach(removeAllComponents);

    it('shows name, title, role and sentiment, strength and last contact, and our owner', async () => {
        const element = await renderCard(person('Blake Ortiz'));

        expect(textOf(element, '.ks-card__name')).toBe('Blake Ortiz');
        expect(textOf(element, '[data-id="title"]')).toBe('CFO');
        expect(textOf(element, '[data-id="role"]')).toBe('Executive Sponsor · Advocate');
        expect(textOf(element, '[data-id="engagement"]')).toBe('Strong · last contact 25 days ago');
        expect(textOf(element, '[data-id="owner"]')).toBe('Owner: Jordan Diaz');
        expect(shadowQuery(element, '.ks-card')?.className).toContain('sentiment-advocate');
        expect(shadowQuery(element, '[data-id="marker"]')).toBeNull();
        await expectAccessible(element);
    });

    it('marks someone cold when there was no Task or Event in the window', async () => {
        const element = await renderCard(person('Casey Patel'));
        expect(textOf(element, '[data-id="marker"]')).toBe('Cold');
        expect(textOf(element, '[data-id="engagement"]')).toBe(
            'Strong · last contact 178 days ago',
        );
    });

    it('marks someone who left the company instead of cold, and fades the card', async () => {
        const element = await renderCard(person('Emery Novak'));
        expect(textOf(element, '[data-id="marker"]')).toBe('Left company');
        expect(shadowQuery(element, '.ks-card')?.className).toContain('ks-card_left');
        expect(textOf(element, '[data-id="role"]')).toBe('Coach · Unknown');
        await expectAccessible(element);
    });

    it('says what is missing in words: no title, no buying role, no contact, no owner', async () => {
        const element = await renderCard({
            id: 'a0S000000000009AAA',
            name: 'Robin Vale',
            relationshipStrength: 'None',
            leftCompany: false,
        });
        expect(textOf(element, '[data-id="title"]')).toBe('No title');
        expect(textOf(element, '[data-id="role"]')).toBe('No buying role · Unknown');
        expect(textOf(element, '[data-id="engagement"]')).toBe(
            'No relationship · no contact logged',
        );
        expect(textOf(element, '[data-id="owner"]')).toBe('No owner on our side');
        expect(textOf(element, '[data-id="marker"]')).toBe('Cold');
    });
});
