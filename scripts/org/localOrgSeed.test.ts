// The seed through the real jsforce against a local org of this project (the local org's REST
// subset, scripts/local-org/rest): bad rows stop it with the row and the field named, whether
// the describe shows the problem before anything is sent (a wrong picklist value, a missing
// required field) or the org's own rules refuse the row (a Keystone validation rule, the
// platform's e-mail check). The whole portfolio and the doctor: localOrgPortfolio.test.ts.
// Run: node --import tsx --test scripts/org/localOrgSeed.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection } from 'jsforce';
import { LocalOrg, startLocalOrgServer } from '@keystone/local-org';
import type { LocalOrgServer } from '@keystone/local-org';
import { generatePortfolio } from '../data/sampleDataset.ts';
import type { SamplePortfolio } from '../data/sampleDataset.ts';
import { PROJECT_ROOT } from '../lib/projectPaths.ts';
import { jsforceConnection } from './connection.ts';
import type { OrgConnection } from './connection.ts';
import { SeedRowError, seedPortfolio } from './seed.ts';
import { userIdOf } from './setup.ts';

const PASSWORD = 'local-org';
const ADMIN = 'admin@local-org.invalid';

let org: LocalOrg;
let server: LocalOrgServer;
let connection: OrgConnection;
let runningUserId: string;

before(async () => {
    org = new LocalOrg({ projectRoot: PROJECT_ROOT });
    server = await startLocalOrgServer({ org, password: PASSWORD });
    // as org:seed connects: an instance URL and an access token (here from a real jsforce login)
    const login = new Connection({ loginUrl: server.url, version: '64.0' });
    await login.login(ADMIN, PASSWORD);
    connection = jsforceConnection({
        instanceUrl: server.url,
        accessToken: login.accessToken ?? '',
        apiVersion: '64.0',
    });
    runningUserId = await userIdOf(connection, ADMIN);
});

after(async () => {
    await server.close();
});

/** A small portfolio of its own (its own external ids), so each test starts clean. */
function portfolio(seed: number): SamplePortfolio {
    return generatePortfolio({ accounts: 3, seed });
}

async function rejected(sample: SamplePortfolio): Promise<SeedRowError> {
    try {
        await seedPortfolio(connection, { portfolio: sample, runningUserId });
    } catch (error) {
        assert.ok(error instanceof SeedRowError, `expected a SeedRowError, got ${String(error)}`);
        return error;
    }
    assert.fail('the seed should have stopped');
}

async function count(soql: string): Promise<number> {
    return (await connection.query(soql)).totalSize;
}

describe('bad seed rows, through jsforce into the local org', () => {
    it('a wrong picklist value is stopped before the batch is sent, naming the row and the field', async () => {
        const sample = portfolio(101);
        const account = sample.accounts[1];
        assert.ok(account);
        (account.scoring.account as { tier: string | null }).tier = 'Tier 9';
        const error = await rejected(sample);
        assert.equal(error.sobject, 'Account');
        assert.equal(error.row.externalId, `KS-101-acc-${account.id}`);
        assert.deepEqual(
            error.problems.map((p) => [p.fields, p.code]),
            [[['KeyAccountTier__c'], 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST']],
        );
        assert.match(
            error.message,
            /"Tier 9" is not a value of KeyAccountTier__c \(allowed: Tier 1, Tier 2, Tier 3\)/,
        );
        assert.equal(
            await count("SELECT COUNT() FROM Account WHERE ExternalId__c LIKE 'KS-101-%'"),
            0,
        );
    });

    it('a missing required field is stopped before the batch is sent', async () => {
        const sample = portfolio(102);
        const contact = sample.accounts[2]?.contacts[3];
        assert.ok(contact);
        contact.lastName = '';
        const error = await rejected(sample);
        assert.equal(error.sobject, 'Contact');
        assert.equal(error.row.externalId, `KS-102-con-${contact.id}`);
        assert.deepEqual(
            error.problems.map((p) => [p.fields, p.code]),
            [[['LastName'], 'REQUIRED_FIELD_MISSING']],
        );
        assert.equal(
            await count("SELECT COUNT() FROM Account WHERE ExternalId__c LIKE 'KS-102-%'"),
            3,
            'the accounts before it stay',
        );
        assert.equal(
            await count("SELECT COUNT() FROM Contact WHERE ExternalId__c LIKE 'KS-102-%'"),
            0,
        );
    });

    it("a row the org's validation rule refuses is named with the rule's field and message", async () => {
        const sample = portfolio(103);
        const account = sample.accounts[0];
        assert.ok(account);
        account.scoring.account.strategicValue = 150;
        const error = await rejected(sample);
        assert.equal(error.sobject, 'Account');
        assert.equal(error.row.externalId, `KS-103-acc-${account.id}`);
        const [problem] = error.problems;
        assert.equal(problem?.code, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
        assert.deepEqual(problem?.fields, ['StrategicValue__c']);
        assert.ok(
            !error.message.includes('ALL_OR_NONE'),
            'the cause, not the rows rolled back with it',
        );
        assert.equal(
            await count("SELECT COUNT() FROM Account WHERE ExternalId__c LIKE 'KS-103-%'"),
            0,
            'all or none',
        );
    });

    it('a value the platform refuses (an e-mail address) is named with its field', async () => {
        const sample = portfolio(104);
        const contact = sample.accounts[0]?.contacts[0];
        assert.ok(contact);
        contact.email = 'not an address';
        const error = await rejected(sample);
        assert.equal(error.row.externalId, `KS-104-con-${contact.id}`);
        assert.deepEqual(
            error.problems.map((p) => [p.fields, p.code]),
            [[['Email'], 'INVALID_EMAIL_ADDRESS']],
        );
    });
});
