// The seed's logic against a fake jsforce-shaped org (testing/fakeOrg.ts): dependency order,
// batching, re-runs without duplicates, the namespace of an installed package, and bad rows
// stopped with the row and the field named — before sending (describe) and after (the org's
// error). Through the real jsforce into a local org: localOrgSeed.test.ts (bad rows) and
// localOrgPortfolio.test.ts (the whole portfolio); the fake stays for what a local org of this
// project cannot produce (a namespace, a transient org failure, small query pages, no price book).
// Run: node --import tsx --test scripts/org/seed.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generatePortfolio } from '../data/sampleDataset.ts';
import type { SamplePortfolio } from '../data/sampleDataset.ts';
import { KeystoneNotInstalledError } from './schemaNames.ts';
import { SeedRowError, SeedSetupError, checkRow, seedPortfolio, stageFor } from './seed.ts';
import type { SeedReport } from './seed.ts';
import { INTEGRATION_SIGNAL_TYPES, seedPlan } from './seedPlan.ts';
import { FakeOrg } from './testing/fakeOrg.ts';
import { DEFAULT_STAGES, RUNNING_USER_ID, freshOrg } from './testing/orgState.ts';

const SMALL = { accounts: 6 };

function portfolio(options: Parameters<typeof generatePortfolio>[0] = SMALL): SamplePortfolio {
    return generatePortfolio(options);
}

async function seed(org: FakeOrg, sample: SamplePortfolio): Promise<SeedReport> {
    return seedPortfolio(org, { portfolio: sample, runningUserId: RUNNING_USER_ID });
}

async function rejected(promise: Promise<unknown>): Promise<SeedRowError> {
    try {
        await promise;
    } catch (error) {
        assert.ok(error instanceof SeedRowError, `expected a SeedRowError, got ${String(error)}`);
        return error;
    }
    assert.fail('the seed should have stopped');
}

describe('the seed plan', () => {
    const sample = portfolio({});
    const steps = seedPlan(sample);

    it('loads in dependency order: every reference points to a row loaded before it', () => {
        const loaded = new Set<string>();
        for (const step of steps) {
            for (const row of step.rows) {
                for (const value of Object.values(row.fields)) {
                    const target =
                        value && typeof value === 'object' && 'ref' in value
                            ? value.ref
                            : value && typeof value === 'object' && 'pricebookEntryOf' in value
                              ? value.pricebookEntryOf
                              : null;
                    if (target) {
                        assert.ok(
                            loaded.has(target),
                            `${step.name} ${row.externalId} refers to ${target} before it is loaded`,
                        );
                    }
                }
            }
            if (step.kind !== 'link') for (const row of step.rows) loaded.add(row.externalId);
        }
        assert.deepEqual(
            steps.map((step) => step.sobject).filter((name, i, all) => all.indexOf(name) === i),
            [
                'Account',
                'Contact',
                'Product2',
                'PricebookEntry',
                'Opportunity',
                'OpportunityLineItem',
                'Task',
                'Event',
                'AccountPlan__c',
                'Stakeholder__c',
                'WhitespaceCell__c',
                'AccountObjective__c',
                'AccountAction__c',
                'AccountRisk__c',
                'HealthSignal__c',
            ],
            'accounts → contacts → products and price book → opportunities → activities → Keystone records',
        );
    });

    it('covers the whole portfolio with unique external ids', () => {
        const count = (name: string): number =>
            steps.find((step) => step.name === name)?.rows.length ?? 0;
        const sum = (pick: (a: SamplePortfolio['accounts'][number]) => number): number =>
            sample.accounts.reduce((total, account) => total + pick(account), 0);
        assert.equal(count('Accounts'), sample.accounts.length);
        assert.equal(
            count('Contacts'),
            sum((a) => a.contacts.length),
        );
        assert.equal(count('Products'), sample.products.length);
        assert.equal(
            count('Opportunities'),
            sum((a) => a.opportunityDetails.length),
        );
        assert.equal(
            count('Tasks') + count('Events'),
            sum((a) => a.scoring.activities?.length ?? 0),
        );
        assert.equal(
            count('Stakeholders'),
            sum((a) => a.scoring.stakeholders?.length ?? 0),
        );
        assert.equal(
            count('Whitespace cells'),
            sum((a) => a.scoring.whitespaceCells?.length ?? 0),
        );
        assert.equal(
            count('Key account plans'),
            sum((a) => (a.scoring.plan ? 1 : 0)),
        );
        for (const step of steps.filter((s) => s.kind !== 'link')) {
            const ids = step.rows.map((row) => row.externalId);
            assert.equal(new Set(ids).size, ids.length, `${step.name}: external ids are unique`);
            assert.ok(
                ids.every((id) => id.length <= 80),
                `${step.name}: ids fit ExternalId__c`,
            );
        }
    });

    it('loads integration signals only: the recompute raises the system ones itself', () => {
        const signals = steps.find((step) => step.sobject === 'HealthSignal__c')?.rows ?? [];
        assert.ok(signals.length > 0);
        for (const row of signals) {
            assert.ok(INTEGRATION_SIGNAL_TYPES.has(String(row.fields.Type__c)), row.label);
            assert.equal(row.fields.Source__c, 'Integration');
        }
    });
});

describe('seeding an org', () => {
    it('loads the whole default portfolio in batches of at most 200, in order', async () => {
        const org = freshOrg();
        const sample = portfolio({});
        const lines: string[] = [];
        const report = await seedPortfolio(org, {
            portfolio: sample,
            runningUserId: RUNNING_USER_ID,
            progress: (line) => lines.push(line),
        });
        const planned = seedPlan(sample)
            .filter((step) => step.kind !== 'link')
            .reduce((total, step) => total + step.rows.length, 0);
        assert.equal(report.created, planned, 'every planned row is created');
        assert.equal(report.existing, 0);
        assert.ok(report.updated > 0, 'reporting lines are linked');
        assert.equal(org.rows('Account').length, sample.accounts.length);
        assert.equal(lines.length, report.steps.length, 'one progress line per step');
        assert.match(
            lines[1] ?? '',
            /^Contacts: \d+ created, 0 already there \(\d+ requests?, \d+\.\d s\)$/,
        );

        const writes = org.requests.filter((r) => r.kind === 'create' || r.kind === 'update');
        assert.ok(
            writes.every((r) => (r.size ?? 0) <= 200),
            'within the 200-record API limit',
        );
        assert.ok(
            writes.filter((r) => r.sobject === 'Task').length >= 6,
            '1,279 tasks take seven requests',
        );
        const firstWrite = (sobject: string): number =>
            org.requests.findIndex((r) => r.kind === 'create' && r.sobject === sobject);
        assert.ok(firstWrite('Account') < firstWrite('Contact'));
        assert.ok(firstWrite('Opportunity') < firstWrite('OpportunityLineItem'));
        assert.ok(firstWrite('AccountPlan__c') < firstWrite('Stakeholder__c'));
        assert.equal(report.requests, org.requests.length, 'the report counts every request');
    });

    it('resolves references to the records it created', async () => {
        const org = freshOrg();
        await seed(org, portfolio());
        const accountIds = new Set(org.rows('Account').map((row) => row.Id));
        const contacts = org.rows('Contact');
        assert.ok(
            contacts.every((row) => accountIds.has(row.AccountId)),
            'contacts on accounts',
        );
        assert.ok(
            contacts.some((row) => row.ReportsToId),
            'reports-to lines between loaded contacts',
        );
        const stakeholders = org.rows('Stakeholder__c');
        const contactIds = new Set(contacts.map((row) => row.Id));
        assert.ok(stakeholders.every((row) => contactIds.has(row.Contact__c)));
        assert.ok(
            stakeholders.some((row) => row.ReportsTo__c),
            'stakeholder reporting lines',
        );
        const entries = new Set(org.rows('PricebookEntry').map((row) => row.Id));
        assert.ok(
            org.rows('OpportunityLineItem').every((row) => entries.has(row.PricebookEntryId)),
        );
        const stages = new Set(DEFAULT_STAGES.map(([name]) => name));
        assert.ok(org.rows('Opportunity').every((row) => stages.has(String(row.StageName))));
        assert.ok(
            org.rows('AccountAction__c').every((row) => row.Owner__c && row.DueDate__c),
            'the blanks the validation rules refuse are filled',
        );
    });

    it('runs again without duplicates and without writing', async () => {
        const org = freshOrg();
        const sample = portfolio();
        const first = await seed(org, sample);
        const writesBefore = org.requests.filter((r) => r.kind === 'create' || r.kind === 'update');
        const second = await seed(org, sample);
        const writesAfter = org.requests.filter((r) => r.kind === 'create' || r.kind === 'update');
        assert.equal(second.created, 0, 'nothing is created twice');
        assert.equal(second.updated, 0, 'links already right are not rewritten');
        assert.equal(second.existing, first.created + first.updated);
        assert.equal(writesAfter.length, writesBefore.length, 'no write request at all');
        assert.equal(org.rows('Contact').length, first.steps[1]?.created);
    });

    it('finds what exists across query pages (queryMore)', async () => {
        const org = freshOrg('', 50);
        const sample = portfolio();
        await seed(org, sample);
        const again = await seed(org, sample);
        assert.equal(again.created, 0);
        assert.ok(
            org.requests.some((r) => r.kind === 'queryMore'),
            'pages were followed',
        );
    });

    it('resumes after a failed run: what was saved stays, nothing is doubled', async () => {
        const org = freshOrg();
        const sample = portfolio();
        let refuse = true;
        org.rejectWhen((sobject) =>
            refuse && sobject === 'Stakeholder__c'
                ? {
                      statusCode: 'UNABLE_TO_LOCK_ROW',
                      message: 'unable to obtain exclusive access',
                      fields: [],
                  }
                : null,
        );
        await rejected(seed(org, sample));
        const contactsAfterFailure = org.rows('Contact').length;
        assert.ok(contactsAfterFailure > 0, 'earlier steps were saved');
        assert.equal(org.rows('Stakeholder__c').length, 0, 'the failing batch saved nothing');
        refuse = false;
        const resumed = await seed(org, sample);
        assert.equal(org.rows('Contact').length, contactsAfterFailure, 'no contact twice');
        assert.ok(resumed.steps.find((s) => s.name === 'Stakeholders')?.created);
    });

    it('writes namespaced names into an installed package', async () => {
        const org = freshOrg('kstn');
        const report = await seed(org, portfolio());
        assert.equal(report.namespace, 'kstn');
        assert.ok(org.rows('kstn__Stakeholder__c').length > 0);
        const account = org.rows('Account')[0] ?? {};
        assert.ok('kstn__ExternalId__c' in account && 'kstn__StrategicValue__c' in account);
        assert.ok(!('ExternalId__c' in account), 'no unqualified field is written');
    });
});

describe('bad rows stop the seed with the row and the field named', () => {
    it('a wrong picklist value, before anything of that step is sent', async () => {
        const org = freshOrg();
        const sample = portfolio();
        const account = sample.accounts[0];
        const stakeholder = account?.scoring.stakeholders?.[1];
        assert.ok(account && stakeholder);
        stakeholder.buyingRole = 'Chief Buyer';
        const error = await rejected(seed(org, sample));
        assert.equal(error.sobject, 'Stakeholder__c');
        assert.equal(error.row.externalId, `KS-${sample.seed}-stk-${stakeholder.id}`);
        assert.match(error.message, /Stakeholder__c row KS-\d+-stk-\S+ \(.+ at .+\) was rejected/);
        assert.match(
            error.message,
            /BuyingRole__c: "Chief Buyer" is not a value of BuyingRole__c \(allowed: Economic Buyer, .*\) \[INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST\]/,
        );
        assert.ok(
            !org.requests.some((r) => r.kind === 'create' && r.sobject === 'Stakeholder__c'),
            'no stakeholder request was sent',
        );
    });

    it('a missing required field', async () => {
        const org = freshOrg();
        const sample = portfolio();
        const contact = sample.accounts[2]?.contacts[3];
        assert.ok(contact);
        contact.lastName = '';
        const error = await rejected(seed(org, sample));
        assert.equal(error.sobject, 'Contact');
        assert.deepEqual(
            error.problems.map((p) => [p.fields, p.code]),
            [[['LastName'], 'REQUIRED_FIELD_MISSING']],
        );
        assert.match(error.message, new RegExp(`Contact row KS-\\d+-con-${contact.id}`));
    });

    it('a row the org itself refuses, with the field the org names', async () => {
        const org = freshOrg();
        const sample = portfolio();
        org.rejectWhen((sobject, record) =>
            sobject === 'WhitespaceCell__c' && record.Status__c === 'Competitor'
                ? {
                      statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                      message: 'Name the competitor when the status is Competitor.',
                      fields: ['Competitor__c'],
                  }
                : null,
        );
        const error = await rejected(seed(org, sample));
        assert.equal(error.sobject, 'WhitespaceCell__c');
        assert.match(
            error.message,
            /Whitespace cells: WhitespaceCell__c row KS-\d+-cel-\S+ \(.+ × .+ at .+\) was rejected:\n {2}- Competitor__c: Name the competitor when the status is Competitor\. \[FIELD_CUSTOM_VALIDATION_EXCEPTION\]/,
        );
        assert.ok(!error.message.includes('ALL_OR_NONE'), 'the cause, not the rolled-back rows');
    });

    it('an org without Keystone, or without a standard price book', async () => {
        const empty = new FakeOrg(new Map());
        await assert.rejects(seed(empty, portfolio()), KeystoneNotInstalledError);
        const org = freshOrg();
        org.rows('Pricebook2').splice(0);
        await assert.rejects(seed(org, portfolio()), SeedSetupError);
    });
});

describe('small rules', () => {
    it('maps sample deals to the org stages', () => {
        const stages = DEFAULT_STAGES.map(([ApiName, DefaultProbability, IsClosed, IsWon]) => ({
            ApiName,
            DefaultProbability,
            IsClosed,
            IsWon,
        }));
        assert.equal(
            stageFor(stages, { isClosed: true, isWon: true, probability: 100 }),
            'Closed Won',
        );
        assert.equal(
            stageFor(stages, { isClosed: true, isWon: false, probability: 0 }),
            'Closed Lost',
        );
        assert.equal(
            stageFor(stages, { isClosed: false, isWon: false, probability: 25 }),
            'Needs Analysis',
        );
        assert.equal(
            stageFor(stages, { isClosed: false, isWon: false, probability: 75 }),
            'Proposal/Price Quote',
        );
        assert.equal(stageFor([], { isClosed: false, isWon: false, probability: 10 }), null);
    });

    it('checks text length and read-only fields from the describe', () => {
        const describe = {
            name: 'Thing__c',
            fields: [
                {
                    name: 'Code__c',
                    type: 'string',
                    createable: true,
                    updateable: true,
                    nillable: true,
                    defaultedOnCreate: false,
                    restrictedPicklist: false,
                    length: 3,
                },
                {
                    name: 'Total__c',
                    type: 'double',
                    createable: false,
                    updateable: false,
                    nillable: true,
                    defaultedOnCreate: false,
                    restrictedPicklist: false,
                    length: 0,
                },
            ],
        };
        assert.deepEqual(
            checkRow(describe, { Code__c: 'ABCD', Total__c: 5, Nope__c: 1 }).map((p) => p.code),
            ['STRING_TOO_LONG', 'INVALID_FIELD_FOR_INSERT_UPDATE', 'INVALID_FIELD'],
        );
        assert.deepEqual(checkRow(describe, { Code__c: 'ABC', Total__c: null }), []);
    });
});
