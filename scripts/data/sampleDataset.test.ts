// The sample-dataset generator (scripts/data/sampleDataset.ts) feeds the local preview, the org
// seeding script and the benchmark, so it must be deterministic and produce input the engine
// accepts without a single rejection.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
    defaultConfig,
    scoreAccount,
} from '../../force-app/main/scoring/lwc/keystoneEngine/keystoneEngine.ts';
import { generateAccount, generatePortfolio } from './sampleDataset.ts';

describe('sample dataset', () => {
    const portfolio = generatePortfolio({ accounts: 30 });

    it('is deterministic for a seed, and each account is reproducible on its own', () => {
        assert.equal(
            JSON.stringify(generatePortfolio({ accounts: 30 })),
            JSON.stringify(portfolio),
        );
        assert.equal(
            JSON.stringify(generateAccount({}, 17)),
            JSON.stringify(portfolio.accounts[17]),
        );
        assert.notEqual(
            JSON.stringify(generatePortfolio({ accounts: 30, seed: 7 })),
            JSON.stringify(portfolio),
        );
    });

    it('builds realistic relationship data: reports-to lines inside the account, known functions', () => {
        for (const account of portfolio.accounts) {
            const contactIds = new Set(account.contacts.map((contact) => contact.id));
            for (const contact of account.contacts) {
                if (contact.reportsToId !== null) assert.ok(contactIds.has(contact.reportsToId));
            }
            assert.equal(account.contacts[0]?.title, 'Chief Executive Officer');
            assert.equal(account.scoring.stakeholders?.length, 12);
            assert.equal(account.scoring.activities?.length, 60);
            assert.ok(account.businessUnits.length >= 2);
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
        assert.ok(bands.size >= 2);
        assert.ok(tiers.size >= 2);
    });
});
