// Record-level sharing: what a user may do with one record, as Salesforce decides it (Help:
// "Sharing Settings", "Organization-Wide Sharing Defaults", "Controlling Access Using
// Hierarchies", "Public Groups"; Record Access guide: "Implicit Sharing"; Apex Developer Guide:
// "Sharing a Record Using Apex"):
// - Modify All Data, and Modify All on the object, give full access; View All Data and View
//   All on the object give read access;
// - the org-wide default (the object's sharing model) gives everyone Read (Public Read Only) or
//   Edit (Public Read/Write); setup objects without a sharing model are open;
// - the owner (a user, or a member of the queue that owns it) has full access, and so does
//   everyone above the owner in the role hierarchy;
// - a share row (`<Object>__Share`, AccountShare, OpportunityShare) gives its access level to
//   its user or group: a group's members (public groups, queues, nested groups, role and
//   role-and-subordinates groups, All Internal Users) and, where the group grants access
//   using hierarchies, the managers above them;
// - a detail of a master-detail (Controlled by Parent) follows its master; a Contact its
//   Account, a line item its Opportunity;
// - implicit sharing: whoever can see an account's opportunity (or private contact) through
//   ownership or a share can read the account; the account's owner (and the hierarchy above)
//   gets the account's opportunities with the access the owner's role names, and AccountShare
//   rows give their Opportunity/Case/Contact access levels to the account's children;
// - an activity (Task, Event) belongs to its owner and the hierarchy above; whoever can read
//   the record it is related to (WhatId, WhoId) can read it.
// Sharing rules, account and opportunity teams, territories and sharing sets are not modelled.
import type { LocalDatabase } from '../database/database.ts';
import type { StoredRow } from '../database/store.ts';
import type { FieldDescribe, ObjectDescribe, OrgSchema } from '../schema/types.ts';
import type { ObjectRight } from './profiles.ts';

import type { RecordAccessLevel } from '../database/types.ts';

/** UserRecordAccess.MaxAccessLevel, weakest first. */
export type AccessLevel = RecordAccessLevel;

const RANK: Record<AccessLevel, number> = {
    None: 0,
    Read: 1,
    Edit: 2,
    Delete: 3,
    Transfer: 4,
    All: 5,
};

export function atLeast(level: AccessLevel, wanted: AccessLevel): boolean {
    return RANK[level] >= RANK[wanted];
}

function stronger(a: AccessLevel, b: AccessLevel): AccessLevel {
    return RANK[a] >= RANK[b] ? a : b;
}

/** A share row's access-level value ('Read', 'Edit', 'All'; AccountShare children also 'None'). */
function shareLevel(value: unknown): AccessLevel {
    return value === 'All' ? 'All' : value === 'Edit' ? 'Edit' : value === 'Read' ? 'Read' : 'None';
}

/** The object rights of a user that sharing reads (View All, Modify All …). */
export type RightsOf = (userId: string, object: ObjectDescribe) => Set<ObjectRight>;

/** Principals and hierarchy facts of one state of the store (rebuilt after any change). */
interface Principals {
    roleOfUser: Map<string, string | null>;
    parentOfRole: Map<string, string | null>;
    /** Users and groups whose access a user gets: itself, its groups, its subordinates and their boss-including groups. */
    covering: Map<string, Set<string>>;
    /** Users strictly below a user in the role hierarchy. */
    below: Map<string, Set<string>>;
    levels: Map<string, AccessLevel>;
}

export class RecordSharing {
    private cache: Principals | null = null;
    private cacheVersion = -1;

    constructor(
        private readonly schema: OrgSchema,
        private readonly db: LocalDatabase,
        private readonly rightsOf: RightsOf,
    ) {}

    // ---- what a caller asks ----

    /** The user's access to a stored record, before object permissions (CRUD) are applied. */
    level(userId: string, row: StoredRow): AccessLevel {
        const principals = this.principals();
        const key = `${userId}:${row.id}`;
        const cached = principals.levels.get(key);
        if (cached !== undefined) return cached;
        const level = this.compute(userId, row, 0);
        principals.levels.set(key, level);
        return level;
    }

    canRead(userId: string, row: StoredRow): boolean {
        return this.level(userId, row) !== 'None';
    }

    /**
     * A test for the rows of an object a user may read, or null when every row is readable
     * (the user sees all of the object: Modify/View All Data or View All, or a public
     * org-wide default with nothing that depends on a parent).
     */
    readFilter(userId: string, object: ObjectDescribe): ((row: StoredRow) => boolean) | null {
        if (this.seesAll(userId, object)) return null;
        return (row) => this.canRead(userId, row);
    }

    private seesAll(userId: string, object: ObjectDescribe): boolean {
        const rights = this.rightsOf(userId, object);
        if (rights.has('viewAll') || rights.has('modifyAll')) return true;
        if (object.shareOf || isActivity(object)) return false;
        switch (object.sharingModel) {
            case 'None':
            case 'Read':
            case 'ReadWrite':
            case 'ReadWriteTransfer':
            case 'FullAccess':
                return true;
            default:
                return false;
        }
    }

    // ---- the decision ----

    private compute(userId: string, row: StoredRow, depth: number): AccessLevel {
        const object = row.table.object;
        const rights = this.rightsOf(userId, object);
        if (rights.has('modifyAll')) return 'All';
        let level: AccessLevel = rights.has('viewAll') ? 'Read' : 'None';
        if (object.shareOf) return stronger(level, this.shareRowLevel(userId, row, depth));
        if (isActivity(object)) return stronger(level, this.activityLevel(userId, row, depth));
        level = stronger(level, orgWideLevel(object, userId === row.id));
        if (level === 'All') return level;
        if (this.ownedBy(userId, row)) return 'All';
        if (object.sharingModel === 'ControlledByParent')
            level = stronger(level, this.parentLevel(userId, row, depth));
        level = stronger(level, this.sharedLevel(userId, row));
        if (level === 'None' && object.name === 'Account')
            level = this.implicitParentLevel(userId, row);
        const childOf = object.name === 'Account' ? null : this.implicitChildLevel(userId, row);
        if (childOf) level = stronger(level, childOf);
        return level;
    }

    /** Ownership: the owner, members of the owning queue, and everyone above the owner's role. */
    private ownedBy(userId: string, row: StoredRow): boolean {
        const owner = row.get('ownerid');
        if (typeof owner !== 'string') return false;
        if (owner === userId) return true;
        const principals = this.principals();
        if (owner.startsWith('00G')) return this.coveringOf(userId, principals).has(owner);
        return this.belowOf(userId, principals).has(owner);
    }

    /** The strongest share row of the record that covers the user. */
    private sharedLevel(userId: string, row: StoredRow): AccessLevel {
        const object = row.table.object;
        if (!object.shareObject) return 'None';
        const share = this.schema.object(object.shareObject);
        if (!share?.shareOf) return 'None';
        const covering = this.coveringOf(userId, this.principals());
        let level: AccessLevel = 'None';
        const table = this.db.store.table(share);
        for (const r of table.lookup(share.shareOf.parentField.toLowerCase(), row.id) ?? []) {
            if (r.deleted) continue;
            const principal = r.get('userorgroupid');
            if (typeof principal !== 'string' || !covering.has(principal)) continue;
            level = stronger(level, shareLevel(r.get(share.shareOf.accessField.toLowerCase())));
        }
        return level;
    }

    /**
     * A detail follows its master (several masters: the weakest); a Contact its Account and a
     * line item its Opportunity. Edit on the master lets the user delete the detail; with
     * "Read/Write" write-requires-master-read, read on the master is enough to edit it.
     */
    private parentLevel(userId: string, row: StoredRow, depth: number): AccessLevel {
        if (depth > 8) return 'None';
        const masters = parentFields(row.table.object);
        let level: AccessLevel | null = null;
        for (const field of masters) {
            const parentId = row.get(field.name.toLowerCase());
            const parent = typeof parentId === 'string' ? this.db.row(parentId) : undefined;
            // A contact without an account is private to its owner (checked before).
            if (!parent || parent.deleted) return level ?? 'None';
            const master = this.compute(userId, parent, depth + 1);
            let derived: AccessLevel =
                master === 'None'
                    ? 'None'
                    : master === 'Read'
                      ? field.writeRequiresMasterRead
                          ? 'Edit'
                          : 'Read'
                      : 'Delete';
            if (!field.masterDetail) derived = master === 'All' ? 'All' : master;
            level = level === null ? derived : RANK[derived] < RANK[level] ? derived : level;
        }
        return level ?? 'None';
    }

    /** Share rows: a user sees them where it can read the record they share; All access edits them. */
    private shareRowLevel(userId: string, row: StoredRow, depth: number): AccessLevel {
        const info = row.table.object.shareOf;
        if (!info || depth > 8) return 'None';
        const parentId = row.get(info.parentField.toLowerCase());
        const parent = typeof parentId === 'string' ? this.db.row(parentId) : undefined;
        if (!parent) return 'None';
        const level = this.compute(userId, parent, depth + 1);
        return level === 'All' ? 'All' : level === 'None' ? 'None' : 'Read';
    }

    /**
     * Activities (Help: "Organization-Wide Sharing Defaults", Activity: Private): the owner and
     * the hierarchy above edit and delete; whoever can read the related record can read it.
     */
    private activityLevel(userId: string, row: StoredRow, depth: number): AccessLevel {
        if (this.ownedBy(userId, row)) return 'All';
        if (depth > 8) return 'None';
        for (const key of ['whatid', 'whoid']) {
            const id = row.get(key);
            const related = typeof id === 'string' ? this.db.row(id) : undefined;
            if (related && this.compute(userId, related, depth + 1) !== 'None') return 'Read';
        }
        return 'None';
    }

    /**
     * Parent implicit sharing: a user who can see one of an account's opportunities (or, where
     * contacts are not controlled by their account, contacts) through ownership or a share
     * can read the account (Record Access guide: "Implicit Sharing").
     */
    private implicitParentLevel(userId: string, account: StoredRow): AccessLevel {
        for (const childName of ['Opportunity', 'Contact']) {
            const child = this.schema.object(childName);
            if (!child || child.sharingModel === 'ControlledByParent') continue;
            for (const r of this.db.store.table(child).lookup('accountid', account.id) ?? []) {
                if (r.deleted) continue;
                if (this.ownedBy(userId, r) || this.sharedLevel(userId, r) !== 'None')
                    return 'Read';
            }
        }
        return 'None';
    }

    /**
     * Child implicit sharing: the account's owner and the hierarchy above get its
     * opportunities (contacts) with the access the owner's role names
     * (UserRole.OpportunityAccessForAccountOwner …); AccountShare rows covering the user give
     * their child access levels.
     */
    private implicitChildLevel(userId: string, row: StoredRow): AccessLevel | null {
        const object = row.table.object;
        const childField = ACCOUNT_CHILD_ACCESS[object.name];
        if (!childField || object.sharingModel === 'ControlledByParent') return null;
        const accountId = row.get('accountid');
        const account = typeof accountId === 'string' ? this.db.row(accountId) : undefined;
        if (!account || account.deleted) return null;
        let level: AccessLevel = 'None';
        const accountOwner = account.get('ownerid');
        if (typeof accountOwner === 'string' && this.ownedBy(userId, account)) {
            const roleId = this.principals().roleOfUser.get(accountOwner) ?? null;
            const role = roleId ? this.db.row(roleId) : undefined;
            level = shareLevel(role?.get(childField.role) ?? 'None');
        }
        const accountShare = this.schema.object('AccountShare');
        if (accountShare) {
            const covering = this.coveringOf(userId, this.principals());
            for (const r of this.db.store.table(accountShare).lookup('accountid', account.id) ??
                []) {
                const principal = r.get('userorgroupid');
                if (typeof principal !== 'string' || !covering.has(principal)) continue;
                level = stronger(level, shareLevel(r.get(childField.share)));
            }
        }
        return level === 'All' ? 'Edit' : level;
    }

    // ---- principals: roles, groups, the hierarchy ----

    private principals(): Principals {
        const version = this.db.store.version;
        if (this.cache && this.cacheVersion === version) return this.cache;
        const roleOfUser = new Map<string, string | null>();
        const user = this.schema.object('User');
        if (user) {
            for (const row of this.db.store.table(user).rows.values()) {
                const role = row.get('userroleid');
                roleOfUser.set(row.id, typeof role === 'string' ? role : null);
            }
        }
        const parentOfRole = new Map<string, string | null>();
        const role = this.schema.object('UserRole');
        if (role) {
            for (const row of this.db.store.table(role).rows.values()) {
                if (row.deleted) continue;
                const parent = row.get('parentroleid');
                parentOfRole.set(row.id, typeof parent === 'string' ? parent : null);
            }
        }
        this.cache = {
            roleOfUser,
            parentOfRole,
            covering: new Map(),
            below: new Map(),
            levels: new Map(),
        };
        this.cacheVersion = version;
        return this.cache;
    }

    /** Roles strictly above a role (its parent, the parent's parent …). */
    private ancestorsOf(roleId: string | null, principals: Principals): string[] {
        const out: string[] = [];
        const seen = new Set<string>();
        let current = roleId ? (principals.parentOfRole.get(roleId) ?? null) : null;
        while (current && !seen.has(current)) {
            seen.add(current);
            out.push(current);
            current = principals.parentOfRole.get(current) ?? null;
        }
        return out;
    }

    /** Users whose role is below the user's role. */
    private belowOf(userId: string, principals: Principals): Set<string> {
        const cached = principals.below.get(userId);
        if (cached) return cached;
        const below = new Set<string>();
        const myRole = principals.roleOfUser.get(userId) ?? null;
        if (myRole) {
            for (const [other, role] of principals.roleOfUser) {
                if (other === userId || !role) continue;
                if (this.ancestorsOf(role, principals).includes(myRole)) below.add(other);
            }
        }
        principals.below.set(userId, below);
        return below;
    }

    /** The groups a user belongs to: direct and nested memberships, role groups, All Internal Users. */
    private groupsOf(userId: string, principals: Principals): Set<string> {
        const groups = new Set<string>();
        const group = this.schema.object('Group');
        const member = this.schema.object('GroupMember');
        if (!group || !member) return groups;
        const groupTable = this.db.store.table(group);
        const memberTable = this.db.store.table(member);
        const role = principals.roleOfUser.get(userId) ?? null;
        const aboveAndOwn = role ? [role, ...this.ancestorsOf(role, principals)] : [];
        for (const g of groupTable.rows.values()) {
            if (g.deleted) continue;
            const type = g.get('type');
            const related = g.get('relatedid');
            if (type === 'Organization') groups.add(g.id);
            else if (type === 'Role' && related === role && role) groups.add(g.id);
            else if (
                (type === 'RoleAndSubordinates' || type === 'RoleAndSubordinatesInternal') &&
                typeof related === 'string' &&
                aboveAndOwn.includes(related)
            )
                groups.add(g.id);
        }
        const queue = [userId, ...groups];
        while (queue.length > 0) {
            const id = queue.shift() as string;
            for (const m of memberTable.lookup('userorgroupid', id) ?? []) {
                if (m.deleted) continue;
                const groupId = m.get('groupid');
                if (typeof groupId === 'string' && !groups.has(groupId)) {
                    groups.add(groupId);
                    queue.push(groupId);
                }
            }
        }
        return groups;
    }

    /**
     * The principals whose grants reach a user: itself and its groups, plus (hierarchy) the
     * users below it and those of their groups that include their bosses.
     */
    private coveringOf(userId: string, principals: Principals): Set<string> {
        const cached = principals.covering.get(userId);
        if (cached) return cached;
        const covering = new Set<string>([userId, ...this.groupsOf(userId, principals)]);
        for (const subordinate of this.belowOf(userId, principals)) {
            covering.add(subordinate);
            for (const g of this.groupsOf(subordinate, principals)) {
                const row = this.db.row(g);
                const type = row?.get('type');
                const includesBosses =
                    row?.get('doesincludebosses') === true ||
                    type === 'Role' ||
                    type === 'RoleAndSubordinates' ||
                    type === 'RoleAndSubordinatesInternal';
                if (includesBosses) covering.add(g);
            }
        }
        principals.covering.set(userId, covering);
        return covering;
    }
}

/** Children of an account that implicit sharing reaches: the role's and AccountShare's field for each. */
const ACCOUNT_CHILD_ACCESS: Record<string, { role: string; share: string }> = {
    Opportunity: { role: 'opportunityaccessforaccountowner', share: 'opportunityaccesslevel' },
    Contact: { role: 'contactaccessforaccountowner', share: 'contactaccesslevel' },
};

function isActivity(object: ObjectDescribe): boolean {
    return object.name === 'Task' || object.name === 'Event';
}

/** What the org-wide default gives everyone (a user record: its own user edits it). */
function orgWideLevel(object: ObjectDescribe, ownUserRecord: boolean): AccessLevel {
    switch (object.sharingModel) {
        case 'None':
            return 'All';
        case 'ReadWrite':
        case 'FullAccess':
            return 'Edit';
        case 'ReadWriteTransfer':
            return 'Transfer';
        case 'Read':
            return ownUserRecord ? 'Edit' : 'Read';
        default:
            return 'None';
    }
}

/** The fields a Controlled-by-Parent object follows: its master-detail fields, or the standard parent. */
function parentFields(object: ObjectDescribe): FieldDescribe[] {
    const masters = [...object.fields.values()].filter((f) => f.masterDetail);
    if (masters.length > 0) return masters;
    const standard =
        object.name === 'OpportunityLineItem'
            ? object.fields.get('opportunityid')
            : object.fields.get('accountid');
    return standard ? [standard] : [];
}
