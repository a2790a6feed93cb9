// The record store and the DML engine. Each case follows a page of the Apex Developer Guide
// (AG), the Object Reference (OR) or the Salesforce Help (Help), named in its title; aer's
// changelog entries are cited where they state observed platform behaviour.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidId } from '../interpreter/coerce.ts';
import { ApexThrown } from '../interpreter/exceptions.ts';
import type { DecimalValue, SObjectValue } from '../interpreter/values.ts';
import { DatetimeValue } from '../interpreter/values.ts';
import { makeId } from './ids.ts';
import { loadOrgSchema } from '../schema/load.ts';
import {
    FIXTURE_PROJECT,
    KEYSTONE_PROJECT,
    date,
    datetime,
    dec,
    get,
    int,
    openTestOrg,
} from './testSupport.ts';
import type { TestOrg } from './testSupport.ts';
import type { DmlError, MixedDmlState } from './types.ts';

function errorsOf(outcome: { results: { errors: DmlError[] }[] }, row = 0): DmlError[] {
    return outcome.results[row]?.errors ?? [];
}

function project(org: TestOrg, fields: Record<string, unknown> = {}): SObjectValue {
    return org.record('Project__c', { Name: 'Apollo', ...fields } as never);
}

// ---------------------------------------------------------------- Ids

test('AG Id class: Ids are 18 characters, carry the key prefix and a valid checksum, deterministic', () => {
    const id = makeId('001', 42);
    assert.equal(id.length, 18);
    assert.ok(id.startsWith('0010L'));
    assert.ok(isValidId(id));
    assert.equal(makeId('001', 42), id);
    const org = openTestOrg();
    const again = openTestOrg();
    assert.equal(
        org.insert('Account', { Name: 'A' }),
        again.insert('Account', { Name: 'A' }),
        'same seed, same Ids',
    );
    const other = org.insert('Account', { Name: 'B' });
    assert.notEqual(
        other,
        org.rows("SELECT Id FROM Account WHERE Name = 'A'")[0]?.fields.get('id')?.value,
    );
});

// ---------------------------------------------------------------- insert

test("AG DML insert: the new Id is written back to the caller's record, and only the Id (aer v0.0.83)", () => {
    const org = openTestOrg();
    const record = org.record('Account', { Name: 'Acme' });
    org.onTrigger('Account', 'BEFORE_INSERT', (rows) => {
        rows?.[0]?.fields.set('description', { name: 'Description', value: 'set by trigger' });
    });
    const outcome = org.dml('insert', [record]);
    const id = get(record, 'Id') as string;
    assert.equal(outcome.results[0]?.id, id);
    assert.equal(
        get(record, 'Description'),
        null,
        'trigger changes do not flow back to the caller',
    );
    assert.equal(
        get(
            org.rows('SELECT Description FROM Account WHERE Id = :id', { id })[0] as SObjectValue,
            'Description',
        ),
        'set by trigger',
    );
});

test('AG Triggers and Order of Execution: audit fields are blank in before insert and set in after insert (aer v1.2.26)', () => {
    const org = openTestOrg();
    let before: unknown = 'unset';
    let after: unknown = 'unset';
    let beforeId: unknown = 'unset';
    org.onTrigger('Account', 'BEFORE_INSERT', (rows) => {
        before = rows?.[0]?.fields.get('createddate')?.value ?? null;
        beforeId = rows?.[0]?.fields.get('id')?.value ?? null;
    });
    org.onTrigger('Account', 'AFTER_INSERT', (rows) => {
        after = rows?.[0]?.fields.get('createddate')?.value;
    });
    org.insert('Account', { Name: 'Acme' });
    assert.equal(before, null);
    assert.equal(beforeId, null, 'Trigger.new has no Id in before insert');
    assert.ok(after instanceof DatetimeValue);
    assert.equal((after as DatetimeValue).ms, Date.parse('2026-03-10T19:00:00Z'));
});

test('Help Default Field Values: defaults apply at insert to fields the caller did not set, before triggers', () => {
    const org = openTestOrg();
    let seen: unknown[] = [];
    org.onTrigger('Project__c', 'BEFORE_INSERT', (rows) => {
        const r = rows?.[0] as SObjectValue;
        seen = [get(r, 'Status__c'), get(r, 'Start__c'), get(r, 'Urgent__c'), get(r, 'OwnerId')];
    });
    const record = project(org);
    org.dml('insert', [record]);
    assert.equal(seen[0], 'Planned', 'picklist default');
    assert.deepEqual(seen[1], date('2026-03-10'), "TODAY() in the admin's time zone (Los Angeles)");
    assert.equal(seen[2], true, 'checkbox default');
    assert.equal(seen[3], org.admin, 'OwnerId defaults to the running user');
    const explicit = project(org, { Status__c: null });
    const outcome = org.dml('insert', [explicit], { allOrNone: false });
    assert.equal(
        errorsOf(outcome)[0]?.statusCode,
        'REQUIRED_FIELD_MISSING',
        'an explicit null is not replaced by the default',
    );
});

test('AG Triggers and Order of Execution: required fields are checked after before triggers (aer v0.0.83)', () => {
    const org = openTestOrg();
    org.onTrigger('Contact', 'BEFORE_INSERT', (rows) => {
        for (const r of rows ?? [])
            if (get(r, 'LastName') === null)
                r.fields.set('lastname', { name: 'LastName', value: 'Filled' });
    });
    org.insert('Contact', { FirstName: 'Ann' });
    assert.equal(
        get(org.rows('SELECT Name FROM Contact')[0] as SObjectValue, 'Name'),
        'Ann Filled',
    );
});

test('AG Bulk DML: REQUIRED_FIELD_MISSING names the field; an all-or-none failure saves nothing and leaves no Id', () => {
    const org = openTestOrg();
    const good = org.record('Contact', { LastName: 'Good' });
    const bad = org.record('Contact', { FirstName: 'NoLast' });
    const outcome = org.dml('insert', [good, bad]);
    assert.equal(outcome.allOrNoneFailed, true);
    assert.deepEqual(errorsOf(outcome, 1), [
        {
            statusCode: 'REQUIRED_FIELD_MISSING',
            message: 'Required fields are missing: [LastName]',
            fields: ['LastName'],
        },
    ]);
    assert.equal(outcome.results[0]?.success, false);
    assert.equal(
        get(good, 'Id'),
        null,
        'aer v1.2.33: a failed all-or-none insert leaves the records without Ids',
    );
    assert.equal(org.rows('SELECT Id FROM Contact').length, 0);
});

test('AG Bulk DML Exception Handling: partial success saves the good rows and retries them, firing triggers again', () => {
    const org = openTestOrg();
    const records = [
        org.record('Contact', { LastName: 'One' }),
        org.record('Contact', { FirstName: 'NoLast' }),
        org.record('Contact', { LastName: 'Three' }),
    ];
    const retries: number[] = [];
    const counted: number[] = [];
    const outcome = org.db.dml(
        {
            operation: 'insert',
            records,
            allOrNone: false,
            access: { mode: 'system', userId: org.admin },
        },
        {
            ...org.hooks,
            retry: (attempt) => retries.push(attempt),
            countRows: (n) => counted.push(n),
        },
    );
    assert.deepEqual(
        retries,
        [2],
        'the runtime is told before the retry (limits go back to the statement start)',
    );
    assert.deepEqual(counted, [3], 'rows counted once per statement');
    assert.deepEqual(
        outcome.results.map((r) => r.success),
        [true, false, true],
    );
    assert.equal(outcome.allOrNoneFailed, false);
    assert.ok(get(records[0] as SObjectValue, 'Id'));
    assert.equal(get(records[1] as SObjectValue, 'Id'), null);
    assert.equal(org.rows('SELECT Id FROM Contact').length, 2);
    const before = org.fired.filter((f) => f.event === 'BEFORE_INSERT').map((f) => f.size);
    assert.deepEqual(
        before,
        [3, 2],
        'required fields are checked after before triggers, so the first attempt sees all three; the retry the two good rows',
    );
});

test('AG Bulk DML Exception Handling: an addError in an after trigger rolls the attempt back and retries the rest', () => {
    const org = openTestOrg();
    let attempt = 0;
    org.onTrigger('Account', 'AFTER_INSERT', (rows) => {
        attempt++;
        for (const r of rows ?? [])
            if (get(r, 'Name') === 'Bad')
                r.errors.push({ message: 'no bad names', fields: [], statusCode: '' });
    });
    const records = ['Good', 'Bad', 'Fine'].map((Name) => org.record('Account', { Name }));
    const outcome = org.dml('insert', records, { allOrNone: false });
    assert.equal(attempt, 2);
    assert.deepEqual(
        outcome.results.map((r) => r.success),
        [true, false, true],
    );
    assert.deepEqual(errorsOf(outcome, 1), [
        { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'no bad names', fields: [] },
    ]);
    assert.equal(
        records[1]?.errors[0]?.message,
        'no bad names',
        "aer v0.0.95: addError marks the caller's record",
    );
    assert.deepEqual(
        org.rows('SELECT Name FROM Account ORDER BY Name').map((r) => get(r, 'Name')),
        ['Fine', 'Good'],
    );
});

test('AG Trigger Exceptions: an exception in a trigger fails every row of the chunk with its message', () => {
    const org = openTestOrg();
    org.onTrigger('Account', 'BEFORE_INSERT', () => ({
        failure: {
            message:
                'AccountTrigger: execution of BeforeInsert\n\ncaused by: System.NullPointerException',
        },
    }));
    const outcome = org.dml('insert', [
        org.record('Account', { Name: 'A' }),
        org.record('Account', { Name: 'B' }),
    ]);
    assert.equal(outcome.allOrNoneFailed, true);
    assert.equal(errorsOf(outcome, 1)[0]?.statusCode, 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY');
    assert.match(errorsOf(outcome, 0)[0]?.message ?? '', /caused by: System.NullPointerException/);
});

test('A hook that throws aborts the statement: everything it did is rolled back and the error rethrown', () => {
    const org = openTestOrg();
    org.onTrigger('Account', 'AFTER_INSERT', () => {
        org.insert('Contact', { LastName: 'Nested' });
        throw new Error('uncatchable');
    });
    assert.throws(() => org.insert('Account', { Name: 'A' }), /uncatchable/);
    assert.equal(org.rows('SELECT Id FROM Account').length, 0);
    assert.equal(org.rows('SELECT Id FROM Contact').length, 0, 'nested DML rolled back too');
});

test('AG Creating Records for Multiple Object Types: triggers fire per chunk of at most 200 records of one type', () => {
    const org = openTestOrg();
    const records = Array.from({ length: 450 }, (_v, i) =>
        org.record('Account', { Name: `A${i}` }),
    );
    org.dml('insert', records);
    assert.deepEqual(
        org.fired.filter((f) => f.event === 'BEFORE_INSERT').map((f) => f.size),
        [200, 200, 50],
    );
    assert.deepEqual(
        org.fired.filter((f) => f.event === 'AFTER_INSERT').map((f) => f.size),
        [200, 200, 50],
    );
    org.fired.length = 0;
    const mixed = [
        org.record('Account', { Name: 'X' }),
        org.record('Contact', { LastName: 'Y' }),
        org.record('Account', { Name: 'Z' }),
    ];
    org.dml('insert', mixed);
    assert.deepEqual(
        org.fired.map((f) => `${f.event}:${f.object}:${f.size}`),
        [
            'BEFORE_INSERT:Account:1',
            'AFTER_INSERT:Account:1',
            'BEFORE_INSERT:Contact:1',
            'AFTER_INSERT:Contact:1',
            'BEFORE_INSERT:Account:1',
            'AFTER_INSERT:Account:1',
        ],
    );
    const alternating = Array.from({ length: 11 }, (_v, i) =>
        i % 2 === 0
            ? org.record('Account', { Name: 'a' })
            : org.record('Contact', { LastName: 'c' }),
    );
    assert.throws(
        () => org.dml('insert', alternating),
        (e: unknown) => e instanceof ApexThrown && /more than 10 chunks/.test(e.message),
    );
});

test('AG DML: an insert with an Id is rejected before triggers (aer v1.2.26)', () => {
    const org = openTestOrg();
    const id = org.insert('Account', { Name: 'A' });
    const again = org.record('Account', { Name: 'A', Id: id });
    const outcome = org.dml('insert', [again], { allOrNone: false });
    assert.deepEqual(errorsOf(outcome)[0], {
        statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: 'cannot specify Id in an insert call',
        fields: ['Id'],
    });
    assert.equal(
        org.fired.filter((f) => f.event === 'BEFORE_INSERT').length,
        1,
        'only the first insert fired',
    );
});

test('Help Field length: text longer than the field is STRING_TOO_LONG', () => {
    const org = openTestOrg();
    const outcome = org.dml('insert', [project(org, { Code__c: 'ABCDEFGHIJK' })], {
        allOrNone: false,
    });
    assert.deepEqual(errorsOf(outcome)[0], {
        statusCode: 'STRING_TOO_LONG',
        message: 'Code: data value too large: ABCDEFGHIJK (max length=10)',
        fields: ['Code__c'],
    });
});

test('Help Restricted picklists: unknown and inactive values are refused; case is normalised to the value set (aer v1.2.27)', () => {
    const org = openTestOrg();
    const unknown = org.dml('insert', [project(org, { Status__c: 'Bogus' })], { allOrNone: false });
    assert.deepEqual(errorsOf(unknown)[0], {
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: 'Status: bad value for restricted picklist field: Bogus',
        fields: ['Status__c'],
    });
    const inactive = org.dml('insert', [project(org, { Status__c: 'Legacy' })], {
        allOrNone: false,
    });
    assert.equal(errorsOf(inactive)[0]?.statusCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const id = org.insert('Project__c', { Name: 'P', Status__c: 'active', Tags__c: 'blue;Red' });
    const row = org.rows('SELECT Status__c, Tags__c FROM Project__c WHERE Id = :id', {
        id,
    })[0] as SObjectValue;
    assert.equal(get(row, 'Status__c'), 'Active');
    assert.equal(get(row, 'Tags__c'), 'Red;Blue', 'multi-select values in value-set order');
});

test('OR reference fields: a wrong-type Id, a dangling Id and a deleted parent (aer v1.2.13, v1.2.22, v1.6)', () => {
    const org = openTestOrg();
    const contact = org.insert('Contact', { LastName: 'C' });
    const wrongType = org.dml('insert', [project(org, { Account__c: contact })], {
        allOrNone: false,
    });
    assert.deepEqual(errorsOf(wrongType)[0], {
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        message: `Account: id value of incorrect type: ${contact}`,
        fields: ['Account__c'],
    });
    const dangling = makeId('001', 999999);
    const missing = org.dml('insert', [project(org, { Account__c: dangling })], {
        allOrNone: false,
    });
    assert.deepEqual(errorsOf(missing)[0], {
        statusCode: 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
        message: `insufficient access rights on cross-reference id: ${dangling.slice(0, 15)}`,
        fields: [],
    });
    const owner = org.dml(
        'insert',
        [org.record('Account', { Name: 'A', OwnerId: makeId('005', 999999) })],
        { allOrNone: false },
    );
    assert.deepEqual(errorsOf(owner)[0], {
        statusCode: 'INVALID_CROSS_REFERENCE_KEY',
        message: 'invalid cross reference id',
        fields: ['OwnerId'],
    });
    const account = org.insert('Account', { Name: 'Gone' });
    org.dml('delete', [org.record('Account', { Id: account })]);
    const deleted = org.dml('insert', [project(org, { Account__c: account })], {
        allOrNone: false,
    });
    assert.equal(errorsOf(deleted)[0]?.statusCode, 'ENTITY_IS_DELETED');
});

test('Help Unique fields: case-insensitive among live rows; released on delete; a swap in one statement is allowed (aer v1.2.33)', () => {
    const org = openTestOrg();
    const first = org.insert('Project__c', { Name: 'A', Code__c: 'ABC' });
    const clash = org.dml('insert', [project(org, { Code__c: 'abc' })], { allOrNone: false });
    assert.deepEqual(errorsOf(clash)[0], {
        statusCode: 'DUPLICATE_VALUE',
        message: `duplicate value found: Code__c duplicates value on record with id: ${first}`,
        fields: [],
    });
    const second = org.insert('Project__c', { Name: 'B', Code__c: 'XYZ' });
    const swap = org.dml('update', [
        org.record('Project__c', { Id: first, Code__c: 'XYZ' }),
        org.record('Project__c', { Id: second, Code__c: 'ABC' }),
    ]);
    assert.equal(swap.allOrNoneFailed, false);
    const inBatch = org.dml(
        'insert',
        [project(org, { Code__c: 'Q1' }), project(org, { Code__c: 'q1' })],
        { allOrNone: false },
    );
    assert.deepEqual(
        inBatch.results.map((r) => r.success),
        [true, false],
    );
    org.dml('delete', [org.record('Project__c', { Id: first })]);
    org.insert('Project__c', { Name: 'C', Code__c: 'XYZ' });
});

test('Help Validation rules: every failing rule is reported with its message and field; inactive rules do not run', () => {
    const org = openTestOrg();
    const outcome = org.dml(
        'insert',
        [
            project(org, {
                Budget__c: dec('-1'),
                Start__c: date('2026-03-10'),
                End__c: date('2026-03-01'),
            }),
        ],
        { allOrNone: false },
    );
    // Rules run in the order their files load (by name); each failing one is an error.
    assert.deepEqual(errorsOf(outcome), [
        {
            statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: 'Budget cannot be negative.',
            fields: ['Budget__c'],
        },
        {
            statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: 'The end cannot be before the start.',
            fields: ['End__c'],
        },
    ]);
    const rule = org.dml('insert', [org.record('Account', { Name: 'forbidden' })], {
        allOrNone: false,
    });
    assert.deepEqual(errorsOf(rule), [
        {
            statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: 'That name is not allowed.',
            fields: ['Name'],
        },
    ]);
});

test('Help Validation rules: ISCHANGED and PRIORVALUE see the stored record on update; rules run on no-op updates too', () => {
    const org = openTestOrg();
    const id = org.insert('Project__c', { Name: 'A', Status__c: 'Done' });
    const reopen = org.dml('update', [org.record('Project__c', { Id: id, Status__c: 'Active' })], {
        allOrNone: false,
    });
    assert.equal(errorsOf(reopen)[0]?.message, 'A done project stays done.');
    const rename = org.dml('update', [org.record('Project__c', { Id: id, Name: 'B' })]);
    assert.equal(rename.allOrNoneFailed, false, 'status unchanged: the rule does not fire');
    org.db.loadRecords('Project__c', [{ Name: 'Legacy bad', Budget__c: -5 }]);
    const legacy = org.rows(
        "SELECT Id FROM Project__c WHERE Name = 'Legacy bad'",
    )[0] as SObjectValue;
    const noop = org.dml('update', [org.record('Project__c', { Id: get(legacy, 'Id') })], {
        allOrNone: false,
    });
    assert.equal(
        errorsOf(noop)[0]?.message,
        'Budget cannot be negative.',
        'aer v1.2.31: rules run on every update',
    );
});

test('AG DML update: a sparse update merges with the stored row; LastModifiedDate advances even on a no-op (aer v0.0.101)', () => {
    const org = openTestOrg();
    const id = org.insert('Account', { Name: 'A', Industry: 'Banking' });
    const created = get(
        org.rows('SELECT LastModifiedDate FROM Account')[0] as SObjectValue,
        'LastModifiedDate',
    ) as DatetimeValue;
    org.dml('update', [org.record('Account', { Id: id, Rating: 'Hot' })]);
    org.dml('update', [org.record('Account', { Id: id })]);
    const row = org.rows(
        'SELECT Name, Industry, Rating, LastModifiedDate FROM Account',
    )[0] as SObjectValue;
    assert.equal(get(row, 'Industry'), 'Banking');
    assert.equal(get(row, 'Rating'), 'Hot');
    assert.equal((get(row, 'LastModifiedDate') as DatetimeValue).ms, created.ms + 2000);
});

test('AG Trigger context: before update sees Trigger.old with the stored values; changes in Trigger.new are saved', () => {
    const org = openTestOrg();
    const id = org.insert('Account', { Name: 'Old' });
    let oldName: unknown = null;
    org.onTrigger('Account', 'BEFORE_UPDATE', (rows, olds) => {
        oldName = get(olds?.[0] as SObjectValue, 'Name');
        rows?.[0]?.fields.set('site', { name: 'Site', value: 'from trigger' });
    });
    org.dml('update', [org.record('Account', { Id: id, Name: 'New' })]);
    assert.equal(oldName, 'Old');
    assert.equal(
        get(org.rows('SELECT Site FROM Account')[0] as SObjectValue, 'Site'),
        'from trigger',
    );
});

test('AG DML update: a missing Id, an unknown Id and a duplicate Id in the list', () => {
    const org = openTestOrg();
    const noId = org.dml('update', [org.record('Account', { Name: 'x' })], { allOrNone: false });
    assert.equal(errorsOf(noId)[0]?.statusCode, 'MISSING_ARGUMENT');
    const id = org.insert('Account', { Name: 'A' });
    assert.throws(
        () =>
            org.dml('update', [
                org.record('Account', { Id: id }),
                org.record('Account', { Id: id }),
            ]),
        /Duplicate id in list/,
    );
});

test('AG DML: the master-detail field of a non-reparentable detail cannot change (aer v1.2.37)', () => {
    const org = openTestOrg();
    const p1 = org.insert('Project__c', { Name: 'P1' });
    const p2 = org.insert('Project__c', { Name: 'P2' });
    const m = org.insert('Milestone__c', { Project__c: p1 });
    const outcome = org.dml('update', [org.record('Milestone__c', { Id: m, Project__c: p2 })], {
        allOrNone: false,
    });
    assert.equal(errorsOf(outcome)[0]?.statusCode, 'FIELD_INTEGRITY_EXCEPTION');
});

test('Help Auto-number fields: assigned at save, available in after insert (aer v0.0.78)', () => {
    const org = openTestOrg();
    const p = org.insert('Project__c', { Name: 'P' });
    let name: unknown = null;
    org.onTrigger('Milestone__c', 'AFTER_INSERT', (rows) => {
        name ??= get(rows?.[0] as SObjectValue, 'Name');
    });
    org.insert('Milestone__c', { Project__c: p });
    org.insert('Milestone__c', { Project__c: p });
    assert.equal(name, 'MS-0001');
    assert.deepEqual(
        org.rows('SELECT Name FROM Milestone__c ORDER BY Name').map((r) => get(r, 'Name')),
        ['MS-0001', 'MS-0002'],
    );
});

test("A custom object's blank text Name takes the record's 15-character Id (aer v1.2.16)", () => {
    const org = openTestOrg();
    const id = org.insert('Project__c', {});
    assert.equal(
        get(org.rows('SELECT Name FROM Project__c')[0] as SObjectValue, 'Name'),
        id.slice(0, 15),
    );
});

test('Text is stored trimmed, and blank text as null (aer v1.6, v0.0.78)', () => {
    const org = openTestOrg();
    org.insert('Account', { Name: '  Acme  ', Site: '   ' });
    const row = org.rows('SELECT Name, Site FROM Account')[0] as SObjectValue;
    assert.equal(get(row, 'Name'), 'Acme');
    assert.equal(get(row, 'Site'), null);
    const blank = org.dml('insert', [org.record('Account', { Name: '   ' })], { allOrNone: false });
    assert.equal(errorsOf(blank)[0]?.statusCode, 'REQUIRED_FIELD_MISSING');
});

test("Numbers are saved at the field's scale; too many digits is NUMBER_OUTSIDE_VALID_RANGE", () => {
    const org = openTestOrg();
    let inTrigger: unknown = null;
    org.onTrigger('Project__c', 'BEFORE_INSERT', (rows) => {
        inTrigger = get(rows?.[0] as SObjectValue, 'Budget__c');
    });
    org.insert('Project__c', { Name: 'P', Budget__c: int(84) });
    assert.equal(
        (inTrigger as DecimalValue).scale,
        2,
        'aer v1.6: Integer 84 in a Currency field reads 84.00 in triggers',
    );
    assert.equal(
        (
            get(
                org.rows('SELECT Budget__c FROM Project__c')[0] as SObjectValue,
                'Budget__c',
            ) as DecimalValue
        ).v.toFixed(2),
        '84.00',
    );
    const big = org.dml('insert', [project(org, { Budget__c: dec('12345678.9') })], {
        allOrNone: false,
    });
    assert.equal(errorsOf(big)[0]?.statusCode, 'NUMBER_OUTSIDE_VALID_RANGE');
});

// ---------------------------------------------------------------- upsert

test('AG DML upsert: by external Id inserts or updates; a repeated external Id in one call is refused (aer v1.6)', () => {
    const org = openTestOrg();
    const existing = org.insert('Project__c', { Name: 'Old', Code__c: 'K1' });
    const records = [
        project(org, { Name: 'Updated', Code__c: 'k1' }),
        project(org, { Name: 'New', Code__c: 'K2' }),
    ];
    const outcome = org.dml('upsert', records, { externalIdField: 'Code__c' });
    assert.deepEqual(
        outcome.results.map((r) => [r.success, r.created]),
        [
            [true, false],
            [true, true],
        ],
    );
    assert.equal(outcome.results[0]?.id, existing);
    assert.equal(
        get(
            org.rows('SELECT Name FROM Project__c WHERE Id = :existing', {
                existing,
            })[0] as SObjectValue,
            'Name',
        ),
        'Updated',
    );
    const repeated = org.dml(
        'upsert',
        [project(org, { Code__c: 'K9' }), project(org, { Code__c: 'k9' })],
        { externalIdField: 'Code__c', allOrNone: false },
    );
    assert.equal(errorsOf(repeated, 1)[0]?.statusCode, 'DUPLICATE_VALUE');
    assert.deepEqual(
        org.fired
            .filter((f) => f.object === 'Project__c' && f.event.startsWith('BEFORE'))
            .map((f) => f.event)
            .slice(1, 3),
        ['BEFORE_INSERT', 'BEFORE_UPDATE'],
        'an upsert fires insert triggers for new rows and update triggers for matched ones',
    );
});

// ---------------------------------------------------------------- delete and undelete

test('AG DML delete: rows go to the recycle bin; delete triggers get the full stored record (aer v0.0.70)', () => {
    const org = openTestOrg();
    const id = org.insert('Account', { Name: 'Acme', Industry: 'Banking' });
    let industry: unknown = null;
    org.onTrigger('Account', 'BEFORE_DELETE', (rows, olds) => {
        assert.equal(rows, null, 'Trigger.new is null in delete events');
        industry = get(olds?.[0] as SObjectValue, 'Industry');
    });
    org.dml('delete', [org.record('Account', { Id: id })]);
    assert.equal(industry, 'Banking');
    assert.equal(org.rows('SELECT Id FROM Account').length, 0);
    assert.equal(
        get(org.rows('SELECT IsDeleted FROM Account ALL ROWS')[0] as SObjectValue, 'IsDeleted'),
        true,
    );
    const again = org.dml('delete', [org.record('Account', { Id: id })], { allOrNone: false });
    assert.equal(errorsOf(again)[0]?.statusCode, 'ENTITY_IS_DELETED', 'aer v1.6');
});

test('Help Lookup Relationship Fields: a Restrict lookup blocks the parent delete with DELETE_FAILED', () => {
    const org = openTestOrg();
    const account = org.insert('Account', { Name: 'Acme' });
    org.insert('Project__c', { Name: 'Blocking', Account__c: account });
    const outcome = org.dml('delete', [org.record('Account', { Id: account })], {
        allOrNone: false,
    });
    assert.equal(errorsOf(outcome)[0]?.statusCode, 'DELETE_FAILED');
    assert.match(
        errorsOf(outcome)[0]?.message ?? '',
        /associated with the following projects\.: Blocking/,
    );
    assert.equal(
        org.fired.filter((f) => f.event === 'BEFORE_DELETE').length,
        1,
        'aer v1.2.15: checked after before-delete triggers',
    );
});

test('Help Master-Detail: deleting the master cascades to details (no detail triggers); undelete restores them', () => {
    const org = openTestOrg();
    const p = org.insert('Project__c', { Name: 'P' });
    org.insert('Milestone__c', { Project__c: p });
    org.insert('Milestone__c', { Project__c: p });
    org.fired.length = 0;
    org.dml('delete', [org.record('Project__c', { Id: p })]);
    assert.equal(org.rows('SELECT Id FROM Milestone__c').length, 0);
    assert.deepEqual(
        org.fired.map((f) => `${f.event}:${f.object}`),
        ['BEFORE_DELETE:Project__c', 'AFTER_DELETE:Project__c'],
    );
    org.fired.length = 0;
    org.dml('undelete', [org.record('Project__c', { Id: p })]);
    assert.equal(org.rows('SELECT Id FROM Milestone__c').length, 2);
    assert.deepEqual(
        org.fired.map((f) => `${f.event}:${f.object}`),
        ['AFTER_UNDELETE:Project__c'],
    );
});

test('Help Lookup Relationship Fields: SetNull lookups are cleared on delete and restored on undelete (aer v0.0.77)', () => {
    const org = openTestOrg();
    const contact = org.insert('Contact', { LastName: 'Lead' });
    const p = org.insert('Project__c', { Name: 'P', Lead__c: contact });
    org.dml('delete', [org.record('Contact', { Id: contact })]);
    assert.equal(
        get(org.rows('SELECT Lead__c FROM Project__c')[0] as SObjectValue, 'Lead__c'),
        null,
    );
    org.dml('undelete', [org.record('Contact', { Id: contact })]);
    assert.equal(
        get(
            org.rows('SELECT Lead__c FROM Project__c WHERE Id = :p', { p })[0] as SObjectValue,
            'Lead__c',
        ),
        contact,
    );
});

test('AG DML undelete: only records in the recycle bin; after undelete sees IsDeleted false (aer v1.2.12)', () => {
    const org = openTestOrg();
    const id = org.insert('Account', { Name: 'A' });
    const live = org.dml('undelete', [org.record('Account', { Id: id })], { allOrNone: false });
    assert.equal(errorsOf(live)[0]?.statusCode, 'UNDELETE_FAILED');
    org.dml('delete', [org.record('Account', { Id: id })]);
    let deletedFlag: unknown = null;
    org.onTrigger('Account', 'AFTER_UNDELETE', (rows, olds) => {
        assert.equal(olds, null, 'Trigger.old is null in after undelete');
        deletedFlag = get(rows?.[0] as SObjectValue, 'IsDeleted');
    });
    org.dml('undelete', [org.record('Account', { Id: id })]);
    assert.equal(deletedFlag, false);
});

test('Objects without a recycle bin are deleted for good (PermissionSetAssignment)', () => {
    const org = openTestOrg();
    const user = org.insert('User', {
        Username: 'u@x.test',
        LastName: 'U',
        Alias: 'u',
        Email: 'u@x.test',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
        LocaleSidKey: 'en_US',
        TimeZoneSidKey: 'Europe/Paris',
        ProfileId: org.db.seed.profileIds.get('Standard User') as string,
    });
    const assignment = org.insert('PermissionSetAssignment', {
        AssigneeId: user,
        PermissionSetId: org.db.seed.permissionSetIds.get('worker') as string,
    });
    org.dml('delete', [org.record('PermissionSetAssignment', { Id: assignment })]);
    assert.equal(
        org.rows('SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = :user ALL ROWS', {
            user,
        }).length,
        0,
    );
    assert.equal(org.db.row(assignment), undefined);
});

// ---------------------------------------------------------------- roll-ups and standard objects

test('Help Roll-up summary fields: COUNT and a filtered SUM; the parent is saved again with its triggers (aer v0.0.57)', () => {
    const org = openTestOrg();
    const p = org.insert('Project__c', { Name: 'P' });
    org.fired.length = 0;
    org.dml('insert', [
        org.record('Milestone__c', { Project__c: p, Cost__c: dec('10') }),
        org.record('Milestone__c', { Project__c: p, Cost__c: dec('5'), Done__c: true }),
    ]);
    let row = org.rows('SELECT MilestoneCount__c, TotalCost__c FROM Project__c')[0] as SObjectValue;
    assert.equal((get(row, 'MilestoneCount__c') as DecimalValue).v.toNumber(), 2);
    assert.equal(
        (get(row, 'TotalCost__c') as DecimalValue).v.toNumber(),
        10,
        'the done milestone is filtered out',
    );
    assert.ok(
        org.fired.some((f) => f.event === 'AFTER_UPDATE' && f.object === 'Project__c'),
        'parent re-saved',
    );
    const milestone = org.rows(
        'SELECT Id FROM Milestone__c WHERE Done__c = false',
    )[0] as SObjectValue;
    org.dml('delete', [org.record('Milestone__c', { Id: get(milestone, 'Id') })]);
    row = org.rows('SELECT MilestoneCount__c, TotalCost__c FROM Project__c')[0] as SObjectValue;
    assert.equal((get(row, 'MilestoneCount__c') as DecimalValue).v.toNumber(), 1);
    assert.equal((get(row, 'TotalCost__c') as DecimalValue).v.toNumber(), 0);
});

test('OR Opportunity: IsClosed/IsWon/Probability follow OpportunityStage; Probability changes only with the stage (aer v1.2.1)', () => {
    const org = openTestOrg();
    const id = org.insert('Opportunity', {
        Name: 'O',
        StageName: 'Prospecting',
        CloseDate: date('2026-04-01'),
        Amount: dec('1000'),
    });
    let row = org.rows(
        'SELECT IsClosed, IsWon, Probability, ExpectedRevenue, ForecastCategoryName FROM Opportunity',
    )[0] as SObjectValue;
    assert.deepEqual(
        [
            get(row, 'IsClosed'),
            get(row, 'IsWon'),
            (get(row, 'Probability') as DecimalValue).v.toNumber(),
            (get(row, 'ExpectedRevenue') as DecimalValue).v.toNumber(),
            get(row, 'ForecastCategoryName'),
        ],
        [false, false, 10, 100, 'Pipeline'],
    );
    org.dml('update', [org.record('Opportunity', { Id: id, Probability: dec('35') })]);
    org.dml('update', [org.record('Opportunity', { Id: id, Name: 'Renamed' })]);
    row = org.rows('SELECT Probability FROM Opportunity')[0] as SObjectValue;
    assert.equal(
        (get(row, 'Probability') as DecimalValue).v.toNumber(),
        35,
        'kept while the stage does not change',
    );
    org.dml('update', [org.record('Opportunity', { Id: id, StageName: 'Closed Won' })]);
    row = org.rows('SELECT IsClosed, IsWon, Probability FROM Opportunity')[0] as SObjectValue;
    assert.deepEqual(
        [
            get(row, 'IsClosed'),
            get(row, 'IsWon'),
            (get(row, 'Probability') as DecimalValue).v.toNumber(),
        ],
        [true, true, 100],
    );
});

test('OR OpportunityLineItem: TotalPrice = Quantity × UnitPrice; the opportunity Amount sums its products (aer v0.0.47)', () => {
    const org = openTestOrg();
    const product = org.insert('Product2', { Name: 'Widget', IsActive: true });
    const entry = org.insert('PricebookEntry', {
        Pricebook2Id: org.db.seed.standardPricebookId,
        Product2Id: product,
        UnitPrice: dec('25'),
        IsActive: true,
    });
    const opp = org.insert('Opportunity', {
        Name: 'O',
        StageName: 'Prospecting',
        CloseDate: date('2026-04-01'),
    });
    org.insert('OpportunityLineItem', {
        OpportunityId: opp,
        PricebookEntryId: entry,
        Quantity: dec('4'),
    });
    const item = org.insert('OpportunityLineItem', {
        OpportunityId: opp,
        PricebookEntryId: entry,
        Quantity: dec('2'),
        UnitPrice: dec('10'),
    });
    const line = org.rows(
        'SELECT TotalPrice, Product2Id, ListPrice FROM OpportunityLineItem WHERE Id = :item',
        { item },
    )[0] as SObjectValue;
    assert.equal((get(line, 'TotalPrice') as DecimalValue).v.toNumber(), 20);
    assert.equal(get(line, 'Product2Id'), product);
    let o = org.rows(
        'SELECT Amount, HasOpportunityLineItem, Pricebook2Id FROM Opportunity',
    )[0] as SObjectValue;
    assert.equal((get(o, 'Amount') as DecimalValue).v.toNumber(), 120);
    assert.equal(get(o, 'HasOpportunityLineItem'), true);
    assert.equal(
        get(o, 'Pricebook2Id'),
        org.db.seed.standardPricebookId,
        "the opportunity takes the entry's price book",
    );
    org.dml('delete', [org.record('OpportunityLineItem', { Id: item })]);
    o = org.rows('SELECT Amount FROM Opportunity')[0] as SObjectValue;
    assert.equal((get(o, 'Amount') as DecimalValue).v.toNumber(), 100);
    const noEntry = org.dml(
        'insert',
        [org.record('OpportunityLineItem', { OpportunityId: opp, Quantity: dec('1') })],
        { allOrNone: false },
    );
    assert.equal(errorsOf(noEntry)[0]?.statusCode, 'REQUIRED_FIELD_MISSING');
});

test('OR PricebookEntry: a custom price book entry needs a standard price (aer v0.0.67)', () => {
    const org = openTestOrg();
    const product = org.insert('Product2', { Name: 'Widget' });
    const book = org.insert('Pricebook2', { Name: 'Partners', IsActive: true });
    const outcome = org.dml(
        'insert',
        [
            org.record('PricebookEntry', {
                Pricebook2Id: book,
                Product2Id: product,
                UnitPrice: dec('1'),
            }),
        ],
        { allOrNone: false },
    );
    assert.equal(errorsOf(outcome)[0]?.statusCode, 'STANDARD_PRICE_NOT_DEFINED');
});

test('OR Task: IsClosed follows TaskStatus; CompletedDateTime is kept; AccountId comes from What or Who (aer v0.0.76, v1.2.31, v1.6)', () => {
    const org = openTestOrg();
    const account = org.insert('Account', { Name: 'A' });
    const contact = org.insert('Contact', { LastName: 'C', AccountId: account });
    const id = org.insert('Task', { Subject: 'Call', WhoId: contact });
    let row = org.rows(
        'SELECT Status, Priority, IsClosed, CompletedDateTime, AccountId FROM Task',
    )[0] as SObjectValue;
    assert.deepEqual(
        [
            get(row, 'Status'),
            get(row, 'Priority'),
            get(row, 'IsClosed'),
            get(row, 'CompletedDateTime'),
            get(row, 'AccountId'),
        ],
        ['Not Started', 'Normal', false, null, account],
    );
    org.dml('update', [org.record('Task', { Id: id, Status: 'Completed' })]);
    row = org.rows('SELECT IsClosed, CompletedDateTime FROM Task')[0] as SObjectValue;
    assert.equal(get(row, 'IsClosed'), true);
    assert.ok(get(row, 'CompletedDateTime') instanceof DatetimeValue);
});

test("OR Event: ActivityDateTime and ActivityDate come from StartDateTime in the owner's time zone; a start is required (aer v0.0.68)", () => {
    const org = openTestOrg();
    org.insert('Event', {
        Subject: 'Late call',
        StartDateTime: datetime('2026-03-11T04:30:00Z'),
        DurationInMinutes: int(30),
    });
    const row = org.rows(
        'SELECT ActivityDateTime, ActivityDate, EndDateTime, IsChild FROM Event',
    )[0] as SObjectValue;
    assert.deepEqual(
        get(row, 'ActivityDate'),
        date('2026-03-10'),
        '21:30 on the 10th in Los Angeles',
    );
    assert.equal((get(row, 'EndDateTime') as DatetimeValue).ms, Date.parse('2026-03-11T05:00:00Z'));
    assert.equal(get(row, 'IsChild'), false);
    const noStart = org.dml(
        'insert',
        [org.record('Event', { Subject: 'x', DurationInMinutes: int(5) })],
        { allOrNone: false },
    );
    assert.equal(errorsOf(noStart)[0]?.statusCode, 'REQUIRED_FIELD_MISSING');
});

test('OR Contact/User: Name is "First Last", kept on every save', () => {
    const org = openTestOrg();
    const id = org.insert('Contact', { FirstName: 'Dana', LastName: 'Sponsor' });
    org.dml('update', [org.record('Contact', { Id: id, LastName: 'Lead' })]);
    assert.equal(get(org.rows('SELECT Name FROM Contact')[0] as SObjectValue, 'Name'), 'Dana Lead');
});

// ---------------------------------------------------------------- transactions

test('AG Transaction Control: rollback to a savepoint undoes everything since, incl. nested work; the caller keeps its Id', () => {
    const org = openTestOrg();
    org.insert('Account', { Name: 'Kept' });
    const savepoint = org.db.savepoint();
    const record = org.record('Account', { Name: 'Undone' });
    org.dml('insert', [record]);
    const kept = org.rows("SELECT Id FROM Account WHERE Name = 'Kept'")[0] as SObjectValue;
    org.dml('update', [org.record('Account', { Id: get(kept, 'Id'), Name: 'Changed' })]);
    org.db.rollback(savepoint);
    assert.deepEqual(
        org.rows('SELECT Name FROM Account').map((r) => get(r, 'Name')),
        ['Kept'],
    );
    assert.ok(get(record, 'Id'), 'the in-memory record keeps the rolled-back Id');
    org.db.release(savepoint);
});

test('Snapshots restore the whole store for test isolation, repeatedly, and cost only what changed', () => {
    const org = openTestOrg();
    org.db.loadRecords(
        'Account',
        Array.from({ length: 5000 }, (_v, i) => ({ Name: `Bulk ${i}` })),
    );
    const snapshot = org.db.snapshot();
    for (let run = 0; run < 3; run++) {
        const id = org.insert('Account', { Name: 'Test row' });
        org.dml('delete', [
            org.record('Account', {
                Id: (
                    org.rows("SELECT Id FROM Account WHERE Name = 'Bulk 7'")[0] as SObjectValue
                ).fields.get('id')?.value as string,
            }),
        ]);
        assert.equal(
            org.query('SELECT COUNT() FROM Account').kind === 'count' &&
                (org.query('SELECT COUNT() FROM Account') as { count: number }).count,
            5000,
        );
        org.db.restore(snapshot);
        assert.equal((org.query('SELECT COUNT() FROM Account') as { count: number }).count, 5000);
        assert.equal(org.db.row(id), undefined);
        assert.equal(
            org.insert('Account', { Name: 'Same Id again' }),
            id,
            'Ids restart with the snapshot: runs are deterministic',
        );
        org.db.restore(snapshot);
    }
    org.db.discard(snapshot);
});

test('loadRecords: bulk rows outside any transaction, with types, defaults and derived fields, no triggers', () => {
    const org = openTestOrg();
    const account = org.insert('Account', { Name: 'A' });
    const ids = org.db.loadRecords('Task', [
        { Subject: 'One', Status: 'Completed', WhatId: account, ActivityDate: '2026-03-01' },
        { Subject: 'Two', WhatId: account },
    ]);
    assert.equal(ids.length, 2);
    assert.equal(org.fired.filter((f) => f.object === 'Task').length, 0);
    const rows = org.rows(
        'SELECT Subject, IsClosed, Status, AccountId, ActivityDate FROM Task ORDER BY Subject',
    );
    assert.deepEqual(
        rows.map((r) => [
            get(r, 'Subject'),
            get(r, 'IsClosed'),
            get(r, 'Status'),
            get(r, 'AccountId'),
        ]),
        [
            ['One', true, 'Completed', account],
            ['Two', false, 'Not Started', account],
        ],
    );
    assert.deepEqual(get(rows[0] as SObjectValue, 'ActivityDate'), date('2026-03-01'));
    assert.throws(
        () => org.db.loadRecords('Task', [{ Nope__c: 1 }]),
        /row 0: unknown field Nope__c/,
    );
    assert.throws(
        () => org.db.loadRecords('Task', [{ Subject: 'x' }, { Id: ids[0] }]),
        /row 1: an Id cannot be loaded/,
    );
});

test('Help sObjects That Cannot Be Used Together: setup and non-setup DML in one context is MIXED_DML_OPERATION (aer v1.2.40)', () => {
    const org = openTestOrg();
    const state: MixedDmlState = { setupObject: null, nonSetupObject: null };
    org.dml('insert', [org.record('Account', { Name: 'A' })], { mixedDml: state });
    const user = org.record('User', {
        Username: 'm@x.test',
        LastName: 'M',
        Alias: 'm',
        Email: 'm@x.test',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
        LocaleSidKey: 'en_US',
        TimeZoneSidKey: 'GMT',
        ProfileId: org.db.seed.profileIds.get('Standard User') as string,
    });
    const userInsert = org.dml('insert', [user], { mixedDml: state });
    assert.equal(userInsert.allOrNoneFailed, false, 'a user without a role is not setup DML');
    const assignment = org.dml(
        'insert',
        [
            org.record('PermissionSetAssignment', {
                AssigneeId: get(user, 'Id'),
                PermissionSetId: org.db.seed.permissionSetIds.get('worker') as string,
            }),
        ],
        { mixedDml: state },
    );
    assert.equal(errorsOf(assignment)[0]?.statusCode, 'MIXED_DML_OPERATION');
    assert.match(
        errorsOf(assignment)[0]?.message ?? '',
        /PermissionSetAssignment, original object: Account/,
    );
    const separate: MixedDmlState = { setupObject: null, nonSetupObject: null };
    assert.equal(
        org.dml(
            'insert',
            [
                org.record('PermissionSetAssignment', {
                    AssigneeId: get(user, 'Id'),
                    PermissionSetId: org.db.seed.permissionSetIds.get('worker') as string,
                }),
            ],
            { mixedDml: separate },
        ).allOrNoneFailed,
        false,
        'a runAs block is a context of its own',
    );
});

test('Custom metadata and virtual objects cannot be written with DML', () => {
    const org = openTestOrg();
    assert.throws(
        () => org.dml('insert', [org.record('Setting__mdt', { DeveloperName: 'X' })]),
        /not allowed on Setting__mdt/,
    );
});

test('The seeded org: profiles, an administrator, the standard price book, stages, permission sets from source', () => {
    const org = openTestOrg();
    assert.deepEqual(
        org.rows('SELECT Name FROM Profile ORDER BY Name').map((r) => get(r, 'Name')),
        ['Minimum Access - Salesforce', 'Read Only', 'Standard User', 'System Administrator'],
    );
    const admin = org.rows(
        'SELECT Profile.Name, TimeZoneSidKey, IsActive FROM User WHERE Id = :id',
        { id: org.admin },
    )[0] as SObjectValue;
    assert.equal(get(get(admin, 'Profile') as SObjectValue, 'Name'), 'System Administrator');
    assert.equal(
        get(org.rows('SELECT IsStandard FROM Pricebook2')[0] as SObjectValue, 'IsStandard'),
        true,
    );
    assert.equal(
        get(
            org.rows(
                'SELECT ApiName FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder LIMIT 1',
            )[0] as SObjectValue,
            'ApiName',
        ),
        'Prospecting',
    );
    const grants = org.rows(
        "SELECT SetupEntityType FROM SetupEntityAccess WHERE Parent.Name = 'Worker' ORDER BY SetupEntityType",
    );
    assert.deepEqual(
        grants.map((r) => get(r, 'SetupEntityType')),
        ['ApexClass', 'CustomPermission'],
    );
    const settings = org.db.customMetadata('Setting__mdt');
    assert.deepEqual(
        settings.map((s) => get(s, 'DeveloperName')),
        ['Alpha', 'Default'],
    );
    assert.equal(
        (get(settings[1] as SObjectValue, 'Threshold__c') as DecimalValue).v.toNumber(),
        12.5,
    );
    assert.equal(get(settings[0] as SObjectValue, 'Threshold__c'), null, 'xsi:nil');
    assert.equal(
        get(
            org.rows(
                "SELECT BodyLength FROM StaticResource WHERE Name = 'Sample'",
            )[0] as SObjectValue,
            'BodyLength',
        ) !== null,
        true,
    );
});

test('AG Triggers and Merge Statements: losers fire delete with MasterRecordId, children move without triggers, the master is updated', () => {
    const org = openTestOrg();
    const master = org.insert('Account', { Name: 'Master' });
    const loser = org.insert('Account', { Name: 'Loser' });
    const contact = org.insert('Contact', { LastName: 'Moved', AccountId: loser });
    let masterRecordId: unknown = 'unset';
    org.onTrigger('Account', 'AFTER_DELETE', (_rows, olds) => {
        masterRecordId = get(olds?.[0] as SObjectValue, 'MasterRecordId');
    });
    org.fired.length = 0;
    const outcome = org.db.dml(
        {
            operation: 'merge',
            mergeMaster: org.record('Account', { Id: master, Industry: 'Media' }),
            records: [org.record('Account', { Id: loser })],
            allOrNone: true,
            access: { mode: 'system', userId: org.admin },
        },
        org.hooks,
    );
    assert.deepEqual(outcome.results[0]?.mergedRecordIds, [loser]);
    assert.deepEqual(outcome.results[0]?.updatedRelatedIds, [contact]);
    assert.equal(masterRecordId, master);
    assert.deepEqual(
        org.fired.map((f) => `${f.event}:${f.object}`),
        [
            'BEFORE_DELETE:Account',
            'AFTER_DELETE:Account',
            'BEFORE_UPDATE:Account',
            'AFTER_UPDATE:Account',
        ],
    );
    assert.equal(
        get(org.rows('SELECT AccountId FROM Contact')[0] as SObjectValue, 'AccountId'),
        master,
    );
    assert.deepEqual(
        org
            .rows('SELECT Name, Industry FROM Account')
            .map((r) => [get(r, 'Name'), get(r, 'Industry')]),
        [['Master', 'Media']],
    );
    assert.equal(
        get(
            org.rows(
                'SELECT MasterRecordId FROM Account WHERE IsDeleted = true ALL ROWS',
            )[0] as SObjectValue,
            'MasterRecordId',
        ),
        master,
    );
    const three = org.db.dml(
        {
            operation: 'merge',
            mergeMaster: org.record('Account', { Id: master }),
            records: [],
            allOrNone: false,
            access: { mode: 'system', userId: org.admin },
        },
        org.hooks,
    );
    assert.equal(three.results[0]?.success, false);
    assert.throws(
        () =>
            org.db.dml(
                {
                    operation: 'merge',
                    mergeMaster: org.record('Opportunity', {}),
                    records: [],
                    allOrNone: true,
                    access: { mode: 'system', userId: org.admin },
                },
                org.hooks,
            ),
        /not supported for Opportunity/,
    );
});

test('E-mail fields are stored trimmed and lower case, the caller keeps what it assigned (aer v1.6)', () => {
    const org = openTestOrg();
    const record = org.record('Contact', { LastName: 'M', Email: '  Dana.Lead@Example.COM ' });
    org.dml('insert', [record]);
    assert.equal(
        get(org.rows('SELECT Email FROM Contact')[0] as SObjectValue, 'Email'),
        'dana.lead@example.com',
    );
    assert.equal(get(record, 'Email'), '  Dana.Lead@Example.COM ');
    const bad = org.dml(
        'insert',
        [org.record('Contact', { LastName: 'M', Email: 'not-an-address' })],
        { allOrNone: false },
    );
    assert.equal(errorsOf(bad)[0]?.statusCode, 'INVALID_EMAIL_ADDRESS');
});

test('Restrict children already in the recycle bin are purged when the parent is deleted (aer v1.2.16)', () => {
    const org = openTestOrg();
    const account = org.insert('Account', { Name: 'A' });
    const project = org.insert('Project__c', { Name: 'P', Account__c: account });
    org.dml('delete', [org.record('Project__c', { Id: project })]);
    org.dml('delete', [org.record('Account', { Id: account })]);
    assert.equal(org.db.row(project), undefined, 'purged');
    assert.equal(org.rows('SELECT Id FROM Account WHERE IsDeleted = true ALL ROWS').length, 1);
});

test("Formulas of the org compile up front; Keystone's 34 rules, formula fields and defaults are all inside the subset", () => {
    assert.deepEqual(openTestOrg().db.formulas.problems(), []);
    const keystone = openTestOrg(loadOrgSchema(KEYSTONE_PROJECT));
    assert.deepEqual(keystone.db.formulas.problems(), []);
    const schema = loadOrgSchema(FIXTURE_PROJECT);
    schema.require('Project__c').validationRules.push(
        {
            name: 'Broken',
            active: true,
            formula: 'VLOOKUP(1)',
            errorMessage: 'x',
            errorDisplayField: null,
        },
        {
            name: 'NotACondition',
            active: true,
            formula: 'Budget__c + 1',
            errorMessage: 'x',
            errorDisplayField: null,
        },
    );
    const problems = openTestOrg(schema).db.formulas.problems();
    assert.deepEqual(
        problems.map((p) => p.owner),
        ['Project__c validation rule Broken', 'Project__c validation rule NotACondition'],
    );
    assert.match(
        problems[0]?.message ?? '',
        /VLOOKUP\(\) in the formula of the validation rule Project__c.Broken/,
    );
});

test('AG Foreign Keys in DML: a parent given by external Id is resolved; a queried parent is ignored', () => {
    const org = openTestOrg();
    const project = org.insert('Project__c', { Name: 'P', Code__c: 'EXT1' });
    const milestone = org.record('Milestone__c', {
        Project__r: org.record('Project__c', { Code__c: 'ext1' }),
    });
    org.dml('insert', [milestone]);
    assert.equal(
        get(org.rows('SELECT Project__c FROM Milestone__c')[0] as SObjectValue, 'Project__c'),
        project,
    );
    const missing = org.dml(
        'insert',
        [org.record('Milestone__c', { Project__r: org.record('Project__c', { Code__c: 'NOPE' }) })],
        { allOrNone: false },
    );
    assert.deepEqual(missing.results[0]?.errors[0], {
        statusCode: 'INVALID_FIELD',
        message: 'Foreign key external ID: NOPE not found for field Code__c in entity Project__c',
        fields: ['Project__c'],
    });
    const notExternal = org.dml(
        'insert',
        [org.record('Milestone__c', { Project__r: org.record('Project__c', { Name: 'P' }) })],
        { allOrNone: false },
    );
    assert.equal(notExternal.results[0]?.errors[0]?.statusCode, 'INVALID_FIELD');
    const queried = org.rows(
        'SELECT Id, Project__c, Project__r.Name FROM Milestone__c',
    )[0] as SObjectValue;
    assert.equal(
        org.dml('update', [queried]).allOrNoneFailed,
        false,
        'the queried parent record is not a foreign key reference',
    );
});
