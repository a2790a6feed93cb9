// The interfaces between the data layer and the runtime (see DESIGN.md).
import type { SObjectValue } from '../interpreter/values.ts';

/**
 * How a statement is checked: system mode (no CRUD/FLS), user mode, or WITH SECURITY_ENFORCED;
 * and whether record-level sharing applies. User mode always applies sharing; otherwise the
 * sharing keyword of the running class decides (Apex Developer Guide: "Enforce User Mode for
 * Database Operations", "Using the with sharing, without sharing, and inherited sharing
 * Keywords"): `sharing` is true in `with sharing` code.
 */
export interface AccessContext {
    mode: 'system' | 'user' | 'security_enforced';
    userId: string;
    sharing?: boolean;
}

/** A user's access to a record (UserRecordAccess.MaxAccessLevel), weakest first. */
export type RecordAccessLevel = 'None' | 'Read' | 'Edit' | 'Delete' | 'Transfer' | 'All';

export type DmlOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete' | 'merge';

export type TriggerEvent =
    | 'BEFORE_INSERT'
    | 'AFTER_INSERT'
    | 'BEFORE_UPDATE'
    | 'AFTER_UPDATE'
    | 'BEFORE_DELETE'
    | 'AFTER_DELETE'
    | 'AFTER_UNDELETE';

/**
 * Which kinds of objects a transaction (or a System.runAs block, which is its own context)
 * has written, for MIXED_DML_OPERATION. The runtime owns one per context.
 */
export interface MixedDmlState {
    setupObject: string | null;
    nonSetupObject: string | null;
}

export interface DmlRequest {
    operation: DmlOperation;
    /** The caller's records; Ids are written back on insert; delete/undelete may pass Id-only records. */
    records: SObjectValue[];
    allOrNone: boolean;
    /** upsert: the external-id field (API name); Id when absent. */
    externalIdField?: string;
    /** merge: the master record; `records` are the records merged into it (at most two). */
    mergeMaster?: SObjectValue;
    access: AccessContext;
    mixedDml?: MixedDmlState;
}

/** What a trigger chunk did besides changing Trigger.new and adding errors to its rows. */
export interface TriggerOutcome {
    /**
     * An uncaught (catchable) exception in the trigger: every row of the chunk fails with this
     * message, as the platform reports it ("XTrigger: execution of BeforeInsert\n\ncaused by: …").
     */
    failure?: { message: string; statusCode?: string };
}

export interface DmlHooks {
    /**
     * Fires the object's triggers for one chunk of at most 200 records. `newRecords` may be
     * changed in before events (the changes are saved) and rows marked with addError
     * (SObjectValue.errors). Throwing aborts the whole statement (it is rolled back and the
     * error rethrown): use it for exceptions Apex cannot catch.
     */
    trigger(
        event: TriggerEvent,
        objectName: string,
        newRecords: SObjectValue[] | null,
        oldRecords: SObjectValue[] | null,
    ): TriggerOutcome | void;
    /** Rows the statement processes (DML row limit); the runtime keeps the limits. */
    countRows?(n: number): void;
    /** A partial-success retry is about to start: limits go back to where the statement began. */
    retry?(attempt: number): void;
}

export interface DmlError {
    statusCode: string;
    message: string;
    /** API names. */
    fields: string[];
}

export interface RowResult {
    /** The record's Id (insert: set when saved; null if it failed). */
    id: string | null;
    success: boolean;
    errors: DmlError[];
    /** upsert: true when the row was inserted. */
    created?: boolean;
    /** merge: the merged (deleted) records and the children moved to the master. */
    mergedRecordIds?: string[];
    updatedRelatedIds?: string[];
}

export interface DmlOutcome {
    operation: DmlOperation;
    results: RowResult[];
    /** allOrNone and at least one row failed: nothing was saved; the runtime throws DmlException. */
    allOrNoneFailed: boolean;
}

/** The running user as queries and rules see them. */
export interface UserContext {
    id: string;
    timeZone: string;
}
