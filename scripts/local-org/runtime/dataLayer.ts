// The data layer as the runtime uses it (schema/, database/, soql/, security/ — see
// DESIGN.md "Interfaces"). This file is the one place that knows how those modules are
// put together.
import type { QueryContext } from '@apexdevtools/apex-parser';
import type { ApexValue, SObjectValue } from '../interpreter/values.ts';
import type { ObjectDescribe, OrgSchema } from '../schema/types.ts';
import type {
    AccessContext,
    DmlHooks,
    DmlOutcome,
    DmlRequest,
    UserContext,
} from '../database/types.ts';

export type { AccessContext, DmlHooks, DmlOutcome, DmlRequest, UserContext };

export interface QueryEnv {
    bind(name: string, ctx?: unknown): ApexValue;
    access: AccessContext;
    user: UserContext;
}

export type QueryResult =
    | { kind: 'records'; object: string; rows: SObjectValue[]; rowCount: number }
    | { kind: 'count'; count: number; rowCount: number }
    | { kind: 'aggregate'; rows: SObjectValue[]; rowCount: number };

export interface Database {
    /** A new record Id of the object (async job and cron trigger Ids too). */
    newId(objectName: string): string;
    /** The stored record with every field (null when there is none). */
    record(id: string): SObjectValue | null;
    /** The object of an Id: its stored row's, else the key prefix's (share rows share 02c). */
    objectOfId(id: string): ObjectDescribe | undefined;
    /** Rows written outside DML (no triggers, no rules): AsyncApexJob, CronTrigger, bulk loads. */
    loadRecords(object: string, rows: Record<string, unknown>[]): string[];
    /** Changes fields of a stored row outside DML (a job's status); undone by rollbacks. */
    updateSystemFields(id: string, values: Record<string, ApexValue>): void;
    savepoint(): unknown;
    rollback(savepoint: unknown): void;
    /** Forgets a savepoint (the changes since it stay; a rollback to it stays open until then). */
    release(savepoint: unknown): void;
    snapshot(): unknown;
    restore(snapshot: unknown): void;
    discard(snapshot: unknown): void;
    /** Test data isolation: SOQL sees only rows written from now on (and setup objects). */
    beginTestIsolation(): void;
    endTestIsolation(): void;
    /** The user field defaults, formulas (TODAY()) and audit fields take. */
    setCurrentUser(userId: string): void;
    dml(request: DmlRequest, hooks: DmlHooks): DmlOutcome;
    /** Custom metadata records of a type, as getAll() returns them (DeveloperName order). */
    customMetadata(type: string): SObjectValue[];
    /** The file holding a static resource's body (StaticResource.Body), or null. */
    staticResourceFile(id: string): string | null;
    /** Seeded rows: the organization, the running System Administrator, the standard price book. */
    readonly organizationId: string;
    readonly adminUserId: string;
    readonly standardPricebookId: string;
}

export interface StripResult {
    records: SObjectValue[];
    /** Object API name → removed field API names. */
    removedFields: Map<string, Set<string>>;
    modifiedIndexes: Set<number>;
}

export interface Security {
    /** Security.stripInaccessible: copies without the fields the user may not access. */
    stripInaccessible(
        userId: string,
        accessType: 'READABLE' | 'CREATABLE' | 'UPDATABLE' | 'UPSERTABLE',
        records: SObjectValue[],
        enforceRootObjectCRUD: boolean,
    ): StripResult;
    canAccessObject(
        userId: string,
        object: string,
        access: 'read' | 'create' | 'edit' | 'delete',
    ): boolean;
    canAccessField(userId: string, object: string, field: string, access: 'read' | 'edit'): boolean;
    hasCustomPermission(userId: string, name: string): boolean;
    /**
     * Permission set assignments inserted from now on do not count for the user until thawed:
     * a grant made in a test method takes effect inside System.runAs (or after startTest).
     */
    freezeAssignments(userId: string): void;
    thawAssignments(userId: string): void;
}

export interface DataLayer {
    /** Formula fields, defaults and validation rules outside the formula subset (owner, message). */
    formulaProblems(): { owner: string; message: string }[];
    schema: OrgSchema;
    db: Database;
    security: Security;
    query(query: QueryContext | string, env: QueryEnv): QueryResult;
}
