// Object and field access of a user: the standard profile's implicit rights plus every
// assigned permission set, additively (Help: "Permission Sets"; Apex Developer Guide:
// "Enforcing Object and Field Permissions"). Permission sets come from the project's source
// (their object and field permissions) and from the store (assignments, and the
// SetupEntityAccess rows behind custom permissions and class access), so a test that inserts
// a PermissionSetAssignment changes what the user may do at once. Record-level sharing is
// sharing.ts; UserRecordAccess combines it with the object permissions.
import { systemException } from '../interpreter/exceptions.ts';
import { ListValue, SObjectValue } from '../interpreter/values.ts';
import type { ApexValue } from '../interpreter/values.ts';
import type { LocalDatabase, SecurityAccess } from '../database/database.ts';
import type { StoredRow } from '../database/store.ts';
import type { FieldDescribe, ObjectDescribe, OrgSchema } from '../schema/types.ts';
import { profileRights } from './profiles.ts';
import type { ObjectRight, ProfileRights } from './profiles.ts';
import { RecordSharing } from './sharing.ts';
import type { AccessLevel } from './sharing.ts';
import { readPermissionSets } from './source.ts';
import type { PermissionSetSource } from './source.ts';

export type AccessType = 'READABLE' | 'CREATABLE' | 'UPDATABLE' | 'UPSERTABLE';

/** What one user may do, computed from the profile and the permission sets assigned. */
interface Effective {
    profile: ProfileRights;
    objects: Map<string, Set<ObjectRight>>; // lower-case object → rights from permission sets
    fields: Map<string, { read: boolean; edit: boolean }>; // "object.field" lower case
    userPermissions: Set<string>;
    customMetadataTypes: Set<string>;
}

export interface StripResult {
    records: SObjectValue[];
    /** Object API name → removed field API names. */
    removedFields: Map<string, Set<string>>;
    modifiedIndexes: Set<number>;
}

/** Objects everyone may read: setup and metadata objects the platform shows to all users. */
function alwaysReadable(object: ObjectDescribe): boolean {
    return object.visibleInTests && !object.isCustomMetadata;
}

export class SecurityModel implements SecurityAccess {
    private readonly sets = new Map<string, PermissionSetSource>();
    private readonly cache = new Map<string, Effective>();
    /** Per user: assignments inserted at or after this row sequence are not in effect yet. */
    private readonly cutoffs = new Map<string, number>();
    /** Record-level sharing (org-wide defaults, ownership, roles, groups, share rows). */
    readonly sharing: RecordSharing;

    constructor(
        private readonly schema: OrgSchema,
        private readonly db: LocalDatabase,
        permissionSets: PermissionSetSource[],
    ) {
        for (const set of permissionSets) this.sets.set(set.name.toLowerCase(), set);
        this.sharing = new RecordSharing(schema, db, (userId, object) =>
            this.rights(userId, object),
        );
    }

    // ---- the user's grants ----

    private profileName(userId: string): string | null {
        const user = this.db.row(userId);
        const profileId = user?.get('profileid');
        if (typeof profileId !== 'string') return null;
        const name = this.db.row(profileId)?.get('name');
        return typeof name === 'string' ? name : null;
    }

    /** Permission set rows assigned to the user (active assignments), plus the profile's own. */
    private assignedSetRows(userId: string): StoredRow[] {
        const table = this.db.store.table(this.schema.require('PermissionSetAssignment'));
        const rows: StoredRow[] = [];
        const cutoff = this.cutoffs.get(userId);
        for (const assignment of table.lookup('assigneeid', userId) ?? []) {
            if (assignment.deleted) continue;
            if (cutoff !== undefined && assignment.seq >= cutoff) continue;
            const set = this.db.row(String(assignment.get('permissionsetid') ?? ''));
            if (set) rows.push(set);
        }
        const user = this.db.row(userId);
        const profileId = user?.get('profileid');
        if (typeof profileId === 'string') {
            const own =
                this.db.store
                    .table(this.schema.require('PermissionSet'))
                    .lookup('profileid', profileId) ?? [];
            rows.push(...own);
        }
        return rows;
    }

    private effective(userId: string): Effective {
        const profile = this.profileName(userId);
        const setNames = this.assignedSetRows(userId)
            .map((r) => String(r.get('name') ?? '').toLowerCase())
            .sort();
        const key = `${profile}|${setNames.join(',')}`;
        let effective = this.cache.get(key);
        if (effective) return effective;
        effective = {
            profile: profileRights(profile),
            objects: new Map(),
            fields: new Map(),
            userPermissions: new Set(profileRights(profile).userPermissions),
            customMetadataTypes: new Set(),
        };
        for (const name of setNames) {
            const set = this.sets.get(name);
            if (!set) continue;
            for (const p of set.objectPermissions) {
                const granted =
                    effective.objects.get(p.object.toLowerCase()) ?? new Set<ObjectRight>();
                if (p.allowRead) granted.add('read');
                if (p.allowCreate) granted.add('create');
                if (p.allowEdit) granted.add('edit');
                if (p.allowDelete) granted.add('delete');
                if (p.viewAllRecords) granted.add('viewAll');
                if (p.modifyAllRecords) granted.add('modifyAll');
                effective.objects.set(p.object.toLowerCase(), granted);
            }
            for (const p of set.fieldPermissions) {
                for (const key of fieldPermissionKeys(p.field)) {
                    const current = effective.fields.get(key) ?? { read: false, edit: false };
                    effective.fields.set(key, {
                        read: current.read || p.readable || p.editable,
                        edit: current.edit || p.editable,
                    });
                }
            }
            for (const p of set.userPermissions) effective.userPermissions.add(p);
            for (const t of set.customMetadataTypes)
                effective.customMetadataTypes.add(t.toLowerCase());
        }
        this.cache.set(key, effective);
        return effective;
    }

    private rights(userId: string, object: ObjectDescribe): Set<ObjectRight> {
        const effective = this.effective(userId);
        if (effective.profile.modifyAllData || effective.userPermissions.has('ModifyAllData'))
            return new Set(['read', 'create', 'edit', 'delete', 'viewAll', 'modifyAll']);
        const all = new Set<ObjectRight>([
            ...effective.profile.objectRights(object.name),
            ...(effective.objects.get(object.name.toLowerCase()) ?? []),
        ]);
        if (effective.profile.viewAllData || effective.userPermissions.has('ViewAllData')) {
            all.add('read');
            all.add('viewAll');
        }
        if (alwaysReadable(object)) all.add('read');
        if (object.isCustomMetadata && effective.customMetadataTypes.has(object.name.toLowerCase()))
            all.add('read');
        if (all.has('modifyAll'))
            ['read', 'create', 'edit', 'delete', 'viewAll'].forEach((r) =>
                all.add(r as ObjectRight),
            );
        if (all.has('edit') || all.has('create') || all.has('delete')) all.add('read');
        return all;
    }

    /**
     * Freezes a user's permission-set assignments as they are now: ones inserted later are not
     * in effect until thaw (aer v1.0.10, v1.2.10: a test's own grant to the running user counts
     * only inside System.runAs or after Test.startTest). The runtime decides when.
     */
    freezeAssignments(userId: string): void {
        this.cutoffs.set(userId, this.db.store.sequence);
    }

    thawAssignments(userId: string): void {
        this.cutoffs.delete(userId);
    }

    canAccessObject(
        userId: string,
        objectName: string,
        access: 'read' | 'create' | 'edit' | 'delete',
    ): boolean {
        const object = this.schema.object(objectName);
        if (!object) return false;
        const rights = this.rights(userId, object);
        if (!rights.has(access)) return false;
        if (access === 'create') return object.createable;
        if (access === 'edit') return object.updateable;
        if (access === 'delete') return object.deletable;
        return true;
    }

    /**
     * Field-level security: fields FLS does not apply to (Id, audit and required fields,
     * master-detail, name fields) follow the object; custom fields need a permission set;
     * standard fields are open to the standard profiles wherever the object is (aer v1.2.31).
     */
    canAccessField(
        userId: string,
        objectName: string,
        fieldName: string,
        access: 'read' | 'edit',
    ): boolean {
        const object = this.schema.object(objectName);
        const field = object?.fields.get(fieldName.toLowerCase());
        if (!object || !field) return false;
        const rights = this.rights(userId, object);
        if (!rights.has('read')) return false;
        if (access === 'edit') {
            if (field.calculated || field.autoNumber || field.audit || field.type === 'ID')
                return false;
            if (!field.createable && !field.updateable) return false;
            if (!rights.has('edit') && !rights.has('create')) return false;
        }
        const effective = this.effective(userId);
        if (effective.profile.modifyAllData || effective.userPermissions.has('ModifyAllData'))
            return true;
        if (!field.permissionable) return true;
        if (!field.custom && !object.custom) return true;
        if (object.isCustomMetadata && rights.has('read')) return access === 'read';
        const grant = effective.fields.get(`${object.name}.${field.name}`.toLowerCase());
        if (!grant) return false;
        return access === 'read' ? grant.read : grant.edit;
    }

    hasUserPermission(userId: string, name: string): boolean {
        const effective = this.effective(userId);
        return (
            effective.userPermissions.has(name) ||
            (name !== 'ModifyAllData' &&
                effective.userPermissions.has('ModifyAllData') &&
                ['ViewAllData', 'ManageUsers', 'ViewSetup'].includes(name))
        );
    }

    /** Custom permissions through the SetupEntityAccess rows of the user's permission sets (none implicit, aer v0.0.52). */
    hasCustomPermission(userId: string, name: string): boolean {
        return this.setupEntities(userId, 'CustomPermission').has(name.toLowerCase());
    }

    /** Apex class access through SetupEntityAccess (profiles of administrators see every class). */
    hasClassAccess(userId: string, className: string): boolean {
        const effective = this.effective(userId);
        if (effective.profile.modifyAllData || effective.userPermissions.has('AuthorApex'))
            return true;
        return this.setupEntities(userId, 'ApexClass').has(className.toLowerCase());
    }

    private setupEntities(userId: string, type: 'CustomPermission' | 'ApexClass'): Set<string> {
        const names = new Set<string>();
        const access = this.db.store.table(this.schema.require('SetupEntityAccess'));
        for (const set of this.assignedSetRows(userId)) {
            for (const grant of access.lookup('parentid', set.id) ?? []) {
                if (grant.get('setupentitytype') !== type) continue;
                const entity = this.db.row(String(grant.get('setupentityid') ?? ''));
                const name = entity?.get(type === 'CustomPermission' ? 'developername' : 'name');
                if (typeof name === 'string') names.add(name.toLowerCase());
            }
        }
        return names;
    }

    // ---- record access (sharing, UserRecordAccess) ----

    /** The user's access to a stored record through sharing, before object permissions. */
    recordLevel(userId: string, row: StoredRow): AccessLevel {
        return this.sharing.level(userId, row);
    }

    /** A test for the rows of an object the user may read through sharing; null when all are readable. */
    readFilter(userId: string, object: ObjectDescribe): ((row: StoredRow) => boolean) | null {
        return this.sharing.readFilter(userId, object);
    }

    /**
     * UserRecordAccess columns (Object Reference: UserRecordAccess): the record-level access
     * sharing gives (security/sharing.ts), within what the user's object permissions allow.
     * An Id that is not a live record gives no access.
     */
    recordAccess(userId: string, recordId: string): Record<string, boolean | string> {
        const none = {
            HasReadAccess: false,
            HasEditAccess: false,
            HasDeleteAccess: false,
            HasTransferAccess: false,
            HasAllAccess: false,
            MaxAccessLevel: 'None',
        };
        const row = this.db.row(recordId);
        if (!row || row.deleted) return none;
        const rights = this.rights(userId, row.table.object);
        if (!rights.has('read')) return none;
        const level = capByRights(this.sharing.level(userId, row), rights);
        const order = ['None', 'Read', 'Edit', 'Delete', 'Transfer', 'All'];
        const at = order.indexOf(level);
        return {
            HasReadAccess: at >= 1,
            HasEditAccess: at >= 2,
            HasDeleteAccess: at >= 3,
            HasTransferAccess: at >= 4,
            HasAllAccess: at >= 5,
            MaxAccessLevel: level,
        };
    }

    // ---- stripInaccessible ----

    /**
     * Security.stripInaccessible (Apex Reference: Security Class): copies of the records
     * without the fields the user cannot access for the access type, the removed fields by
     * object, and which records changed. READABLE also strips parent records and child lists.
     * Without object access for the access type the call fails (enforceRootObjectCRUD).
     */
    stripInaccessible(
        userId: string,
        accessType: AccessType,
        records: SObjectValue[],
        enforceRootObjectCRUD = true,
    ): StripResult {
        const removed = new Map<string, Set<string>>();
        const modified = new Set<number>();
        const objectAccess =
            accessType === 'READABLE'
                ? ['read']
                : accessType === 'CREATABLE'
                  ? ['create']
                  : accessType === 'UPDATABLE'
                    ? ['edit']
                    : ['create', 'edit'];
        const strip = (
            record: SObjectValue,
            root: boolean,
        ): { copy: SObjectValue; changed: boolean } => {
            const object = this.schema.require(record.type.name);
            if (
                root &&
                enforceRootObjectCRUD &&
                !objectAccess.every((a) => this.canAccessObject(userId, object.name, a as 'read'))
            ) {
                throw systemException('NoAccessException', `No access to entity ${object.name}`);
            }
            const copy = new SObjectValue(record.type);
            copy.queried = record.queried;
            let changed = false;
            for (const [key, entry] of record.fields) {
                const field = object.fields.get(key);
                if (field) {
                    if (this.fieldAllowed(userId, object, field, accessType))
                        copy.fields.set(key, entry);
                    else {
                        changed = true;
                        const set = removed.get(object.name) ?? new Set<string>();
                        set.add(field.name);
                        removed.set(object.name, set);
                    }
                    continue;
                }
                const value: ApexValue = entry.value;
                if (accessType === 'READABLE' && value instanceof SObjectValue) {
                    const parent = strip(value, false);
                    changed ||= parent.changed;
                    copy.fields.set(key, { name: entry.name, value: parent.copy });
                } else if (accessType === 'READABLE' && value instanceof ListValue) {
                    const children = value.items.map((c) =>
                        c instanceof SObjectValue
                            ? strip(c, false)
                            : { copy: c as unknown as SObjectValue, changed: false },
                    );
                    changed ||= children.some((c) => c.changed);
                    copy.fields.set(key, {
                        name: entry.name,
                        value: new ListValue(
                            value.elementType,
                            children.map((c) => c.copy),
                        ),
                    });
                } else copy.fields.set(key, entry);
            }
            return { copy, changed };
        };
        const out = records.map((record, i) => {
            const { copy, changed } = strip(record, true);
            if (changed) modified.add(i);
            return copy;
        });
        return { records: out, removedFields: removed, modifiedIndexes: modified };
    }

    private fieldAllowed(
        userId: string,
        object: ObjectDescribe,
        field: FieldDescribe,
        accessType: AccessType,
    ): boolean {
        if (field.type === 'ID') return true;
        switch (accessType) {
            case 'READABLE':
                return this.canAccessField(userId, object.name, field.name, 'read');
            case 'CREATABLE':
                return (
                    field.createable && this.canAccessField(userId, object.name, field.name, 'edit')
                );
            case 'UPDATABLE':
                return (
                    field.updateable && this.canAccessField(userId, object.name, field.name, 'edit')
                );
            case 'UPSERTABLE':
                return (
                    field.createable &&
                    field.updateable &&
                    this.canAccessField(userId, object.name, field.name, 'edit')
                );
        }
    }
}

function capByRights(level: string, rights: Set<ObjectRight>): string {
    if (level === 'None' || level === 'Read') return level;
    if (!rights.has('edit')) return 'Read';
    if (level === 'Edit') return 'Edit';
    if (!rights.has('delete')) return 'Edit';
    return level;
}

/** The security model of an org: permission sets from source, assignments from the database. */
export function loadSecurity(
    projectRoot: string,
    schema: OrgSchema,
    db: LocalDatabase,
): SecurityModel {
    const model = new SecurityModel(schema, db, readPermissionSets(projectRoot));
    db.security = model;
    return model;
}

/**
 * The fields a field permission grants. A custom activity field is one field of Task and Event
 * (Object Reference: Activity; Help "Activity Custom Fields"): a permission set names it
 * `Activity.X__c`, and the grant holds for `Task.X__c` and `Event.X__c`.
 */
function fieldPermissionKeys(field: string): string[] {
    const key = field.toLowerCase();
    if (!key.startsWith('activity.')) return [key];
    const name = key.slice('activity.'.length);
    return [key, `task.${name}`, `event.${name}`];
}
