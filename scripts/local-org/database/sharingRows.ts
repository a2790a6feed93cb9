// The sharing rows the platform keeps itself, and the rules on share rows Apex writes.
// - An object with a share object and a Private or Public Read Only default keeps an Owner row
//   (RowCause Owner, full access) for every record; it follows the owner, and a new owner
//   drops the record's manual shares (Help: "Granting Access to Records": "manual shares are
//   removed when the record owner changes"; Apex managed shares stay).
// - A new role gets its Role and RoleAndSubordinates groups, which sharing can name (Object
//   Reference: Group, RelatedId); they go with the role.
// - A share row Apex inserts or updates (Apex Developer Guide: "Sharing a Record Using Apex"):
//   its row cause must be Manual or one of the object's Apex sharing reasons, its access level
//   must be more permissive than the org-wide default and not All (platform-managed), its user
//   must be active; a second row for the same record, user or group and reason is not added
//   (the existing row takes the new access level).
import { DatetimeValue } from '../interpreter/values.ts';
import type { ApexValue } from '../interpreter/values.ts';
import { keepsShareRows } from '../schema/shares.ts';
import type { ObjectDescribe, ShareObjectInfo } from '../schema/types.ts';
import type { LocalDatabase } from './database.ts';
import type { StoredRow } from './store.ts';
import type { DmlError, RecordAccessLevel } from './types.ts';

const ACCESS_ORDER: RecordAccessLevel[] = ['None', 'Read', 'Edit', 'Delete', 'Transfer', 'All'];

/** Whether an access level reaches the one wanted. */
export function accessAtLeast(level: RecordAccessLevel, wanted: RecordAccessLevel): boolean {
    return ACCESS_ORDER.indexOf(level) >= ACCESS_ORDER.indexOf(wanted);
}

const RANK: Record<string, number> = { None: 0, Read: 1, Edit: 2, All: 3 };

/** What the org-wide default gives everyone, on the scale of share access levels. */
function defaultRank(model: string | undefined): number {
    switch (model) {
        case 'Read':
            return 1;
        case 'ReadWrite':
        case 'ReadWriteTransfer':
        case 'FullAccess':
            return 2;
        default:
            return 0;
    }
}

function shareObjectOf(db: LocalDatabase, object: ObjectDescribe): ObjectDescribe | undefined {
    return object.shareObject ? db.schema.object(object.shareObject) : undefined;
}

function ownerRowValues(
    db: LocalDatabase,
    share: ObjectDescribe,
    info: ShareObjectInfo,
    parentId: string,
    ownerId: string,
    userId: string,
): Map<string, ApexValue> {
    const values = new Map<string, ApexValue>([
        [info.parentField.toLowerCase(), parentId],
        ['userorgroupid', ownerId],
        [info.accessField.toLowerCase(), 'All'],
        ['rowcause', 'Owner'],
        ['lastmodifieddate', new DatetimeValue(db.stamp())],
        ['lastmodifiedbyid', userId],
    ]);
    // The owner's access to the account's children comes from its role, not this row.
    for (const field of Object.values(info.childAccessFields))
        if (share.fields.has(field.toLowerCase())) values.set(field.toLowerCase(), 'None');
    return values;
}

/** After a record is written: its Owner share row, and what a new owner takes away. */
export function maintainSharingRows(
    db: LocalDatabase,
    object: ObjectDescribe,
    stored: StoredRow,
    previousOwner: ApexValue | undefined,
    userId: string,
): void {
    if (object.name === 'UserRole' && previousOwner === undefined) {
        addRoleGroups(db, stored, userId);
        return;
    }
    const share = shareObjectOf(db, object);
    const info = share?.shareOf;
    if (!share || !info || !keepsShareRows(object.sharingModel)) return;
    const owner = stored.get('ownerid');
    if (typeof owner !== 'string') return;
    const table = db.store.table(share);
    if (previousOwner === undefined) {
        db.store.insert(
            share,
            db.newId(share),
            ownerRowValues(db, share, info, stored.id, owner, userId),
        );
        return;
    }
    if (previousOwner === owner) return;
    for (const row of table.lookup(info.parentField.toLowerCase(), stored.id) ?? []) {
        const cause = row.get('rowcause');
        if (cause === 'Owner')
            db.store.update(
                row,
                new Map<string, ApexValue>([
                    ['userorgroupid', owner],
                    ['lastmodifieddate', new DatetimeValue(db.stamp())],
                    ['lastmodifiedbyid', userId],
                ]),
            );
        else if (cause === 'Manual') db.store.purge(row);
    }
}

/** Owner rows for records loaded straight into the store (LocalDatabase.loadRecords). */
export function ownerRowsForLoad(db: LocalDatabase, object: ObjectDescribe, ids: string[]): void {
    for (const id of ids) {
        const row = db.row(id);
        if (row) maintainSharingRows(db, object, row, undefined, db.currentUserId);
    }
}

function addRoleGroups(db: LocalDatabase, role: StoredRow, userId: string): void {
    const group = db.schema.object('Group');
    if (!group) return;
    const stamp = new DatetimeValue(db.stamp());
    for (const type of ['Role', 'RoleAndSubordinates']) {
        db.store.insert(
            group,
            db.newId(group),
            new Map<string, ApexValue>([
                ['name', role.get('name')],
                ['developername', role.get('developername')],
                ['type', type],
                ['relatedid', role.id],
                ['doesincludebosses', true],
                ['doessendemailtomembers', false],
                ['createddate', stamp],
                ['lastmodifieddate', stamp],
                ['systemmodstamp', stamp],
                ['createdbyid', userId],
                ['lastmodifiedbyid', userId],
            ]),
        );
    }
}

/** The rules on a share row Apex writes; an error, or null. */
export function shareRowError(
    db: LocalDatabase,
    share: ObjectDescribe,
    values: Map<string, ApexValue>,
): DmlError | null {
    const info = share.shareOf as ShareObjectInfo;
    const parentObject = db.schema.object(info.parent);
    const cause = values.get('rowcause');
    const manageable = ['Manual', ...(parentObject?.sharingReasons ?? [])];
    if (
        typeof cause === 'string' &&
        !manageable.some((c) => c.toLowerCase() === cause.toLowerCase())
    )
        return {
            statusCode: 'FIELD_INTEGRITY_EXCEPTION',
            message: `field integrity exception: RowCause (${cause} sharing is maintained by the platform)`,
            fields: ['RowCause'],
        };
    const principal = values.get('userorgroupid');
    const user = typeof principal === 'string' ? db.row(principal) : undefined;
    if (user && user.table.object.name === 'User' && user.get('isactive') === false)
        return {
            statusCode: 'INACTIVE_OWNER_OR_USER',
            message: 'owner or user is inactive.',
            fields: [],
        };
    const levelField = info.accessField.toLowerCase();
    const level = String(values.get(levelField) ?? '');
    if (level === 'All')
        return {
            statusCode: 'FIELD_INTEGRITY_EXCEPTION',
            message: `field integrity exception: ${info.accessField} (All is granted by the platform only)`,
            fields: [info.accessField],
        };
    const owd = defaultRank(parentObject?.sharingModel);
    const above = (RANK[level] ?? 0) > owd;
    if (share.custom) {
        if (!above)
            return {
                statusCode: 'FIELD_FILTER_VALIDATION_EXCEPTION',
                message: `AccessLevel (${level}) must be more permissive than the object's default access (${parentObject?.sharingModel})`,
                fields: [info.accessField],
            };
        return null;
    }
    // AccountShare / OpportunityShare: at least the defaults, and above them somewhere.
    const levels = [level];
    const defaults = [owd];
    for (const [child, field] of Object.entries(info.childAccessFields)) {
        const childLevel = values.get(field.toLowerCase());
        if (childLevel === null || childLevel === undefined) continue;
        levels.push(String(childLevel));
        defaults.push(defaultRank(db.schema.orgWideDefault(child)));
    }
    const ranks = levels.map((l) => RANK[l] ?? 0);
    if (
        ranks.some((r, i) => r < (defaults[i] as number)) ||
        !ranks.some((r, i) => r > (defaults[i] as number))
    )
        return {
            statusCode: 'INVALID_ACCESS_LEVEL',
            message: `Levels (${levels.join(', ')}) are below or equal to organization levels`,
            fields: [],
        };
    return null;
}

/** An existing row for the same record, user or group and reason (a second insert updates it). */
export function existingShareRow(
    db: LocalDatabase,
    share: ObjectDescribe,
    values: Map<string, ApexValue>,
): StoredRow | undefined {
    const info = share.shareOf as ShareObjectInfo;
    const parentId = values.get(info.parentField.toLowerCase());
    if (typeof parentId !== 'string') return undefined;
    const cause = String(values.get('rowcause') ?? '').toLowerCase();
    return (db.store.table(share).lookup(info.parentField.toLowerCase(), parentId) ?? []).find(
        (r) =>
            r.get('userorgroupid') === values.get('userorgroupid') &&
            String(r.get('rowcause') ?? '').toLowerCase() === cause,
    );
}
