// One Apex transaction: its governor limits (and the fresh set Test.startTest() opens), the
// running user and the System.runAs contexts, the trigger contexts in progress, the async
// work it queued, its savepoints and the test-method state.
import type { MethodDecl } from '../interpreter/classes.ts';
import type { ApexValue, InstanceValue, ListValue, MapValue } from '../interpreter/values.ts';
import { LimitCounters } from './limits.ts';

export type AsyncKind = 'queueable' | 'batch' | 'future' | 'scheduled';

/** The Trigger context of one chunk of a DML statement (Trigger.new, Trigger.old …). */
export interface TriggerFrame {
    /** TriggerOperation name, e.g. AFTER_UPDATE. */
    operation: string;
    objectName: string;
    newList: ListValue | null;
    oldList: ListValue | null;
    newMap: MapValue | null;
    oldMap: MapValue | null;
    size: number;
}

export interface QueuedJob {
    kind: AsyncKind;
    /** AsyncApexJob Id (CronTrigger Id for scheduled jobs). */
    id: string;
    /** The Queueable, Batchable or Schedulable object (an @future call has the method instead). */
    job: InstanceValue;
    /** @future: the method and its arguments. */
    future?: { method: MethodDecl; args: ApexValue[] };
    /** The user who queued it: the job runs as this user. */
    userId: string;
    /** Batch scope size. */
    scope: number;
    /** Scheduled jobs: the name and cron expression. */
    name?: string;
    cron?: string;
    /** A Finalizer attached while the job ran. */
    finalizer?: InstanceValue | null;
    /** The savepoint depth when it was queued (a rollback below it discards the job). */
    savepointMark: number;
    /** Queued while a scheduled job or a batch ran (not run by Test.stopTest, as on the platform). */
    queuedByAsync: boolean;
}

/** A System.runAs block is its own context for MIXED_DML_OPERATION. */
export interface MixedDmlState {
    setupObject: string | null;
    nonSetupObject: string | null;
}

export class Transaction {
    limits: LimitCounters;
    /** The limit contexts Test.startTest() set aside, restored by Test.stopTest(). */
    private readonly outerLimits: LimitCounters[] = [];
    /** Running users, innermost last: [0] the transaction's user, then System.runAs users. */
    readonly users: string[];
    /** One mixed-DML state per runAs level. */
    readonly mixedDml: MixedDmlState[] = [{ setupObject: null, nonSetupObject: null }];
    readonly triggers: TriggerFrame[] = [];
    readonly queue: QueuedJob[] = [];
    /** The job running now (its Finalizer may be attached). */
    currentJob: QueuedJob | null = null;
    /** Open savepoints, outermost first. */
    readonly savepoints: unknown[] = [];
    testStarted = false;
    /** An @future job: its method call has started (calls it makes are queued again). */
    futureStarted = false;
    testStopped = false;
    batchesStarted = 0;
    /** Scheduled job names in use (duplicates are refused). */
    readonly scheduledNames = new Set<string>();

    constructor(
        userId: string,
        readonly asyncKind: AsyncKind | null,
        readonly isTest: boolean,
    ) {
        this.users = [userId];
        this.limits = new LimitCounters(asyncKind !== null);
    }

    get userId(): string {
        return this.users[this.users.length - 1] as string;
    }

    get mixed(): MixedDmlState {
        return this.mixedDml[this.mixedDml.length - 1] as MixedDmlState;
    }

    /** Test.startTest(): a fresh set of limits until Test.stopTest(). */
    openFreshLimits(): void {
        this.outerLimits.push(this.limits);
        this.limits = new LimitCounters(this.limits.async);
    }

    /** Test.stopTest(): back to the limits used before Test.startTest(). */
    closeFreshLimits(): void {
        const outer = this.outerLimits.pop();
        if (outer) this.limits = outer;
    }

    get trigger(): TriggerFrame | null {
        return this.triggers[this.triggers.length - 1] ?? null;
    }
}

/** Values a queued job keeps for its context object (getJobId …). */
export interface JobContextData {
    jobId: string;
    result?: ApexValue;
}
