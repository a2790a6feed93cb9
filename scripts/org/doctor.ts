// Checks an org with Keystone in it and says, line by line, what is OK, what deserves a look
// (WARN) and what is broken (FAIL), with the command or click that fixes it. It reads the org
// through a jsforce-shaped connection only (SOQL and describe), so it runs against a scratch
// org, an installed package (namespaced names are resolved) and a local org.
//
// What it expects comes from this repository, not from a second list: the jobs' names from the
// JOB_NAME constants of the Apex classes, the triggers from triggers/, the permission sets from
// permissionsets/, the Custom Metadata records from customMetadata/.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { PACKAGE_DIR, listObjectFolders, metadataFiles } from '../lib/projectPaths.ts';
import { queryAll, soqlString } from './connection.ts';
import type { OrgConnection, SObjectRecord } from './connection.ts';
import { SchemaNames } from './schemaNames.ts';

export type Status = 'OK' | 'WARN' | 'FAIL';

export interface DoctorLine {
    status: Status;
    check: string;
    detail: string;
    fix?: string;
}

export interface Expectations {
    jobNames: string[];
    triggers: string[];
    permissionSets: string[];
    /** Custom Metadata type (unqualified, `__mdt`) → the DeveloperNames the package ships. */
    customMetadata: Map<string, string[]>;
    /** Apex classes whose failed async runs count as recompute errors. */
    asyncClasses: string[];
}

export const PERMISSION_SET_ADMIN = 'KeystoneAdmin';
export const PERMISSION_SET_USER = 'KeystoneUser';
export const PERMISSION_SET_DATA_LOAD = 'KeystoneDataLoad';
/** States of a CronTrigger that will still fire. */
const LIVE_JOB_STATES = new Set(['WAITING', 'ACQUIRED', 'EXECUTING']);
const PAUSED_JOB_STATES = new Set(['PAUSED', 'BLOCKED', 'PAUSED_ERROR']);
const RECENT_FAILURE_DAYS = 7;
/** The apex file `npm run org:setup` runs to schedule the jobs (idempotent). */
export const SCHEDULE_JOBS_APEX = 'scripts/org/apex/scheduleJobs.apex';

/** What the package ships, read from the source. */
export function expectationsFromProject(packageDir: string = PACKAGE_DIR): Expectations {
    const classes = metadataFiles('classes', '.cls', packageDir);
    const jobNames: string[] = [];
    const asyncClasses: string[] = [];
    for (const file of classes) {
        const text = readFileSync(file, 'utf8');
        const job = /static\s+final\s+String\s+JOB_NAME\s*=\s*'([^']+)'/.exec(text);
        if (job?.[1]) jobNames.push(job[1]);
        if (/implements\s+[^{]*(Queueable|Database\.Batchable|Schedulable)/.test(text)) {
            asyncClasses.push(basename(file, '.cls'));
        }
    }
    const customMetadata = new Map<string, string[]>();
    for (const folder of listObjectFolders(packageDir)) {
        if (folder.name.endsWith('__mdt')) customMetadata.set(folder.name, []);
    }
    for (const file of metadataFiles('customMetadata', '.md-meta.xml', packageDir)) {
        const [type = '', record = ''] = basename(file, '.md-meta.xml').split('.');
        customMetadata.get(`${type}__mdt`)?.push(record);
    }
    return {
        jobNames: jobNames.sort(),
        triggers: metadataFiles('triggers', '.trigger', packageDir).map((f) =>
            basename(f, '.trigger'),
        ),
        permissionSets: metadataFiles('permissionsets', '.permissionset-meta.xml', packageDir).map(
            (f) => basename(f, '.permissionset-meta.xml'),
        ),
        customMetadata,
        asyncClasses: asyncClasses.sort(),
    };
}

export interface DoctorOptions {
    expectations: Expectations;
    /** The org's alias, for the fix commands. */
    targetOrg: string;
    now?: Date;
}

function inList(values: string[]): string {
    return `(${values.map(soqlString).join(', ')})`;
}

/** Ids per IN list: UserRecordAccess answers for at most 200 records a query. */
const ID_CHUNK = 200;

function chunks<T>(values: T[], size: number): T[][] {
    const result: T[][] = [];
    for (let start = 0; start < values.length; start += size)
        result.push(values.slice(start, start + size));
    return result;
}

function plural(count: number, word: string, many = `${word}s`): string {
    return `${count.toLocaleString('en-US')} ${count === 1 ? word : many}`;
}

class Doctor {
    readonly lines: DoctorLine[] = [];
    constructor(
        private readonly connection: OrgConnection,
        private readonly names: SchemaNames,
        private readonly options: DoctorOptions,
    ) {}

    private add(line: DoctorLine): void {
        this.lines.push(line);
    }

    private query<T extends SObjectRecord>(soql: string): Promise<T[]> {
        return queryAll<T>(this.connection, this.names.soql(soql));
    }

    private async count(soql: string): Promise<number> {
        return (await this.connection.query(this.names.soql(soql))).totalSize;
    }

    async permissionSets(): Promise<void> {
        const expected = this.options.expectations.permissionSets;
        const present = new Set(
            (
                await this.query<{ Name: string }>(
                    `SELECT Name FROM PermissionSet WHERE Name IN ${inList(expected)}`,
                )
            ).map((set) => set.Name),
        );
        const assignments = await this.query<{
            AssigneeId: string;
            Assignee: { Username: string } | null;
            PermissionSet: { Name: string };
        }>(
            `SELECT AssigneeId, Assignee.Username, PermissionSet.Name FROM PermissionSetAssignment WHERE PermissionSet.Name IN ${inList(expected)}`,
        );
        const assignees = (name: string): string[] =>
            assignments
                .filter((assignment) => assignment.PermissionSet.Name === name)
                .map((assignment) => assignment.Assignee?.Username ?? assignment.AssigneeId);
        const assign = (name: string): string =>
            `sf org assign permset --name ${name} --target-org ${this.options.targetOrg}`;
        for (const name of expected) {
            const check = `Permission set ${name}`;
            if (!present.has(name)) {
                this.add({
                    status: 'FAIL',
                    check,
                    detail: 'not in the org',
                    fix: 'deploy Keystone again (npm run org:setup)',
                });
                continue;
            }
            const users = assignees(name);
            if (name === PERMISSION_SET_ADMIN && users.length === 0) {
                this.add({
                    status: 'FAIL',
                    check,
                    detail: 'assigned to nobody: no one can administer Keystone',
                    fix: assign(name),
                });
            } else if (name === PERMISSION_SET_USER && users.length === 0) {
                this.add({
                    status: 'WARN',
                    check,
                    detail: 'assigned to nobody: no one can use the Account page components',
                    fix: assign(name),
                });
            } else if (name === PERMISSION_SET_DATA_LOAD && users.length > 0) {
                this.add({
                    status: 'WARN',
                    check,
                    detail: `${plural(users.length, 'user')} skip Keystone's recompute triggers: ${users.join(', ')}`,
                    fix: 'when the load is done, remove the assignment (Setup → Permission Sets → Keystone Data Load → Manage Assignments); the hourly sweep and the daily governance job catch up',
                });
            } else {
                this.add({
                    status: 'OK',
                    check,
                    detail: `assigned to ${plural(users.length, 'user')}`,
                });
            }
        }
    }

    /** Returns whether the recompute sweep will run. */
    async jobs(): Promise<Set<string>> {
        const expected = this.options.expectations.jobNames;
        const jobs = await this.query<{
            CronJobDetail: { Name: string };
            State: string;
            NextFireTime: string | null;
        }>(
            `SELECT CronJobDetail.Name, State, NextFireTime FROM CronTrigger WHERE CronJobDetail.Name IN ${inList(expected)}`,
        );
        const live = new Set<string>();
        const schedule = `sf apex run --file ${SCHEDULE_JOBS_APEX} --target-org ${this.options.targetOrg} (schedules whatever is missing)`;
        for (const name of expected) {
            const check = `Job "${name}"`;
            const job = jobs.find(
                (entry) => entry.CronJobDetail.Name === name && LIVE_JOB_STATES.has(entry.State),
            );
            const paused = jobs.find(
                (entry) => entry.CronJobDetail.Name === name && PAUSED_JOB_STATES.has(entry.State),
            );
            if (job) {
                live.add(name);
                this.add({
                    status: 'OK',
                    check,
                    detail: `scheduled, next run ${job.NextFireTime ?? 'pending'}`,
                });
            } else if (paused) {
                this.add({
                    status: 'WARN',
                    check,
                    detail: `scheduled but ${paused.State.toLowerCase()}`,
                    fix: 'resume it in Setup → Scheduled Jobs',
                });
            } else {
                this.add({ status: 'FAIL', check, detail: 'not scheduled', fix: schedule });
            }
        }
        return live;
    }

    async customMetadata(): Promise<void> {
        for (const [type, shipped] of this.options.expectations.customMetadata) {
            const check = `Custom Metadata ${type}`;
            let present: string[];
            try {
                present = (
                    await this.query<{ DeveloperName: string }>(`SELECT DeveloperName FROM ${type}`)
                ).map((record) => record.DeveloperName);
            } catch (error) {
                this.add({
                    status: 'FAIL',
                    check,
                    detail: `cannot be read: ${(error as Error).message}`,
                    fix: 'deploy Keystone again',
                });
                continue;
            }
            const missing = shipped.filter((name) => !present.includes(name));
            if (shipped.length === 0) {
                // A type Keystone ships empty (optional rules an admin may add): any number is fine.
                this.add({
                    status: 'OK',
                    check,
                    detail: `${plural(present.length, 'record')} (optional: none ship with Keystone)`,
                });
            } else if (present.length === 0) {
                this.add({
                    status: 'FAIL',
                    check,
                    detail: 'no record: the scores have nothing to read',
                    fix: 'deploy Keystone again (the records ship with it)',
                });
            } else if (missing.length > 0) {
                this.add({
                    status: missing.includes('Default') ? 'FAIL' : 'WARN',
                    check,
                    detail: `${plural(present.length, 'record')}; missing what Keystone ships: ${missing.join(', ')}`,
                    fix: 'restore them in Setup → Custom Metadata Types, or deploy Keystone again',
                });
            } else {
                this.add({ status: 'OK', check, detail: plural(present.length, 'record') });
            }
        }
    }

    async triggers(): Promise<void> {
        const expected = this.options.expectations.triggers;
        const found = await this.query<{ Name: string; Status: string }>(
            `SELECT Name, Status FROM ApexTrigger WHERE Name IN ${inList(expected)}`,
        );
        const active = found
            .filter((trigger) => trigger.Status === 'Active')
            .map((trigger) => trigger.Name);
        const inactive = found
            .filter((trigger) => trigger.Status !== 'Active')
            .map((trigger) => `${trigger.Name} (${trigger.Status})`);
        const missing = expected.filter((name) => !found.some((trigger) => trigger.Name === name));
        if (inactive.length === 0 && missing.length === 0) {
            this.add({
                status: 'OK',
                check: 'Triggers',
                detail: `${active.length} of ${expected.length} active`,
            });
            return;
        }
        this.add({
            status: 'FAIL',
            check: 'Triggers',
            detail: [
                inactive.length > 0 ? `not active: ${inactive.join(', ')}` : '',
                missing.length > 0 ? `missing: ${missing.join(', ')}` : '',
            ]
                .filter(Boolean)
                .join('; '),
            fix: 'deploy Keystone again; scores stop following Contacts, Opportunities and Activities without them',
        });
    }

    async backlog(liveJobs: Set<string>): Promise<void> {
        const sweep = this.options.expectations.jobNames.find((name) => /sweep/i.test(name));
        const pending = await this.count(
            'SELECT COUNT() FROM AccountPlan__c WHERE RecomputePending__c = true',
        );
        if (pending === 0) {
            this.add({
                status: 'OK',
                check: 'Recompute backlog',
                detail: 'no account waits for a recompute',
            });
        } else if (sweep && liveJobs.has(sweep)) {
            this.add({
                status: 'WARN',
                check: 'Recompute backlog',
                detail: `${plural(pending, 'account')} wait for the hourly sweep`,
                fix: 'nothing to do if it shrinks within the hour',
            });
        } else {
            this.add({
                status: 'FAIL',
                check: 'Recompute backlog',
                detail: `${plural(pending, 'account')} wait, and no sweep is scheduled to drain them`,
                fix: `sf apex run --file ${SCHEDULE_JOBS_APEX} --target-org ${this.options.targetOrg}`,
            });
        }
        const never = await this.count(
            "SELECT COUNT() FROM AccountPlan__c WHERE Status__c = 'Active' AND LastRecomputedAt__c = null",
        );
        if (never > 0) {
            this.add({
                status: 'WARN',
                check: 'Never recomputed',
                detail: `${plural(never, 'active plan')} without figures yet`,
                fix: 'loaded with the Keystone Data Load bypass? The daily governance job recomputes every active plan',
            });
        }
        const classes = this.options.expectations.asyncClasses;
        const failures = await this.query<{
            ApexClass: { Name: string };
            ExtendedStatus: string | null;
            CompletedDate: string | null;
        }>(
            `SELECT ApexClass.Name, Status, ExtendedStatus, CompletedDate FROM AsyncApexJob WHERE Status = 'Failed' AND ApexClass.Name IN ${inList(classes)} ORDER BY CompletedDate DESC LIMIT 5`,
        );
        const now = (this.options.now ?? new Date()).getTime();
        const recent = failures.filter(
            (job) =>
                job.CompletedDate &&
                now - Date.parse(job.CompletedDate) <= RECENT_FAILURE_DAYS * 86_400_000,
        );
        if (recent.length === 0) {
            this.add({
                status: 'OK',
                check: 'Recompute errors',
                detail: `no failed recompute job in ${RECENT_FAILURE_DAYS} days`,
            });
        } else {
            this.add({
                status: 'WARN',
                check: 'Recompute errors',
                detail: recent
                    .map(
                        (job) =>
                            `${job.ApexClass.Name} ${job.CompletedDate ?? ''}: ${job.ExtendedStatus ?? 'no detail'}`,
                    )
                    .join(' | '),
                fix: 'Setup → Apex Jobs shows the full error; the failed accounts stay pending and are retried by the sweep',
            });
        }
    }

    /**
     * With Private accounts, Keystone shares its own records with each plan's team but never the
     * Account itself: a key account manager who neither owns the account nor has it shared (account
     * team, sharing rule, manual share, role above the owner) opens a plan whose account they
     * cannot see. UserRecordAccess is the platform's own answer, so every way of sharing counts.
     */
    async keyAccountAccess(): Promise<void> {
        const check = 'Key account access';
        const [organization] = await this.query<{ DefaultAccountAccess: string | null }>(
            'SELECT DefaultAccountAccess FROM Organization LIMIT 1',
        );
        const access = organization?.DefaultAccountAccess ?? 'None';
        if (access !== 'None') {
            this.add({
                status: 'OK',
                check,
                detail: `accounts are ${access} for everyone: every key account manager sees their accounts`,
            });
            return;
        }
        const accountField = this.names.qualify('Account__c');
        const managerField = this.names.qualify('KeyAccountManager__c');
        const plans = await this.query<SObjectRecord>(
            "SELECT Account__c, KeyAccountManager__c FROM AccountPlan__c WHERE Status__c = 'Active' AND KeyAccountManager__c != null",
        );
        const accountIds = [...new Set(plans.map((plan) => String(plan[accountField])))];
        const accounts = new Map<string, { Name: string; OwnerId: string }>();
        for (const ids of chunks(accountIds, ID_CHUNK)) {
            for (const account of await this.query<{ Id: string; Name: string; OwnerId: string }>(
                `SELECT Id, Name, OwnerId FROM Account WHERE Id IN ${inList(ids)}`,
            ))
                accounts.set(account.Id, account);
        }
        // The accounts each manager manages and does not own.
        const managed = new Map<string, string[]>();
        for (const plan of plans) {
            const managerId = String(plan[managerField]);
            const accountId = String(plan[accountField]);
            if (accounts.get(accountId)?.OwnerId === managerId) continue;
            managed.set(managerId, [...(managed.get(managerId) ?? []), accountId]);
        }
        const blind: { managerId: string; accountIds: string[] }[] = [];
        for (const [managerId, ids] of managed) {
            const readable = new Set<string>();
            for (const chunk of chunks([...new Set(ids)], ID_CHUNK)) {
                for (const row of await this.query<{ RecordId: string; HasReadAccess: boolean }>(
                    `SELECT RecordId, HasReadAccess FROM UserRecordAccess WHERE UserId = '${managerId}' AND RecordId IN ${inList(chunk)}`,
                ))
                    if (row.HasReadAccess) readable.add(row.RecordId);
            }
            const hidden = [...new Set(ids)].filter((id) => !readable.has(id));
            if (hidden.length > 0) blind.push({ managerId, accountIds: hidden });
        }
        if (blind.length === 0) {
            this.add({
                status: 'OK',
                check,
                detail:
                    managed.size === 0
                        ? 'accounts are Private; every key account manager owns the accounts they manage'
                        : `accounts are Private; the ${plural(managed.size, 'key account manager')} not owning an account they manage can see it`,
            });
            return;
        }
        const userNames = new Map(
            (
                await this.query<{ Id: string; Name: string }>(
                    `SELECT Id, Name FROM User WHERE Id IN ${inList(blind.map((entry) => entry.managerId))}`,
                )
            ).map((user) => [user.Id, user.Name]),
        );
        this.add({
            status: 'WARN',
            check,
            detail:
                `accounts are Private and ${plural(blind.length, 'key account manager')} cannot see an account they manage: ` +
                blind
                    .map(
                        (entry) =>
                            `${userNames.get(entry.managerId) ?? entry.managerId} → ${entry.accountIds
                                .map((id) => accounts.get(id)?.Name ?? id)
                                .join(', ')}`,
                    )
                    .join('; '),
            fix: "add each manager to the account's Account Team (Read/Write), make them its owner, or share it with them (a sharing rule or a manual share); Keystone shares its own records with the plan team but never the Account",
        });
    }

    async records(): Promise<void> {
        const counts = {
            accounts: await this.count('SELECT COUNT() FROM Account'),
            activePlans: await this.count(
                "SELECT COUNT() FROM AccountPlan__c WHERE Status__c = 'Active'",
            ),
            stakeholders: await this.count('SELECT COUNT() FROM Stakeholder__c'),
            cells: await this.count('SELECT COUNT() FROM WhitespaceCell__c'),
            openSignals: await this.count(
                "SELECT COUNT() FROM HealthSignal__c WHERE Status__c != 'Resolved'",
            ),
        };
        const detail = [
            plural(counts.accounts, 'account'),
            plural(counts.activePlans, 'active plan'),
            plural(counts.stakeholders, 'stakeholder'),
            plural(counts.cells, 'whitespace cell'),
            plural(counts.openSignals, 'open signal'),
        ].join(' · ');
        this.add(
            counts.activePlans === 0
                ? {
                      status: 'WARN',
                      check: 'Records',
                      detail: `${detail}: no key account yet`,
                      fix: `npm run org:seed -- --target-org ${this.options.targetOrg} (sample data), or create an Active plan on an account`,
                  }
                : { status: 'OK', check: 'Records', detail },
        );
    }
}

export async function runDoctor(
    connection: OrgConnection,
    options: DoctorOptions,
): Promise<DoctorLine[]> {
    let names: SchemaNames;
    try {
        names = await SchemaNames.detect(connection);
    } catch (error) {
        return [
            {
                status: 'FAIL',
                check: 'Keystone',
                detail: (error as Error).message,
                fix: 'npm run org:setup',
            },
        ];
    }
    const doctor = new Doctor(connection, names, options);
    doctor.lines.push({
        status: 'OK',
        check: 'Keystone',
        detail: names.namespace
            ? `installed with namespace ${names.namespace}`
            : 'deployed without a namespace',
    });
    await doctor.permissionSets();
    const live = await doctor.jobs();
    await doctor.customMetadata();
    await doctor.triggers();
    await doctor.backlog(live);
    await doctor.keyAccountAccess();
    await doctor.records();
    return doctor.lines;
}

/** The table: STATUS, CHECK, DETAIL, and the fix under every line that is not OK. */
export function formatDoctor(lines: DoctorLine[]): string {
    const checkWidth = Math.max('CHECK'.length, ...lines.map((line) => line.check.length));
    const out = [`${'STATUS'.padEnd(6)}  ${'CHECK'.padEnd(checkWidth)}  DETAIL`];
    for (const line of lines) {
        out.push(`${line.status.padEnd(6)}  ${line.check.padEnd(checkWidth)}  ${line.detail}`);
        if (line.fix && line.status !== 'OK')
            out.push(`${' '.repeat(8 + checkWidth)}fix: ${line.fix}`);
    }
    const tally = (status: Status): number => lines.filter((line) => line.status === status).length;
    out.push(`doctor: ${tally('OK')} OK, ${tally('WARN')} WARN, ${tally('FAIL')} FAIL`);
    return out.join('\n');
}

export function doctorExitCode(lines: DoctorLine[]): number {
    return lines.some((line) => line.status === 'FAIL') ? 1 : 0;
}
