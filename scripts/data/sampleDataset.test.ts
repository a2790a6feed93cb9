// The sample-dataset generator (scripts/data/sampleDataset.ts) feeds the local preview, the org
// seeding script and the benchmark, so it must be deterministic and produce input the engine
// accepts without a single rejection.
import { generateAccount, generatePortfolio } from '../../../../../../scripts/data/sampleDataset';
import { defaultConfig, scoreAccount } from '../keystoneEngine';

describe('sample dataset', () => {
    const portfolio = generatePortfolio({ accounts: 30 });

    it('is deterministic for a seed, and each account is reproducible on its own', () => {
        expect(JSON.stringify(generatePortfolio({ accounts: 30 }))).toBe(JSON.stringify(portfolio));
        expect(JSON.stringify(generateAccount({}, 17))).toBe(
            JSON.stringify(portfolio.accounts[17]),
        );
        expect(JSON.stringify(generatePortfolio({ accounts: 30, seed: 7 }))).not.toBe(
            JSON.stringify(portfolio),
        );
    });

    it('builds realistic relationship data: reports-to lines inside the account, known functions', () => {
        for (const account of portfolio.accounts) {
            const contactIds = new Set(account.contacts.map((contact) => contact.id));
            for (const contact of account.contacts) {
                if (contact.reportsToId !== null)
                    expect(contactIds.has(contact.reportsToId)).toBe(true);
            }
            expect(account.contacts[0]?.title).toBe('Chief Executive Officer');
            expect(account.scoring.stakeholders?.length).toBe(12);
            expect(account.scoring.activities?.length).toBe(60);
            expect(account.businessUnits.length).toBeGreaterThanOrEqual(2);
        }
    });

    it('scores every generated account without a rejection, with a spread of results', () => {
        const config = defaultConfig();
        const bands = new Set<string>();
        const tiers = new Set<string | null>();
        for (const account of portfolio.accounts) {
            const score = scoreAccount(account.scoring, config);
            bands.add(score.health.band);
            tiers.add(score.selection.tier);
        }
        expect(bands.size).toBeGreaterThanOrEqual(2);
        expect(tiers.size).toBeGreaterThanOrEqual(2);
    });
});
