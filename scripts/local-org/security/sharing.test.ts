// Record-level sharing in the data layer: org-wide defaults, ownership, the role hierarchy,
// groups, share rows, controlled-by-parent, implicit sharing, activities, View/Modify All, and
// what SOQL and DML make of them. Titles name the Salesforce page followed: Help (Salesforce
// Help), AG (Apex Developer Guide), OR (Object Reference), RA (Record Access: "Designing
// Record Access for Enterprise Scale"); aer's changelog where it states observed behaviour.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApexValue, IntegerValue, SObjectValue } from '../interpreter/values.ts';
import { SHARING_PROJECT, date, get, openTestOrg } from '../database/testSupport.ts';
import type { TestOrg } from '../database/testSupport.ts';
import { loadOrgSchema } from '../schema/load.ts';
import type { OrgSchema } from '../schema/types.ts';
import { loadSecurity } from './model.ts';
import type { SecurityModel } from './model.ts';

let schemaOnce: OrgSchema | null = null;

interface World {
    org: TestOrg;
    security: SecurityModel;
    user(alias: string, options?: { role?: string; profile?: string; sets?: string[] }): string;
    role(name: string, parent?: string): string;
    group(name: string, members: string[], options?: Record<string, ApexValue>): string;
    level(userId: string, id: string): string;
    deal(ownerId: string, fields?: Record<string, ApexValue>): string;
    share(
        object: string,
        fields: Record<string, ApexValue>,
    ): { ok: boolean; code?: string; id: string | null };
}

function world(): World {
    schemaOnce ??= loadOrgSchema(SHARING_PROJECT);
    const org = openTestOrg(schemaOnce);
    const security = loadSecurity(SHARING_PROJECT, schemaOnce, org.db);
    const w: World = {
        org,
        security,
        user(alias, options = {}) {
            const id = org.insert('User', {
                Username: `${alias}@sharing.test`,
                LastName: alias,
                Alias: alias.slice(0, 8),
                Email: `${alias}@sharing.test`,
                EmailEncodingKey: 'UTF-8',
                LanguageLocaleKey: 'en_US',
                LocaleSidKey: 'en_US',
                TimeZoneSidKey: 'America/Los_Angeles',
                ProfileId: org.db.seed.profileIds.get(options.profile ?? 'Standard User') as string,
                ...(options.role ? { UserRoleId: options.role } : {}),
            });
            for (const set of options.sets ?? ['seller'])
                org.insert('PermissionSetAssignment', {
                    AssigneeId: id,
                    PermissionSetId: org.db.seed.permissionSetIds.get(set) as string,
                });
            return id;
        },
        role(name, parent) {
            return org.insert('UserRole', {
                Name: name,
                ...(parent ? { ParentRoleId: parent } : {}),
            });
        },
        group(name, members, options = {}) {
            const id = org.insert('Group', { Name: name, Type: 'Regular', ...options });
            for (const m of members) org.insert('GroupMember', { GroupId: id, UserOrGroupId: m });
            return id;
        },
        level(userId, id) {
            return security.sharing.level(
                userId,
                org.db.row(id) as NonNullable<ReturnType<typeof org.db.row>>,
            );
        },
        deal(ownerId, fields = {}) {
            return org.insert('Deal__c', { Name: 'Deal', OwnerId: ownerId, ...fields });
        },
        share(object, fields) {
            const outcome = org.dml('insert', [org.record(object, fields)], { allOrNone: false });
            const r = outcome.results[0];
            return { ok: r?.success === true, code: r?.errors[0]?.statusCode, id: r?.id ?? null };
        },
    };
    return w;
}

function names(rows: SObjectValue[]): string[] {
    return rows.map((r) => String(get(r, 'Name')));
}

test("Help Organization-Wide Sharing Defaults: Private is the owner's; Public Read Only lets all read; Public Read/Write lets all edit, not delete", () => {
    const w = world();
    const owner = w.user('owner');
    const other = w.user('other');
    const deal = w.deal(owner);
    assert.equal(w.level(owner, deal), 'All', 'the owner has full access');
    assert.equal(w.level(other, deal), 'None', 'a Private record is hidden from others');
    const region = w.org.insert('Region__c', { Name: 'EMEA', OwnerId: owner });
    assert.equal(w.level(other, region), 'Read', 'Public Read Only');
    const board = w.org.insert('Board__c', { Name: 'Board', OwnerId: owner });
    assert.equal(w.level(other, board), 'Edit', 'Public Read/Write: edit, no delete');
    assert.equal(w.level(other, owner), 'Read', 'users read other users (User: Public Read Only)');
    assert.equal(w.level(owner, owner), 'Edit', 'a user edits their own record');
});

test('AG Sharing a Record Using Apex: share objects for Private and Read custom objects, none for a detail or Read/Write; RowCause carries the sharing reasons', () => {
    const schema = world().org.schema;
    const deal = schema.require('Deal__Share');
    assert.equal(deal.shareOf?.parent, 'Deal__c');
    assert.deepEqual(
        deal.fields.get('rowcause')?.picklistValues.map((v) => v.value),
        ['Owner', 'Manual', 'Rule', 'Partner__c'],
    );
    assert.equal(deal.keyPrefix, '02c', 'every custom share row starts with 02c');
    assert.ok(schema.object('Region__Share'), 'Public Read Only keeps share rows');
    assert.equal(schema.object('DealNote__Share'), undefined, 'a detail has no share object');
    assert.equal(schema.object('Board__Share'), undefined, 'Public Read/Write has none');
    assert.equal(schema.require('Account').sharingModel, 'Private', 'org-config sets it');
    assert.ok(schema.require('AccountShare').fields.has('opportunityaccesslevel'));
    assert.ok(schema.require('OpportunityShare').fields.has('opportunityaccesslevel'));
});

test("AG Sharing a Record Using Apex: a share row grants its level to a user, a group's members, nested groups and All Internal Users; a queue owner's members own the record", () => {
    const w = world();
    const owner = w.user('owner');
    const reader = w.user('reader');
    const editor = w.user('editor');
    const member = w.user('member');
    const nested = w.user('nested');
    const deal = w.deal(owner);
    assert.ok(
        w.share('Deal__Share', { ParentId: deal, UserOrGroupId: reader, AccessLevel: 'Read' }).ok,
    );
    assert.ok(
        w.share('Deal__Share', { ParentId: deal, UserOrGroupId: editor, AccessLevel: 'Edit' }).ok,
    );
    assert.equal(w.level(reader, deal), 'Read');
    assert.equal(w.level(editor, deal), 'Edit', 'Edit lets the user edit, not delete');
    const inner = w.group('Inner', [nested]);
    const team = w.group('Team', [member, inner]);
    const second = w.deal(owner);
    assert.ok(
        w.share('Deal__Share', { ParentId: second, UserOrGroupId: team, AccessLevel: 'Edit' }).ok,
    );
    assert.equal(w.level(member, second), 'Edit', 'a member');
    assert.equal(w.level(nested, second), 'Edit', 'a member of a member group');
    assert.equal(w.level(reader, second), 'None', 'not a member');
    const everyone = w.org.rows("SELECT Id FROM Group WHERE Type = 'Organization'")[0];
    const third = w.deal(owner);
    w.share('Deal__Share', {
        ParentId: third,
        UserOrGroupId: get(everyone as SObjectValue, 'Id'),
        AccessLevel: 'Read',
    });
    assert.equal(w.level(reader, third), 'Read', 'All Internal Users');
    const queue = w.org.insert('Group', { Name: 'Deal Desk', Type: 'Queue' });
    w.org.insert('GroupMember', { GroupId: queue, UserOrGroupId: member });
    const queued = w.org.insert('Lead', { LastName: 'Lead', Company: 'Acme', OwnerId: queue });
    assert.equal(w.level(member, queued), 'All', 'a queue member, as owner');
    assert.equal(w.level(reader, queued), 'None');
});

test('Help Controlling Access Using Hierarchies: above the owner full access, above a grantee its access; peers nothing; role groups; a group that does not include bosses', () => {
    const w = world();
    const vp = w.role('VP');
    const director = w.role('Director', vp);
    const rep = w.role('Rep', director);
    const peerRole = w.role('Peer Rep', director);
    const boss = w.user('boss', { role: vp });
    const manager = w.user('manager', { role: director });
    const owner = w.user('owner', { role: rep });
    const peer = w.user('peer', { role: peerRole });
    const grantee = w.user('grantee', { role: rep });
    const deal = w.deal(owner);
    assert.equal(w.level(manager, deal), 'All', "the owner's manager");
    assert.equal(w.level(boss, deal), 'All', "and the manager's manager");
    assert.equal(w.level(peer, deal), 'None', 'a peer');
    assert.equal(w.level(owner, w.deal(manager)), 'None', 'nothing flows down');
    const bossDeal = w.deal(boss);
    w.share('Deal__Share', { ParentId: bossDeal, UserOrGroupId: grantee, AccessLevel: 'Read' });
    assert.equal(w.level(manager, bossDeal), 'Read', 'above a grantee: its access');
    const flat = w.group('Flat', [grantee], { DoesIncludeBosses: false });
    const flatDeal = w.deal(boss);
    w.share('Deal__Share', { ParentId: flatDeal, UserOrGroupId: flat, AccessLevel: 'Edit' });
    assert.equal(w.level(grantee, flatDeal), 'Edit');
    assert.equal(w.level(manager, flatDeal), 'None', 'a group without bosses stops at its members');
    const groups = w.org.rows('SELECT Id, Type, RelatedId FROM Group WHERE RelatedId = :role', {
        role: director,
    });
    assert.deepEqual(groups.map((g) => get(g, 'Type')).sort(), ['Role', 'RoleAndSubordinates']);
    const subordinates = get(
        groups.find((g) => get(g, 'Type') === 'RoleAndSubordinates') as SObjectValue,
        'Id',
    );
    const roleDeal = w.deal(boss);
    w.share('Deal__Share', {
        ParentId: roleDeal,
        UserOrGroupId: subordinates,
        AccessLevel: 'Read',
    });
    assert.equal(w.level(owner, roleDeal), 'Read', 'a subordinate role is in the group');
    assert.equal(w.level(manager, roleDeal), 'Read', 'and the role itself');
    assert.equal(w.level(peer, roleDeal), 'Read');
});

test('Help Object Permissions: View All reads every record, Modify All gives full access; the System Administrator has both (View/Modify All Data)', () => {
    const w = world();
    const owner = w.user('owner');
    const auditor = w.user('auditor', { sets: ['auditor'] });
    const dealAdmin = w.user('dealadmin', { sets: ['dealadmin'] });
    const deal = w.deal(owner);
    assert.equal(w.level(auditor, deal), 'Read');
    assert.equal(w.level(dealAdmin, deal), 'All');
    assert.equal(w.level(w.org.admin, deal), 'All');
    assert.equal(
        w.security.readFilter(auditor, w.org.schema.require('Deal__c')),
        null,
        'no filter for View All',
    );
    assert.notEqual(w.security.readFilter(owner, w.org.schema.require('Deal__c')), null);
});

test('Help Master-Detail Relationships: a detail follows its master; edit access to the master lets the user delete the detail', () => {
    const w = world();
    const owner = w.user('owner');
    const reader = w.user('reader');
    const stranger = w.user('stranger');
    const deal = w.deal(owner);
    const note = w.org.insert('DealNote__c', { Name: 'Note', Deal__c: deal });
    w.share('Deal__Share', { ParentId: deal, UserOrGroupId: reader, AccessLevel: 'Read' });
    assert.equal(w.level(reader, note), 'Read');
    assert.equal(w.level(owner, note), 'Delete');
    assert.equal(w.level(stranger, note), 'None');
});

test("RA Implicit Sharing: an opportunity's owner reads its account; the account owner gets the opportunities its role names; AccountShare gives its child access", () => {
    const w = world();
    const rep = w.role('Rep');
    const accountOwner = w.user('acctowner', { role: rep });
    const oppOwner = w.user('oppowner');
    const teamMate = w.user('teammate');
    const account = w.org.insert('Account', { Name: 'Acme', OwnerId: accountOwner });
    const opp = w.org.insert('Opportunity', {
        Name: 'Renewal',
        StageName: 'Prospecting',
        CloseDate: date('2026-06-30'),
        AccountId: account,
        OwnerId: oppOwner,
    });
    assert.equal(w.level(oppOwner, account), 'Read', 'parent implicit: read the account');
    assert.equal(w.level(teamMate, account), 'None');
    assert.equal(w.level(accountOwner, opp), 'None', 'the role grants nothing by default');
    w.org.dml('update', [
        w.org.record('UserRole', { Id: rep, OpportunityAccessForAccountOwner: 'Read' }),
    ]);
    assert.equal(w.level(accountOwner, opp), 'Read', "child implicit: the owner's role says Read");
    assert.ok(
        w.share('AccountShare', {
            AccountId: account,
            UserOrGroupId: teamMate,
            AccountAccessLevel: 'Read',
            OpportunityAccessLevel: 'Edit',
            CaseAccessLevel: 'None',
        }).ok,
    );
    assert.equal(w.level(teamMate, account), 'Read');
    assert.equal(w.level(teamMate, opp), 'Edit', 'AccountShare.OpportunityAccessLevel');
    const contact = w.org.insert('Contact', {
        LastName: 'Lee',
        AccountId: account,
        OwnerId: accountOwner,
    });
    assert.equal(
        w.level(teamMate, contact),
        'Read',
        'a contact follows its account (Controlled by Parent)',
    );
});

test('Help Organization-Wide Sharing Defaults (Activities, Private): the owner and the hierarchy edit; who reads the related record reads the task', () => {
    const w = world();
    const owner = w.user('owner');
    const reader = w.user('reader');
    const stranger = w.user('stranger');
    const account = w.org.insert('Account', { Name: 'Acme', OwnerId: owner });
    w.share('AccountShare', {
        AccountId: account,
        UserOrGroupId: reader,
        AccountAccessLevel: 'Read',
        OpportunityAccessLevel: 'None',
        CaseAccessLevel: 'None',
    });
    const task = w.org.insert('Task', { Subject: 'Call', WhatId: account, OwnerId: owner });
    assert.equal(w.level(owner, task), 'All');
    assert.equal(w.level(reader, task), 'Read');
    assert.equal(w.level(stranger, task), 'None');
});

test('AG Using the with sharing … Keywords, AG Enforce User Mode: under sharing SOQL filters rows, counts, sub-queries and semi-joins; WITH USER_MODE applies sharing; without it system mode sees all', () => {
    const w = world();
    const owner = w.user('owner');
    const reader = w.user('reader');
    const account = w.org.insert('Account', { Name: 'Acme', OwnerId: w.org.admin });
    const mine = w.deal(owner, { Name: 'Mine', Account__c: account });
    const shared = w.deal(w.org.admin, { Name: 'Shared', Account__c: account });
    w.deal(w.org.admin, { Name: 'Hidden', Account__c: account });
    w.share('Deal__Share', { ParentId: shared, UserOrGroupId: owner, AccessLevel: 'Read' });
    w.org.insert('DealNote__c', { Name: 'On mine', Deal__c: mine });
    w.org.insert('DealNote__c', { Name: 'On shared', Deal__c: shared });
    const asOwner = { userId: owner, sharing: true };
    assert.deepEqual(names(w.org.rows('SELECT Name FROM Deal__c ORDER BY Name', {}, asOwner)), [
        'Mine',
        'Shared',
    ]);
    assert.deepEqual(
        names(w.org.rows('SELECT Name FROM Deal__c ORDER BY Name', {}, { userId: owner })),
        ['Hidden', 'Mine', 'Shared'],
        'system mode without sharing sees every row',
    );
    assert.deepEqual(
        names(
            w.org.rows(
                'SELECT Name FROM Deal__c WITH USER_MODE ORDER BY Name',
                {},
                { userId: owner },
            ),
        ),
        ['Mine', 'Shared'],
        'WITH USER_MODE applies sharing whatever the class',
    );
    const count = w.org.query('SELECT COUNT() FROM Deal__c', {}, asOwner);
    assert.equal(count.kind === 'count' ? count.count : -1, 2, 'COUNT()');
    const aggregate = w.org.rows('SELECT COUNT(Id) n FROM Deal__c', {}, asOwner);
    assert.equal((get(aggregate[0] as SObjectValue, 'n') as IntegerValue).v, 2, 'aggregates');
    const withNotes = w.org.rows(
        'SELECT Name, (SELECT Name FROM Notes__r) FROM Deal__c ORDER BY Name',
        {},
        asOwner,
    );
    assert.deepEqual(
        withNotes.map((d) => (get(d, 'Notes__r') as { items: unknown[] }).items.length),
        [1, 1],
        'each visible deal with its visible note',
    );
    w.org.dml('update', [w.org.record('Account', { Id: account, OwnerId: owner })]);
    const [ownAccount] = w.org.rows(
        'SELECT Id, (SELECT Name FROM Deals__r ORDER BY Name) FROM Account',
        {},
        asOwner,
    );
    assert.deepEqual(
        names((get(ownAccount as SObjectValue, 'Deals__r') as { items: SObjectValue[] }).items),
        ['Mine', 'Shared'],
        'a sub-query returns the children the user can read',
    );
    const accountRows = w.org.rows(
        'SELECT Id, (SELECT Name FROM Deals__r) FROM Account',
        {},
        { userId: reader },
    );
    assert.equal(
        (get(accountRows[0] as SObjectValue, 'Deals__r') as { items: unknown[] }).items.length,
        3,
    );
    const semi = w.org.rows(
        "SELECT Name FROM DealNote__c WHERE Deal__c IN (SELECT Id FROM Deal__c WHERE Name = 'Shared')",
        {},
        asOwner,
    );
    assert.deepEqual(names(semi), ['On shared']);
    const hidden = w.org.rows('SELECT Name FROM Deal__c', {}, { userId: reader, sharing: true });
    assert.deepEqual(hidden, [], 'a user with no share sees nothing');
});

test('A parent the user cannot read shows through a relationship with its Id and name only (catalogue §6.5, aer v1.4.17)', () => {
    const w = world();
    const owner = w.user('owner');
    const account = w.org.insert('Account', {
        Name: 'Acme',
        Industry: 'Energy',
        OwnerId: w.org.admin,
    });
    w.deal(owner, { Name: 'Mine', Account__c: account });
    const [row] = w.org.rows(
        'SELECT Name, Account__r.Name, Account__r.Industry FROM Deal__c',
        {},
        { userId: owner, sharing: true },
    );
    const parent = get(row as SObjectValue, 'Account__r') as SObjectValue;
    assert.equal(get(parent, 'Name'), 'Acme', 'the name shows');
    assert.equal(get(parent, 'Industry'), null, 'nothing else');
    const filtered = w.org.rows(
        "SELECT Name FROM Deal__c WHERE Account__r.Industry = 'Energy'",
        {},
        { userId: owner, sharing: true },
    );
    assert.deepEqual(filtered, [], 'a filter cannot read the hidden field either');
    const [open] = w.org.rows('SELECT Account__r.Industry FROM Deal__c', {}, { userId: owner });
    assert.equal(
        get(get(open as SObjectValue, 'Account__r') as SObjectValue, 'Industry'),
        'Energy',
        'without sharing it does',
    );
});

function errorOf(outcome: ReturnType<TestOrg['dml']>): string | undefined {
    return outcome.results[0]?.errors[0]?.statusCode;
}

test('AG Using the with sharing … Keywords: update, delete and undelete need the access; a lookup or master needs read or edit access; a new owner needs transfer access', () => {
    const w = world();
    const owner = w.user('owner');
    const reader = w.user('reader');
    const editor = w.user('editor');
    const deal = w.deal(owner);
    w.share('Deal__Share', { ParentId: deal, UserOrGroupId: reader, AccessLevel: 'Read' });
    w.share('Deal__Share', { ParentId: deal, UserOrGroupId: editor, AccessLevel: 'Edit' });
    const change = () => w.org.record('Deal__c', { Id: deal, Amount__c: null });
    const asReader = { userId: reader, sharing: true, allOrNone: false };
    assert.equal(
        errorOf(w.org.dml('update', [change()], asReader)),
        'INSUFFICIENT_ACCESS_OR_READONLY',
    );
    assert.equal(
        errorOf(w.org.dml('update', [change()], { ...asReader, userId: editor })),
        undefined,
        'Edit may update',
    );
    assert.equal(
        errorOf(
            w.org.dml('update', [change()], { ...asReader, mode: 'user' as const, sharing: false }),
        ),
        'INSUFFICIENT_ACCESS_OR_READONLY',
        'user mode always applies sharing',
    );
    assert.equal(
        errorOf(w.org.dml('update', [change()], { userId: reader, allOrNone: false })),
        undefined,
        'system mode without sharing writes',
    );
    const remove = () => w.org.record('Deal__c', { Id: deal });
    assert.equal(
        errorOf(w.org.dml('delete', [remove()], { ...asReader, userId: editor })),
        'INSUFFICIENT_ACCESS_OR_READONLY',
        'Edit may not delete',
    );
    assert.equal(
        errorOf(
            w.org.dml(
                'insert',
                [w.org.record('DealNote__c', { Name: 'n', Deal__c: deal })],
                asReader,
            ),
        ),
        'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
        'a detail needs edit access to its master',
    );
    assert.equal(
        errorOf(
            w.org.dml('insert', [w.org.record('DealNote__c', { Name: 'n', Deal__c: deal })], {
                ...asReader,
                userId: editor,
            }),
        ),
        undefined,
    );
    const account = w.org.insert('Account', { Name: 'Hidden', OwnerId: w.org.admin });
    assert.equal(
        errorOf(
            w.org.dml('update', [w.org.record('Deal__c', { Id: deal, Account__c: account })], {
                ...asReader,
                userId: editor,
            }),
        ),
        'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
        'a lookup to a record the user cannot read',
    );
    assert.equal(
        errorOf(
            w.org.dml('update', [w.org.record('Deal__c', { Id: deal, OwnerId: editor })], {
                ...asReader,
                userId: editor,
            }),
        ),
        'INSUFFICIENT_ACCESS_OR_READONLY',
        'only the owner (or above, or Modify All) transfers',
    );
    assert.equal(
        errorOf(w.org.dml('delete', [remove()], { ...asReader, userId: owner })),
        undefined,
        'the owner deletes',
    );
    assert.equal(
        errorOf(w.org.dml('undelete', [remove()], asReader)),
        'INSUFFICIENT_ACCESS_OR_READONLY',
    );
    assert.equal(
        errorOf(w.org.dml('undelete', [remove()], { ...asReader, userId: owner })),
        undefined,
    );
});

test('AG Sharing a Record Using Apex: Manual or an Apex sharing reason, above the default, not All, to an active user; a second row for the same grant updates the first', () => {
    const w = world();
    const owner = w.user('owner');
    const other = w.user('other');
    const deal = w.deal(owner);
    assert.equal(
        w.share('Deal__Share', {
            ParentId: deal,
            UserOrGroupId: other,
            AccessLevel: 'Read',
            RowCause: 'Owner',
        }).code,
        'FIELD_INTEGRITY_EXCEPTION',
    );
    assert.equal(
        w.share('Deal__Share', { ParentId: deal, UserOrGroupId: other, AccessLevel: 'All' }).code,
        'FIELD_INTEGRITY_EXCEPTION',
    );
    const region = w.org.insert('Region__c', { Name: 'EMEA', OwnerId: owner });
    assert.equal(
        w.share('Region__Share', { ParentId: region, UserOrGroupId: other, AccessLevel: 'Read' })
            .code,
        'FIELD_FILTER_VALIDATION_EXCEPTION',
        'Read is the default of a Public Read Only object',
    );
    assert.ok(
        w.share('Region__Share', { ParentId: region, UserOrGroupId: other, AccessLevel: 'Edit' })
            .ok,
    );
    const first = w.share('Deal__Share', {
        ParentId: deal,
        UserOrGroupId: other,
        AccessLevel: 'Read',
        RowCause: 'Partner__c',
    });
    assert.ok(first.ok, 'an Apex sharing reason');
    const again = w.share('Deal__Share', {
        ParentId: deal,
        UserOrGroupId: other,
        AccessLevel: 'Edit',
        RowCause: 'Partner__c',
    });
    assert.equal(again.id, first.id, 'the same grant: the same row');
    assert.equal(w.level(other, deal), 'Edit', 'with the new level');
    const account = w.org.insert('Account', { Name: 'Acme', OwnerId: owner });
    const accountShare = (level: string) =>
        w.share('AccountShare', {
            AccountId: account,
            UserOrGroupId: other,
            AccountAccessLevel: level,
            OpportunityAccessLevel: 'None',
            CaseAccessLevel: 'None',
        });
    assert.ok(accountShare('Read').ok, 'Private accounts: Read is above the default');
    const retired = w.user('retired');
    w.org.dml('update', [w.org.record('User', { Id: retired, IsActive: false })]);
    assert.equal(
        w.share('Deal__Share', { ParentId: deal, UserOrGroupId: retired, AccessLevel: 'Read' })
            .code,
        'INACTIVE_OWNER_OR_USER',
    );
    const stranger = w.user('stranger');
    const shareAsEditor = w.org.dml(
        'insert',
        [
            w.org.record('Deal__Share', {
                ParentId: deal,
                UserOrGroupId: stranger,
                AccessLevel: 'Read',
            }),
        ],
        {
            userId: other,
            sharing: true,
            allOrNone: false,
        },
    );
    assert.equal(
        errorOf(shareAsEditor),
        'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
        'only full access shares a record',
    );
});

test('Help Granting Access to Records: an Owner row follows the owner; a new owner drops manual shares and keeps Apex-managed ones; the rows go with their record', () => {
    const w = world();
    const owner = w.user('owner');
    const next = w.user('next');
    const other = w.user('other');
    const deal = w.deal(owner);
    const rows = () =>
        w.org.rows(
            'SELECT UserOrGroupId, RowCause, AccessLevel FROM Deal__Share WHERE ParentId = :deal ORDER BY RowCause',
            { deal },
        );
    assert.deepEqual(
        rows().map((r) => [get(r, 'RowCause'), get(r, 'AccessLevel'), get(r, 'UserOrGroupId')]),
        [['Owner', 'All', owner]],
    );
    w.share('Deal__Share', { ParentId: deal, UserOrGroupId: other, AccessLevel: 'Read' });
    w.share('Deal__Share', {
        ParentId: deal,
        UserOrGroupId: other,
        AccessLevel: 'Edit',
        RowCause: 'Partner__c',
    });
    w.org.dml('update', [w.org.record('Deal__c', { Id: deal, OwnerId: next })]);
    assert.deepEqual(
        rows().map((r) => [get(r, 'RowCause'), get(r, 'UserOrGroupId')]),
        [
            ['Owner', next],
            ['Partner__c', other],
        ],
    );
    w.org.dml('delete', [w.org.record('Deal__c', { Id: deal })]);
    assert.deepEqual(rows(), [], 'deleted with the record');
    const board = w.org.insert('Board__c', { Name: 'B', OwnerId: owner });
    void board;
    assert.equal(
        w.org.schema.object('Board__Share'),
        undefined,
        'Public Read/Write: no rows at all',
    );
});

test('OR UserRecordAccess: computed from sharing, within the object permissions', () => {
    const w = world();
    const owner = w.user('owner');
    const auditor = w.user('auditor', { sets: ['auditor'] });
    const nobody = w.user('nobody', { sets: [] });
    const deal = w.deal(owner);
    const access = (user: string) => w.security.recordAccess(user, deal);
    assert.equal(access(owner).MaxAccessLevel, 'All');
    assert.equal(access(owner).HasDeleteAccess, true);
    assert.equal(access(auditor).MaxAccessLevel, 'Read', 'View All reads; no edit permission');
    assert.equal(access(nobody).HasReadAccess, false, 'no object permission, no access');
    w.share('Deal__Share', { ParentId: deal, UserOrGroupId: auditor, AccessLevel: 'Edit' });
    assert.equal(access(auditor).MaxAccessLevel, 'Read', 'an Edit share, but no edit permission');
    const [row] = w.org.rows(
        'SELECT RecordId, HasEditAccess FROM UserRecordAccess WHERE UserId = :u AND RecordId = :r',
        { u: auditor, r: deal },
    );
    assert.equal(get(row as SObjectValue, 'HasEditAccess'), false);
});

test("OR Organization: the Default…Access fields follow the objects' sharing models, a package directory's definition included", () => {
    const w = world();
    const [org] = w.org.rows(
        'SELECT DefaultAccountAccess, DefaultOpportunityAccess, DefaultContactAccess, DefaultLeadAccess, DefaultCaseAccess FROM Organization',
    );
    assert.equal(get(org as SObjectValue, 'DefaultAccountAccess'), 'None');
    assert.equal(get(org as SObjectValue, 'DefaultOpportunityAccess'), 'None');
    assert.equal(get(org as SObjectValue, 'DefaultContactAccess'), 'ControlledByParent');
    assert.equal(
        get(org as SObjectValue, 'DefaultLeadAccess'),
        'None',
        'org-config makes leads Private',
    );
    assert.equal(
        get(org as SObjectValue, 'DefaultCaseAccess'),
        'ReadEditTransfer',
        'the platform default',
    );
});
