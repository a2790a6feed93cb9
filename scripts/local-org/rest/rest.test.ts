// The REST subset through the real jsforce (the version package.json pins) against a server on
// a free port, over a small project (rest/fixtures/project): a Ticket__c with a required
// number, a restricted picklist, an external id, a validation rule and a trigger that files a
// chained follow-up job; Step__c, its master-detail child; a Ticket Reader permission set.
// Run: node --import tsx --test scripts/local-org/rest/rest.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Connection } from 'jsforce';
import { LocalOrg } from '../index.ts';
import { startLocalOrgServer } from './server.ts';
import type { LocalOrgServer } from './server.ts';

const PROJECT = fileURLToPath(new URL('./fixtures/project', import.meta.url));
const PASSWORD = 'local-org-password';
const ADMIN = 'admin@local-org.invalid';
const VERSION = '64.0';

interface SaveResult {
    id?: string;
    success: boolean;
    errors: { statusCode?: string; errorCode?: string; message: string; fields?: string[] }[];
    created?: boolean;
}

interface ApiError extends Error {
    errorCode: string;
    data: { message: string; errorCode: string; fields?: string[] } | unknown[];
}

/** The error a jsforce call rejects with (assert.rejects with a predicate reads worse). */
async function failure(promise: PromiseLike<unknown>): Promise<ApiError> {
    try {
        await promise;
    } catch (error) {
        return error as ApiError;
    }
    assert.fail('the call should have failed');
}

let org: LocalOrg;
let server: LocalOrgServer;
let admin: Connection;

before(async () => {
    org = new LocalOrg({ projectRoot: PROJECT });
    server = await startLocalOrgServer({ org, password: PASSWORD });
    admin = new Connection({ loginUrl: server.url, version: VERSION });
    await admin.login(ADMIN, PASSWORD);
});

after(async () => {
    await server.close();
});

/** A record as the admin reads it back. */
async function ticket(id: string): Promise<Record<string, unknown>> {
    return (await admin.sobject('Ticket__c').retrieve(id)) as unknown as Record<string, unknown>;
}

describe('logging in', () => {
    it('SOAP login (Connection#login with a loginUrl) gives a session on this server', async () => {
        const connection = new Connection({ loginUrl: server.url, version: VERSION });
        const info = await connection.login(ADMIN, PASSWORD);
        assert.equal(info.id, org.data.db.adminUserId);
        assert.equal(info.organizationId, org.organizationId);
        assert.equal(connection.instanceUrl, server.url);
        const result = await connection.query<{ Username: string }>(
            `SELECT Username FROM User WHERE Id = '${info.id}'`,
        );
        assert.equal(result.records[0]?.Username, ADMIN);
    });

    it('refuses a wrong password and an unknown user with INVALID_LOGIN', async () => {
        for (const [user, password] of [
            [ADMIN, 'wrong'],
            ['nobody@local-org.invalid', PASSWORD],
        ] as const) {
            const error = await failure(
                new Connection({ loginUrl: server.url, version: VERSION }).login(user, password),
            );
            assert.match(error.message, /^INVALID_LOGIN: Invalid username, password/);
        }
    });

    it('the OAuth 2.0 username-password flow and a given access token work too', async () => {
        const oauth = new Connection({
            oauth2: { loginUrl: server.url, clientId: 'local', clientSecret: 'local' },
            version: VERSION,
        });
        const info = await oauth.login(ADMIN, PASSWORD);
        assert.equal(info.id, org.data.db.adminUserId);
        const byToken = new Connection({
            instanceUrl: server.url,
            accessToken: oauth.accessToken ?? '',
            version: VERSION,
        });
        assert.equal((await byToken.query('SELECT COUNT() FROM User')).totalSize, 1);
        const identity = (await byToken.identity()) as { username: string };
        assert.equal(identity.username, ADMIN);
    });

    it('an unknown or ended session is 401 INVALID_SESSION_ID', async () => {
        const stranger = new Connection({
            instanceUrl: server.url,
            accessToken: 'not-a-session',
            version: VERSION,
        });
        const error = await failure(stranger.query('SELECT Id FROM User'));
        assert.equal(error.errorCode, 'INVALID_SESSION_ID');
        const connection = new Connection({ loginUrl: server.url, version: VERSION });
        await connection.login(ADMIN, PASSWORD);
        const token = connection.accessToken ?? '';
        await connection.logout();
        const ended = new Connection({
            instanceUrl: server.url,
            accessToken: token,
            version: VERSION,
        });
        assert.equal(
            (await failure(ended.query('SELECT Id FROM User'))).errorCode,
            'INVALID_SESSION_ID',
        );
    });
});

describe('versions, resources and limits', () => {
    it('lists the API versions up to the project source version, and the resources of one', async () => {
        const versions = (await admin.request('/services/data')) as {
            version: string;
            label: string;
        }[];
        assert.equal(versions.at(-1)?.version, '64.0');
        assert.equal(versions.find((v) => v.version === '50.0')?.label, "Winter '21");
        const resources = (await admin.request(`/services/data/v${VERSION}/`)) as Record<
            string,
            string
        >;
        assert.equal(resources.query, `/services/data/v${VERSION}/query`);
        const unknown = await failure(admin.request('/services/data/v99.0/sobjects'));
        assert.equal(unknown.errorCode, 'NOT_FOUND');
    });

    it('counts API requests in limits and in the Sforce-Limit-Info header jsforce reads', async () => {
        const before = (await admin.limits()) as {
            DailyApiRequests: { Max: number; Remaining: number };
        };
        await admin.query('SELECT Id FROM User');
        const after = (await admin.limits()) as {
            DailyApiRequests: { Max: number; Remaining: number };
        };
        assert.equal(before.DailyApiRequests.Max, 15000);
        assert.equal(before.DailyApiRequests.Remaining - after.DailyApiRequests.Remaining, 2);
        assert.equal(admin.limitInfo.apiUsage?.used, server.apiRequests);
    });
});

describe('query and queryMore', () => {
    let accountId = '';
    before(async () => {
        const account = (await admin
            .sobject('Account')
            .create({ Name: 'Paging Co' })) as SaveResult;
        accountId = account.id ?? '';
        // 2,500 rows straight into the store (no triggers): the subject here is paging
        org.data.db.loadRecords(
            'Ticket__c',
            Array.from({ length: 2500 }, (_, i) => ({
                Name: `bulk ${String(i).padStart(4, '0')}`,
                Points__c: i,
                Code__c: `BULK-${i}`,
                Account__c: accountId,
            })),
        );
    });

    it('returns 2,000 rows, then the rest through nextRecordsUrl', async () => {
        const soql =
            "SELECT Id, Name, Points__c FROM Ticket__c WHERE Name LIKE 'bulk %' ORDER BY Name";
        const first = await admin.query<{ Name: string; Points__c: number }>(soql);
        assert.equal(first.totalSize, 2500);
        assert.equal(first.records.length, 2000);
        assert.equal(first.done, false);
        assert.match(first.nextRecordsUrl ?? '', /\/services\/data\/v64\.0\/query\/01g\w+-2000$/);
        const second = await admin.queryMore<{ Name: string; Points__c: number }>(
            first.nextRecordsUrl ?? '',
        );
        assert.equal(second.records.length, 500);
        assert.equal(second.done, true);
        assert.equal(second.records[499]?.Name, 'bulk 2499');
        assert.equal(second.records[0]?.Points__c, 2000);
        const all = await admin.query(soql, { autoFetch: true, maxFetch: 10000 });
        assert.equal(all.records.length, 2500, 'jsforce follows nextRecordsUrl itself');
    });

    it('honours Sforce-Query-Options batchSize and refuses an unknown locator', async () => {
        const page = (await admin.request({
            method: 'GET',
            url: `/services/data/v${VERSION}/query?q=${encodeURIComponent("SELECT Id FROM Ticket__c WHERE Name LIKE 'bulk %'")}`,
            headers: { 'Sforce-Query-Options': 'batchSize=500' },
        })) as { records: unknown[]; nextRecordsUrl: string };
        assert.equal(page.records.length, 500);
        assert.match(page.nextRecordsUrl, /-500$/);
        const error = await failure(admin.queryMore('01g0L0000000000ZZZ-2000'));
        assert.equal(error.errorCode, 'INVALID_QUERY_LOCATOR');
    });

    it('gives records with attributes, parents nested, child sub-queries, COUNT() and aggregates', async () => {
        const result = await admin.query<Record<string, unknown>>(
            `SELECT Name, (SELECT Name FROM Tickets__r WHERE Points__c < 3 ORDER BY Points__c) FROM Account WHERE Id = '${accountId}'`,
        );
        const account = result.records[0] as Record<string, unknown>;
        assert.deepEqual(account.attributes, {
            type: 'Account',
            url: `/services/data/v${VERSION}/sobjects/Account/${accountId}`,
        });
        const tickets = account.Tickets__r as {
            totalSize: number;
            done: boolean;
            records: { Name: string }[];
        };
        assert.equal(tickets.totalSize, 3);
        assert.equal(tickets.done, true);
        assert.deepEqual(
            tickets.records.map((r) => r.Name),
            ['bulk 0000', 'bulk 0001', 'bulk 0002'],
        );
        const parent = await admin.query<{ Account__r: { Name: string } }>(
            "SELECT Account__r.Name FROM Ticket__c WHERE Code__c = 'BULK-7'",
        );
        assert.equal(parent.records[0]?.Account__r.Name, 'Paging Co');
        const count = await admin.query("SELECT COUNT() FROM Ticket__c WHERE Name LIKE 'bulk %'");
        assert.equal(count.totalSize, 2500);
        assert.deepEqual(count.records, []);
        const sum = await admin.query<{ total: number }>(
            "SELECT SUM(Points__c) total FROM Ticket__c WHERE Name LIKE 'bulk %'",
        );
        assert.equal(sum.records[0]?.total, (2499 * 2500) / 2);
    });

    it('reports bad SOQL as the API does', async () => {
        assert.equal(
            (await failure(admin.query('SELECT Nope__c FROM Ticket__c'))).errorCode,
            'INVALID_FIELD',
        );
        assert.equal(
            (await failure(admin.query('SELECT Id FROM Nope__c'))).errorCode,
            'INVALID_TYPE',
        );
        assert.equal((await failure(admin.query('SELECT Id FROM'))).errorCode, 'MALFORMED_QUERY');
    });
});

describe('the schema the project declares', () => {
    it('custom fields of Activity are fields of Task and Event', async () => {
        const task = (await admin
            .sobject('Task')
            .create({ Subject: 'Call', Ref__c: 'T-1' })) as SaveResult;
        const event = (await admin.sobject('Event').create({
            Subject: 'Meet',
            Ref__c: 'E-1',
            StartDateTime: '2026-03-11T09:00:00.000+0000',
            EndDateTime: '2026-03-11T10:00:00.000+0000',
        })) as SaveResult;
        assert.ok(task.success && event.success);
        const tasks = await admin.query<{ Ref__c: string }>(
            "SELECT Ref__c FROM Task WHERE Ref__c = 'T-1'",
        );
        assert.equal(tasks.records[0]?.Ref__c, 'T-1');
        const events = await admin.query<{ Ref__c: string }>(
            "SELECT Ref__c FROM Event WHERE Ref__c = 'E-1'",
        );
        assert.equal(events.totalSize, 1);
    });

    it('lists the triggers as ApexTrigger rows', async () => {
        const triggers = await admin.query<{ Name: string; TableEnumOrId: string; Status: string }>(
            'SELECT Name, TableEnumOrId, Status FROM ApexTrigger',
        );
        assert.deepEqual(
            triggers.records.map((t) => [t.Name, t.TableEnumOrId, t.Status]),
            [['TicketTrigger', 'Ticket__c', 'Active']],
        );
    });
});

describe('describe', () => {
    it('describeGlobal lists the project objects and the standard ones', async () => {
        const global = await admin.describeGlobal();
        const names = global.sobjects.map((s) => s.name);
        for (const name of ['Account', 'Ticket__c', 'Step__c', 'User', 'PermissionSetAssignment'])
            assert.ok(names.includes(name), name);
        assert.equal(global.sobjects.find((s) => s.name === 'Ticket__c')?.custom, true);
    });

    it('describes fields as the seed and other clients read them', async () => {
        const result = await admin.describe('Ticket__c');
        const field = (name: string) => {
            const found = result.fields.find((f) => f.name === name);
            assert.ok(found, name);
            return found;
        };
        assert.equal(field('Points__c').type, 'double');
        assert.equal(field('Points__c').nillable, false);
        assert.equal(field('Points__c').defaultedOnCreate, false);
        assert.equal(field('Severity__c').restrictedPicklist, true);
        assert.deepEqual(
            field('Severity__c').picklistValues?.map((p) => p.value),
            ['Low', 'High'],
        );
        assert.equal(field('Code__c').externalId, true);
        assert.equal(field('Code__c').length, 20);
        assert.equal(field('Due__c').type, 'date');
        assert.deepEqual(field('Account__c').referenceTo, ['Account']);
        assert.equal(field('CreatedDate').createable, false);
        assert.ok(
            result.childRelationships.some(
                (r) => r.relationshipName === 'Steps__r' && r.cascadeDelete,
            ),
        );
        assert.equal((await failure(admin.describe('Nope__c'))).errorCode, 'NOT_FOUND');
    });
});

describe('records one at a time', () => {
    it('creates, reads, updates, upserts by external id and deletes', async () => {
        const created = (await admin.sobject('Ticket__c').create({
            Name: 'one',
            Points__c: 5,
            Due__c: '2026-04-01',
        })) as SaveResult;
        assert.equal(created.success, true);
        const id = created.id ?? '';
        const read = await ticket(id);
        assert.equal(read.Points__c, 5);
        assert.equal(read.Due__c, '2026-04-01');
        assert.equal(read.Severity__c, 'Low', 'the picklist default');
        assert.equal(
            read.Note__c,
            'follow-up 2',
            'the trigger, then the chained job after the request',
        );
        await admin.sobject('Ticket__c').update({ Id: id, Points__c: 8 });
        assert.equal((await ticket(id)).Points__c, 8);

        const inserted = (await admin
            .sobject('Ticket__c')
            .upsert({ Code__c: 'UP-1', Name: 'upserted', Points__c: 1 }, 'Code__c')) as SaveResult;
        assert.equal(inserted.created, true);
        const updated = (await admin
            .sobject('Ticket__c')
            .upsert({ Code__c: 'UP-1', Points__c: 2 }, 'Code__c')) as SaveResult;
        assert.equal(updated.created, false);
        assert.equal(updated.id, inserted.id);
        assert.equal((await ticket(inserted.id ?? '')).Points__c, 2);
        const byKey = (await admin.request(
            `/services/data/v${VERSION}/sobjects/Ticket__c/Code__c/UP-1`,
        )) as { Id: string };
        assert.equal(byKey.Id, inserted.id);

        await admin.sobject('Ticket__c').destroy(id);
        assert.equal((await failure(ticket(id))).errorCode, 'NOT_FOUND');
        assert.equal(
            (await failure(admin.sobject('Ticket__c').destroy(id))).errorCode,
            'ENTITY_IS_DELETED',
        );
    });

    it('refuses bad rows with the field named: required, restricted picklist, validation rule, trigger, type, unknown field', async () => {
        const cases: [Record<string, unknown>, string, string[]][] = [
            [{ Name: 'no points' }, 'REQUIRED_FIELD_MISSING', ['Points__c']],
            [
                { Name: 'bad severity', Points__c: 1, Severity__c: 'Urgent' },
                'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                ['Severity__c'],
            ],
            [
                { Name: 'negative', Points__c: -1 },
                'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                ['Points__c'],
            ],
            [{ Name: 'blocked', Points__c: 1 }, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', ['Note__c']],
            [
                { Name: 'bad date', Points__c: 1, Due__c: '2026-13-45' },
                'JSON_PARSER_ERROR',
                ['Due__c'],
            ],
            [
                { Name: 'too long', Points__c: 1, Code__c: 'x'.repeat(21) },
                'STRING_TOO_LONG',
                ['Code__c'],
            ],
            [{ Name: 'unknown', Points__c: 1, Nope__c: 1 }, 'INVALID_FIELD', ['Nope__c']],
        ];
        for (const [record, code, fields] of cases) {
            const error = await failure(admin.sobject('Ticket__c').create(record));
            assert.equal(error.errorCode, code, JSON.stringify(record));
            assert.deepEqual(
                (error.data as { fields?: string[] }).fields,
                fields,
                JSON.stringify(record),
            );
        }
        const none = await admin.query(
            "SELECT COUNT() FROM Ticket__c WHERE Name IN ('no points', 'negative', 'blocked')",
        );
        assert.equal(none.totalSize, 0);
    });
});

describe('sObject Collections', () => {
    it('creates with allOrNone false: good rows saved, the bad one reported with its field', async () => {
        const results = (await admin.sobject('Ticket__c').create(
            [
                { Name: 'c1', Points__c: 1, Code__c: 'COL-1' },
                { Name: 'c2', Points__c: -5, Code__c: 'COL-2' },
                { Name: 'c3', Points__c: 3, Code__c: 'COL-3' },
            ],
            { allOrNone: false },
        )) as SaveResult[];
        assert.deepEqual(
            results.map((r) => r.success),
            [true, false, true],
        );
        assert.deepEqual(results[1]?.errors, [
            {
                statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                message: 'Points cannot be negative.',
                fields: ['Points__c'],
            },
        ]);
        const saved = await admin.query<{ Code__c: string; Note__c: string }>(
            "SELECT Code__c, Note__c FROM Ticket__c WHERE Code__c LIKE 'COL-%' ORDER BY Code__c",
        );
        assert.deepEqual(
            saved.records.map((r) => r.Code__c),
            ['COL-1', 'COL-3'],
        );
        assert.deepEqual(
            saved.records.map((r) => r.Note__c),
            ['follow-up 2', 'follow-up 2'],
        );
    });

    it('with allOrNone true saves nothing, and the good rows say they were rolled back', async () => {
        const results = (await admin.sobject('Ticket__c').create(
            [
                { Name: 'a1', Points__c: 1, Code__c: 'AON-1' },
                { Name: 'a2', Code__c: 'AON-2' },
            ],
            { allOrNone: true },
        )) as SaveResult[];
        assert.deepEqual(
            results.map((r) => r.success),
            [false, false],
        );
        assert.equal(results[0]?.errors[0]?.statusCode, 'ALL_OR_NONE_OPERATION_ROLLED_BACK');
        assert.equal(results[1]?.errors[0]?.statusCode, 'REQUIRED_FIELD_MISSING');
        assert.deepEqual(results[1]?.errors[0]?.fields, ['Points__c']);
        assert.equal(
            (await admin.query("SELECT COUNT() FROM Ticket__c WHERE Code__c LIKE 'AON-%'"))
                .totalSize,
            0,
        );
    });

    it('with allOrNone true the first chunk that fails stops the request: later chunks are not run', async () => {
        const results = (await admin.requestPost(`/services/data/v${VERSION}/composite/sobjects`, {
            allOrNone: true,
            records: [
                { attributes: { type: 'Account' }, Description: 'no name' },
                { attributes: { type: 'Ticket__c' }, Name: 'blocked', Points__c: 1 },
            ],
        })) as SaveResult[];
        assert.deepEqual(
            results.map((r) => r.errors[0]?.statusCode),
            ['REQUIRED_FIELD_MISSING', 'ALL_OR_NONE_OPERATION_ROLLED_BACK'],
            'the ticket chunk never ran (its trigger would refuse a blocked ticket)',
        );
    });

    it('creates records of several objects in order, updates, upserts, retrieves and deletes', async () => {
        const created = (await admin.create('Account', [
            { Name: 'Mixed One' },
            { Name: 'Mixed Two' },
        ])) as SaveResult[];
        const [one = '', two = ''] = created.map((r) => r.id ?? '');
        const mixed = (await admin.requestPost(`/services/data/v${VERSION}/composite/sobjects`, {
            allOrNone: true,
            records: [
                { attributes: { type: 'Ticket__c' }, Name: 'm1', Points__c: 1, Account__c: one },
                { attributes: { type: 'Account' }, Name: 'Mixed Three' },
                { attributes: { type: 'Ticket__c' }, Name: 'm2', Points__c: 2, Account__c: two },
            ],
        })) as SaveResult[];
        const ticketPrefix = org.data.schema.require('Ticket__c').keyPrefix;
        assert.deepEqual(
            mixed.map((r) => r.id?.slice(0, 3)),
            [ticketPrefix, '001', ticketPrefix],
            'three chunks, saved in the order sent',
        );
        const updated = (await admin.sobject('Account').update([
            { Id: one, Name: 'Mixed One (renamed)' },
            { Id: two, Name: 'Mixed Two (renamed)' },
        ])) as SaveResult[];
        assert.ok(updated.every((r) => r.success));
        const upserted = (await admin.sobject('Ticket__c').upsert(
            [
                { Code__c: 'COL-1', Points__c: 10 },
                { Code__c: 'COL-9', Name: 'c9', Points__c: 9 },
            ],
            'Code__c',
        )) as SaveResult[];
        assert.deepEqual(
            upserted.map((r) => r.created),
            [false, true],
        );
        const retrieved = (await admin.sobject('Account').retrieve([one, two])) as unknown as {
            Name: string;
        }[];
        assert.deepEqual(
            retrieved.map((r) => r.Name),
            ['Mixed One (renamed)', 'Mixed Two (renamed)'],
        );
        const deleted = (await admin
            .sobject('Ticket__c')
            .destroy([mixed[0]?.id ?? '', mixed[2]?.id ?? ''], {
                allOrNone: true,
            })) as SaveResult[];
        assert.ok(deleted.every((r) => r.success));
        assert.equal(
            (await admin.query("SELECT COUNT() FROM Ticket__c WHERE Name IN ('m1', 'm2')"))
                .totalSize,
            0,
        );
    });

    it('refuses more than 200 records', async () => {
        const records = Array.from({ length: 201 }, (_, i) => ({ Name: `x${i}`, Points__c: 1 }));
        const error = await failure(
            admin.sobject('Ticket__c').create(records, { allOrNone: true }),
        );
        assert.equal(error.errorCode, 'EXCEEDED_ID_LIMIT');
    });
});

describe('sObject Tree and Composite', () => {
    it('inserts an account with its tickets and their steps, parents first', async () => {
        const response = (await admin.requestPost(
            `/services/data/v${VERSION}/composite/tree/Account`,
            {
                records: [
                    {
                        attributes: { type: 'Account', referenceId: 'acme' },
                        Name: 'Tree Co',
                        Tickets__r: {
                            records: [
                                {
                                    attributes: { type: 'Ticket__c', referenceId: 't1' },
                                    Name: 'tree 1',
                                    Points__c: 1,
                                    Steps__r: {
                                        records: [
                                            {
                                                attributes: { type: 'Step__c', referenceId: 's1' },
                                                Name: 'first step',
                                            },
                                        ],
                                    },
                                },
                                {
                                    attributes: { type: 'Ticket__c', referenceId: 't2' },
                                    Name: 'tree 2',
                                    Points__c: 2,
                                },
                            ],
                        },
                    },
                ],
            },
        )) as { hasErrors: boolean; results: { referenceId: string; id: string }[] };
        assert.equal(response.hasErrors, false);
        assert.deepEqual(
            response.results.map((r) => r.referenceId),
            ['acme', 't1', 't2', 's1'],
        );
        const step = await admin.query<{
            Ticket__r: { Name: string; Account__r: { Name: string } };
        }>(
            "SELECT Ticket__r.Name, Ticket__r.Account__r.Name FROM Step__c WHERE Name = 'first step'",
        );
        assert.equal(step.records[0]?.Ticket__r.Account__r.Name, 'Tree Co');
    });

    it('a bad record fails the whole tree with its referenceId and field, and nothing is saved', async () => {
        const error = await failure(
            admin.requestPost(`/services/data/v${VERSION}/composite/tree/Account`, {
                records: [
                    {
                        attributes: { type: 'Account', referenceId: 'acme' },
                        Name: 'Broken Tree Co',
                        Tickets__r: {
                            records: [
                                {
                                    attributes: { type: 'Ticket__c', referenceId: 'ok' },
                                    Name: 'fine',
                                    Points__c: 1,
                                },
                                {
                                    attributes: { type: 'Ticket__c', referenceId: 'bad' },
                                    Name: 'bad',
                                    Severity__c: 'Urgent',
                                    Points__c: 1,
                                },
                            ],
                        },
                    },
                ],
            }),
        );
        assert.equal(error.errorCode, 'ERROR_HTTP_400');
        const body = JSON.parse(error.message) as {
            hasErrors: boolean;
            results: { referenceId: string; errors: { statusCode: string; fields: string[] }[] }[];
        };
        assert.equal(body.hasErrors, true);
        assert.deepEqual(
            body.results.map((r) => [r.referenceId, r.errors[0]?.statusCode, r.errors[0]?.fields]),
            [['bad', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', ['Severity__c']]],
        );
        assert.equal(
            (await admin.query("SELECT COUNT() FROM Account WHERE Name = 'Broken Tree Co'"))
                .totalSize,
            0,
        );
    });

    it('Composite runs subrequests with references; allOrNone rolls all of them back', async () => {
        const request = (allOrNone: boolean, points: number) =>
            admin.requestPost(`/services/data/v${VERSION}/composite`, {
                allOrNone,
                compositeRequest: [
                    {
                        method: 'POST',
                        url: `/services/data/v${VERSION}/sobjects/Account`,
                        referenceId: 'account',
                        body: { Name: `Composite ${allOrNone}` },
                    },
                    {
                        method: 'POST',
                        url: `/services/data/v${VERSION}/sobjects/Ticket__c`,
                        referenceId: 'ticket',
                        body: {
                            Name: 'composite ticket',
                            Points__c: points,
                            Account__c: '@{account.id}',
                        },
                    },
                    {
                        method: 'GET',
                        url: `/services/data/v${VERSION}/sobjects/Account/@{account.id}?fields=Name`,
                        referenceId: 'read',
                    },
                ],
            }) as Promise<{
                compositeResponse: { httpStatusCode: number; body: unknown; referenceId: string }[];
            }>;
        const ok = await request(true, 1);
        assert.deepEqual(
            ok.compositeResponse.map((r) => r.httpStatusCode),
            [201, 201, 200],
        );
        assert.equal((ok.compositeResponse[2]?.body as { Name: string }).Name, 'Composite true');

        const failed = await request(true, -1);
        assert.deepEqual(
            failed.compositeResponse.map((r) => r.httpStatusCode),
            [400, 400, 400],
        );
        const [first, second] = failed.compositeResponse.map(
            (r) => (r.body as { errorCode: string; fields?: string[] }[])[0],
        );
        assert.equal(first?.errorCode, 'PROCESSING_HALTED');
        assert.equal(second?.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
        assert.deepEqual(second?.fields, ['Points__c']);

        const partial = await request(false, -1);
        assert.deepEqual(
            partial.compositeResponse.map((r) => r.httpStatusCode),
            [201, 400, 200],
        );
        assert.equal(
            (await admin.query("SELECT COUNT() FROM Account WHERE Name = 'Composite true'"))
                .totalSize,
            1,
        );
        assert.equal(
            (await admin.query("SELECT COUNT() FROM Account WHERE Name = 'Composite false'"))
                .totalSize,
            1,
        );
    });

    it('a failed subrequest is undone on its own, with the jobs it queued; the others stay', async () => {
        const response = (await admin.requestPost(`/services/data/v${VERSION}/composite`, {
            allOrNone: false,
            compositeRequest: [
                {
                    method: 'POST',
                    url: `/services/data/v${VERSION}/composite/sobjects`,
                    referenceId: 'undone',
                    body: {
                        allOrNone: true,
                        records: [
                            { attributes: { type: 'Ticket__c' }, Name: 'sub undone', Points__c: 1 },
                            { attributes: { type: 'Account' }, Description: 'no name' },
                        ],
                    },
                },
                {
                    method: 'POST',
                    url: `/services/data/v${VERSION}/sobjects/Ticket__c`,
                    referenceId: 'kept',
                    body: { Name: 'sub kept', Points__c: 1 },
                },
            ],
        })) as { compositeResponse: { httpStatusCode: number }[] };
        assert.deepEqual(
            response.compositeResponse.map((r) => r.httpStatusCode),
            [200, 201],
        );
        const notes = await admin.query<{ Name: string; Note__c: string }>(
            "SELECT Name, Note__c FROM Ticket__c WHERE Name IN ('sub undone', 'sub kept')",
        );
        assert.deepEqual(
            notes.records.map((r) => [r.Name, r.Note__c]),
            [['sub kept', 'follow-up 2']],
        );
    });
});

describe('each request as the platform runs it', () => {
    it('async work runs after the request commits: a chain runs to its end, a failed job stays on its AsyncApexJob row, a scheduled job waits', async () => {
        const result = (await admin.sobject('Ticket__c').create([
            { Name: 'fails-later', Points__c: 1 },
            { Name: 'schedule-sweep', Points__c: 1 },
        ])) as SaveResult[];
        assert.ok(
            result.every((r) => r.success),
            'the request succeeds whatever its jobs do',
        );
        const notes = await admin.query<{ Name: string; Note__c: string }>(
            "SELECT Name, Note__c FROM Ticket__c WHERE Name IN ('fails-later', 'schedule-sweep') ORDER BY Name",
        );
        assert.deepEqual(
            notes.records.map((r) => r.Note__c),
            ['follow-up 1', 'follow-up 1'],
            'the second job of the chain failed and was undone',
        );
        const jobs = await admin.query<{ Status: string; ExtendedStatus: string | null }>(
            "SELECT Status, ExtendedStatus FROM AsyncApexJob WHERE Status = 'Failed'",
        );
        assert.equal(jobs.records.length, 1);
        assert.match(
            jobs.records[0]?.ExtendedStatus ?? '',
            /IllegalArgumentException: the follow-up failed/,
        );
        const cron = await admin.query<{ State: string; CronJobDetail: { Name: string } }>(
            'SELECT State, CronJobDetail.Name FROM CronTrigger',
        );
        assert.deepEqual(
            cron.records.map((r) => [r.CronJobDetail.Name, r.State]),
            [['Ticket sweep', 'WAITING']],
        );
        const swept = await admin.query("SELECT COUNT() FROM Ticket__c WHERE Note__c = 'swept'");
        assert.equal(swept.totalSize, 0, 'scheduling the sweep does not run it');
    });

    it('a request that fails leaves nothing behind, not even the jobs it queued', async () => {
        const jobsBefore = (await admin.query('SELECT COUNT() FROM AsyncApexJob')).totalSize;
        // the tickets' chunk saves (its trigger queues a job), then the accounts' chunk fails
        const results = (await admin.requestPost(`/services/data/v${VERSION}/composite/sobjects`, {
            allOrNone: true,
            records: [
                { attributes: { type: 'Ticket__c' }, Name: 'saved then undone', Points__c: 1 },
                { attributes: { type: 'Account' }, Description: 'no name' },
            ],
        })) as SaveResult[];
        assert.deepEqual(
            results.map((r) => r.errors[0]?.statusCode),
            ['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING'],
        );
        const undone = "SELECT COUNT() FROM Ticket__c WHERE Name = 'saved then undone'";
        assert.equal((await admin.query(undone)).totalSize, 0);
        assert.equal((await admin.query('SELECT COUNT() FROM AsyncApexJob')).totalSize, jobsBefore);
    });
});

describe("the session user's permissions", () => {
    let reader: Connection;
    before(async () => {
        const [profile] = (
            await admin.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'")
        ).records;
        const user = (await admin.sobject('User').create({
            Username: 'reader@local-org.invalid',
            LastName: 'Reader',
            Email: 'reader@local-org.invalid',
            Alias: 'reader',
            TimeZoneSidKey: 'Europe/Paris',
            LocaleSidKey: 'en_US',
            EmailEncodingKey: 'UTF-8',
            LanguageLocaleKey: 'en_US',
            ProfileId: profile?.Id,
        })) as SaveResult;
        const [set] = (
            await admin.query<{ Id: string }>(
                "SELECT Id FROM PermissionSet WHERE Name = 'TicketReader'",
            )
        ).records;
        await admin
            .sobject('PermissionSetAssignment')
            .create({ AssigneeId: user.id, PermissionSetId: set?.Id });
        reader = new Connection({ loginUrl: server.url, version: VERSION });
        await reader.login('reader@local-org.invalid', PASSWORD);
    });

    it('describe shows only the fields the user can read, editable only where they may edit', async () => {
        const result = await reader.describe('Ticket__c');
        const names = result.fields.map((f) => f.name);
        assert.ok(!names.includes('Note__c'), 'no read access to Note__c');
        assert.equal(result.fields.find((f) => f.name === 'Code__c')?.updateable, false);
        assert.equal(result.fields.find((f) => f.name === 'Due__c')?.updateable, true);
        assert.equal(result.deletable, false);
    });

    it('queries and saves in user mode: a field without access is named', async () => {
        assert.equal(
            (await failure(reader.query('SELECT Note__c FROM Ticket__c'))).errorCode,
            'INVALID_FIELD',
        );
        const error = await failure(
            reader.sobject('Ticket__c').create({ Name: 'mine', Points__c: 1, Code__c: 'R-1' }),
        );
        assert.equal(error.errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
        assert.deepEqual((error.data as { fields: string[] }).fields, ['Code__c']);
        const created = (await reader
            .sobject('Ticket__c')
            .create({ Name: 'mine', Points__c: 1, Due__c: '2026-05-01' })) as SaveResult;
        assert.equal(created.success, true);
        assert.equal(
            (await failure(reader.sobject('Ticket__c').destroy(created.id ?? ''))).errorCode,
            'INSUFFICIENT_ACCESS',
        );
    });

    it('an API-disabled user cannot log in', async () => {
        const [profile] = (
            await admin.query<{ Id: string }>(
                "SELECT Id FROM Profile WHERE Name = 'Minimum Access - Salesforce'",
            )
        ).records;
        await admin.sobject('User').create({
            Username: 'noapi@local-org.invalid',
            LastName: 'No API',
            Email: 'noapi@local-org.invalid',
            Alias: 'noapi',
            TimeZoneSidKey: 'GMT',
            LocaleSidKey: 'en_US',
            EmailEncodingKey: 'UTF-8',
            LanguageLocaleKey: 'en_US',
            ProfileId: profile?.Id,
        });
        const error = await failure(
            new Connection({ loginUrl: server.url, version: VERSION }).login(
                'noapi@local-org.invalid',
                PASSWORD,
            ),
        );
        assert.match(error.message, /^API_CURRENTLY_DISABLED/);
    });
});
