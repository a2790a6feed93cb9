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

    it('reports to the chief executive from the C-suite, so a map is one organisation', () => {
        for (const account of portfolio.accounts) {
            const ceo = account.contacts[0];
            for (const contact of account.contacts.slice(1)) {
                if (contact.level === 'C-Level') assert.equal(contact.reportsToId, ceo?.id);
                else assert.ok(contact.reportsToId, `${contact.title} reports to someone`);
            }
        }
    });

    it('fills every objective, action and risk of a plan as the org would hold it', () => {
        let objectives = 0;
        let actions = 0;
        let risks = 0;
        let linked = 0;
        for (const account of portfolio.accounts) {
            const { scoring, planDetails } = account;
            const now = scoring.now ?? '';
            assert.equal(planDetails.objectives.length, scoring.objectives?.length);
            assert.equal(planDetails.actions.length, scoring.actions?.length);
            assert.equal(planDetails.risks.length, scoring.risks?.length);
            planDetails.objectives.forEach((detail, index) => {
                const objective = scoring.objectives?.[index];
                assert.ok(detail.name && detail.description && detail.dueDate);
                assert.equal(
                    detail.status === 'Achieved',
                    detail.currentValue >= (objective?.targetValue ?? 0),
                    `${detail.name}: achieved exactly when the target is reached`,
                );
                objectives += 1;
            });
            planDetails.actions.forEach((detail, index) => {
                const action = scoring.actions?.[index];
                assert.ok(
                    detail.subject && detail.description,
                    'an action has a subject and says what',
                );
                assert.ok(
                    action?.ownerId && action.dueDate,
                    'owner and due date (validation rules)',
                );
                assert.equal(detail.completedDate !== null, action.status === 'Completed');
                if (detail.completedDate)
                    assert.ok(detail.completedDate <= now, 'not in the future');
                if (detail.objectiveIndex !== null) {
                    assert.ok(
                        scoring.objectives?.[detail.objectiveIndex],
                        'an action serves an objective of its own plan',
                    );
                    linked += 1;
                }
                actions += 1;
            });
            planDetails.risks.forEach((detail, index) => {
                const risk = scoring.risks?.[index];
                assert.ok(detail.name && detail.description && detail.mitigation);
                assert.ok(['High', 'Medium', 'Low'].includes(detail.likelihood));
                assert.ok(['High', 'Medium', 'Low'].includes(detail.impact));
                if (!risk?.mitigationOwnerId) assert.equal(detail.status, 'Closed');
                else assert.notEqual(detail.status, 'Closed');
                risks += 1;
            });
        }
        assert.ok(
            objectives > 10 && actions > 20 && risks > 10,
            'the portfolio has plenty of each',
        );
        assert.ok(
            linked > actions / 3 && linked < actions,
            `most actions serve an objective, some do not (${linked} of ${actions})`,
        );
    });

    it('adds one large account when asked, for the large relationship map', () => {
        const withLarge = generatePortfolio({ accounts: 2, largeAccountStakeholders: 300 });
        assert.equal(withLarge.accounts.length, 3);
        const large = withLarge.accounts[2];
        assert.equal(large?.scoring.stakeholders?.length, 300);
        assert.equal(large?.scoring.activities?.length, 1500);
        assert.equal(
            JSON.stringify(withLarge.accounts.slice(0, 2)),
            JSON.stringify(generatePortfolio({ accounts: 2 }).accounts),
        );
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
