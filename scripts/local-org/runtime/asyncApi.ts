// Asynchronous Apex: System.enqueueJob (Queueable, with System.Finalizer), Database.executeBatch
// (Batchable with a QueryLocator or an Iterable), System.schedule (Schedulable). In tests the
// queued work runs at Test.stopTest() — one round: what those jobs queue is not run, as on the
// platform — each job in its own transaction with asynchronous limits, as the user who queued it.
import { unsupported } from '../interpreter/errors.ts';
import {
    ApexThrown,
    newException,
    npe,
    systemException,
    systemExceptionClass,
} from '../interpreter/exceptions.ts';
import { nativeType } from '../interpreter/natives.ts';
import {
    DatetimeValue,
    EnumValue,
    InstanceValue,
    IntegerValue,
    ListValue,
    NativeValue,
    SObjectValue,
    typeRef,
} from '../interpreter/values.ts';
import type { ApexValue, NativeType } from '../interpreter/values.ts';
import type { LocalOrg } from './org.ts';
import type { MethodDecl } from '../interpreter/classes.ts';
import type { AsyncKind, QueuedJob } from './transaction.ts';

const DEFAULT_BATCH_SCOPE = 200;
const MAX_BATCH_SCOPE = 2000;

/** An exception Apex cannot catch (it ends the test method). */
function uncatchable(name: 'UnexpectedException' | 'AsyncException', message: string): ApexThrown {
    const e = newException(systemExceptionClass(name), message);
    e.native = { uncatchable: true };
    return new ApexThrown(e);
}

/** Jobs one request may set off, chains included, before the local org gives up on it. */
export const MAX_JOBS_AFTER_REQUEST = 10_000;

export class AsyncApi {
    private readonly contextTypes: Record<'queueable' | 'scheduled' | 'batch', NativeType>;
    private readonly finalizerContextType: NativeType;
    /** While runAfterRequest runs: the jobs that the jobs running now queue (chains). */
    private chained: QueuedJob[] | null = null;

    constructor(private readonly org: LocalOrg) {
        const contextMethod = (self: NativeValue, name: string): ApexValue | undefined => {
            const data = self.data as { jobId: string; triggerId: string | null };
            switch (name) {
                case 'getjobid':
                    return data.jobId;
                case 'gettriggerid':
                    return data.triggerId ?? data.jobId;
                case 'getchildjobid':
                    return data.jobId;
            }
            return undefined;
        };
        // one type per context, so that execute(QueueableContext) and execute(SchedulableContext)
        // overloads of one class are told apart
        this.contextTypes = {
            queueable: nativeType('System.QueueableContext', { method: contextMethod }),
            scheduled: nativeType('System.SchedulableContext', { method: contextMethod }),
            batch: nativeType('Database.BatchableContext', { method: contextMethod }),
        };
        this.finalizerContextType = nativeType('System.FinalizerContext', {
            method(self, name) {
                const data = self.data as { jobId: string; exception: InstanceValue | null };
                switch (name) {
                    case 'getasyncapexjobid':
                    case 'getrequestid':
                        return data.jobId;
                    case 'getresult':
                        return new EnumValue(
                            'parentjobresult',
                            'System.ParentJobResult',
                            data.exception ? 'UNHANDLED_EXCEPTION' : 'SUCCESS',
                            data.exception ? 1 : 0,
                        );
                    case 'getexception':
                        return data.exception;
                }
                return undefined;
            },
        });
        for (const name of [
            'System.QueueableContext',
            'System.SchedulableContext',
            'Database.BatchableContext',
            'System.FinalizerContext',
            'System.AsyncOptions',
        ]) {
            this.org.natives.register({ name });
        }
    }

    private implementsInterface(job: InstanceValue, key: string): boolean {
        return this.org.interpreter.classIsA(job.cls, key);
    }

    /** The ApexClass row of a job's (top-level) class. */
    private apexClassId(job: InstanceValue): string | null {
        let name = job.cls.name;
        const dot = name.indexOf('.');
        if (dot > 0) name = name.slice(0, dot);
        const rows = this.org.systemQuery('SELECT Id FROM ApexClass WHERE Name = :name LIMIT 1', {
            name,
        });
        const id = rows[0]?.fields.get('id')?.value;
        return typeof id === 'string' ? id : null;
    }

    /** An AsyncApexJob row for a queued job (its Id is the job Id Apex gets back). */
    private jobRow(
        job: InstanceValue,
        jobType: string,
        cronTriggerId: string | null = null,
    ): string {
        const [id] = this.org.data.db.loadRecords('AsyncApexJob', [
            {
                ApexClassId: this.apexClassId(job),
                JobType: jobType,
                Status: 'Queued',
                NumberOfErrors: new IntegerValue(0),
                JobItemsProcessed: new IntegerValue(0),
                TotalJobItems: new IntegerValue(0),
                CronTriggerId: cronTriggerId,
            },
        ]);
        return id as string;
    }

    /** A CronTrigger (with its CronJobDetail) for System.schedule. */
    private cronRows(name: string, cron: string): string {
        const db = this.org.data.db;
        const [detailId] = db.loadRecords('CronJobDetail', [{ Name: name, JobType: '7' }]);
        const [triggerId] = db.loadRecords('CronTrigger', [
            {
                CronExpression: cron,
                CronJobDetailId: detailId,
                State: 'WAITING',
                TimesTriggered: new IntegerValue(0),
                TimeZoneSidKey: this.org.runningUser().timeZone,
                StartTime: new DatetimeValue(this.org.now()),
            },
        ]);
        return triggerId as string;
    }

    /** Records how a job ended on its AsyncApexJob row. */
    private finishRow(id: string, failure: ApexThrown | null, items: number): void {
        this.org.data.db.updateSystemFields(id, {
            Status: failure ? 'Failed' : 'Completed',
            CompletedDate: new DatetimeValue(this.org.now()),
            NumberOfErrors: new IntegerValue(failure ? 1 : 0),
            JobItemsProcessed: new IntegerValue(items),
            TotalJobItems: new IntegerValue(items),
            ExtendedStatus: failure
                ? `${failure.exception.cls.name}: ${failure.exception.message ?? ''}`.slice(0, 255)
                : null,
        });
    }

    private queue(job: Omit<QueuedJob, 'savepointMark' | 'queuedByAsync' | 'userId'>): void {
        const tx = this.org.tx;
        tx.queue.push({
            ...job,
            userId: tx.userId,
            savepointMark: tx.savepoints.length,
            queuedByAsync:
                tx.asyncKind === 'scheduled' ||
                tx.asyncKind === 'batch' ||
                tx.asyncKind === 'queueable',
        });
    }

    // ---------------------------------------------------------------- entry points

    enqueueJob(job: ApexValue, extra: ApexValue[]): string {
        if (job === null) throw npe();
        if (!(job instanceof InstanceValue) || !this.implementsInterface(job, 'queueable'))
            throw unsupported('System.enqueueJob of an object that is not a Queueable');
        if (extra.some((a) => a !== null && !(a instanceof IntegerValue)))
            throw unsupported('System.enqueueJob with AsyncOptions');
        const tx = this.org.tx;
        if (tx.isTest && tx.asyncKind === 'queueable') {
            // Apex tests cannot chain Queueables (Queueable Apex: "Testing Chained Jobs")
            throw systemException('AsyncException', 'Maximum stack depth has been reached.');
        }
        tx.limits.add('queueableJobs');
        const id = this.jobRow(job, 'Queueable');
        this.queue({ kind: 'queueable', id, job, scope: 0 });
        return id;
    }

    executeBatch(job: ApexValue, scopeArg: ApexValue): string {
        if (job === null) throw npe();
        if (!(job instanceof InstanceValue) || !this.implementsInterface(job, 'database.batchable'))
            throw unsupported(
                'Database.executeBatch of an object that is not a Database.Batchable',
            );
        const scope = scopeArg instanceof IntegerValue ? scopeArg.v : DEFAULT_BATCH_SCOPE;
        if (scope <= 0 || scope > MAX_BATCH_SCOPE)
            throw systemException('InvalidParameterValueException', `Invalid batch size: ${scope}`);
        const tx = this.org.tx;
        if (tx.isTest) {
            tx.batchesStarted++;
            if (tx.batchesStarted > 1) {
                throw uncatchable(
                    'UnexpectedException',
                    'No more than one executeBatch can be called from within a test method. Please make sure the iterable returned from your start method matches the batch size, resulting in one executeBatch invocation.',
                );
            }
        }
        const id = this.jobRow(job, 'BatchApex');
        this.queue({ kind: 'batch', id, job, scope });
        return id;
    }

    schedule(name: ApexValue, cron: ApexValue, job: ApexValue): string {
        if (name === null || cron === null || job === null) throw npe();
        if (typeof name !== 'string' || typeof cron !== 'string')
            throw unsupported('System.schedule with non-String name or cron expression');
        if (!(job instanceof InstanceValue) || !this.implementsInterface(job, 'schedulable'))
            throw unsupported('System.schedule of an object that is not a Schedulable');
        validateCron(cron);
        const tx = this.org.tx;
        if (tx.scheduledNames.has(name.toLowerCase())) {
            throw systemException(
                'AsyncException',
                `The Apex job named "${name}" is already scheduled for execution.`,
            );
        }
        tx.scheduledNames.add(name.toLowerCase());
        const id = this.cronRows(name, cron);
        this.queue({ kind: 'scheduled', id, job, scope: 0, name, cron });
        return id;
    }

    /**
     * An @future method call: queued as a job of its own (it runs when queued work runs), unless
     * it is that job running now. Returns false when the method must run in place.
     */
    futureCall(method: MethodDecl, args: ApexValue[]): boolean {
        const tx = this.org.tx;
        if (
            tx.asyncKind === 'future' &&
            tx.currentJob?.future?.method === method &&
            !tx.futureStarted
        ) {
            tx.futureStarted = true;
            return false;
        }
        if (tx.asyncKind === 'future' || tx.asyncKind === 'batch') {
            throw systemException(
                'AsyncException',
                `Future method cannot be called from a future or batch method: ${method.cls.name}.${method.name}()`,
            );
        }
        tx.limits.add('futureCalls');
        const [id] = this.org.data.db.loadRecords('AsyncApexJob', [
            {
                JobType: 'Future',
                Status: 'Queued',
                MethodName: method.name,
                NumberOfErrors: new IntegerValue(0),
                JobItemsProcessed: new IntegerValue(0),
                TotalJobItems: new IntegerValue(0),
            },
        ]);
        this.queue({
            kind: 'future',
            id: id as string,
            job: null as unknown as InstanceValue,
            scope: 0,
            future: { method, args },
        });
        return true;
    }

    attachFinalizer(finalizer: ApexValue): void {
        if (finalizer === null) throw npe();
        const tx = this.org.tx;
        if (tx.asyncKind !== 'queueable' || !tx.currentJob)
            throw systemException(
                'AsyncException',
                'Finalizers can only be attached in a Queueable',
            );
        if (
            !(finalizer instanceof InstanceValue) ||
            !this.implementsInterface(finalizer, 'finalizer')
        )
            throw unsupported('System.attachFinalizer of an object that is not a System.Finalizer');
        tx.currentJob.finalizer = finalizer;
    }

    /**
     * System.abortJob (Apex Reference: System Class): the job does not run; a scheduled job's
     * CronTrigger leaves the live states (State DELETED), a queued job's AsyncApexJob reads
     * Aborted (aer v1.2.9: the row stays).
     */
    abortJob(id: ApexValue): void {
        if (typeof id !== 'string') throw npe();
        const tx = this.org.tx;
        const index = tx.queue.findIndex((j) => j.id === id);
        if (index >= 0) {
            const [job] = tx.queue.splice(index, 1);
            if (job?.name) tx.scheduledNames.delete(job.name.toLowerCase());
        }
        const row = this.org.data.db.record(id);
        const object = row?.type.name.toLowerCase();
        if (object === 'crontrigger') this.org.data.db.updateSystemFields(id, { State: 'DELETED' });
        else if (object === 'asyncapexjob')
            this.org.data.db.updateSystemFields(id, { Status: 'Aborted' });
    }

    // ---------------------------------------------------------------- running queued work

    /**
     * Runs the queued jobs once (Test.stopTest(), or the end of a test method): jobs queued by
     * those jobs, or by a scheduled job or batch, are not run. The first job that throws stops
     * the round and its exception comes out.
     */
    runQueued(): void {
        const tx = this.org.tx;
        const round = tx.queue.splice(0).filter((j) => !j.queuedByAsync);
        for (const job of round) this.runJob(job, tx.isTest);
        tx.queue.length = 0;
        tx.scheduledNames.clear();
    }

    /**
     * After a request from outside the org (REST, Aura), as the platform runs async work in
     * production: Queueables, @future calls and batches (every chunk) run one after another,
     * then what they queued (chained Queueables, batches started from finish()), until nothing
     * is left. Scheduled jobs stay scheduled (their CronTrigger is WAITING); the local org has
     * no clock to fire them. A job that fails is recorded on its AsyncApexJob row (Failed,
     * ExtendedStatus) and does not fail the request, which has already committed.
     */
    runAfterRequest(): void {
        const tx = this.org.tx;
        let pending = tx.queue.splice(0);
        tx.scheduledNames.clear();
        let started = 0;
        while (pending.length > 0) {
            const chained: QueuedJob[] = [];
            this.chained = chained;
            try {
                for (const job of pending) {
                    if (job.kind === 'scheduled') continue;
                    if (++started > MAX_JOBS_AFTER_REQUEST)
                        throw unsupported(
                            `more than ${MAX_JOBS_AFTER_REQUEST} asynchronous jobs after one request (a job that always queues another?)`,
                        );
                    try {
                        this.runJob(job, false);
                    } catch (e) {
                        if (!(e instanceof ApexThrown)) throw e;
                    }
                }
            } finally {
                this.chained = null;
            }
            pending = chained;
        }
    }

    private runJob(job: QueuedJob, isTest: boolean): void {
        switch (job.kind) {
            case 'queueable':
                this.runQueueable(job, isTest);
                return;
            case 'scheduled':
                this.inJobTransaction(job, 'scheduled', isTest, () => {
                    this.org.interpreter.callInstanceMethod(job.job, 'execute', [
                        new NativeValue(this.contextTypes.scheduled, {
                            jobId: job.id,
                            triggerId: job.id,
                        }),
                    ]);
                });
                this.org.data.db.updateSystemFields(job.id, {
                    TimesTriggered: new IntegerValue(1),
                    PreviousFireTime: new DatetimeValue(this.org.now()),
                });
                return;
            case 'batch':
                this.runBatch(job, isTest);
                return;
            case 'future': {
                const call = job.future;
                if (!call) throw new Error('local-org: a future job without its method');
                let failure: ApexThrown | null = null;
                try {
                    this.inJobTransaction(job, 'future', isTest, () => {
                        this.org.interpreter.invoke(call.method, null, call.args);
                    });
                } catch (e) {
                    if (!(e instanceof ApexThrown)) throw e;
                    failure = e;
                }
                this.finishRow(job.id, failure, 1);
                if (failure) throw failure;
                return;
            }
        }
    }

    /** Runs `body` in a new asynchronous transaction; its changes are undone if it throws. */
    private inJobTransaction(
        job: QueuedJob,
        kind: AsyncKind,
        isTest: boolean,
        body: () => void,
    ): void {
        this.org.inTransaction({ userId: job.userId, asyncKind: kind, isTest }, (tx) => {
            tx.currentJob = job;
            const savepoint = this.org.data.db.savepoint();
            try {
                body();
            } catch (e) {
                if (e instanceof ApexThrown) this.org.data.db.rollback(savepoint);
                throw e;
            }
            // after a request (not in tests): what this job queued runs next, as on the platform
            this.chained?.push(...tx.queue);
        });
    }

    private runQueueable(job: QueuedJob, isTest: boolean): void {
        let failure: ApexThrown | null = null;
        try {
            this.inJobTransaction(job, 'queueable', isTest, () => {
                this.org.interpreter.callInstanceMethod(job.job, 'execute', [
                    new NativeValue(this.contextTypes.queueable, {
                        jobId: job.id,
                        triggerId: null,
                    }),
                ]);
            });
        } catch (e) {
            if (!(e instanceof ApexThrown)) throw e;
            failure = e;
        }
        const finalizer = job.finalizer;
        this.finishRow(job.id, failure, 1);
        if (finalizer) {
            this.inJobTransaction(job, 'queueable', isTest, () => {
                this.org.interpreter.callInstanceMethod(finalizer, 'execute', [
                    new NativeValue(this.finalizerContextType, {
                        jobId: job.id,
                        exception: failure?.exception ?? null,
                    }),
                ]);
            });
        }
        if (failure) throw failure;
    }

    private runBatch(job: QueuedJob, isTest: boolean): void {
        const context = new NativeValue(this.contextTypes.batch, {
            jobId: job.id,
            triggerId: null,
        });
        let rows: ApexValue[] = [];
        let processed = 0;
        try {
            this.inJobTransaction(job, 'batch', isTest, () => {
                const started =
                    this.org.interpreter.callInstanceMethod(job.job, 'start', [context]) ?? null;
                if (started === null) throw npe();
                if (
                    started instanceof NativeValue &&
                    started.type === this.org.database.queryLocatorType
                ) {
                    rows = (started.data as { rows: SObjectValue[] }).rows;
                } else if (started instanceof ListValue) {
                    rows = started.items;
                } else
                    throw unsupported(
                        'a batch start() that returns something other than a QueryLocator or List',
                    );
            });
            // in a test, one execute() call with the first chunk (Batch Apex: "Testing Batch Apex")
            const chunks: ApexValue[][] = [];
            for (let i = 0; i < rows.length; i += job.scope)
                chunks.push(rows.slice(i, i + job.scope));
            for (const chunk of isTest ? chunks.slice(0, 1) : chunks) {
                this.inJobTransaction(job, 'batch', isTest, () => {
                    const first = chunk[0];
                    const elementType =
                        first instanceof SObjectValue
                            ? typeRef(first.type.name)
                            : typeRef('SObject');
                    this.org.interpreter.callInstanceMethod(job.job, 'execute', [
                        context,
                        new ListValue(elementType, chunk),
                    ]);
                });
                processed++;
            }
            this.inJobTransaction(job, 'batch', isTest, () => {
                this.org.interpreter.callInstanceMethod(job.job, 'finish', [context]);
            });
        } catch (e) {
            if (e instanceof ApexThrown) this.finishRow(job.id, e, processed);
            throw e;
        }
        this.finishRow(job.id, null, processed);
    }
}

/**
 * Cron expressions of System.schedule: Seconds Minutes Hours Day_of_month Month Day_of_week
 * [Year]; one of the two day fields must be '?'.
 */
function validateCron(cron: string): void {
    const parts = cron.trim().split(/\s+/);
    const bad = (): never => {
        throw systemException('StringException', `Unexpected end of expression.`);
    };
    if (parts.length < 6 || parts.length > 7) bad();
    const [sec, min, hour, dom, month, dow] = parts as [
        string,
        string,
        string,
        string,
        string,
        string,
    ];
    const field = /^[0-9A-Za-z*?,\-/#LW]+$/;
    for (const p of parts) if (!field.test(p)) bad();
    if (dom !== '?' && dow !== '?') {
        throw systemException(
            'StringException',
            'Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.',
        );
    }
    const numbersWithin = (text: string, max: number): void => {
        for (const n of text.split(/[,\-/]/)) {
            if (/^\d+$/.test(n) && Number(n) > max) bad();
        }
    };
    numbersWithin(sec, 59);
    numbersWithin(min, 59);
    numbersWithin(hour, 23);
    void month;
}
