import RelationshipCoverage from 'c/relationshipCoverage';
import { calculateCoverage, parseDate } from 'c/keystoneEngine';
import type { BuyingGroupInput, CoverageConfig, CoverageResult } from 'c/keystoneEngine';
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

function coverageOf(
    people: StakeholderView[],
    buyingGroup: BuyingGroupInput = {},
    config: CoverageConfig = settings,
): CoverageResult {
    return calculateCoverage(
        people.map(toStakeholderInput),
        toActivityInputs(people),
        parseDate('2026-11-26', 'today'),
        config,
        buyingGroup,
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

    it('says coverage of the buying group in words, against the target, with the stored figure beside it', async () => {
        const element = await renderSummary({
            coverage: coverageOf(fixturePeople()),
            storedCoverage: 60,
        });

        // Four relevant people mapped, three engaged, against the default buying group of ten.
        expect(textOf(element, '[data-id="depth"]')).toBe(
            '30%: 3 engaged of 10 seats in the buying group, in the last 90 days. Below the 60–70% target',
        );
        expect(textOf(element, '[data-id="buying-group"]')).toBe(
            "10 seats: your admin's default for every account; set the expected size on the account plan",
        );
        expect(textOf(element, '[data-id="seats"]')).toBe(
            '7 of 10: 6 people still to find and add to the map; 1 person on the map to re-engage (no conversation in the last 90 days)',
        );
        expect(shadowQuery(element, '[data-id="size-clamped"]')).toBeNull();
        expect(textOf(element, '[data-id="roles"]')).toBe('4 of 5 key buying roles filled');
        expect(textOf(element, '[data-id="functions"]')).toBe(
            '3 functions have a strong relationship (target 3, met): Executive, Finance, IT',
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
            '4 functions have a strong relationship (target 3, met): Executive, Finance, IT, Procurement',
        );
        expect(text).not.toMatch(/\d+ of \d+/);
    });

    it('counts the seats the plan expects and says where the size came from', async () => {
        const planned = await renderSummary({
            coverage: coverageOf(fixturePeople(), { expectedSize: 5 }),
            buyingGroup: { expectedSize: 5 },
        });
        expect(textOf(planned, '[data-id="depth"]')).toBe(
            '60%: 3 engaged of 5 seats in the buying group, in the last 90 days. Within the 60–70% target',
        );
        expect(textOf(planned, '[data-id="buying-group"]')).toBe(
            '5 seats: the size set on the account plan',
        );
        expect(textOf(planned, '[data-id="seats"]')).toBe(
            '2 of 5: 1 person still to find and add to the map; 1 person on the map to re-engage (no conversation in the last 90 days)',
        );

        removeAllComponents();
        // More relevant people mapped than expected: the mapped people are the buying group.
        const small = await renderSummary({
            coverage: coverageOf(fixturePeople(), { expectedSize: 2 }),
            buyingGroup: { expectedSize: 2 },
        });
        expect(textOf(small, '[data-id="buying-group"]')).toBe(
            '4 seats: more relevant people are mapped than the 2 expected (the size set on the account plan)',
        );

        removeAllComponents();
        const byTier: CoverageConfig = {
            ...settings,
            buyingGroupSizes: [
                { tier: 'Tier 1', segment: 'Invest', seats: 12 },
                { tier: 'Tier 1', segment: null, seats: 8 },
            ],
        };
        const tierAndSegment = { tier: 'Tier 1', segment: 'Invest' };
        const tiered = await renderSummary({
            coverage: coverageOf(fixturePeople(), tierAndSegment, byTier),
            buyingGroup: tierAndSegment,
            settings: byTier,
        });
        expect(textOf(tiered, '[data-id="buying-group"]')).toBe(
            "12 seats: your admin's default for Tier 1 accounts in the Invest segment",
        );

        removeAllComponents();
        const tierOnly = { tier: 'Tier 1', segment: 'Protect' };
        const tierDefault = await renderSummary({
            coverage: coverageOf(fixturePeople(), tierOnly, byTier),
            buyingGroup: tierOnly,
            settings: byTier,
        });
        expect(textOf(tierDefault, '[data-id="buying-group"]')).toBe(
            "8 seats: your admin's default for Tier 1 accounts",
        );
        await expectAccessible(tierDefault);
    });

    it("says when the plan's size was out of range and which size was counted", async () => {
        const element = await renderSummary({
            coverage: coverageOf(fixturePeople(), { expectedSize: 250 }),
            buyingGroup: { expectedSize: 250 },
        });
        expect(textOf(element, '[data-id="size-clamped"]')).toBe(
            'The account plan expects 250 people, but a buying group is a whole number of people from 1 to 100: 100 seats are counted. Correct the size on the plan.',
        );
        expect(textOf(element, '[data-id="depth"]')).toContain('3 engaged of 100 seats');
        await expectAccessible(element);
    });

    it('has no empty seats once every seat has someone engaged', async () => {
        const people = fixturePeople().map((person) => ({
            ...person,
            lastEngagedDate: '2026-11-20',
        }));
        const element = await renderSummary({
            coverage: coverageOf(people, { expectedSize: 4 }),
            buyingGroup: { expectedSize: 4 },
        });
        expect(textOf(element, '[data-id="seats"]')).toBe('None: every seat has someone engaged.');
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
            '0 functions have a strong relationship (target 3, 3 short)',
        );
        expect(textOf(empty, '[data-id="seats"]')).toBe(
            '10 of 10: 10 people still to find and add to the map',
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
