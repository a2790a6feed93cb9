// Data-layer benchmark: prints load, query and DML figures for the recompute issue's volumes
// (60,000 activities, 10,000 contacts, 3,000 opportunities over 1,000 accounts) in the
// project's own schema. A benchmark prints figures; nothing here asserts a time.
//
//   node --import tsx scripts/local-org/database/bench.ts
import { performance } from 'node:perf_hooks';
import { DateValue, ListValue, typeRef } from '../interpreter/values.ts';
import type { ApexValue } from '../interpreter/values.ts';
import { loadOrgSchema } from '../schema/index.ts';
import { executeQuery } from '../soql/index.ts';
import type { QueryResult } from '../soql/index.ts';
import { LocalDatabase } from './database.ts';
import { KEYSTONE_PROJECT, NOW } from './testSupport.ts';
import type { DmlHooks } from './types.ts';

const ACCOUNTS = 1000;
const CONTACTS = 10000;
const OPPORTUNITIES = 3000;
const TASKS = 40000;
const EVENTS = 20000;

function time<T>(label: string, fn: () => T, unit?: (value: T) => string): T {
    const start = performance.now();
    const value = fn();
    const ms = performance.now() - start;
    console.log(
        `${label.padEnd(72)} ${ms.toFixed(1).padStart(9)} ms${unit ? `  ${unit(value)}` : ''}`,
    );
    return value;
}

function day(offset: number): string {
    const d = new Date(NOW.getTime() + offset * 86400000);
    return d.toISOString().slice(0, 10);
}

const schema = time('load the Keystone schema', () => loadOrgSchema(KEYSTONE_PROJECT));
const db = time(
    'open the database (seed rows)',
    () => new LocalDatabase(schema, { now: () => NOW }),
);
const admin = db.seed.adminUserId;

const accountIds = time('loadRecords: 1,000 accounts', () =>
    db.loadRecords(
        'Account',
        Array.from({ length: ACCOUNTS }, (_v, i) => ({ Name: `Account ${i}` })),
    ),
);
const contactIds = time('loadRecords: 10,000 contacts', () =>
    db.loadRecords(
        'Contact',
        Array.from({ length: CONTACTS }, (_v, i) => ({
            FirstName: 'C',
            LastName: `Contact ${i}`,
            AccountId: accountIds[i % ACCOUNTS],
        })),
    ),
);
time('loadRecords: 3,000 opportunities', () =>
    db.loadRecords(
        'Opportunity',
        Array.from({ length: OPPORTUNITIES }, (_v, i) => ({
            Name: `Opp ${i}`,
            AccountId: accountIds[i % ACCOUNTS],
            StageName: i % 3 === 0 ? 'Closed Won' : 'Prospecting',
            CloseDate: day((i % 400) - 200),
            Amount: 1000 + i,
        })),
    ),
);
time('loadRecords: 40,000 tasks', () =>
    db.loadRecords(
        'Task',
        Array.from({ length: TASKS }, (_v, i) => ({
            Subject: `Task ${i}`,
            WhoId: contactIds[i % CONTACTS],
            ActivityDate: day(-(i % 365)),
            Status: i % 2 ? 'Completed' : 'Not Started',
        })),
    ),
);
time('loadRecords: 20,000 events', () =>
    db.loadRecords(
        'Event',
        Array.from({ length: EVENTS }, (_v, i) => ({
            Subject: `Event ${i}`,
            WhoId: contactIds[i % CONTACTS],
            StartDateTime: `${day(-(i % 365))}T15:00:00Z`,
            DurationInMinutes: 30,
        })),
    ),
);

function query(soql: string, binds: Record<string, ApexValue> = {}): QueryResult {
    return executeQuery(soql, {
        db,
        schema,
        bind: (name) => binds[name] ?? null,
        access: { mode: 'system', userId: admin },
        user: { id: admin, timeZone: 'America/Los_Angeles' },
    });
}

// The first SOQL text parsed pays apex-parser's one-time warm-up (ANTLR builds its DFA).
time('SOQL: parser warm-up (first query of the process)', () =>
    query(
        "SELECT Id FROM Account WHERE Name = 'x' AND Id IN (SELECT AccountId FROM Contact) ORDER BY Name LIMIT 1",
    ),
);
const rows = (r: QueryResult) =>
    r.kind === 'count' ? `count ${r.count}` : `${r.rows.length} rows, ${r.rowCount} query rows`;
const someContacts = new ListValue(typeRef('Id'), contactIds.slice(0, 200));
time(
    'SOQL: tasks of 200 contacts (WhoId IN, index)',
    () =>
        query('SELECT Id, WhoId, ActivityDate, IsClosed FROM Task WHERE WhoId IN :ids', {
            ids: someContacts,
        }),
    rows,
);
time(
    'SOQL: contacts of one account with account fields (index + parent)',
    () =>
        query(
            'SELECT Id, Name, Account.Name, Account.Owner.Name FROM Contact WHERE AccountId = :a ORDER BY Name',
            { a: accountIds[7] ?? null },
        ),
    rows,
);
time(
    'SOQL: open tasks due in the last 90 days (scan + date literal)',
    () =>
        query('SELECT COUNT() FROM Task WHERE IsClosed = false AND ActivityDate = LAST_N_DAYS:90'),
    rows,
);
time(
    'SOQL: LIKE over 40,000 subjects (scan)',
    () => query("SELECT Id FROM Task WHERE Subject LIKE 'Task 39%'"),
    rows,
);
time(
    'SOQL aggregate: last activity per contact, 40,000 tasks',
    () =>
        query(
            'SELECT WhoId, MAX(ActivityDate) lastDate, COUNT(Id) n FROM Task WHERE ActivityDate = LAST_N_DAYS:365 GROUP BY WhoId',
        ),
    rows,
);
time(
    'SOQL aggregate: events per contact in the last 90 days, 20,000 events',
    () =>
        query(
            'SELECT WhoId, COUNT(Id) n FROM Event WHERE ActivityDate >= :d GROUP BY WhoId HAVING COUNT(Id) > 0',
            { d: new DateValue(2025, 12, 10) },
        ),
    rows,
);
time(
    'SOQL aggregate: tasks by month (CALENDAR_MONTH), 40,000 tasks',
    () =>
        query(
            'SELECT CALENDAR_MONTH(ActivityDate) m, COUNT(Id) n FROM Task GROUP BY CALENDAR_MONTH(ActivityDate) ORDER BY CALENDAR_MONTH(ActivityDate)',
        ),
    rows,
);
time(
    'SOQL aggregate: won amount per account, 3,000 opportunities',
    () =>
        query(
            'SELECT AccountId, SUM(Amount) total FROM Opportunity WHERE IsWon = true GROUP BY AccountId',
        ),
    rows,
);
time(
    'SOQL: accounts with their contacts (sub-query), 50 accounts',
    () =>
        query(
            'SELECT Id, (SELECT Id, Name FROM Contacts ORDER BY Name) FROM Account ORDER BY Name LIMIT 50',
        ),
    rows,
);

const hooks: DmlHooks = { trigger: () => undefined };
function records(object: string, count: number, fields: (i: number) => Record<string, ApexValue>) {
    const describe = schema.require(object);
    return Array.from({ length: count }, (_v, i) => {
        const record = db.newRecord(describe);
        for (const [name, value] of Object.entries(fields(i)))
            record.fields.set(name.toLowerCase(), { name, value });
        return record;
    });
}
const snapshot = time('snapshot', () => db.snapshot());
const inserted = time('DML: insert 200 tasks (triggers through no-op hooks)', () =>
    db.dml(
        {
            operation: 'insert',
            records: records('Task', 200, (i) => ({
                Subject: `New ${i}`,
                WhoId: contactIds[i] ?? null,
                ActivityDate: new DateValue(2026, 3, 1),
            })),
            allOrNone: true,
            access: { mode: 'system', userId: admin },
        },
        hooks,
    ),
);
const ids = inserted.results.map((r) => r.id as string);
time('DML: update 200 tasks', () =>
    db.dml(
        {
            operation: 'update',
            records: records('Task', 200, (i) => ({ Id: ids[i] ?? null, Status: 'Completed' })),
            allOrNone: true,
            access: { mode: 'system', userId: admin },
        },
        hooks,
    ),
);
time('DML: delete 200 tasks', () =>
    db.dml(
        {
            operation: 'delete',
            records: records('Task', 200, (i) => ({ Id: ids[i] ?? null })),
            allOrNone: true,
            access: { mode: 'system', userId: admin },
        },
        hooks,
    ),
);
time('DML: insert 200 contacts, partial success with 10 failing rows (retried)', () =>
    db.dml(
        {
            operation: 'insert',
            // Every 20th contact has no LastName: 10 rows fail, the rest are retried.
            records: records('Contact', 200, (i): Record<string, ApexValue> =>
                i % 20 === 0
                    ? { FirstName: 'x' }
                    : { LastName: `Bulk ${i}`, AccountId: accountIds[i] ?? null },
            ),
            allOrNone: false,
            access: { mode: 'system', userId: admin },
        },
        hooks,
    ),
);
time('restore the snapshot (undo the DML above)', () => db.restore(snapshot));
time('SOQL: count tasks after restore', () => query('SELECT COUNT() FROM Task'), rows);
console.log(`rows in the store: ${db.store.byId.size}`);
