// Object and field access, custom permissions, user mode and stripInaccessible. Titles name
// the Salesforce Help (Help), Apex Developer Guide (AG) or Apex Reference (AR) page followed;
// aer's changelog is cited where it states observed platform behaviour.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApexThrown } from '../interpreter/exceptions.ts';
import type { SObjectValue } from '../interpreter/values.ts';
import { dec, get, openTestOrg } from '../database/testSupport.ts';
import type { TestOrg } from '../database/testSupport.ts';
import { FIXTURE_PROJECT } from '../database/testSupport.ts';
import { loadSecurity } from './model.ts';

function setup(): {
    org: TestOrg;
    security: ReturnType<typeof loadSecurity>;
    worker: string;
    plain: string;
    readOnly: string;
} {
    const org = openTestOrg();
    const security = loadSecurity(FIXTURE_PROJECT, org.schema, org.db);
    const user = (alias: string, profile: string) =>
        org.insert('User', {
            Username: `${alias}@example.test`,
            LastName: alias,
            Alias: alias,
            Email: `${alias}@example.test`,
            EmailEncodingKey: 'UTF-8',
            LanguageLocaleKey: 'en_US',
            LocaleSidKey: 'en_US',
            TimeZoneSidKey: 'America/Los_Angeles',
            ProfileId: org.db.seed.profileIds.get(profile) as string,
        });
    const worker = user('worker', 'Standard User');
    const plain = user('plain', 'Standard User');
    const readOnly = user('reader', 'Read Only');
    org.insert('PermissionSetAssignment', {
        AssigneeId: worker,
        PermissionSetId: org.db.seed.permissionSetIds.get('worker') as string,
    });
    return { org, security, worker, plain, readOnly };
}

function apexError(fn: () => unknown): string {
    try {
        fn();
    } catch (e) {
        if (e instanceof ApexThrown) return `${e.exception.cls.name}: ${e.exception.message}`;
        throw e;
    }
    throw new Error('no exception');
}

test('Help Standard Profiles: the administrator may do everything; a Standard User works with sales objects only', () => {
    const { org, security, plain, readOnly } = setup();
    for (const access of ['read', 'create', 'edit', 'delete'] as const) {
        assert.equal(
            security.canAccessObject(org.admin, 'Project__c', access),
            true,
            `admin ${access}`,
        );
        assert.equal(
            security.canAccessObject(plain, 'Account', access),
            true,
            `standard user ${access} Account`,
        );
        assert.equal(
            security.canAccessObject(plain, 'Project__c', access),
            false,
            'no custom objects without a permission set',
        );
    }
    assert.equal(security.canAccessObject(plain, 'Product2', 'read'), true);
    assert.equal(security.canAccessObject(plain, 'Product2', 'edit'), false);
    assert.equal(security.canAccessObject(readOnly, 'Account', 'read'), true);
    assert.equal(security.canAccessObject(readOnly, 'Account', 'edit'), false);
    assert.equal(
        security.canAccessObject(plain, 'Profile', 'read'),
        true,
        'setup objects are readable',
    );
    assert.equal(security.canAccessObject(plain, 'Profile', 'create'), false);
});

test("Help Permission Sets: object permissions add to the profile's; the assignment in the store takes effect at once", () => {
    const { org, security, worker, plain } = setup();
    assert.equal(security.canAccessObject(worker, 'Project__c', 'create'), true);
    assert.equal(security.canAccessObject(worker, 'Project__c', 'delete'), false);
    assert.equal(security.canAccessObject(worker, 'Milestone__c', 'read'), true);
    assert.equal(security.canAccessObject(worker, 'Milestone__c', 'edit'), false);
    assert.equal(
        security.canAccessObject(worker, 'Account', 'delete'),
        true,
        "the profile's rights stay",
    );
    org.insert('PermissionSetAssignment', {
        AssigneeId: plain,
        PermissionSetId: org.db.seed.permissionSetIds.get('worker') as string,
    });
    assert.equal(security.canAccessObject(plain, 'Project__c', 'read'), true);
});

test('AG Enforcing Object and Field Permissions: FLS on custom fields comes from permission sets; required and standard fields follow the object', () => {
    const { org, security, worker, plain } = setup();
    assert.equal(security.canAccessField(worker, 'Project__c', 'Budget__c', 'edit'), true);
    assert.equal(security.canAccessField(worker, 'Project__c', 'Code__c', 'read'), true);
    assert.equal(
        security.canAccessField(worker, 'Project__c', 'Code__c', 'edit'),
        false,
        'read-only grant',
    );
    assert.equal(
        security.canAccessField(worker, 'Project__c', 'Score__c', 'read'),
        false,
        'not granted',
    );
    assert.equal(
        security.canAccessField(worker, 'Project__c', 'Status__c', 'edit'),
        true,
        'required fields follow object access',
    );
    assert.equal(security.canAccessField(worker, 'Project__c', 'Name', 'edit'), true);
    assert.equal(
        security.canAccessField(worker, 'Project__c', 'Duration__c', 'edit'),
        false,
        'formula fields are never editable',
    );
    assert.equal(security.canAccessField(worker, 'Project__c', 'CreatedDate', 'edit'), false);
    assert.equal(
        security.canAccessField(plain, 'Account', 'Industry', 'edit'),
        true,
        'aer v1.2.31: standard fields open to standard profiles',
    );
    assert.equal(
        security.canAccessField(plain, 'Account', 'Tier__c', 'read'),
        false,
        'aer v0.0.21: no implicit FLS on custom fields',
    );
    assert.equal(security.canAccessField(worker, 'Account', 'Tier__c', 'edit'), true);
    assert.equal(security.canAccessField(org.admin, 'Project__c', 'Score__c', 'edit'), true);
});

test('Help Activity Custom Fields: FLS granted on Activity.X__c holds for Task and Event', () => {
    const { security, worker, plain } = setup();
    for (const object of ['Task', 'Event']) {
        assert.equal(security.canAccessField(worker, object, 'Outcome__c', 'read'), true, object);
        assert.equal(security.canAccessField(worker, object, 'Outcome__c', 'edit'), true, object);
        assert.equal(
            security.canAccessField(plain, object, 'Outcome__c', 'read'),
            false,
            `${object}: no grant, no access`,
        );
    }
});

test('Help Custom Permissions: granted only through permission sets, none implicit for administrators (aer v0.0.52)', () => {
    const { org, security, worker, plain } = setup();
    assert.equal(security.hasCustomPermission(worker, 'CanApprove'), true);
    assert.equal(
        security.hasCustomPermission(worker, 'canapprove'),
        true,
        'names are case-insensitive',
    );
    assert.equal(security.hasCustomPermission(plain, 'CanApprove'), false);
    assert.equal(security.hasCustomPermission(org.admin, 'CanApprove'), false);
    assert.equal(
        org.db.hasCustomPermission(worker, 'CanApprove'),
        true,
        'the database asks the model',
    );
    const assignment = org.rows('SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = :w', {
        w: worker,
    })[0] as SObjectValue;
    org.dml('delete', [org.record('PermissionSetAssignment', { Id: get(assignment, 'Id') })]);
    assert.equal(
        security.hasCustomPermission(worker, 'CanApprove'),
        false,
        'removing the assignment removes the grant',
    );
});

test('Help Apex Class Security: class access through permission sets; administrators see every class', () => {
    const { org, security, worker, plain } = setup();
    assert.equal(security.hasClassAccess(worker, 'ProjectController'), true);
    assert.equal(security.hasClassAccess(plain, 'ProjectController'), false);
    assert.equal(security.hasClassAccess(org.admin, 'ProjectController'), true);
});

test('AG Enforce User Mode: WITH USER_MODE needs object access and FLS in every clause; the error is a QueryException', () => {
    const { org, worker, plain } = setup();
    org.insert('Project__c', { Name: 'P', Budget__c: dec('10'), Score__c: dec('5') });
    assert.equal(
        org.rows('SELECT Name, Budget__c FROM Project__c WITH USER_MODE', {}, { userId: worker })
            .length,
        1,
    );
    assert.match(
        apexError(() =>
            org.rows('SELECT Name FROM Project__c WITH USER_MODE', {}, { userId: plain }),
        ),
        /^System.QueryException: sObject type 'Project__c' is not supported/,
    );
    assert.match(
        apexError(() =>
            org.rows(
                'SELECT Name, Score__c FROM Project__c WITH USER_MODE',
                {},
                { userId: worker },
            ),
        ),
        /^System.QueryException: No such column 'Score__c' on entity 'Project__c'/,
    );
    assert.match(
        apexError(() =>
            org.rows(
                'SELECT Name FROM Project__c WHERE Score__c > 1 WITH USER_MODE',
                {},
                { userId: worker },
            ),
        ),
        /No such column 'Score__c'/,
        'WHERE fields are checked too',
    );
    assert.equal(
        org.rows('SELECT Name, Score__c FROM Project__c WITH SYSTEM_MODE', {}, { userId: worker })
            .length,
        1,
    );
    assert.equal(
        org.rows('SELECT Name, Score__c FROM Project__c', {}, { userId: worker }).length,
        1,
        'no WITH clause in system mode: no checks',
    );
    assert.match(
        apexError(() =>
            org.rows('SELECT Name, Score__c FROM Project__c', {}, { userId: worker, mode: 'user' }),
        ),
        /No such column 'Score__c'/,
        'Database.query in AccessLevel.USER_MODE',
    );
});

test('AG Filter SOQL Queries Using WITH SECURITY_ENFORCED: only SELECT and FROM are checked', () => {
    const { org, worker } = setup();
    org.insert('Project__c', { Name: 'P', Score__c: dec('5') });
    assert.equal(
        org.rows(
            'SELECT Name FROM Project__c WHERE Score__c > 1 WITH SECURITY_ENFORCED',
            {},
            { userId: worker },
        ).length,
        1,
    );
    assert.equal(
        apexError(() =>
            org.rows(
                'SELECT Score__c FROM Project__c WITH SECURITY_ENFORCED',
                {},
                { userId: worker },
            ),
        ),
        'System.QueryException: Insufficient permissions: secure query included inaccessible field',
    );
});

test('User-mode QueryExceptions carry the inaccessible fields by object (AR QueryException.getInaccessibleFields)', () => {
    const { org, worker } = setup();
    try {
        org.rows(
            'SELECT Score__c, Color__c FROM Project__c WITH USER_MODE',
            {},
            { userId: worker },
        );
        assert.fail('should throw');
    } catch (e) {
        assert.ok(e instanceof ApexThrown);
        const fields = (e.exception.native as { inaccessibleFields: Map<string, Set<string>> })
            .inaccessibleFields;
        assert.deepEqual([...(fields.get('Project__c') ?? [])], ['Score__c', 'Color__c']);
    }
});

test('AG Enforce User Mode for DML: object access is a SecurityException; FLS a DmlException-style row error listing the fields (aer v1.2.9)', () => {
    const { org, worker, plain } = setup();
    assert.match(
        apexError(() =>
            org.dml('insert', [org.record('Project__c', { Name: 'P' })], {
                userId: plain,
                mode: 'user',
            }),
        ),
        /^System.SecurityException: /,
    );
    const denied = org.dml(
        'insert',
        [
            org.record('Project__c', {
                Name: 'P',
                Budget__c: dec('1'),
                Score__c: dec('5'),
                Code__c: 'X',
            }),
        ],
        { userId: worker, mode: 'user', allOrNone: false },
    );
    assert.deepEqual(denied.results[0]?.errors[0], {
        statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
        message: 'insufficient access rights on fields: Score__c, Code__c',
        fields: ['Score__c', 'Code__c'],
    });
    const allowed = org.dml(
        'insert',
        [org.record('Project__c', { Name: 'P', Budget__c: dec('1') })],
        { userId: worker, mode: 'user' },
    );
    assert.equal(allowed.allOrNoneFailed, false);
    assert.equal(
        org.dml('insert', [org.record('Project__c', { Name: 'Q', Score__c: dec('5') })], {
            userId: worker,
            mode: 'system',
        }).allOrNoneFailed,
        false,
        'system mode ignores FLS',
    );
    assert.match(
        apexError(() =>
            org.dml(
                'delete',
                [org.record('Project__c', { Id: allowed.results[0]?.id as string })],
                { userId: worker, mode: 'user' },
            ),
        ),
        /SecurityException/,
    );
});

test("User-mode DML checks the caller's payload only: values a trigger sets are not checked (aer v0.0.83)", () => {
    const { org, worker } = setup();
    org.onTrigger('Project__c', 'BEFORE_INSERT', (rows) => {
        rows?.[0]?.fields.set('score__c', { name: 'Score__c', value: dec('9') });
    });
    const outcome = org.dml('insert', [org.record('Project__c', { Name: 'P' })], {
        userId: worker,
        mode: 'user',
    });
    assert.equal(outcome.allOrNoneFailed, false);
});

test('AR Security.stripInaccessible: UPDATABLE removes what the user cannot edit; READABLE recurses into parents; removed fields by object', () => {
    const { org, security, worker } = setup();
    const account = org.insert('Account', { Name: 'A', Tier__c: 'Gold' });
    org.insert('Project__c', {
        Name: 'P',
        Budget__c: dec('1'),
        Score__c: dec('2'),
        Code__c: 'C',
        Account__c: account,
    });
    const rows = org.rows(
        'SELECT Name, Budget__c, Score__c, Code__c, CreatedDate, Account__r.Name, Account__r.Tier__c FROM Project__c',
    );
    const updatable = security.stripInaccessible(worker, 'UPDATABLE', rows);
    assert.deepEqual([...(updatable.removedFields.get('Project__c') ?? [])].sort(), [
        'Code__c',
        'CreatedDate',
        'Score__c',
    ]);
    assert.ok(updatable.records[0]?.fields.has('budget__c'));
    assert.deepEqual([...updatable.modifiedIndexes], [0]);
    const plainUser = org.insert('User', {
        Username: 'x@example.test',
        LastName: 'x',
        Alias: 'x',
        Email: 'x@example.test',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
        LocaleSidKey: 'en_US',
        TimeZoneSidKey: 'GMT',
        ProfileId: org.db.seed.profileIds.get('Standard User') as string,
    });
    const readable = security.stripInaccessible(
        plainUser,
        'READABLE',
        org.rows('SELECT Name, Tier__c FROM Account'),
    );
    assert.deepEqual([...(readable.removedFields.get('Account') ?? [])], ['Tier__c']);
    assert.throws(
        () => security.stripInaccessible(plainUser, 'READABLE', rows),
        (e: unknown) =>
            e instanceof ApexThrown && e.exception.cls.name === 'System.NoAccessException',
    );
    const nested = security.stripInaccessible(worker, 'READABLE', rows);
    assert.equal(
        (nested.records[0]?.fields.get('account__r')?.value as SObjectValue).fields.has('tier__c'),
        true,
        'the worker may read Account.Tier__c',
    );
});

test('Object Reference UserRecordAccess: owner, org-wide default and Modify All decide; computed by the SOQL engine', () => {
    const { org, worker, plain, readOnly } = setup();
    const account = org.insert('Account', { Name: 'Mine' });
    const task = org.insert('Task', { Subject: 'Private' });
    const access = (user: string, id: string) =>
        org.rows(
            'SELECT RecordId, HasReadAccess, HasEditAccess, HasDeleteAccess, MaxAccessLevel FROM UserRecordAccess WHERE UserId = :u AND RecordId = :r',
            { u: user, r: id },
        )[0] as SObjectValue;
    assert.equal(get(access(org.admin, account), 'MaxAccessLevel'), 'All');
    assert.equal(
        get(access(plain, account), 'HasEditAccess'),
        true,
        'Account is Public Read/Write',
    );
    assert.equal(get(access(plain, account), 'HasDeleteAccess'), false, 'only the owner deletes');
    assert.equal(
        get(access(readOnly, account), 'HasEditAccess'),
        false,
        'no edit permission on the object',
    );
    assert.equal(
        get(access(worker, task), 'HasReadAccess'),
        false,
        'activities are private to their owner',
    );
    assert.throws(
        () =>
            org.rows('SELECT HasEditAccess FROM UserRecordAccess WHERE RecordId = :r', {
                r: account,
            }),
        /UserId and RecordId/,
    );
});

test('Inserting a User takes Manage Users: without it the profile reads as missing (aer v1.2.40)', () => {
    const { org, plain } = setup();
    const outcome = org.dml(
        'insert',
        [
            org.record('User', {
                Username: 'n@example.test',
                LastName: 'n',
                Alias: 'n',
                Email: 'n@example.test',
                EmailEncodingKey: 'UTF-8',
                LanguageLocaleKey: 'en_US',
                LocaleSidKey: 'en_US',
                TimeZoneSidKey: 'GMT',
                ProfileId: org.db.seed.profileIds.get('Standard User') as string,
            }),
        ],
        { userId: plain, allOrNone: false },
    );
    assert.deepEqual(outcome.results[0]?.errors[0]?.fields, ['ProfileId']);
});

test('A new owner must be able to read the record (aer v1.2.25)', () => {
    const { org, plain, worker } = setup();
    const id = org.insert('Project__c', { Name: 'P' });
    const outcome = org.dml('update', [org.record('Project__c', { Id: id, OwnerId: plain })], {
        allOrNone: false,
    });
    assert.deepEqual(outcome.results[0]?.errors[0], {
        statusCode: 'TRANSFER_REQUIRES_READ',
        message: 'The new owner must have read permission',
        fields: ['OwnerId'],
    });
    assert.equal(
        org.dml('update', [org.record('Project__c', { Id: id, OwnerId: worker })]).allOrNoneFailed,
        false,
    );
});

test('Frozen assignments: a grant inserted after the freeze is not in effect until thawed (aer v1.2.10)', () => {
    const { org, security, plain } = setup();
    security.freezeAssignments(plain);
    org.insert('PermissionSetAssignment', {
        AssigneeId: plain,
        PermissionSetId: org.db.seed.permissionSetIds.get('worker') as string,
    });
    assert.equal(security.hasCustomPermission(plain, 'CanApprove'), false);
    assert.equal(security.canAccessObject(plain, 'Project__c', 'read'), false);
    security.thawAssignments(plain);
    assert.equal(security.hasCustomPermission(plain, 'CanApprove'), true);
});

test('An access mode of security_enforced (no WITH clause) checks SELECT and FROM like WITH SECURITY_ENFORCED', () => {
    const { org, worker } = setup();
    org.insert('Project__c', { Name: 'P', Score__c: dec('5') });
    const enforced = { userId: worker, mode: 'security_enforced' as const };
    assert.equal(
        org.rows('SELECT Name FROM Project__c WHERE Score__c > 1', {}, enforced).length,
        1,
    );
    assert.match(
        apexError(() => org.rows('SELECT Score__c FROM Project__c', {}, enforced)),
        /Insufficient permissions/,
    );
    assert.equal(
        org.rows('SELECT Score__c FROM Project__c WITH SYSTEM_MODE', {}, enforced).length,
        1,
        "the query's own clause wins",
    );
});
