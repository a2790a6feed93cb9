import RelationshipCoverage from 'c/relationshipCoverage';
import { calculateCoverage, parseDate } from 'c/keystoneEngine';
import type { CoverageConfig, CoverageResult } from 'c/keystoneEngine';
import { toActivityInputs, toStakeholderInput } from 'c/relationshipMapModel';
import type { StakeholderView } from 'c/relationshipMapModel';
import { clone, expectAccessible, flushPromises, mount, removeAllComponents } from 'test-utils';
import mapData from '../../relationshipMap/__tests__/data/relationshipMap.json';

const settings = mapData.settings as CoverageConfig;

// The summary renders in light DOM: its markup is the host's own children.
function shadowQuery<T extends Element = HTMLElement>(
    element: HTMLElement,
    selector: string,
): T | null {
    return element.querySelector<T>(selector);
}

function shadowQueryAll<T extends Element = HTMLElement>(
    element: HTMLElement,
    selector: string,
): T[] {
    return Array.from(element.querySelectorAll<T>(selector));
}

function textOf(element: HTMLElement, selector: string): string {
    return shadowQuery(element, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function coverageOf(people: StakeholderView[]): CoverageResult {
    return calculateCoverage(
        people.map(toStakeholderInput),
        toActivityInputs(people),
        parseDate('2026-11-26', 'today'),
        settings,
    );
}

async function renderSummary(props: Record<string, unknown>): Promise<HTMLElement> {
    const element = mount('c-relationship-coverage', RelationshipCoverage, {
        settings,
        canAdd: true,
        ...props,
    });
    await flushPromises();
    return element;
}

const fixturePeople = (): StakeholderView[] => clone(mapData.stakeholders) as StakeholderView[];

describe('c-relationship-coverage', () => {
    afterEach(removeAllComponents);

    it('says coverage in words, against the target, with the stored figure beside it', async () => {
        const element = await renderSummary({
            coverage: coverageOf(fixturePeople()),
            storedCoverage: 60,
        });

        expect(textOf(element, '[data-id="depth"]')).toBe(
            '75%: 3 of the 4 people relevant to the buying group engaged in the last 90 days. Above the 60–70% target',
        );
        expect(textOf(element, '[data-id="roles"]')).toBe('4 of 5 key buying roles filled');
        expect(textOf(element, '[data-id="functions"]')).toBe(
            'Strong relationships in 3 functions: Executive, Finance and IT (aim for 3 or more)',
        );
        expect(textOf(element, '[data-id="sponsor"]')).toBe(
            'Engaged: last conversation 25 days ago',
        );
        expect(textOf(element, '[data-id="ownership"]')).toBe(
            '75% have a named owner on our side, spread over 2 people',
        );
        expect(textOf(element, '[data-id="left"]')).toBe(
            'One person on the map has left the company.',
        );
        expect(textOf(element, '[data-id="stored"]')).toContain('at its last recompute: 60%');
        await expectAccessible(element);
    });

    it('never reads "4 of 3": more functions than the target are counted, not compared', async () => {
        const people = fixturePeople();
        const drew = people.find((person) => person.name === 'Drew Kim') as StakeholderView;
        drew.relationshipStrength = 'Strong';
        drew.businessFunction = 'Procurement';
        const element = await renderSummary({ coverage: coverageOf(people) });
        const text = textOf(element, '[data-id="functions"]');
        expect(text).toBe(
            'Strong relationships in 4 functions: Executive, Finance, IT and Procurement (aim for 3 or more)',
        );
        expect(text).not.toMatch(/\d+ of \d+/);
    });

    it('lists the empty seats as buttons that ask to fill them', async () => {
        const element = await renderSummary({ coverage: coverageOf(fixturePeople()) });
        const seats = shadowQueryAll<HTMLButtonElement>(element, '[data-id="empty-seats"] button');
        expect(seats.map((seat) => seat.textContent?.trim())).toEqual(['Add Procurement']);
        const asked: string[] = [];
        element.addEventListener('addseat', (event) =>
            asked.push((event as CustomEvent<{ role: string }>).detail.role),
        );
        seats[0]?.click();
        expect(asked).toEqual(['Procurement']);
    });

    it('disables the seats for someone who cannot add people', async () => {
        const element = await renderSummary({
            coverage: coverageOf(fixturePeople()),
            canAdd: false,
        });
        const seat = shadowQuery<HTMLButtonElement>(element, '[data-id="empty-seats"] button');
        expect(seat?.disabled).toBe(true);
    });

    it('warns about a single thread, one owner, and says when nobody is mapped', async () => {
        const people = fixturePeople().map((person) => ({
            ...person,
            lastEngagedDate: person.name === 'Avery Chen' ? '2026-11-20' : '2025-01-01',
            internalOwnerId: '005000000000001AAA',
            internalOwnerName: 'Jordan Diaz',
        }));
        const element = await renderSummary({ coverage: coverageOf(people) });
        expect(textOf(element, '[data-id="single-thread"]')).toBe(
            'Single-threaded: only one person engaged in the last 90 days.',
        );
        expect(textOf(element, '[data-id="one-owner"]')).toBe(
            'Every relationship is owned by the same person on our side.',
        );

        removeAllComponents();
        const empty = await renderSummary({ coverage: coverageOf([]) });
        expect(textOf(empty, '[data-id="depth"]')).toBe(
            'Nobody relevant to the buying group is on the map yet.',
        );
        expect(textOf(empty, '[data-id="sponsor"]')).toBe('No executive sponsor on the map');
        expect(textOf(empty, '[data-id="functions"]')).toBe(
            'No function has a strong relationship yet (aim for 3 or more).',
        );
        expect(shadowQuery(empty, '[data-id="single-thread"]')).toBeNull();
        expect(shadowQueryAll(empty, '[data-id="empty-seats"] button')).toHaveLength(5);
        await expectAccessible(empty);
    });

    it('says why when coverage could not be worked out', async () => {
        const element = await renderSummary({
            coverage: undefined,
            errorText: 'Coverage could not be worked out: stakeholders[2].sentiment is not valid.',
        });
        expect(textOf(element, '[data-id="coverage-error"]')).toContain('stakeholders[2]');
        expect(shadowQuery(element, '[data-id="depth"]')).toBeNull();
        await expectAccessible(element);
    });
});
