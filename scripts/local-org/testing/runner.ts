// The Apex test runner of the local org: every @IsTest class of the project, @TestSetup once
// per class, each test method in its own transaction with fresh statics and the data as the
// setup left it, results with the Apex stack, and line coverage of the classes and triggers.
import type { ClassInfo } from '../interpreter/classes.ts';
import type { MethodDecl } from '../interpreter/classes.ts';
import { UnsupportedError, formatLocation } from '../interpreter/errors.ts';
import { ApexThrown } from '../interpreter/exceptions.ts';
import type { InstanceValue } from '../interpreter/values.ts';
import type { LocalOrg } from '../runtime/org.ts';
import { coverageOf } from './coverage.ts';
import type { CoverageReport } from './coverage.ts';

export type Outcome = 'pass' | 'fail' | 'unrunnable';

export interface TestResult {
    className: string;
    methodName: string;
    outcome: Outcome;
    /** Failures: `System.AssertException: Assertion Failed: …`; unrunnable: the fenced construct. */
    message: string | null;
    /** Apex stack, innermost first (`Class.X.method: line N, column C`). */
    stack: string[];
    /** Unrunnable: where the fenced construct is. */
    location: string | null;
    ms: number;
    /** What the method wrote with System.debug, in order. */
    debug: string[];
}

export interface TestRunResult {
    results: TestResult[];
    coverage: CoverageReport;
    ms: number;
}

export interface RunOptions {
    /** Only these test classes (case-insensitive names); all when absent. */
    classes?: string[];
    /** Only methods whose name matches. */
    methods?: string[];
    /** Leave these test classes out (case-insensitive names). */
    excludeClasses?: string[];
    /**
     * Data the org already holds for a test class, by class name (case-insensitive): the
     * seeder loads it with the bulk loader before the class runs, outside any transaction, the
     * way a full-copy sandbox already contains it. Only for `@IsTest(SeeAllData=true)` classes
     * (test isolation would hide the rows); the data is gone after the class.
     */
    seeders?: Map<string, Seeder>;
}

/** What a seeder gets: the data layer's bulk loader (no triggers, no limits). */
export interface BulkLoader {
    /** Inserts rows as given (defaults and derived fields applied); returns their Ids in order. */
    loadRecords(objectName: string, rows: Record<string, unknown>[]): string[];
    /** The org's System Administrator, the user the tests run as. */
    adminUserId: string;
    /** The org's clock (System.now() of the tests), to date rows relative to it. */
    now: Date;
}

export type Seeder = (loader: BulkLoader) => void;

/** A test method: `@IsTest static void m()` or `static testMethod void m()`. */
export function isTestMethod(m: MethodDecl): boolean {
    return (
        m.isStatic &&
        m.params.length === 0 &&
        m.returnTypeCtx === null &&
        (m.annotations.has('istest') || m.modifiers.has('testmethod'))
    );
}

/** The project's test classes: top-level @IsTest classes with at least one test method. */
export function testClasses(org: LocalOrg): ClassInfo[] {
    return org.units.filter(
        (u) => !u.trigger && u.isTest && [...u.methods.values()].flat().some(isTestMethod),
    );
}

function stackLines(e: InstanceValue): string[] {
    return (e.stack ?? []).map((l) => `${l.label}: line ${l.line}, column ${l.column}`);
}

/** What a test failure reads like: `System.AssertException: Assertion Failed: …`. */
function failureOf(e: unknown): Pick<TestResult, 'outcome' | 'message' | 'stack' | 'location'> {
    if (e instanceof ApexThrown) {
        const ex = e.exception;
        return {
            outcome: 'fail',
            message: `${ex.cls.name}: ${ex.message ?? 'null'}`,
            stack: stackLines(ex),
            location: null,
        };
    }
    if (e instanceof UnsupportedError) {
        return {
            outcome: 'unrunnable',
            message: e.construct,
            stack: [],
            location: formatLocation(e.location),
        };
    }
    const error = e as Error;
    return {
        outcome: 'fail',
        message: `local-org error: ${error.message}`,
        stack: (error.stack ?? '')
            .split('\n')
            .slice(1, 6)
            .map((l) => l.trim()),
        location: null,
    };
}

/** Runs a class's seeder outside any transaction; a failure fails every method of the class. */
function seed(
    org: LocalOrg,
    className: string,
    seeder: Seeder,
    seeAllData: boolean,
): ReturnType<typeof failureOf> | null {
    const fail = (message: string): ReturnType<typeof failureOf> => ({
        outcome: 'fail',
        message: `local-org seeder of ${className}: ${message}`,
        stack: [],
        location: null,
    });
    if (!seeAllData)
        return fail('seeded rows are visible only to @IsTest(SeeAllData=true) classes');
    const db = org.data.db;
    try {
        seeder({
            loadRecords: (objectName, rows) => db.loadRecords(objectName, rows),
            adminUserId: db.adminUserId,
            now: new Date(org.now()),
        });
    } catch (e) {
        return fail((e as Error).message);
    }
    return null;
}

/** Runs the project's Apex tests in the org (which must be freshly loaded). */
export function runApexTests(org: LocalOrg, options: RunOptions = {}): TestRunResult {
    const started = performance.now();
    const wanted = options.classes?.map((c) => c.toLowerCase());
    const wantedMethods = options.methods?.map((m) => m.toLowerCase());
    const excluded = new Set(options.excludeClasses?.map((c) => c.toLowerCase()));
    const results: TestResult[] = [];
    org.runningTests = true;
    const db = org.data.db;
    try {
        for (const cls of testClasses(org)) {
            if (wanted && !wanted.includes(cls.name.toLowerCase())) continue;
            if (excluded.has(cls.name.toLowerCase())) continue;
            const methods = [...cls.methods.values()]
                .flat()
                .filter(isTestMethod)
                .filter((m) => !wantedMethods || wantedMethods.includes(m.name.toLowerCase()))
                .sort((a, b) => a.loc.line - b.loc.line);
            if (methods.length === 0) continue;
            const setups = [...cls.methods.values()]
                .flat()
                .filter((m) => m.isStatic && m.annotations.has('testsetup'));
            const seeAllData = /seealldata\s*=\s*true/i.test(
                [...(cls.annotations.get('istest')?.entries() ?? [])]
                    .map(([k, v]) => `${k}=${v}`)
                    .join(','),
            );
            const clean = db.snapshot();
            const seeder = options.seeders?.get(cls.name.toLowerCase());
            if (!seeAllData) db.beginTestIsolation();
            try {
                let setupFailure: ReturnType<typeof failureOf> | null = null;
                if (seeder) setupFailure = seed(org, cls.name, seeder, seeAllData);
                if (!setupFailure && setups.length > 0) {
                    org.interpreter.resetStatics();
                    try {
                        org.inTransaction({ isTest: true }, () => {
                            for (const setup of setups) org.interpreter.invoke(setup, null, []);
                            // jobs queued in @TestSetup run after it
                            if (org.tx.queue.length > 0) org.async.runQueued();
                        });
                    } catch (e) {
                        setupFailure = failureOf(e);
                    }
                }
                const afterSetup = db.snapshot();
                for (const method of methods) {
                    const t0 = performance.now();
                    let failure: ReturnType<typeof failureOf> | null = setupFailure;
                    const debug: string[] = [];
                    if (!failure) {
                        org.interpreter.resetStatics();
                        org.debugLines = debug;
                        try {
                            org.inTransaction({ isTest: true }, (tx) => {
                                // a grant the method itself makes counts only in runAs or after startTest
                                org.data.security.freezeAssignments(tx.userId);
                                org.interpreter.invoke(method, null, []);
                                // work still queued when the method ends runs then
                                if (tx.queue.length > 0) org.async.runQueued();
                            });
                        } catch (e) {
                            failure = failureOf(e);
                        }
                        org.debugLines = null;
                        org.data.security.thawAssignments(org.defaultUserId);
                        db.restore(afterSetup);
                    }
                    results.push({
                        className: cls.name,
                        methodName: method.name,
                        outcome: failure?.outcome ?? 'pass',
                        message: failure?.message ?? null,
                        stack: failure?.stack ?? [],
                        location: failure?.location ?? null,
                        ms: performance.now() - t0,
                        debug,
                    });
                }
                db.discard(afterSetup);
            } finally {
                db.endTestIsolation();
                db.restore(clean);
                db.discard(clean);
            }
        }
    } finally {
        org.runningTests = false;
        org.interpreter.resetStatics();
    }
    return {
        results,
        coverage: coverageOf(org),
        ms: performance.now() - started,
    };
}
