// Rows of the activity relation objects (Object Reference: TaskRelation, TaskWhoRelation,
// EventRelation, EventWhoRelation), computed from Task and Event rows when a query asks: one
// row for the WhoId (and, for TaskRelation/EventRelation, one for the WhatId) of each activity.
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
    return rows;
}
