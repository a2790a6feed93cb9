// Loads the sample portfolio into an org through a jsforce-shaped connection, step by step in
// dependency order (seedPlan.ts), with Keystone's triggers on: every insert recomputes the
// accounts it touches, so the seed is a realistic test of the recompute.
//
// Re-runnable: each step first reads which of its rows the org already has (by their Keystone
// External Id, one query per step whatever the row count) and creates only the others; an
// existing record is left as it is. Batched within API limits: at most 200 records per create
// or update request (sObject Collections), all-or-none per request.
//
// Bad rows stop the load with the row and the field named. Before a batch is sent, every new
// row is checked against the object's describe (unknown or read-only field, a value outside a
// restricted picklist, a missing required field, text too long); a row the org still rejects
// (a validation rule, a trigger) is reported with the error the org gave, field by field.
// Nothing of the failing batch is saved; what earlier batches saved stays, and a re-run picks
// up from there.
import type { SamplePortfolio } from '../data/sampleDataset.ts';
import { MAX_RECORDS_PER_REQUEST, errorCodeOf, queryAll, soqlString } from './connection.ts';
import type {
    DescribeField,
    DescribeSObject,
    OrgConnection,
    SaveResult,
    SObjectRecord,
} from './connection.ts';
import { SchemaNames } from './schemaNames.ts';
import { EXTERNAL_ID_FIELD, seedPlan } from './seedPlan.ts';
import type { FieldValue, SeedRow, SeedStep, StageRef } from './seedPlan.ts';

export interface SeedOptions {
    portfolio: SamplePortfolio;
    /** The user the sample's people become (account owners, plan teams, activity owners). */
    runningUserId: string;
    /** Sample user id → org user id; a sample user not listed becomes the running user. */
    userMap?: Record<string, string>;
    /** One line per finished step. */
    progress?: (line: string) => void;
    clock?: () => number;
}

export interface StepReport {
    name: string;
    sobject: string;
    planned: number;
    created: number;
    existing: number;
    updated: number;
    requests: number;
    seconds: number;
}

export interface SeedReport {
    namespace: string;
    steps: StepReport[];
    created: number;
    existing: number;
    updated: number;
    requests: number;
}

/** A row the org would not take, or did not take, with the field(s) at fault. */
export class SeedRowError extends Error {
    constructor(
        readonly step: string,
        readonly sobject: string,
        readonly row: SeedRow,
        readonly problems: { fields: string[]; code: string; message: string }[],
    ) {
        super(
            `${step}: ${sobject} row ${row.externalId} (${row.label}) was rejected:\n` +
                problems
                    .map(
                        (problem) =>
                            `  - ${problem.fields.length > 0 ? problem.fields.join(', ') : 'the record'}: ${problem.message} [${problem.code}]`,
                    )
                    .join('\n'),
        );
        this.name = 'SeedRowError';
    }
}

/** The org lacks something the seed needs (a standard price book, an opportunity stage). */
export class SeedSetupError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'SeedSetupError';
    }
}

interface Stage {
    ApiName: string;
    IsClosed: boolean;
    IsWon: boolean;
    DefaultProbability: number | null;
}

/** A connection that counts its requests, for the progress lines. */
function counting(connection: OrgConnection, counter: { requests: number }): OrgConnection {
    return {
        query: (soql) => (counter.requests++, connection.query(soql)),
        queryMore: (locator) => (counter.requests++, connection.queryMore(locator)),
        describe: (sobject) => (counter.requests++, connection.describe(sobject)),
        describeGlobal: () => (counter.requests++, connection.describeGlobal()),
        sobject: (sobject) => {
            const api = connection.sobject(sobject);
            return {
                create: (records, options) => (counter.requests++, api.create(records, options)),
                update: (records, options) => (counter.requests++, api.update(records, options)),
            };
        },
    };
}

function chunks<T>(items: T[], size: number): T[][] {
    const result: T[][] = [];
    for (let index = 0; index < items.length; index += size) {
        result.push(items.slice(index, index + size));
    }
    return result;
}

function commonPrefix(values: string[]): string {
    let prefix = values[0] ?? '';
    for (const value of values) {
        while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
    }
    return prefix;
}

/** Nearest open stage by default probability; the first won / lost stage for closed deals. */
export function stageFor(stages: Stage[], wanted: StageRef['stage']): string | null {
    if (wanted.isClosed) {
        const closed = stages.find((stage) => stage.IsClosed && stage.IsWon === wanted.isWon);
        return closed?.ApiName ?? null;
    }
    const open = stages.filter((stage) => !stage.IsClosed);
    let best: Stage | null = null;
    for (const stage of open) {
        const distance = Math.abs((stage.DefaultProbability ?? 0) - (wanted.probability ?? 0));
        const bestDistance = best
            ? Math.abs((best.DefaultProbability ?? 0) - (wanted.probability ?? 0))
            : Infinity;
        if (distance < bestDistance) best = stage;
    }
    return best?.ApiName ?? null;
}

const STRING_TYPES = new Set(['string', 'textarea', 'email', 'url', 'phone', 'picklist']);

/** Problems the describe shows before anything is sent. */
export function checkRow(
    describe: DescribeSObject,
    fields: Record<string, unknown>,
): { fields: string[]; code: string; message: string }[] {
    const byName = new Map<string, DescribeField>(
        describe.fields.map((field) => [field.name.toLowerCase(), field]),
    );
    const problems: { fields: string[]; code: string; message: string }[] = [];
    for (const [name, value] of Object.entries(fields)) {
        const field = byName.get(name.toLowerCase());
        if (!field) {
            problems.push({
                fields: [name],
                code: 'INVALID_FIELD',
                message: `${describe.name} has no field ${name} (is Keystone deployed, and is the field visible to you?)`,
            });
            continue;
        }
        if (value === null || value === undefined) continue;
        if (!field.createable) {
            problems.push({
                fields: [name],
                code: 'INVALID_FIELD_FOR_INSERT_UPDATE',
                message: `${name} cannot be set on a new record`,
            });
        }
        if (
            field.restrictedPicklist &&
            (field.type === 'picklist' || field.type === 'multipicklist')
        ) {
            const allowed = (field.picklistValues ?? [])
                .filter((entry) => entry.active)
                .map((entry) => entry.value);
            const values =
                field.type === 'multipicklist' ? String(value).split(';') : [String(value)];
            const bad = values.filter((entry) => !allowed.includes(entry));
            if (bad.length > 0) {
                problems.push({
                    fields: [name],
                    code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                    message: `"${bad.join(';')}" is not a value of ${name} (allowed: ${allowed.join(', ')})`,
                });
            }
        }
        if (
            STRING_TYPES.has(field.type) &&
            typeof value === 'string' &&
            field.length > 0 &&
            value.length > field.length
        ) {
            problems.push({
                fields: [name],
                code: 'STRING_TOO_LONG',
                message: `${name} takes at most ${field.length} characters, this value has ${value.length}`,
            });
        }
    }
    const given = new Set(
        Object.entries(fields)
            .filter(([, value]) => value !== null && value !== undefined && value !== '')
            .map(([name]) => name.toLowerCase()),
    );
    for (const field of describe.fields) {
        const required =
            field.createable &&
            !field.nillable &&
            !field.defaultedOnCreate &&
            field.type !== 'boolean';
        if (required && !given.has(field.name.toLowerCase())) {
            problems.push({
                fields: [field.name],
                code: 'REQUIRED_FIELD_MISSING',
                message: `${field.name} is required`,
            });
        }
    }
    return problems;
}

/** The row's problems from a save result the org sent back. */
function rejection(result: SaveResult): { fields: string[]; code: string; message: string }[] {
    return result.errors.map((error) => ({
        fields: error.fields ?? [],
        code: errorCodeOf(error),
        message: error.message,
    }));
}

/** With all-or-none, every row of a failed request fails; the cause is the one not rolled back. */
function firstRealFailure(results: SaveResult[]): number {
    const index = results.findIndex(
        (result) =>
            !result.success &&
            result.errors.some(
                (error) => errorCodeOf(error) !== 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
            ),
    );
    return index >= 0 ? index : results.findIndex((result) => !result.success);
}

class Loader {
    private readonly ids = new Map<string, string>();
    private readonly pricebookEntryOfProduct = new Map<string, string>();
    private readonly describes = new Map<string, DescribeSObject>();
    private stages: Stage[] = [];
    private standardPricebookId = '';

    constructor(
        private readonly connection: OrgConnection,
        private readonly names: SchemaNames,
        private readonly options: SeedOptions,
    ) {}

    async prepare(): Promise<void> {
        this.stages = await queryAll<Stage & SObjectRecord>(
            this.connection,
            'SELECT ApiName, IsClosed, IsWon, DefaultProbability FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder',
        );
        if (this.stages.length === 0) {
            throw new SeedSetupError('The org has no active opportunity stage.');
        }
        const [pricebook] = await queryAll<{ Id: string; IsActive: boolean }>(
            this.connection,
            'SELECT Id, IsActive FROM Pricebook2 WHERE IsStandard = true LIMIT 1',
        );
        if (!pricebook) {
            throw new SeedSetupError(
                'The org has no standard price book, so opportunity products cannot be loaded.',
            );
        }
        this.standardPricebookId = pricebook.Id;
        if (!pricebook.IsActive) {
            const [result] = await this.connection
                .sobject('Pricebook2')
                .update([{ Id: pricebook.Id, IsActive: true }], { allOrNone: true });
            if (!result?.success) {
                throw new SeedSetupError(
                    `The standard price book is inactive and could not be activated: ${result?.errors.map((e) => e.message).join('; ')}`,
                );
            }
        }
    }

    private async describe(sobject: string): Promise<DescribeSObject> {
        const name = this.names.qualify(sobject);
        let describe = this.describes.get(name);
        if (!describe) {
            describe = await this.connection.describe(name);
            this.describes.set(name, describe);
        }
        return describe;
    }

    private resolve(step: SeedStep, row: SeedRow, value: FieldValue): unknown {
        if (value === null || typeof value !== 'object') return value;
        if ('ref' in value) {
            const id = this.ids.get(value.ref);
            if (!id) {
                throw new Error(
                    `${step.name}: row ${row.externalId} refers to ${value.ref}, which was not loaded before it (seed plan order)`,
                );
            }
            return id;
        }
        if ('user' in value) {
            return this.options.userMap?.[value.user] ?? this.options.runningUserId;
        }
        if ('runningUser' in value) return this.options.runningUserId;
        if ('standardPricebook' in value) return this.standardPricebookId;
        if ('pricebookEntryOf' in value) {
            const productId = this.ids.get(value.pricebookEntryOf);
            const entryId = productId ? this.pricebookEntryOfProduct.get(productId) : undefined;
            if (!entryId) {
                throw new Error(
                    `${step.name}: row ${row.externalId} needs the price book entry of ${value.pricebookEntryOf}, which was not loaded`,
                );
            }
            return entryId;
        }
        const stage = stageFor(this.stages, value.stage);
        if (!stage) {
            throw new SeedSetupError(
                `The org has no ${value.stage.isWon ? 'won' : value.stage.isClosed ? 'lost' : 'open'} opportunity stage for ${row.label}.`,
            );
        }
        return stage;
    }

    private resolvedFields(step: SeedStep, row: SeedRow): Record<string, unknown> {
        const fields: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(row.fields)) {
            fields[name] = this.resolve(step, row, value);
        }
        return fields;
    }

    async run(step: SeedStep): Promise<Omit<StepReport, 'requests' | 'seconds'>> {
        const report = {
            name: step.name,
            sobject: step.sobject,
            planned: step.rows.length,
            created: 0,
            existing: 0,
            updated: 0,
        };
        if (step.rows.length === 0) return report;
        if (step.kind === 'pricebook') return this.pricebook(step, report);
        if (step.kind === 'link') return this.link(step, report);

        const sobject = this.names.qualify(step.sobject);
        const describe = await this.describe(step.sobject);
        const prefix = commonPrefix(step.rows.map((row) => row.externalId));
        const existing = await queryAll<SObjectRecord>(
            this.connection,
            this.names.soql(
                `SELECT Id, ${EXTERNAL_ID_FIELD} FROM ${step.sobject} WHERE ${EXTERNAL_ID_FIELD} LIKE ${soqlString(`${prefix}%`)}`,
            ),
        );
        for (const record of existing) {
            this.ids.set(String(this.names.read(record, EXTERNAL_ID_FIELD)), String(record.Id));
        }
        const missing = step.rows.filter((row) => !this.ids.has(row.externalId));
        report.existing = step.rows.length - missing.length;

        const prepared = missing.map((row) => {
            const fields = {
                ...this.resolvedFields(step, row),
                [EXTERNAL_ID_FIELD]: row.externalId,
            };
            const qualified = this.names.record(fields);
            const problems = checkRow(describe, qualified);
            if (problems.length > 0) throw new SeedRowError(step.name, sobject, row, problems);
            return { row, record: qualified };
        });
        for (const batch of chunks(prepared, MAX_RECORDS_PER_REQUEST)) {
            const results = await this.connection.sobject(sobject).create(
                batch.map((entry) => entry.record),
                { allOrNone: true },
            );
            const failed = firstRealFailure(results);
            if (failed >= 0) {
                const entry = batch[failed];
                const result = results[failed];
                if (entry && result) {
                    throw new SeedRowError(step.name, sobject, entry.row, rejection(result));
                }
            }
            batch.forEach((entry, index) => {
                const id = results[index]?.id;
                if (id) this.ids.set(entry.row.externalId, id);
            });
            report.created += batch.length;
        }
        return report;
    }

    /** Self-references, once every row exists: update only the rows whose value differs. */
    private async link(
        step: SeedStep,
        report: Omit<StepReport, 'requests' | 'seconds'>,
    ): Promise<Omit<StepReport, 'requests' | 'seconds'>> {
        const sobject = this.names.qualify(step.sobject);
        const fieldNames = [...new Set(step.rows.flatMap((row) => Object.keys(row.fields)))];
        const prefix = commonPrefix(step.rows.map((row) => row.externalId));
        const current = new Map<string, SObjectRecord>();
        for (const record of await queryAll<SObjectRecord>(
            this.connection,
            this.names.soql(
                `SELECT Id, ${EXTERNAL_ID_FIELD}, ${fieldNames.join(', ')} FROM ${step.sobject} WHERE ${EXTERNAL_ID_FIELD} LIKE ${soqlString(`${prefix}%`)}`,
            ),
        )) {
            current.set(String(this.names.read(record, EXTERNAL_ID_FIELD)), record);
        }
        const changes: { row: SeedRow; record: SObjectRecord }[] = [];
        for (const row of step.rows) {
            const record = current.get(row.externalId);
            if (!record) {
                throw new Error(`${step.name}: row ${row.externalId} is not in the org to link`);
            }
            const wanted = this.resolvedFields(step, row);
            const differs = Object.entries(wanted).some(
                ([name, value]) => (this.names.read(record, name) ?? null) !== value,
            );
            if (differs) {
                changes.push({ row, record: { Id: record.Id, ...this.names.record(wanted) } });
            } else {
                report.existing += 1;
            }
        }
        for (const batch of chunks(changes, MAX_RECORDS_PER_REQUEST)) {
            const results = await this.connection.sobject(sobject).update(
                batch.map((entry) => entry.record),
                { allOrNone: true },
            );
            const failed = firstRealFailure(results);
            const entry = batch[failed];
            const result = results[failed];
            if (failed >= 0 && entry && result) {
                throw new SeedRowError(step.name, sobject, entry.row, rejection(result));
            }
            report.updated += batch.length;
        }
        return report;
    }

    /** Standard price book entries, matched on product (PricebookEntry has no external id). */
    private async pricebook(
        step: SeedStep,
        report: Omit<StepReport, 'requests' | 'seconds'>,
    ): Promise<Omit<StepReport, 'requests' | 'seconds'>> {
        const describe = await this.describe(step.sobject);
        for (const entry of await queryAll<{ Id: string; Product2Id: string }>(
            this.connection,
            `SELECT Id, Product2Id FROM PricebookEntry WHERE Pricebook2Id = ${soqlString(this.standardPricebookId)}`,
        )) {
            this.pricebookEntryOfProduct.set(entry.Product2Id, entry.Id);
        }
        const missing: { row: SeedRow; record: SObjectRecord }[] = [];
        for (const row of step.rows) {
            const fields = this.resolvedFields(step, row);
            if (this.pricebookEntryOfProduct.has(String(fields.Product2Id))) {
                report.existing += 1;
                continue;
            }
            const problems = checkRow(describe, fields);
            if (problems.length > 0) throw new SeedRowError(step.name, step.sobject, row, problems);
            missing.push({ row, record: fields });
        }
        for (const batch of chunks(missing, MAX_RECORDS_PER_REQUEST)) {
            const results = await this.connection.sobject(step.sobject).create(
                batch.map((entry) => entry.record),
                { allOrNone: true },
            );
            const failed = firstRealFailure(results);
            const entry = batch[failed];
            const result = results[failed];
            if (failed >= 0 && entry && result) {
                throw new SeedRowError(step.name, step.sobject, entry.row, rejection(result));
            }
            batch.forEach((item, index) => {
                const id = results[index]?.id;
                if (id) this.pricebookEntryOfProduct.set(String(item.record.Product2Id), id);
            });
            report.created += batch.length;
        }
        return report;
    }
}

function plural(count: number, word: string): string {
    return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

export function formatStep(step: StepReport): string {
    const parts = [`${step.created.toLocaleString('en-US')} created`];
    if (step.updated > 0) parts.push(`${step.updated.toLocaleString('en-US')} linked`);
    parts.push(`${step.existing.toLocaleString('en-US')} already there`);
    return `${step.name}: ${parts.join(', ')} (${plural(step.requests, 'request')}, ${step.seconds.toFixed(1)} s)`;
}

export async function seedPortfolio(
    connection: OrgConnection,
    options: SeedOptions,
): Promise<SeedReport> {
    const clock = options.clock ?? (() => performance.now());
    const counter = { requests: 0 };
    const counted = counting(connection, counter);
    const names = await SchemaNames.detect(counted);
    const loader = new Loader(counted, names, options);
    await loader.prepare();
    const report: SeedReport = {
        namespace: names.namespace,
        steps: [],
        created: 0,
        existing: 0,
        updated: 0,
        requests: 0,
    };
    for (const step of seedPlan(options.portfolio)) {
        const started = clock();
        const requestsBefore = counter.requests;
        const result = await loader.run(step);
        const stepReport: StepReport = {
            ...result,
            requests: counter.requests - requestsBefore,
            seconds: (clock() - started) / 1000,
        };
        report.steps.push(stepReport);
        report.created += stepReport.created;
        report.existing += stepReport.existing;
        report.updated += stepReport.updated;
        options.progress?.(formatStep(stepReport));
    }
    report.requests = counter.requests;
    return report;
}
