// SOQL over the store. Titles name the SOQL and SOSL Reference (SOQL) or Apex Developer
// Guide (AG) page each case follows; aer's changelog is cited where it states observed
// platform behaviour.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApexParserFactory } from '@apexdevtools/apex-parser';
import { UnsupportedError } from '../interpreter/errors.ts';
import { ApexThrown } from '../interpreter/exceptions.ts';
import type { DecimalValue, SObjectValue } from '../interpreter/values.ts';
import { DateValue, IntegerValue, ListValue, SetValue, typeRef } from '../interpreter/values.ts';
import { date, datetime, dec, get, openTestOrg } from '../database/testSupport.ts';
import type { TestOrg } from '../database/testSupport.ts';
import { executeQuery } from './execute.ts';

function names(rows: SObjectValue[], field = 'Name'): unknown[] {
    return rows.map((r) => get(r, field));
}

function queryError(fn: () => unknown): string {
    try {
        fn();
    } catch (e) {
        if (e instanceof ApexThrown) return `${e.exception.cls.name}: ${e.exception.message}`;
        throw e;
    }
    throw new Error('no exception');
}

function accounts(org: TestOrg): Record<string, string> {
    const ids: Record<string, string> = {};
    for (const [Name, Industry, Rating, AnnualRevenue] of [
        ['Acme', 'Banking', 'Hot', '100'],
        ['beta', 'Media', null, '50'],
        ['Gamma', 'Banking', 'Cold', null],
        ['delta', null, 'Warm', '75'],
    ] as const) {
        ids[Name] = org.insert('Account', {
            Name,
            Industry,
            Rating,
            AnnualRevenue: AnnualRevenue === null ? null : dec(AnnualRevenue),
        });
    }
    return ids;
}

test('SOQL WHERE: = and != compare text case-insensitively; != keeps nulls (aer v0.0.54, v1.6)', () => {
    const org = openTestOrg();
    accounts(org);
    assert.deepEqual(names(org.rows("SELECT Name FROM Account WHERE Name = 'ACME'")), ['Acme']);
    assert.deepEqual(
        names(org.rows("SELECT Name FROM Account WHERE Industry != 'banking' ORDER BY Name")),
        ['beta', 'delta'],
    );
    assert.deepEqual(names(org.rows('SELECT Name FROM Account WHERE Rating = null')), ['beta']);
    assert.deepEqual(
        names(org.rows("SELECT Name FROM Account WHERE Rating = ''")),
        ['beta'],
        "'' compares as null (aer v0.0.57)",
    );
    assert.equal(org.rows('SELECT Name FROM Account WHERE Rating != null').length, 3);
});

test('SOQL Comparison Operators: < > on numbers exclude nulls; AND/OR/NOT and parentheses', () => {
    const org = openTestOrg();
    accounts(org);
    assert.deepEqual(
        names(org.rows('SELECT Name FROM Account WHERE AnnualRevenue > 60 ORDER BY Name')),
        ['Acme', 'delta'],
    );
    assert.deepEqual(names(org.rows('SELECT Name FROM Account WHERE AnnualRevenue <= 50')), [
        'beta',
    ]);
    assert.deepEqual(
        names(
            org.rows(
                "SELECT Name FROM Account WHERE (Industry = 'Banking' OR Industry = 'Media') AND (NOT Name LIKE 'g%') ORDER BY Name",
            ),
        ),
        ['Acme', 'beta'],
    );
    assert.deepEqual(
        names(org.rows("SELECT Name FROM Account WHERE NOT Industry = 'Banking' ORDER BY Name")),
        ['beta', 'delta'],
    );
});

test('SOQL LIKE: % and _ wildcards, case-insensitive, backslash escapes, nulls never match', () => {
    const org = openTestOrg();
    for (const Name of [
        'keystone.one@example.com',
        'keystoneXone',
        'Champion left: x',
        '100% sure',
        null,
    ])
        org.insert('Contact', { LastName: 'L', Email: null, Title: Name });
    assert.deepEqual(
        names(org.rows("SELECT Title FROM Contact WHERE Title LIKE 'keystone.%'"), 'Title'),
        ['keystone.one@example.com'],
    );
    assert.deepEqual(
        names(org.rows("SELECT Title FROM Contact WHERE Title LIKE 'champion LEFT%'"), 'Title'),
        ['Champion left: x'],
    );
    assert.deepEqual(
        names(
            org.rows("SELECT Title FROM Contact WHERE Title LIKE 'keystone_one%' ORDER BY Title"),
            'Title',
        ),
        ['keystone.one@example.com', 'keystoneXone'],
    );
    assert.deepEqual(
        names(org.rows("SELECT Title FROM Contact WHERE Title LIKE '100\\% %'"), 'Title'),
        ['100% sure'],
    );
    assert.equal(org.rows('SELECT Title FROM Contact WHERE Title LIKE :p', { p: '%' }).length, 4);
});

test('SOQL IN / NOT IN: literal lists, bound List and Set, SObject lists bind their Ids; a null item matches null', () => {
    const org = openTestOrg();
    const ids = accounts(org);
    assert.deepEqual(
        names(
            org.rows(
                "SELECT Name FROM Account WHERE Industry IN ('media', 'Banking') ORDER BY Name",
            ),
        ),
        ['Acme', 'beta', 'Gamma'],
    );
    const list = new ListValue(typeRef('Id'), [ids.Acme as string, ids.delta as string]);
    assert.deepEqual(
        names(org.rows('SELECT Name FROM Account WHERE Id IN :ids ORDER BY Name', { ids: list })),
        ['Acme', 'delta'],
    );
    const set = new SetValue(
        typeRef('String'),
        new Map([
            ['s:Hot', 'Hot'],
            ['s:null', null],
        ]),
    );
    assert.deepEqual(
        names(org.rows('SELECT Name FROM Account WHERE Rating IN :r ORDER BY Name', { r: set })),
        ['Acme', 'beta'],
    );
    assert.deepEqual(
        names(
            org.rows("SELECT Name FROM Account WHERE Rating NOT IN ('Hot', 'Cold') ORDER BY Name"),
        ),
        ['beta', 'delta'],
    );
    const records = new ListValue(
        typeRef('Account'),
        org.rows("SELECT Id FROM Account WHERE Rating = 'Cold'"),
    );
    assert.deepEqual(
        names(org.rows('SELECT Name FROM Account WHERE Id IN :records', { records })),
        ['Gamma'],
    );
});

test('SOQL Id comparisons accept 15-character Ids; an invalid Id is a QueryException (aer v0.0.93)', () => {
    const org = openTestOrg();
    const ids = accounts(org);
    assert.deepEqual(
        names(
            org.rows('SELECT Name FROM Account WHERE Id = :id', {
                id: (ids.beta as string).slice(0, 15),
            }),
        ),
        ['beta'],
    );
    assert.equal(
        queryError(() => org.rows("SELECT Name FROM Account WHERE Id = 'nope'")),
        'System.QueryException: invalid ID field: nope',
    );
});

test('SOQL parent fields: paths through lookups, 2 levels, null parents; results carry parent records', () => {
    const org = openTestOrg();
    const ids = accounts(org);
    org.insert('Contact', { LastName: 'With', AccountId: ids.Acme as string });
    org.insert('Contact', { LastName: 'Without' });
    const rows = org.rows(
        'SELECT LastName, Account.Name, Account.Owner.Name FROM Contact ORDER BY LastName',
    );
    const withAccount = get(rows[0] as SObjectValue, 'Account') as SObjectValue;
    assert.equal(get(withAccount, 'Name'), 'Acme');
    assert.equal(get(withAccount, 'Id'), ids.Acme, 'parent records carry their Id');
    assert.equal(get(get(withAccount, 'Owner') as SObjectValue, 'Name'), 'Local Administrator');
    assert.equal(get(rows[1] as SObjectValue, 'Account'), null);
    assert.ok(
        (rows[1] as SObjectValue).fields.has('account'),
        'a queried empty relationship is present and null',
    );
    assert.deepEqual(
        names(
            org.rows("SELECT LastName FROM Contact WHERE Account.Industry = 'Banking'"),
            'LastName',
        ),
        ['With'],
    );
    assert.deepEqual(
        names(org.rows("SELECT Name FROM Account WHERE Account.Name = 'acme'")),
        ['Acme'],
        'the object name may prefix a field',
    );
});

test('SOQL polymorphic relationships: Task.Owner and What read as the Name entity (aer v1.4.15)', () => {
    const org = openTestOrg();
    const ids = accounts(org);
    org.insert('Task', { Subject: 'Call', WhatId: ids.beta as string });
    const row = org.rows('SELECT Owner.Name, What.Name, What.Type FROM Task')[0] as SObjectValue;
    const owner = get(row, 'Owner') as SObjectValue;
    assert.equal(owner.type.name, 'Name');
    assert.equal(get(owner, 'Name'), 'Local Administrator');
    assert.equal(get(get(row, 'What') as SObjectValue, 'Type'), 'Account');
    assert.equal(
        queryError(() => org.rows('SELECT What.AnnualRevenue FROM Task')),
        "System.QueryException: No such column 'AnnualRevenue' on entity 'Name'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
    );
});

test('SOQL child sub-queries: own WHERE, ORDER BY and LIMIT; empty lists; child rows count as query rows', () => {
    const org = openTestOrg();
    const ids = accounts(org);
    for (const LastName of ['C', 'A', 'B'])
        org.insert('Contact', { LastName, AccountId: ids.Acme as string });
    const result = org.query(
        "SELECT Name, (SELECT LastName FROM Contacts WHERE LastName != 'B' ORDER BY LastName LIMIT 5) FROM Account WHERE Name IN ('Acme', 'beta') ORDER BY Name",
    );
    assert.equal(result.kind, 'records');
    if (result.kind !== 'records') return;
    const acme = get(result.rows[0] as SObjectValue, 'Contacts') as ListValue;
    assert.deepEqual(
        acme.items.map((c) => get(c as SObjectValue, 'LastName')),
        ['A', 'C'],
    );
    assert.equal(acme.elementType.display, 'Contact');
    assert.equal((get(result.rows[1] as SObjectValue, 'Contacts') as ListValue).items.length, 0);
    assert.equal(result.rowCount, 4, '2 accounts + 2 contacts');
    const unordered = org.rows(
        "SELECT (SELECT LastName FROM Contacts) FROM Account WHERE Name = 'Acme'",
    )[0] as SObjectValue;
    assert.deepEqual(
        (get(unordered, 'Contacts') as ListValue).items.map((c) =>
            get(c as SObjectValue, 'LastName'),
        ),
        ['C', 'A', 'B'],
        'aer v1.4.13: insertion order',
    );
});

test('SOQL semi-join and anti-join: Id IN / NOT IN (SELECT …)', () => {
    const org = openTestOrg();
    const ids = accounts(org);
    org.insert('Contact', { LastName: 'x', AccountId: ids.Gamma as string });
    assert.deepEqual(
        names(org.rows('SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact)')),
        ['Gamma'],
    );
    assert.deepEqual(
        names(
            org.rows(
                'SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact) ORDER BY Name',
            ),
        ),
        ['Acme', 'beta', 'delta'],
    );
});

test('SOQL ORDER BY: ASC puts nulls first, DESC last; NULLS FIRST/LAST; case-insensitive collation; stable ties (aer v1.2.28)', () => {
    const org = openTestOrg();
    accounts(org);
    assert.deepEqual(names(org.rows('SELECT Name FROM Account ORDER BY Name')), [
        'Acme',
        'beta',
        'delta',
        'Gamma',
    ]);
    assert.deepEqual(
        names(org.rows('SELECT Name FROM Account ORDER BY Rating')),
        ['beta', 'Acme', 'delta', 'Gamma'],
        'the null first, then the picklist in value-set order',
    );
});

test('SOQL ORDER BY a picklist uses the value-set order; DESC NULLS LAST and multiple keys', () => {
    const org = openTestOrg();
    accounts(org);
    // Account.Rating's value set is Hot, Warm, Cold.
    assert.deepEqual(
        names(org.rows('SELECT Name FROM Account WHERE Rating != null ORDER BY Rating')),
        ['Acme', 'delta', 'Gamma'],
    );
    assert.deepEqual(
        names(org.rows('SELECT Name FROM Account ORDER BY AnnualRevenue DESC NULLS LAST')),
        ['Acme', 'delta', 'beta', 'Gamma'],
    );
    assert.deepEqual(
        names(org.rows('SELECT Name FROM Account ORDER BY AnnualRevenue DESC NULLS FIRST')),
        ['Gamma', 'Acme', 'delta', 'beta'],
    );
    assert.deepEqual(
        names(org.rows('SELECT Name FROM Account ORDER BY Industry NULLS LAST, Name DESC')),
        ['Gamma', 'Acme', 'beta', 'delta'],
    );
    for (let i = 0; i < 5; i++) org.insert('Contact', { LastName: 'Same', Title: String(i) });
    assert.deepEqual(
        names(org.rows('SELECT Title FROM Contact ORDER BY LastName, CreatedDate'), 'Title'),
        ['0', '1', '2', '3', '4'],
        'ties keep insertion order',
    );
});

test('SOQL LIMIT and OFFSET, literal and bound', () => {
    const org = openTestOrg();
    accounts(org);
    assert.deepEqual(names(org.rows('SELECT Name FROM Account ORDER BY Name LIMIT 2')), [
        'Acme',
        'beta',
    ]);
    assert.deepEqual(
        names(
            org.rows('SELECT Name FROM Account ORDER BY Name LIMIT :n OFFSET 1', {
                n: new IntegerValue(2),
            }),
        ),
        ['beta', 'delta'],
    );
});

test('SOQL COUNT(): an Integer count that honours LIMIT and costs one query row (aer v1.2.32)', () => {
    const org = openTestOrg();
    accounts(org);
    assert.deepEqual(org.query("SELECT COUNT() FROM Account WHERE Industry = 'Banking'"), {
        kind: 'count',
        count: 2,
        rowCount: 1,
    });
    assert.deepEqual(org.query('SELECT COUNT() FROM Account LIMIT 3'), {
        kind: 'count',
        count: 3,
        rowCount: 1,
    });
});

test('SOQL aggregates: COUNT(field), SUM, AVG, MIN, MAX, COUNT_DISTINCT with GROUP BY, HAVING and aliases', () => {
    const org = openTestOrg();
    accounts(org);
    const result = org.query(
        'SELECT Industry, COUNT(Id), SUM(AnnualRevenue) total, AVG(AnnualRevenue), MAX(Name), COUNT_DISTINCT(Rating) FROM Account GROUP BY Industry HAVING COUNT(Id) > 0 ORDER BY Industry NULLS LAST',
    );
    assert.equal(result.kind, 'aggregate');
    if (result.kind !== 'aggregate') return;
    const banking = result.rows[0] as SObjectValue;
    assert.equal(banking.type.name, 'AggregateResult');
    assert.equal(get(banking, 'Industry'), 'Banking');
    assert.equal((get(banking, 'expr0') as IntegerValue).v, 2);
    assert.equal((get(banking, 'total') as DecimalValue).v.toNumber(), 100);
    assert.equal((get(banking, 'expr1') as DecimalValue).v.toNumber(), 100, 'AVG ignores nulls');
    assert.equal(get(banking, 'expr2'), 'Gamma');
    assert.equal((get(banking, 'expr3') as IntegerValue).v, 2);
    assert.equal(get(result.rows[2] as SObjectValue, 'Industry'), null, 'the null group');
    assert.equal(result.rowCount, 4, 'SUM uses every aggregated row');
    const having = org.query(
        'SELECT Industry, COUNT(Id) n FROM Account GROUP BY Industry HAVING COUNT(Id) > 1',
    );
    assert.equal(having.kind === 'aggregate' && having.rows.length, 1);
    assert.equal(
        having.kind === 'aggregate' && having.rowCount,
        1,
        'COUNT-only: one row per group',
    );
    const whole = org.query('SELECT SUM(AnnualRevenue) FROM Account');
    assert.equal(
        whole.kind === 'aggregate' &&
            (get(whole.rows[0] as SObjectValue, 'expr0') as DecimalValue).v.toNumber(),
        225,
    );
});

test('SOQL date functions: CALENDAR_YEAR/MONTH and DAY_ONLY group datetimes in GMT unless convertTimezone()', () => {
    const org = openTestOrg();
    org.insert('Event', {
        Subject: 'a',
        StartDateTime: datetime('2026-01-31T23:30:00Z'),
        DurationInMinutes: new IntegerValue(10),
    });
    org.insert('Event', {
        Subject: 'b',
        StartDateTime: datetime('2026-02-01T01:00:00Z'),
        DurationInMinutes: new IntegerValue(10),
    });
    const gmt = org.query(
        'SELECT CALENDAR_MONTH(StartDateTime) m, COUNT(Id) n FROM Event GROUP BY CALENDAR_MONTH(StartDateTime) ORDER BY CALENDAR_MONTH(StartDateTime)',
    );
    assert.deepEqual(
        gmt.kind === 'aggregate' &&
            gmt.rows.map((r) => [(get(r, 'm') as IntegerValue).v, (get(r, 'n') as IntegerValue).v]),
        [
            [1, 1],
            [2, 1],
        ],
    );
    const local = org.query(
        'SELECT CALENDAR_MONTH(convertTimezone(StartDateTime)) m, COUNT(Id) n FROM Event GROUP BY CALENDAR_MONTH(convertTimezone(StartDateTime))',
    );
    assert.deepEqual(
        local.kind === 'aggregate' &&
            local.rows.map((r) => [
                (get(r, 'm') as IntegerValue).v,
                (get(r, 'n') as IntegerValue).v,
            ]),
        [[1, 2]],
        'both are in January in Los Angeles',
    );
    const day = org.query(
        'SELECT DAY_ONLY(StartDateTime) d FROM Event GROUP BY DAY_ONLY(StartDateTime) ORDER BY DAY_ONLY(StartDateTime)',
    );
    assert.deepEqual(day.kind === 'aggregate' && day.rows.map((r) => get(r, 'd')), [
        date('2026-01-31'),
        date('2026-02-01'),
    ]);
    assert.equal(
        org.rows('SELECT Id FROM Event WHERE CALENDAR_YEAR(StartDateTime) = 2026').length,
        2,
    );
});

test("SOQL date literals: ranges of days in the user's time zone (TODAY, LAST_N_DAYS:n includes today, THIS_MONTH)", () => {
    // now = 2026-03-10 12:00 in Los Angeles
    const org = openTestOrg();
    for (const [Subject, d] of [
        ['today', '2026-03-10'],
        ['yesterday', '2026-03-09'],
        ['week ago', '2026-03-03'],
        ['last month', '2026-02-28'],
        ['tomorrow', '2026-03-11'],
    ] as const) {
        org.insert('Task', { Subject, ActivityDate: date(d) });
    }
    const subjects = (where: string) =>
        names(org.rows(`SELECT Subject FROM Task WHERE ${where} ORDER BY ActivityDate`), 'Subject');
    assert.deepEqual(subjects('ActivityDate = TODAY'), ['today']);
    assert.deepEqual(subjects('ActivityDate = LAST_N_DAYS:1'), ['yesterday', 'today']);
    assert.deepEqual(subjects('ActivityDate = LAST_N_DAYS:7'), ['week ago', 'yesterday', 'today']);
    assert.deepEqual(subjects('ActivityDate = THIS_MONTH'), [
        'week ago',
        'yesterday',
        'today',
        'tomorrow',
    ]);
    assert.deepEqual(subjects('ActivityDate < THIS_MONTH'), ['last month']);
    assert.deepEqual(subjects('ActivityDate = NEXT_N_DAYS:1'), ['tomorrow']);
    assert.deepEqual(subjects('ActivityDate > TODAY'), ['tomorrow']);
    // 12:00 GMT on the 10th is the 10th in Los Angeles, where it is now the 10th, and the
    // evening of the 10th in Tokyo, where it is already the 11th.
    org.insert('Event', {
        Subject: 'noon',
        StartDateTime: datetime('2026-03-10T12:00:00Z'),
        DurationInMinutes: new IntegerValue(5),
    });
    assert.equal(org.rows('SELECT Id FROM Event WHERE StartDateTime = TODAY').length, 1);
    assert.equal(
        org.rows('SELECT Id FROM Event WHERE StartDateTime = TODAY', {}, { timeZone: 'Asia/Tokyo' })
            .length,
        0,
    );
    assert.equal(
        org.rows(
            'SELECT Id FROM Event WHERE StartDateTime = YESTERDAY',
            {},
            { timeZone: 'Asia/Tokyo' },
        ).length,
        1,
    );
});

test('SOQL binds: dates, numbers, booleans; an unqueried field is absent from the row (aer v1.6)', () => {
    const org = openTestOrg();
    org.insert('Opportunity', {
        Name: 'O',
        StageName: 'Prospecting',
        CloseDate: date('2026-04-01'),
        Amount: dec('500'),
    });
    assert.equal(
        org.rows(
            'SELECT Id FROM Opportunity WHERE CloseDate >= :d AND Amount > :a AND IsClosed = :c',
            { d: new DateValue(2026, 4, 1), a: dec('499.99'), c: false },
        ).length,
        1,
    );
    const row = org.rows('SELECT Name FROM Opportunity')[0] as SObjectValue;
    assert.equal(row.queried, true);
    assert.equal(row.fields.has('amount'), false);
    assert.ok(row.fields.has('id'), 'aer v0.0.77: Id comes back even when not selected');
});

test('SOQL formula fields are computed on read and can be filtered and sorted', () => {
    const org = openTestOrg();
    const p = org.insert('Project__c', {
        Name: 'P',
        Score__c: dec('25'),
        Start__c: date('2026-03-01'),
        End__c: date('2026-03-11'),
    });
    org.insert('Milestone__c', { Project__c: p, Cost__c: dec('80000') });
    assert.equal(
        (
            get(
                org.rows('SELECT Duration__c FROM Project__c')[0] as SObjectValue,
                'Duration__c',
            ) as DecimalValue
        ).v.toNumber(),
        10,
    );
    const milestone = org.rows(
        'SELECT WeightedCost__c FROM Milestone__c WHERE WeightedCost__c > 100',
    )[0] as SObjectValue;
    assert.equal(
        (get(milestone, 'WeightedCost__c') as DecimalValue).v.toNumber(),
        20000,
        'Percent reads as a fraction in formulas',
    );
});

test('SOQL ALL ROWS includes the recycle bin; without it deleted rows are invisible', () => {
    const org = openTestOrg();
    const id = org.insert('Account', { Name: 'Gone' });
    org.dml('delete', [org.record('Account', { Id: id })]);
    assert.equal(org.rows('SELECT Id FROM Account').length, 0);
    assert.equal(org.rows('SELECT Id FROM Account WHERE IsDeleted = true').length, 0);
    assert.equal(org.rows('SELECT Id FROM Account WHERE IsDeleted = true ALL ROWS').length, 1);
});

test("SOQL errors: unknown object, column and relationship are QueryExceptions with the platform's messages", () => {
    const org = openTestOrg();
    assert.match(
        queryError(() => org.rows('SELECT Id FROM Widget__c')),
        /^System.QueryException: sObject type 'Widget__c' is not supported/,
    );
    assert.match(
        queryError(() => org.rows('SELECT Nope FROM Account')),
        /^System.QueryException: No such column 'Nope' on entity 'Account'/,
    );
    assert.match(
        queryError(() => org.rows('SELECT Nope__r.Name FROM Account')),
        /^System.QueryException: Didn't understand relationship 'Nope__r' in field path/,
    );
    assert.match(
        queryError(() => org.rows('SELECT Id FROM Account WHERE')),
        /^System.QueryException: unexpected token/,
    );
});

test('SOQL outside the emulated subset fails loudly naming the construct', () => {
    const org = openTestOrg();
    assert.throws(
        () => org.rows('SELECT TYPEOF What WHEN Account THEN Name END FROM Task'),
        (e: unknown) => e instanceof UnsupportedError && /TYPEOF/.test(e.message),
    );
    assert.throws(
        () => org.rows('SELECT Id FROM Account USING SCOPE Mine'),
        (e: unknown) => e instanceof UnsupportedError && /USING SCOPE/.test(e.message),
    );
    assert.throws(
        () => org.rows('SELECT Id FROM Account WHERE CreatedDate > :d', { d: date('2026-01-01') }),
        (e: unknown) =>
            e instanceof UnsupportedError &&
            /dateTime field CreatedDate with a Date value/.test(e.message),
    );
    assert.throws(
        () => org.rows('SELECT Id FROM Case'),
        (e: unknown) => e instanceof UnsupportedError && /the object Case \(not in/.test(e.message),
    );
});

test('AG SOQL For Loops and inline SOQL: the query tree from an Apex file runs as is, binds evaluated by the caller', () => {
    const org = openTestOrg();
    accounts(org);
    const parser = ApexParserFactory.createParser(
        'public class C { void m() { List<Account> a = [SELECT Name FROM Account WHERE Industry = :industry.toLowerCase() ORDER BY Name]; } }',
    );
    const unit = parser.compilationUnit();
    let tree: unknown = null;
    const find = (node: { children?: unknown[] | null; constructor: { name: string } }): void => {
        if (node.constructor.name === 'QueryContext') tree = node;
        for (const child of node.children ?? []) find(child as never);
    };
    find(unit as never);
    const seen: string[] = [];
    const result = executeQuery(tree as never, {
        db: org.db,
        schema: org.schema,
        bind(name) {
            seen.push(name);
            return 'banking';
        },
        access: { mode: 'system', userId: org.admin },
        user: { id: org.admin, timeZone: 'America/Los_Angeles' },
    });
    assert.deepEqual(seen, ['industry.toLowerCase()']);
    assert.deepEqual(result.kind === 'records' && names(result.rows), ['Acme', 'Gamma']);
});

test('Test data isolation: rows written before isolation began are invisible except setup objects (aer v1.6)', () => {
    const org = openTestOrg();
    org.insert('Account', { Name: 'Org data' });
    org.db.beginTestIsolation();
    org.insert('Account', { Name: 'Test data' });
    assert.deepEqual(names(org.rows('SELECT Name FROM Account')), ['Test data']);
    assert.equal(
        org.rows("SELECT Id FROM Profile WHERE Name = 'Standard User'").length,
        1,
        'profiles stay visible',
    );
    org.db.endTestIsolation();
    assert.equal(org.rows('SELECT Name FROM Account').length, 2);
});

test('Equality on indexed fields reads the index: 20,000 rows, one lookup', () => {
    const org = openTestOrg();
    const account = org.insert('Account', { Name: 'Hub' });
    org.db.loadRecords(
        'Contact',
        Array.from({ length: 20000 }, (_v, i) => ({
            LastName: `C${i}`,
            AccountId: i % 1000 === 0 ? account : null,
        })),
    );
    const rows = org.rows(
        'SELECT LastName FROM Contact WHERE AccountId = :a AND LastName != null ORDER BY LastName',
        { a: account },
    );
    assert.equal(rows.length, 20);
    assert.equal(get(rows[0] as SObjectValue, 'LastName'), 'C0');
});

test('Object Reference TaskRelation / TaskWhoRelation / EventWhoRelation: one row per Who and What, computed from the activities', () => {
    const org = openTestOrg();
    const account = org.insert('Account', { Name: 'A' });
    const contact = org.insert('Contact', { LastName: 'C', AccountId: account });
    const task = org.insert('Task', { Subject: 'Call', WhoId: contact, WhatId: account });
    org.insert('Task', { Subject: 'Other' });
    org.insert('Event', {
        Subject: 'Meet',
        WhoId: contact,
        StartDateTime: datetime('2026-03-10T18:00:00Z'),
        DurationInMinutes: new IntegerValue(30),
    });
    const relations = org.rows(
        'SELECT RelationId, IsWhat, TaskId, AccountId FROM TaskRelation WHERE TaskId = :t ORDER BY IsWhat',
        { t: task },
    );
    assert.deepEqual(
        relations.map((r) => [get(r, 'RelationId'), get(r, 'IsWhat'), get(r, 'AccountId')]),
        [
            [contact, false, account],
            [account, true, account],
        ],
    );
    const whos = org.rows(
        'SELECT Type, Relation.Name, Task.Subject FROM TaskWhoRelation WHERE RelationId = :c',
        { c: contact },
    );
    assert.deepEqual(
        whos.map((r) => [
            get(r, 'Type'),
            get(get(r, 'Relation') as SObjectValue, 'Name'),
            get(get(r, 'Task') as SObjectValue, 'Subject'),
        ]),
        [['Contact', 'C', 'Call']],
    );
    assert.equal(org.rows('SELECT Id FROM EventWhoRelation').length, 1);
    const nested = org.rows(
        'SELECT Subject, (SELECT RelationId FROM TaskWhoRelations) FROM Task WHERE Id = :t',
        { t: task },
    )[0] as SObjectValue;
    assert.deepEqual(
        (get(nested, 'TaskWhoRelations') as ListValue).items.map((r) =>
            get(r as SObjectValue, 'RelationId'),
        ),
        [contact],
    );
    assert.equal(
        org.rows('SELECT Id FROM TaskRelation').length,
        2,
        'the task without Who or What has no relation rows',
    );
    assert.throws(
        () =>
            org.dml('insert', [
                org.record('TaskWhoRelation', { RelationId: contact, TaskId: task }),
            ]),
        /not allowed on TaskWhoRelation/,
    );
});

test('Object Reference TaskRelation / EventRelation create(): further contacts and invitees of an activity; the Who views show the related contacts', () => {
    const org = openTestOrg();
    const account = org.insert('Account', { Name: 'A' });
    const contacts = ['C1', 'C2', 'C3', 'C4', 'C5'].map((LastName) =>
        org.insert('Contact', { LastName, AccountId: account }),
    );
    const [first, second, third, fourth, fifth] = contacts as [
        string,
        string,
        string,
        string,
        string,
    ];
    const meeting = org.insert('Event', {
        Subject: 'Meet',
        WhoId: first,
        StartDateTime: datetime('2026-03-10T18:00:00Z'),
        DurationInMinutes: new IntegerValue(30),
    });
    org.dml(
        'insert',
        [second, third, fourth].map((RelationId) =>
            org.record('EventRelation', { RelationId, EventId: meeting, IsParent: true }),
        ),
    );
    // an invitee only (not a related contact), and the WhoId named again
    org.insert('EventRelation', { RelationId: fifth, EventId: meeting, IsInvitee: true });
    org.insert('EventRelation', { RelationId: first, EventId: meeting, IsParent: true });
    const whos = org.rows(
        'SELECT RelationId, AccountId, Type FROM EventWhoRelation WHERE EventId = :e',
        {
            e: meeting,
        },
    );
    assert.deepEqual(
        whos.map((r) => get(r, 'RelationId')),
        [first, second, third, fourth],
        'the WhoId and the three related contacts, once each; the invitee is not a Who',
    );
    assert.deepEqual(new Set(whos.map((r) => get(r, 'AccountId'))), new Set([account]));
    assert.equal(
        org.rows('SELECT Id FROM EventRelation WHERE EventId = :e', { e: meeting }).length,
        5,
        'EventRelation lists the invitee too',
    );
    const task = org.insert('Task', { Subject: 'Call', WhoId: first });
    org.insert('TaskRelation', { RelationId: second, TaskId: task });
    assert.deepEqual(
        org
            .rows('SELECT RelationId FROM TaskWhoRelation WHERE RelationId IN :c', {
                c: new ListValue(typeRef('Id'), [first, second]),
            })
            .map((r) => get(r, 'RelationId')),
        [first, second],
        "by related record: the task is the first contact's (WhoId) and the second's (inserted)",
    );
    org.dml('delete', [org.record('Task', { Id: task })]);
    assert.equal(
        org.rows('SELECT Id FROM TaskWhoRelation WHERE TaskId = :t', { t: task }).length,
        0,
        'a deleted task has no relations',
    );
});

test('SOQL INCLUDES / EXCLUDES on multi-select picklists; toLabel(); ORDER BY an aggregate', () => {
    const org = openTestOrg();
    org.insert('Project__c', { Name: 'rg', Tags__c: 'Red;Green', Status__c: 'Active' });
    org.insert('Project__c', { Name: 'b', Tags__c: 'Blue', Status__c: 'Active' });
    org.insert('Project__c', { Name: 'none', Status__c: 'Done' });
    assert.deepEqual(
        names(
            org.rows(
                "SELECT Name FROM Project__c WHERE Tags__c INCLUDES ('Green', 'Blue') ORDER BY Name",
            ),
        ),
        ['b', 'rg'],
    );
    assert.deepEqual(
        names(org.rows("SELECT Name FROM Project__c WHERE Tags__c INCLUDES ('red;green')")),
        ['rg'],
        'a;b means both',
    );
    assert.deepEqual(
        names(org.rows("SELECT Name FROM Project__c WHERE Tags__c EXCLUDES ('Red') ORDER BY Name")),
        ['b', 'none'],
    );
    assert.equal(
        get(
            org.rows(
                "SELECT toLabel(Status__c) FROM Project__c WHERE Name = 'none'",
            )[0] as SObjectValue,
            'Status__c',
        ),
        'Done',
    );
    const byStatus = org.query(
        'SELECT Status__c, COUNT(Id) n FROM Project__c GROUP BY Status__c ORDER BY COUNT(Id) DESC',
    );
    assert.deepEqual(
        byStatus.kind === 'aggregate' && byStatus.rows.map((r) => get(r, 'Status__c')),
        ['Active', 'Done'],
    );
});

test('Aggregates over 6,000 generated activities agree with the same figures computed directly', () => {
    const org = openTestOrg();
    let seed = 42;
    const random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
    };
    const contacts = org.db.loadRecords(
        'Contact',
        Array.from({ length: 300 }, (_v, i) => ({ LastName: `C${i}` })),
    );
    const today = Date.UTC(2026, 2, 10);
    const tasks = Array.from({ length: 6000 }, () => ({
        who: random() < 0.05 ? null : (contacts[Math.floor(random() * contacts.length)] as string),
        daysAgo: Math.floor(random() * 400) - 20,
        closed: random() < 0.5,
    }));
    org.db.loadRecords(
        'Task',
        tasks.map((t) => ({
            Subject: 'T',
            WhoId: t.who,
            ActivityDate: new Date(today - t.daysAgo * 86400000),
            Status: t.closed ? 'Completed' : 'Not Started',
        })),
    );
    const iso = (days: number) => new Date(today - days * 86400000).toISOString().slice(0, 10);
    // Last 90 days, open or closed, per contact: count and latest date.
    const expected = new Map<string, { n: number; last: string }>();
    for (const t of tasks) {
        if (t.who === null || t.daysAgo < 0 || t.daysAgo > 90) continue;
        const e = expected.get(t.who) ?? { n: 0, last: '0000-00-00' };
        e.n++;
        if (iso(t.daysAgo) > e.last) e.last = iso(t.daysAgo);
        expected.set(t.who, e);
    }
    const result = org.query(
        'SELECT WhoId, COUNT(Id) n, MAX(ActivityDate) last FROM Task WHERE ActivityDate = LAST_N_DAYS:90 AND WhoId != null GROUP BY WhoId',
    );
    assert.equal(result.kind, 'aggregate');
    if (result.kind !== 'aggregate') return;
    const actual = new Map(
        result.rows.map((r) => {
            const last = get(r, 'last') as DateValue;
            const text = `${last.year}-${String(last.month).padStart(2, '0')}-${String(last.day).padStart(2, '0')}`;
            return [get(r, 'WhoId') as string, { n: (get(r, 'n') as IntegerValue).v, last: text }];
        }),
    );
    assert.deepEqual(actual, expected);
    const openCount = tasks.filter((t) => !t.closed).length;
    assert.equal(
        (org.query('SELECT COUNT() FROM Task WHERE IsClosed = false') as { count: number }).count,
        openCount,
    );
    const someWhos = new ListValue(typeRef('Id'), contacts.slice(0, 25));
    const chosen = new Set(contacts.slice(0, 25));
    const closedByWho = org.query(
        'SELECT COUNT_DISTINCT(WhoId) people, COUNT(Id) n FROM Task WHERE WhoId IN :w AND IsClosed = true',
        { w: someWhos },
    );
    const closed = tasks.filter((t) => t.who !== null && chosen.has(t.who) && t.closed);
    assert.equal(
        closedByWho.kind === 'aggregate' &&
            (get(closedByWho.rows[0] as SObjectValue, 'n') as IntegerValue).v,
        closed.length,
    );
    assert.equal(
        closedByWho.kind === 'aggregate' &&
            (get(closedByWho.rows[0] as SObjectValue, 'people') as IntegerValue).v,
        new Set(closed.map((t) => t.who)).size,
    );
});
