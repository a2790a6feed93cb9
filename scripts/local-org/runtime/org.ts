// The local org: the project's Apex classes and triggers loaded into the evaluator, on top of
// the data layer (schema, record store, SOQL, security). It owns the clock, the transactions
// and the running user, and gives the evaluator the platform (PlatformHost + natives).
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import type { ExpressionContext, QueryContext } from '@apexdevtools/apex-parser';
import { loadClassFile, loadTriggerFile } from '../interpreter/classes.ts';
import type { FenceViolation, ClassInfo } from '../interpreter/classes.ts';
import { userLocale } from '../interpreter/dateFormat.ts';
import { userTimeZone } from '../interpreter/dates.ts';
import { UnsupportedError, currentLocation, unsupported } from '../interpreter/errors.ts';
import { npe, systemException } from '../interpreter/exceptions.ts';
import { Interpreter } from '../interpreter/interpreter.ts';
import type { DmlStatement, PlatformHost } from '../interpreter/interpreter.ts';
import { NativeRegistry } from '../interpreter/natives.ts';
import { DescribedSchema } from '../interpreter/sobjects.ts';
import type { SObjectTypeSchema } from '../interpreter/sobjects.ts';
import { SObjectValue } from '../interpreter/values.ts';
import type { ApexValue, InstanceValue } from '../interpreter/values.ts';
import { metadataFiles } from '../source.ts';
import type { ObjectDescribe } from '../schema/types.ts';
import type { DataLayer } from './dataLayer.ts';
import { createDataLayer } from './dataLayerFactory.ts';
import { registerEnums } from './enums.ts';
import { AsyncApi } from './asyncApi.ts';
import { DatabaseApi } from './databaseApi.ts';
import { JsonApi } from './jsonApi.ts';
import { SchemaApi } from './schemaApi.ts';
import { registerSystemApi } from './systemApi.ts';
import { registerTestApi } from './testApi.ts';
import { PackageNamespace } from '../schema/namespace.ts';
import { Transaction } from './transaction.ts';
import type { AsyncKind } from './transaction.ts';

export interface LocalOrgOptions {
    /** The SFDX project (sfdx-project.json's package directories are read). */
    projectRoot: string;
    /** The instant System.now() returns; the clock does not move during a run. */
    now?: Date;
    /** Seed of Crypto.getRandom* and Math.random (deterministic runs). */
    randomSeed?: number;
    /**
     * Namespace mode: the project runs as a package with this namespace prefix (README:
     * "Namespace mode"); absent, every custom name is unqualified as in an unpackaged org.
     */
    namespace?: string;
}

/** 2026-03-10 12:00 in Los Angeles: the same calendar day in every American and European zone. */
export const DEFAULT_NOW = new Date('2026-03-10T19:00:00Z');

/** What the runtime knows of a user (UserInfo, time zone). */
export interface UserInfoRecord {
    id: string;
    name: string;
    firstName: string | null;
    lastName: string | null;
    username: string;
    email: string | null;
    profileId: string | null;
    /** UserInfo.getUserRoleId(): null for a user without a role. */
    roleId: string | null;
    timeZone: string;
    locale: string;
    language: string;
}

export class LocalOrg {
    readonly projectRoot: string;
    readonly data: DataLayer;
    readonly natives = new NativeRegistry();
    readonly interpreter: Interpreter;
    /** Top-level classes and triggers, in load order. */
    readonly units: ClassInfo[] = [];
    readonly triggersByObject = new Map<string, ClassInfo[]>();
    readonly schemaApi: SchemaApi;
    readonly json: JsonApi;
    readonly database: DatabaseApi;
    readonly async: AsyncApi;
    private readonly clockMs: number;
    private randomState: number;
    private transaction: Transaction | null = null;
    private readonly userCache = new Map<string, UserInfoRecord>();
    /** The running user of a run: the org's System Administrator. */
    readonly defaultUserId: string;
    /** Set while the test runner runs (Test.isRunningTest()). */
    runningTests = false;
    /** System.debug lines of the running test method; null when nobody collects them. */
    debugLines: string[] | null = null;
    /** Makes a Blob (set by the System API, which owns the Blob type). */
    blobOf: (bytes: Buffer) => ApexValue = () => {
        throw unsupported('Blob');
    };

    constructor(options: LocalOrgOptions) {
        this.projectRoot = options.projectRoot;
        this.clockMs = (options.now ?? DEFAULT_NOW).getTime();
        this.randomState = options.randomSeed ?? 20260310;
        this.data = createDataLayer(this.projectRoot, { now: () => new Date(this.clockMs) });
        const schema = this.data.schema;
        if (options.namespace) schema.applyNamespace(new PackageNamespace(options.namespace));
        this.interpreter = new Interpreter(
            new DescribedSchema(
                (name) => schema.object(name),
                () => schema.objects(),
                (object, field) => schema.fencedField(object, field),
                () => schema.namespace,
            ),
            this.natives,
        );
        this.interpreter.host = this.host();
        registerEnums(this.natives);
        this.schemaApi = new SchemaApi(this);
        this.json = new JsonApi(this);
        this.database = new DatabaseApi(this);
        this.async = new AsyncApi(this);
        registerSystemApi(this);
        registerTestApi(this);
        this.loadSources();
        this.defaultUserId = this.data.db.adminUserId;
    }

    // ---------------------------------------------------------------- loading

    private loadSources(): void {
        const register = (c: ClassInfo): void => this.interpreter.register(c);
        for (const file of metadataFiles(this.projectRoot, 'classes', '.cls')) {
            const shown = relative(process.cwd(), file) || file;
            this.units.push(loadClassFile(shown, readFileSync(file, 'utf8'), register, 'org'));
        }
        for (const file of metadataFiles(this.projectRoot, 'triggers', '.trigger')) {
            const shown = relative(process.cwd(), file) || file;
            const trigger = loadTriggerFile(shown, readFileSync(file, 'utf8'), register);
            this.units.push(trigger);
            const objectName = trigger.trigger?.objectName ?? basename(file);
            const object = this.data.schema.object(objectName);
            if (!object) {
                trigger.violations.push({
                    construct: `a trigger on ${objectName}, an object the org's schema does not have`,
                    location: { file: shown, line: 1 },
                });
                continue;
            }
            const key = object.name.toLowerCase();
            const list = this.triggersByObject.get(key) ?? [];
            list.push(trigger);
            this.triggersByObject.set(key, list);
        }
        this.interpreter.link();
    }

    /**
     * Constructs outside what the local org emulates, found when the sources were loaded:
     * Apex constructs, and formulas (fields, defaults, validation rules) outside the subset.
     */
    fenceViolations(): FenceViolation[] {
        return [
            ...this.units.flatMap((u) => u.violations),
            ...this.data.formulaProblems().map((p) => ({
                construct: p.message,
                location: { file: p.owner, line: 0 },
            })),
        ];
    }

    findClass(name: string): ClassInfo | undefined {
        return this.interpreter.findClass(name, null);
    }

    // ---------------------------------------------------------------- clock and randomness

    now(): number {
        return this.clockMs;
    }

    /** A deterministic pseudo-random number in [0, 1) (mulberry32). */
    random(): number {
        this.randomState = (this.randomState + 0x6d2b79f5) | 0;
        let t = this.randomState;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    // ---------------------------------------------------------------- transactions and users

    get tx(): Transaction {
        if (!this.transaction) throw new Error('local-org: no transaction is open');
        return this.transaction;
    }

    get hasTransaction(): boolean {
        return this.transaction !== null;
    }

    /**
     * Runs `body` in a new transaction as `userId` (the outer transaction, if any, is set
     * aside and comes back afterwards: async jobs run this way inside a test).
     */
    inTransaction<T>(
        options: { userId?: string; asyncKind?: AsyncKind | null; isTest?: boolean },
        body: (tx: Transaction) => T,
    ): T {
        const outer = this.transaction;
        const tx = new Transaction(
            options.userId ?? this.defaultUserId,
            options.asyncKind ?? null,
            options.isTest ?? this.runningTests,
        );
        this.transaction = tx;
        const savedZone = userTimeZone.id;
        const savedLocale = userLocale.id;
        // a transaction starts at an entry point: the first class decides the sharing
        const savedSharing = this.interpreter.sharingEnforced;
        this.interpreter.sharingEnforced = null;
        this.applyUser();
        try {
            return body(tx);
        } finally {
            this.interpreter.sharingEnforced = savedSharing;
            this.transaction = outer;
            userTimeZone.id = savedZone;
            userLocale.id = savedLocale;
            if (outer) this.applyUser();
            else this.data.db.setCurrentUser(this.defaultUserId);
        }
    }

    get organizationId(): string {
        return this.data.db.organizationId;
    }

    /** The running user's Id (UserInfo.getUserId()). */
    runningUserId(): string {
        return this.transaction ? this.transaction.userId : this.defaultUserId;
    }

    runningUser(): UserInfoRecord {
        return this.userInfo(this.runningUserId());
    }

    /** Sets what depends on the running user (time zone, the user defaults and formulas see). */
    private applyUser(): void {
        const user = this.runningUser();
        userTimeZone.id = user.timeZone;
        userLocale.id = user.locale;
        this.data.db.setCurrentUser(user.id);
    }

    /** The user's record as UserInfo reads it (cached; DML on User clears the cache). */
    userInfo(userId: string): UserInfoRecord {
        const cached = this.userCache.get(userId);
        if (cached) return cached;
        const row = this.data.db.record(userId);
        if (!row || row.type.name.toLowerCase() !== 'user')
            throw systemException('NoDataFoundException', `No such user: ${userId}`);
        const text = (f: string): string | null => {
            const v = row.fields.get(f.toLowerCase())?.value ?? null;
            return typeof v === 'string' ? v : null;
        };
        const info: UserInfoRecord = {
            id: userId,
            name: text('Name') ?? '',
            firstName: text('FirstName'),
            lastName: text('LastName'),
            username: text('Username') ?? '',
            email: text('Email'),
            profileId: text('ProfileId'),
            roleId: text('UserRoleId'),
            timeZone: text('TimeZoneSidKey') ?? 'GMT',
            locale: text('LocaleSidKey') ?? 'en_US',
            language: text('LanguageLocaleKey') ?? 'en_US',
        };
        this.userCache.set(userId, info);
        return info;
    }

    /** Forgets cached user records (after DML on User). */
    forgetUsers(): void {
        this.userCache.clear();
    }

    /**
     * System.runAs(user): runs the block as that user, a separate context for mixed DML.
     * The user record needs an Id (a test inserts the user first).
     */
    runAs(user: ApexValue, body: () => void): void {
        if (user === null) throw npe();
        if (!(user instanceof SObjectValue) || user.type.name.toLowerCase() !== 'user')
            throw unsupported('System.runAs with something other than a User record');
        const id = user.fields.get('id')?.value ?? null;
        if (typeof id !== 'string')
            throw unsupported('System.runAs with a User that has not been inserted');
        const tx = this.tx;
        tx.users.push(id);
        tx.mixedDml.push({ setupObject: null, nonSetupObject: null });
        // permission sets assigned in this test method count inside runAs
        this.data.security.thawAssignments(id);
        this.applyUser();
        // the block's own statements enforce the user's sharing, whatever the test class's
        // mode; a method called from it keeps the sharing of its own class
        const interpreter = this.interpreter;
        const savedSharing = interpreter.sharingEnforced;
        interpreter.sharingEnforced = true;
        try {
            body();
        } finally {
            interpreter.sharingEnforced = savedSharing;
            tx.users.pop();
            tx.mixedDml.pop();
            if (tx.isTest && !tx.testStarted && id === tx.users[0])
                this.data.security.freezeAssignments(id);
            this.applyUser();
        }
    }

    /**
     * A query the platform runs for itself (user records, the default user …): system mode,
     * not counted against the transaction's limits.
     */
    systemQuery(soql: string, binds: Record<string, ApexValue>): SObjectValue[] {
        const result = this.data.query(soql, {
            bind: (name) => {
                if (!(name in binds)) throw new Error(`local-org: no bind ${name} for ${soql}`);
                return binds[name] ?? null;
            },
            access: { mode: 'system', userId: this.transaction?.userId ?? '' },
            user: { id: this.transaction?.userId ?? '', timeZone: userTimeZone.id },
        });
        return result.kind === 'count' ? [] : result.rows;
    }

    // ---------------------------------------------------------------- schema helpers

    objectOf(type: SObjectTypeSchema | string): ObjectDescribe {
        return this.data.schema.require(typeof type === 'string' ? type : type.name);
    }

    // ---------------------------------------------------------------- the evaluator's platform

    private host(): PlatformHost {
        return {
            soql: (query: QueryContext, evalBind: (e: ExpressionContext) => ApexValue) =>
                this.database.inlineQuery(query, evalBind),
            dml: (statement: DmlStatement) => this.database.statement(statement),
            runAs: (user, body) => this.runAs(user, body),
            sobjectTypeMember: (type, name) => this.schemaApi.sobjectTypeMember(type, name),
            sobjectTypeStatic: (type, method, args) =>
                this.schemaApi.sobjectTypeStatic(type, method, args),
            sobjectMethod: (record, method, args) =>
                this.schemaApi.sobjectMethod(record, method, args),
            idMethod: (id, method, args) => this.schemaApi.idMethod(id, method, args),
            exceptionMethod: (e: InstanceValue, method, args) =>
                this.database.exceptionMethod(e, method, args),
            futureCall: (method, args) => this.async.futureCall(method, args),
        };
    }

    /**
     * Runs a data-layer call; a fence error it raises without a location gets the location
     * of the Apex statement that made the call.
     */
    located<T>(body: () => T): T {
        const loc = currentLocation.value;
        try {
            return body();
        } catch (e) {
            if (e instanceof UnsupportedError && !e.location && loc)
                throw new UnsupportedError(e.construct, loc);
            throw e;
        }
    }

    /** The location of the statement running now (for messages). */
    where(): string {
        const loc = currentLocation.value;
        return loc ? `${loc.file}:${loc.line}` : '<unknown>';
    }
}
