// Rows of the activity relation objects (Object Reference: TaskRelation, TaskWhoRelation,
// EventRelation, EventWhoRelation), computed from Task and Event rows when a query asks: one
// row for the WhoId (and, for TaskRelation/EventRelation, one for the WhatId) of each activity,
// plus the TaskRelation/EventRelation rows inserted for further contacts, related records and
// invitees (the Who views show the contacts and leads among them, not invitees only).
import { toId } from '../interpreter/coerce.ts';
import type { ApexValue } from '../interpreter/values.ts';
import type { LocalDatabase } from '../database/database.ts';
import { StoredRow } from '../database/store.ts';
import type { ObjectDescribe } from '../schema/types.ts';

interface RelationKind {
    activity: 'Task' | 'Event';
    whoOnly: boolean;
}

const KINDS: Record<string, RelationKind> = {
    taskrelation: { activity: 'Task', whoOnly: false },
    taskwhorelation: { activity: 'Task', whoOnly: true },
    eventrelation: { activity: 'Event', whoOnly: false },
    eventwhorelation: { activity: 'Event', whoOnly: true },
};

export function isActivityRelation(object: ObjectDescribe): boolean {
    return object.name.toLowerCase() in KINDS;
}

/** Narrowing of the activities to read: by activity Ids or by related record Ids. */
export interface ActivityFilter {
    activityIds?: string[];
    relationIds?: string[];
}

export function activityRelationRows(
    db: LocalDatabase,
    object: ObjectDescribe,
    filter: ActivityFilter = {},
): StoredRow[] {
    const kind = KINDS[object.name.toLowerCase()];
    if (!kind) return [];
    const activityObject = db.schema.require(kind.activity);
    const activities = db.store.table(activityObject);
    let source: Iterable<StoredRow>;
    if (filter.activityIds) {
        source = filter.activityIds
            .map((id) => db.row(id))
            .filter((r): r is StoredRow => r !== undefined && r.table === activities);
    } else if (filter.relationIds) {
        const found = new Set<StoredRow>();
        for (const id of filter.relationIds) {
            for (const field of kind.whoOnly ? ['whoid'] : ['whoid', 'whatid'])
                for (const r of activities.lookup(field, id) ?? []) found.add(r);
        }
        source = [...found].sort((a, b) => a.seq - b.seq);
    } else {
        source = activities.scan();
    }
    const table = db.store.table(object);
    const rows: StoredRow[] = [];
    const activityKey = `${kind.activity.toLowerCase()}id`;
    for (const activity of source) {
        if (activity.deleted) continue;
        const relations: [ApexValue, boolean][] = [[activity.get('whoid'), false]];
        if (!kind.whoOnly) relations.push([activity.get('whatid'), true]);
        for (const [relationId, isWhat] of relations) {
            if (typeof relationId !== 'string') continue;
            const values = new Map<string, ApexValue>([
                ['relationid', relationId],
                [activityKey, activity.id],
                ['accountid', activity.get('accountid')],
            ]);
            if (kind.whoOnly) values.set('type', db.row(relationId)?.table.object.name ?? null);
            else values.set('iswhat', isWhat);
            if (kind.activity === 'Event' && !kind.whoOnly) {
                values.set('isparent', true);
                values.set('isinvitee', false);
                values.set('status', 'New');
                values.set('respondeddate', null);
                values.set('response', null);
            }
            // A stable Id per activity and relation: the object's prefix, the activity's sequence, who or what.
            const id = toId(`${object.keyPrefix}${activity.id.slice(4, 15)}${isWhat ? '1' : '0'}`);
            values.set('id', id);
            rows.push(new StoredRow(id, table, values, activity.seq));
        }
    }
    for (const stored of storedRelations(db, kind, filter)) {
        const activity = db.row(stored.get(activityKey) as string);
        if (!activity || activity.deleted) continue;
        const relationId = stored.get('relationid');
        if (typeof relationId !== 'string') continue;
        // the WhoId and WhatId rows are computed above: a stored row naming them is the same relation
        if (relationId === activity.get('whoid') || relationId === activity.get('whatid')) continue;
        const relation = db.row(relationId);
        const accountId =
            relation?.table.object.name === 'Contact'
                ? relation.get('accountid')
                : activity.get('accountid');
        if (!kind.whoOnly) {
            const values = new Map(stored.values);
            values.set('accountid', accountId);
            rows.push(new StoredRow(stored.id, table, values, stored.seq));
            continue;
        }
        if (stored.get('iswhat') === true) continue;
        if (kind.activity === 'Event' && stored.get('isparent') !== true) continue;
        const id = toId(`${object.keyPrefix}${stored.id.slice(4, 15)}2`);
        const values = new Map<string, ApexValue>([
            ['id', id],
            ['relationid', relationId],
            [activityKey, activity.id],
            ['accountid', accountId],
            ['type', relation?.table.object.name ?? null],
        ]);
        rows.push(new StoredRow(id, table, values, stored.seq));
    }
    return rows;
}

/** TaskRelation/EventRelation rows inserted for these activities or related records. */
function storedRelations(
    db: LocalDatabase,
    kind: RelationKind,
    filter: ActivityFilter,
): StoredRow[] {
    const base = db.store.table(db.schema.require(`${kind.activity}Relation`));
    const activityKey = `${kind.activity.toLowerCase()}id`;
    const byField = (field: string, ids: string[]): StoredRow[] =>
        ids.flatMap(
            (id) => base.lookup(field, id) ?? base.scan().filter((r) => r.get(field) === id),
        );
    const rows = filter.activityIds
        ? byField(activityKey, filter.activityIds)
        : filter.relationIds
          ? byField('relationid', filter.relationIds)
          : base.scan();
    return rows.filter((r) => !r.deleted);
}
