// Saving records for the REST API: one DML statement of the local org per call (triggers,
// validation rules, required fields, restricted picklists, duplicate and lookup checks — the
// org's own rules) in user mode, so the session user's object permissions apply. Before the
// statement the API's own check runs: a field the user may not edit is refused with
// INVALID_FIELD_FOR_INSERT_UPDATE naming it, as the REST API does.
import type { DmlError, DmlOperation } from '../database/types.ts';
import { storeField } from '../interpreter/sobjects.ts';
import { SObjectValue } from '../interpreter/values.ts';
import type { LocalOrg } from '../runtime/org.ts';
import type { ObjectDescribe } from '../schema/types.ts';

export type SaveOperation = Extract<DmlOperation, 'insert' | 'update' | 'upsert' | 'delete'>;

export interface RowOutcome {
    id: string | null;
    success: boolean;
    errors: DmlError[];
    /** upsert: whether the row was inserted. */
    created?: boolean;
}

export const ROLLED_BACK: DmlError = {
    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    message:
        'Record rolled back because not all records were valid and the request was using AllOrNone header',
    fields: [],
};

export class Saver {
    constructor(
        private readonly org: LocalOrg,
        private readonly userId: string,
    ) {}

    /** A record of `object` holding only its Id (delete). */
    idRecord(object: ObjectDescribe, id: string): SObjectValue {
        const type = this.org.schemaApi.typeSchema(object);
        const record = new SObjectValue(type);
        const info = type.fieldInfo.get('id');
        if (info) storeField(record, info, id);
        return record;
    }

    /** Fields of the record the user may not write (REST's field-level security check). */
    private deniedFields(object: ObjectDescribe, record: SObjectValue): string[] {
        const security = this.org.data.security;
        const denied: string[] = [];
        for (const [key, entry] of record.fields) {
            if (key === 'id' || !object.fields.has(key)) continue; // parents given by external id
            if (!security.canAccessField(this.userId, object.name, entry.name, 'edit'))
                denied.push(entry.name);
        }
        return denied;
    }

    /**
     * One statement over records of one object. With allOrNone, a failure anywhere saves
     * nothing and every other row reports ALL_OR_NONE_OPERATION_ROLLED_BACK.
     */
    save(
        operation: SaveOperation,
        object: ObjectDescribe,
        records: SObjectValue[],
        allOrNone: boolean,
        externalIdField?: string,
    ): RowOutcome[] {
        const outcomes: (RowOutcome | null)[] = records.map((record) => {
            if (operation === 'delete') return null;
            const denied = this.deniedFields(object, record);
            if (denied.length === 0) return null;
            return {
                id: idOf(record),
                success: false,
                errors: [
                    {
                        statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
                        message: `Unable to create/update fields: ${denied.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
                        fields: denied,
                    },
                ],
            };
        });
        const refused = outcomes.some((outcome) => outcome !== null);
        if (allOrNone && refused) return rolledBack(operation, records, outcomes);
        const sent = records.filter((_, index) => outcomes[index] === null);
        const dml = this.org.database.perform(
            operation,
            sent,
            allOrNone,
            'user',
            externalIdField ?? null,
        );
        const results = dml?.results ?? [];
        let next = 0;
        const merged = outcomes.map((outcome, index): RowOutcome => {
            if (outcome) return outcome;
            const result = results[next++];
            const record = records[index] as SObjectValue;
            return {
                id: result?.id ?? (operation === 'insert' ? null : idOf(record)),
                success: result?.success ?? false,
                errors: result?.errors ?? [],
                ...(operation === 'upsert' ? { created: result?.created === true } : {}),
            };
        });
        if (dml?.allOrNoneFailed) return rolledBack(operation, records, merged);
        return merged;
    }
}

function idOf(record: SObjectValue): string | null {
    const id = record.fields.get('id')?.value ?? null;
    return typeof id === 'string' ? id : null;
}

/** Every row failed: those with their own errors keep them, the others were rolled back. */
function rolledBack(
    operation: SaveOperation,
    records: SObjectValue[],
    outcomes: (RowOutcome | null)[],
): RowOutcome[] {
    return records.map((record, index) => {
        const own = outcomes[index];
        const errors = own && own.errors.length > 0 ? own.errors : [ROLLED_BACK];
        const id = operation === 'insert' ? null : (own?.id ?? idOf(record));
        return { id, success: false, errors };
    });
}
