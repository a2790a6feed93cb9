import type * as d3Types from 'd3-scale';
import { loadScript } from 'lightning/platformResourceLoader';
import getPortfolio from '@salesforce/apex/PortfolioController.getPortfolio';
import previewTierDecision from '@salesforce/apex/PortfolioController.previewTierDecision';
import acceptSuggestedTiers from '@salesforce/apex/PortfolioController.acceptSuggestedTiers';
import overrideTier from '@salesforce/apex/PortfolioController.overrideTier';
import startSelectionRun from '@salesforce/apex/PortfolioController.startSelectionRun';
import KeystonePortfolio from 'c/keystonePortfolio';
import {
    clone,
    dialogOf,
    expectAccessible,
    flushPromises,
    keystoneError,
    mount,
    pressEscapeIn,
    removeAllComponents,
    textOf,
} from 'test-utils';
import type { TestWireAdapter } from 'test-utils';
import portfolio from './data/portfolio.json';
import emptyPortfolio from './data/emptyPortfolio.json';

jest.mock(
    '@salesforce/apex/PortfolioController.getPortfolio',
    () => jest.requireActual('test-utils').apexWireMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/PortfolioController.previewTierDecision',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/PortfolioController.acceptSuggestedTiers',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/PortfolioController.overrideTier',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);
jest.mock(
    '@salesforce/apex/PortfolioController.startSelectionRun',
    () => jest.requireActual('test-utils').apexMethodMock(),
    { virtual: true },
);

const portfolioAdapter = getPortfolio as unknown as TestWireAdapter;
const previewMock = previewTierDecision as unknown as jest.Mock;
const acceptMock = acceptSuggestedTiers as unknown as jest.Mock;
const overrideMock = overrideTier as unknown as jest.Mock;
const startRunMock = startSelectionRun as unknown as jest.Mock;
const loadScriptMock = loadScript as unknown as jest.Mock;
// The d3Scale static resource as it ships (built by npm run build, which npm test runs first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const d3: typeof d3Types = require('../../../staticresources/d3Scale.js');

const ACME = '001000000000001AAA';
const ACME_EUROPE = '001000000000002AAA';
const GLOBEX = '001000000000003AAA';
const INITECH = '001000000000004AAA';

/** The shadow root of a child component inside the portfolio. */
function child(element: HTMLElement, tag: string): ShadowRoot {
    const found = element.shadowRoot?.querySelector(tag) as HTMLElement | null;
    if (!found?.shadowRoot) throw new Error(`${tag} is not rendered`);
    return found.shadowRoot;
}

function text(root: ShadowRoot | null | undefined, selector: string): string {
    return root?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function tableRows(element: HTMLElement): string[] {
    return Array.from(
        child(element, 'c-portfolio-table').querySelectorAll<HTMLElement>('[data-row]'),
    ).map((row) => row.dataset.row ?? '');
}

function change(target: Element | null | undefined, value: unknown): void {
    if (!target) throw new Error('no such control');
    target.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

async function render(data: unknown = portfolio): Promise<HTMLElement> {
    const element = mount('c-keystone-portfolio', KeystonePortfolio);
    portfolioAdapter.emit(clone(data));
    await flushPromises();
    await flushPromises();
    return element;
}

/** The tier decision dialog's heading (it lives in the c-keystone-dialog it opens in). */
function dialogHeading(element: HTMLElement): string {
    const tierDialog = element.shadowRoot?.querySelector('c-tier-decision-dialog') as HTMLElement;
    return textOf(dialogOf(tierDialog), '[data-id="heading"]');
}

function dialog(element: HTMLElement): ShadowRoot | null {
    const found = element.shadowRoot?.querySelector('c-tier-decision-dialog') as HTMLElement | null;
    return found?.shadowRoot ?? null;
}

// The whole portfolio (seven components) is checked with axe in several tests; on a busy
// two-core build machine one check can take seconds.
jest.setTimeout(20_000);

describe('c-keystone-portfolio', () => {
    beforeEach(() => {
        (window as unknown as { d3?: unknown }).d3 = d3;
        loadScriptMock.mockResolvedValue(undefined);
        previewMock.mockResolvedValue([]);
    });

    afterEach(() => {
        removeAllComponents();
        jest.clearAllMocks();
    });

    it('shows the team, the last run and every account, highest score first', async () => {
        const element = await render();

        expect(text(element.shadowRoot, '[data-id="scope"]')).toBe(
            'You and the 3 people in the roles below yours.',
        );
        expect(text(element.shadowRoot, '[data-id="last-run"]')).toContain('SR-00012 (Completed');
        expect(tableRows(element)).toEqual([
            ACME,
            ACME_EUROPE,
            '001000000000005AAA',
            GLOBEX,
            INITECH,
        ]);
        expect(text(element.shadowRoot, '[data-id="summary"]')).toBe(
            '4 key accounts and 1 suggested ones.',
        );
        const acme = child(element, 'c-portfolio-table').querySelector(`[data-row="${ACME}"]`);
        expect(acme?.textContent).toContain('112% (Healthy), GRR 96%');
        expect(acme?.textContent).toContain('+4 since review');
        expect(acme?.textContent).toContain('60% (6 of 12 in the buying group)');
        expect(acme?.textContent).toContain('200K of 1M');
        await expectAccessible(element);
    });

    it('says the programme NRR, its buying-group coverage and NRR by tier in words', async () => {
        const element = await render();

        expect(text(element.shadowRoot, '[data-id="programme-retention"]')).toBe(
            'Net revenue retention 104.2%, gross 91.5%, weighted by revenue across 2 accounts ' +
                'on 1.2M of revenue a year ago. 3 accounts without revenue a year ago to measure.',
        );
        expect(text(element.shadowRoot, '[data-id="programme-coverage"]')).toBe(
            'Buying groups 29.2% covered: 7 engaged of 24 seats; 5 of 8 buying roles filled.',
        );
        const tiers = [
            ...(element.shadowRoot?.querySelectorAll('[data-id="tier-retention"] li') ?? []),
        ].map((item) => item.textContent);
        expect(tiers).toEqual([
            'Tier 1: Net revenue retention 112%, gross 96%, weighted by revenue across 1 account ' +
                'on 800K of revenue a year ago. 1 account without revenue a year ago to measure.',
            'No tier: Revenue retention not measured yet. 1 account without revenue a year ago to measure.',
        ]);
        await expectAccessible(element);
    });

    it('filters by manager, tier, band and segment, and says how many match', async () => {
        const element = await render();
        const filters = child(element, 'c-portfolio-filters');

        change(filters.querySelector('[data-key="managerId"]'), '005000000000002AAA');
        await flushPromises();
        expect(tableRows(element)).toEqual([GLOBEX, INITECH]);
        expect(text(element.shadowRoot, '[data-id="summary"]')).toContain('2 match the filters.');

        change(filters.querySelector('[data-key="tier"]'), 'none');
        await flushPromises();
        expect(tableRows(element)).toEqual([GLOBEX]);

        change(filters.querySelector('[data-key="managerId"]'), '');
        change(filters.querySelector('[data-key="tier"]'), '');
        change(filters.querySelector('[data-key="band"]'), 'Healthy');
        await flushPromises();
        expect(tableRows(element)).toEqual([ACME, '001000000000005AAA']);

        change(filters.querySelector('[data-key="band"]'), '');
        change(filters.querySelector('[data-key="segment"]'), 'Maintain');
        await flushPromises();
        expect(tableRows(element)).toEqual([GLOBEX, INITECH]);
    });

    it('opens an inspection list in one click and shows every account again in a second', async () => {
        const element = await render();
        const inspection = child(element, 'c-portfolio-inspection');
        expect(text(inspection, '[data-count="stale"]')).toBe('2');
        expect(text(inspection, '[data-count="singleThreaded"]')).toBe('1');
        expect(text(inspection, '[data-count="renewalsAtRisk"]')).toBe('1');
        expect(text(inspection, '[data-count="pending"]')).toBe('3');

        inspection.querySelector<HTMLElement>('[data-key="stale"]')?.click();
        await flushPromises();
        expect(tableRows(element)).toEqual([ACME_EUROPE, INITECH]);
        expect(
            child(element, 'c-portfolio-inspection')
                .querySelector('[data-key="stale"]')
                ?.getAttribute('aria-pressed'),
        ).toBe('true');

        child(element, 'c-portfolio-inspection')
            .querySelector<HTMLElement>('[data-key="stale"]')
            ?.click();
        await flushPromises();
        expect(tableRows(element)).toHaveLength(5);
    });

    it('groups the accounts under their ultimate parent with the group roll-up', async () => {
        const element = await render();
        const filters = child(element, 'c-portfolio-filters');
        const checkbox = filters.querySelector('[data-key="groupByParent"]') as HTMLInputElement;
        checkbox.checked = true;
        checkbox.dispatchEvent(new CustomEvent('change'));
        await flushPromises();

        const table = child(element, 'c-portfolio-table');
        const header = table.querySelector(`[data-group-header="${ACME}"]`);
        expect(header?.textContent).toContain('Acme Corp');
        expect(header?.textContent).toContain(
            'Roll-up of 2 accounts: revenue 1.5M (+3.4% on the prior year) · NRR 112% · GRR — · buying-group coverage 35% · whitespace 200K captured of 1.7M',
        );
        const acmeGroupRows = Array.from(
            table.querySelectorAll<HTMLElement>(`[data-group="${ACME}"] [data-row]`),
        ).map((row) => row.dataset.row);
        expect(acmeGroupRows).toEqual([ACME, ACME_EUROPE]);
    });

    it('accepts a suggested tier after showing the capacity warning it raises', async () => {
        previewMock.mockResolvedValue([
            'Jordan Diaz would own 11 Tier 1 accounts; the policy allows at most 10.',
        ]);
        acceptMock.mockResolvedValue({ changed: 1, unchanged: [], warnings: [] });
        const element = await render();

        child(element, 'c-portfolio-table')
            .querySelector<HTMLElement>(`[data-account-id="${ACME_EUROPE}"][data-action="accept"]`)
            ?.click();
        await flushPromises();

        expect(previewMock).toHaveBeenCalledWith({ accountIds: [ACME_EUROPE], tier: null });
        const open = dialog(element);
        expect(dialogHeading(element)).toBe('Accept the suggested tier of Acme Europe');
        expect(text(open, '[data-id="changes"]')).toBe('Acme Europe: Tier 2 → Tier 1');
        expect(text(open, '[data-id="warnings"]')).toContain(
            'Jordan Diaz would own 11 Tier 1 accounts; the policy allows at most 10.',
        );
        expect(
            (open?.querySelector('[data-id="confirm"]') as unknown as { label: string }).label,
        ).toBe('Accept anyway');
        await expectAccessible(element);

        open?.querySelector<HTMLElement>('[data-id="confirm"]')?.click();
        await flushPromises();

        expect(acceptMock).toHaveBeenCalledWith({ accountIds: [ACME_EUROPE] });
        expect(dialog(element)).toBeNull();
        expect(text(element.shadowRoot, '[data-id="status"]')).toBe('1 tier change recorded.');
    });

    it('accepts several suggestions at once from the selected rows', async () => {
        acceptMock.mockResolvedValue({ changed: 2, unchanged: [], warnings: [] });
        const element = await render();
        const table = child(element, 'c-portfolio-table');
        for (const id of [ACME_EUROPE, GLOBEX]) {
            const box = table.querySelector(`input[data-account-id="${id}"]`) as HTMLInputElement;
            box.checked = true;
            box.dispatchEvent(new CustomEvent('change'));
        }
        await flushPromises();
        const acceptSelected = child(element, 'c-portfolio-table').querySelector<HTMLElement>(
            '[data-id="accept-selected"]',
        );
        expect((acceptSelected as unknown as { label: string }).label).toBe('Accept selected (2)');
        acceptSelected?.click();
        await flushPromises();

        expect(dialogHeading(element)).toBe('Accept 2 suggested tiers');
        dialog(element)?.querySelector<HTMLElement>('[data-id="confirm"]')?.click();
        await flushPromises();
        expect(acceptMock).toHaveBeenCalledWith({ accountIds: [ACME_EUROPE, GLOBEX] });
        expect(text(element.shadowRoot, '[data-id="status"]')).toBe('2 tier changes recorded.');
    });

    it('overrides a tier with a reason, keeping the tier and reason when the server rejects it', async () => {
        overrideMock.mockRejectedValueOnce(
            keystoneError('fieldErrors', 'Give a reason for the override.', {
                Reason__c: ['Give a reason for the override: it is recorded with the tier change.'],
            }),
        );
        overrideMock.mockResolvedValueOnce({
            changed: 1,
            unchanged: [],
            warnings: ['Sam Lee would own 2 Tier 1 accounts; the policy asks for at least 3.'],
        });
        const element = await render();
        child(element, 'c-portfolio-table')
            .querySelector<HTMLElement>(`[data-account-id="${INITECH}"][data-action="override"]`)
            ?.click();
        await flushPromises();

        let open = dialog(element);
        expect(dialogHeading(element)).toBe('Override the tier of Initech');
        expect(text(open, '[data-id="suggestion"]')).toBe(
            'The selection suggests Not a key account.',
        );
        change(open?.querySelector('[data-id="tier"]'), 'Tier 2');
        await flushPromises();
        expect(previewMock).toHaveBeenLastCalledWith({ accountIds: [INITECH], tier: 'Tier 2' });

        open?.querySelector<HTMLElement>('[data-id="confirm"]')?.click();
        await flushPromises();
        expect(overrideMock).toHaveBeenCalledWith({
            accountId: INITECH,
            tier: 'Tier 2',
            reason: '',
        });
        open = dialog(element);
        expect(text(open, '[data-error-for="reason"]')).toBe(
            'Give a reason for the override: it is recorded with the tier change.',
        );
        expect(open?.querySelector('[data-id="form-error"]')).toBeNull();
        expect((open?.querySelector('[data-id="tier"]') as HTMLInputElement).value).toBe('Tier 2');
        await expectAccessible(element);

        change(open?.querySelector('[data-id="reason"]'), 'Strategic logo for the region.');
        open?.querySelector<HTMLElement>('[data-id="confirm"]')?.click();
        await flushPromises();
        expect(overrideMock).toHaveBeenLastCalledWith({
            accountId: INITECH,
            tier: 'Tier 2',
            reason: 'Strategic logo for the region.',
        });
        expect(dialog(element)).toBeNull();
        expect(text(element.shadowRoot, '[data-id="decision-warnings"]')).toBe(
            'Sam Lee would own 2 Tier 1 accounts; the policy asks for at least 3.',
        );
    });

    it('shows a rejected tier beside the tier field and any other failure for the whole dialog', async () => {
        overrideMock.mockRejectedValueOnce(
            keystoneError('fieldErrors', 'Initech already is Tier 1.', {
                ToTier__c: ['Initech already is Tier 1.'],
            }),
        );
        overrideMock.mockRejectedValueOnce(
            keystoneError(
                'error',
                'You cannot change the tier of Initech: you cannot edit the account.',
            ),
        );
        const element = await render();
        child(element, 'c-portfolio-table')
            .querySelector<HTMLElement>(`[data-account-id="${INITECH}"][data-action="override"]`)
            ?.click();
        await flushPromises();
        const open = dialog(element);
        change(open?.querySelector('[data-id="reason"]'), 'Keep it');
        open?.querySelector<HTMLElement>('[data-id="confirm"]')?.click();
        await flushPromises();
        expect(text(dialog(element), '[data-error-for="tier"]')).toBe('Initech already is Tier 1.');

        dialog(element)?.querySelector<HTMLElement>('[data-id="confirm"]')?.click();
        await flushPromises();
        expect(text(dialog(element), '[data-id="form-error"]')).toBe(
            'You cannot change the tier of Initech: you cannot edit the account.',
        );
        expect(dialog(element)?.querySelector('[data-error-for="tier"]')).toBeNull();
    });

    it('closes the dialog with Escape without saving', async () => {
        const element = await render();
        child(element, 'c-portfolio-table')
            .querySelector<HTMLElement>(`[data-account-id="${ACME}"][data-action="override"]`)
            ?.click();
        await flushPromises();
        pressEscapeIn(element.shadowRoot?.querySelector('c-tier-decision-dialog') as HTMLElement);
        await flushPromises();
        expect(dialog(element)).toBeNull();
        expect(overrideMock).not.toHaveBeenCalled();
    });

    it('shows the problems of the selection policy and offers no tier decision while they stand', async () => {
        const data = clone(portfolio) as Omit<typeof portfolio, 'policyProblems'> & {
            policyProblems: string[];
        };
        data.policyProblems = [
            'SelectionCriterion__mdt.Weight__c: the active weights add up to 95 (Revenue 40, Whitespace 30, Strategic 15, Relationship 10); they must add up to 100.',
        ];
        const element = await render(data);
        expect(text(element.shadowRoot, '[data-id="policy-problems"]')).toContain(
            'SelectionCriterion__mdt.Weight__c: the active weights add up to 95',
        );
        const table = child(element, 'c-portfolio-table');
        expect(table.querySelector('[data-action="accept"]')).toBeNull();
        expect(table.querySelector('[data-action="override"]')).toBeNull();
        await expectAccessible(element);
    });

    it('says so when the team has no key account and the last run found no candidates', async () => {
        const element = await render(emptyPortfolio);
        expect(text(child(element, 'c-portfolio-table'), '[data-id="no-accounts"]')).toBe(
            'No account matches these filters.',
        );
        expect(element.shadowRoot?.querySelector('c-portfolio-segment-chart')).toBeNull();
        expect(text(element.shadowRoot, '[data-id="last-run"]')).toContain('No candidate accounts');
        expect(element.shadowRoot?.querySelector('[data-id="last-run"]')?.className).toContain(
            'slds-text-color_error',
        );
        await expectAccessible(element);
    });

    it('starts a selection run and says why when it cannot', async () => {
        startRunMock.mockResolvedValueOnce('a05000000000003AAA');
        startRunMock.mockRejectedValueOnce(
            keystoneError(
                'error',
                'A selection run is already running (SR-00014). Wait for it to finish.',
            ),
        );
        const element = await render();
        element.shadowRoot?.querySelector<HTMLElement>('[data-id="start-run"]')?.click();
        await flushPromises();
        expect(text(element.shadowRoot, '[data-id="status"]')).toContain(
            'The selection run has started.',
        );

        element.shadowRoot?.querySelector<HTMLElement>('[data-id="start-run"]')?.click();
        await flushPromises();
        expect(text(element.shadowRoot, '[data-id="action-error"]')).toBe(
            'The selection run could not start: A selection run is already running (SR-00014). Wait for it to finish.',
        );
    });

    it('says what went wrong when the portfolio cannot be loaded', async () => {
        const element = mount('c-keystone-portfolio', KeystonePortfolio);
        portfolioAdapter.error(
            keystoneError(
                'error',
                'You cannot see the key account portfolio. Ask your Salesforce admin for the Keystone Leader permission set.',
            ).body,
        );
        await flushPromises();
        expect(text(element.shadowRoot, '[data-id="load-error"]')).toBe(
            'The portfolio could not be loaded: You cannot see the key account portfolio. Ask your Salesforce admin for the Keystone Leader permission set.',
        );
        expect(element.shadowRoot?.querySelector('c-portfolio-table')).toBeNull();
        await expectAccessible(element);
    });

    it('reloads for another team', async () => {
        const element = await render();
        const filters = child(element, 'c-portfolio-filters');
        change(filters.querySelector('[data-id="team"]'), '00G000000000001AAA');
        await flushPromises();
        const adapter = portfolioAdapter as unknown as {
            getLastConfig(): Record<string, unknown>;
        };
        expect(adapter.getLastConfig()).toEqual({ teamId: '00G000000000001AAA' });
    });
});
