// A fake jsforce-shaped connection for the org scripts' unit tests: an in-memory store with
// describes built from this project's objects/ metadata (custom objects and the custom fields of
// standard ones) plus a small recorded fixture of the standard fields the seed writes, and a
// SOQL subset just large enough for the queries the seed and the doctor send (SELECT fields or
// COUNT() FROM one object, WHERE … AND …, =, !=, <, >, LIKE, IN, NOT IN, ORDER BY one field,
// LIMIT). It runs no Apex, no validation rule and no trigger: the local org's REST subset does
// (localOrg*.test.ts). Tests plant the org's rejections with `rejectWhen`.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { listObjectFolders, metadataFiles, PACKAGE_DIR } from '../../lib/projectPaths.ts';
import type {
    DescribeField,
    DescribeGlobal,
    DescribeSObject,
    OrgConnection,
    QueryResult,
    SaveError,
    SaveResult,
    SObjectApi,
    SObjectRecord,
} from '../connection.ts';

const here = dirname(fileURLToPath(import.meta.url));
const STANDARD_FIXTURE = join(here, '..', 'fixtures', 'describe', 'standardObjects.json');

type Row = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Describes from metadata

const xml = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (name) => name === 'value',
});

function field(name: string, type: string, extra: Partial<DescribeField> = {}): DescribeField {
    return {
        name,
        type,
        createable: true,
        updateable: true,
        nillable: true,
        defaultedOnCreate: false,
        restrictedPicklist: false,
        picklistValues: null,
        length: 0,
        referenceTo: null,
        ...extra,
    };
}

interface FieldXml {
    fullName?: string;
    type?: string;
    length?: string;
    required?: string;
    formula?: string;
    referenceTo?: string;
    valueSet?: {
        restricted?: string;
        valueSetDefinition?: { value?: { fullName?: string; default?: string }[] };
    };
}

const TYPES: Record<string, string> = {
    Text: 'string',
    TextArea: 'textarea',
    LongTextArea: 'textarea',
    Html: 'textarea',
    Email: 'email',
    Url: 'url',
    Phone: 'phone',
    Picklist: 'picklist',
    MultiselectPicklist: 'multipicklist',
    Checkbox: 'boolean',
    Number: 'double',
    Currency: 'currency',
    Percent: 'percent',
    Date: 'date',
    DateTime: 'datetime',
    Lookup: 'reference',
    MasterDetail: 'reference',
    AutoNumber: 'string',
    Summary: 'double',
};

export function describeFieldFromXml(text: string): DescribeField {
    const parsed = (xml.parse(text) as { CustomField: FieldXml }).CustomField;
    const metadataType = parsed.type ?? 'Text';
    const calculated = Boolean(parsed.formula) || metadataType === 'Summary';
    const values = parsed.valueSet?.valueSetDefinition?.value ?? [];
    const hasDefault = values.some((value) => value.default === 'true');
    return field(parsed.fullName ?? '', TYPES[metadataType] ?? 'string', {
        createable: !calculated && metadataType !== 'AutoNumber',
        updateable: !calculated && metadataType !== 'AutoNumber',
        nillable: !(parsed.required === 'true' || metadataType === 'MasterDetail'),
        defaultedOnCreate: metadataType === 'Checkbox' || hasDefault,
        restrictedPicklist: parsed.valueSet?.restricted === 'true',
        picklistValues:
            values.length > 0
                ? values.map((value) => ({ value: value.fullName ?? '', active: true }))
                : null,
        length: Number(parsed.length ?? 0),
        referenceTo: parsed.referenceTo ? [parsed.referenceTo] : null,
    });
}

function customObjectBaseFields(objectXml: string, name: string): DescribeField[] {
    const nameField = /<nameField>[\s\S]*?<type>(\w+)<\/type>[\s\S]*?<\/nameField>/.exec(objectXml);
    const autoNumber = nameField?.[1] === 'AutoNumber';
    const fields = [
        field('Id', 'id', {
            createable: false,
            updateable: false,
            nillable: false,
            defaultedOnCreate: true,
        }),
        field('Name', 'string', {
            createable: !autoNumber,
            updateable: !autoNumber,
            nillable: autoNumber,
            defaultedOnCreate: autoNumber,
            length: 80,
        }),
    ];
    if (
        !/<sharingModel>ControlledByParent<\/sharingModel>/.test(objectXml) &&
        !name.endsWith('__mdt')
    ) {
        fields.push(
            field('OwnerId', 'reference', {
                defaultedOnCreate: true,
                nillable: false,
                referenceTo: ['User'],
            }),
        );
    }
    if (name.endsWith('__mdt')) {
        fields.push(field('DeveloperName', 'string', { createable: false, updateable: false }));
    }
    return fields;
}

/** Describes of this project's objects, with the standard fixture merged in; names qualified. */
export function describesFromProject(
    namespace = '',
    packageDir = PACKAGE_DIR,
): Map<string, DescribeSObject> {
    const qualify = (name: string): string =>
        namespace && /__(c|mdt)$/.test(name) && !name.slice(0, -3).includes('__')
            ? `${namespace}__${name}`
            : name;
    const describes = new Map<string, DescribeSObject>();
    const standard = JSON.parse(readFileSync(STANDARD_FIXTURE, 'utf8')) as {
        objects: DescribeSObject[];
    };
    for (const object of standard.objects) {
        describes.set(object.name, {
            name: object.name,
            fields: object.fields.map((f) => field(f.name, f.type, f)),
        });
    }
    for (const folder of listObjectFolders(packageDir)) {
        // Activity fields are the fields of both Task and Event.
        if (folder.name === 'Activity') {
            for (const file of metadataFiles('fields', '.field-meta.xml', folder.dir)) {
                const described = describeFieldFromXml(readFileSync(file, 'utf8'));
                for (const activity of ['Task', 'Event']) {
                    describes
                        .get(activity)
                        ?.fields.push({ ...described, name: qualify(described.name) });
                }
            }
            continue;
        }
        const name = qualify(folder.name);
        let describe = describes.get(name);
        if (!describe) {
            const objectFile = join(folder.dir, `${folder.name}.object-meta.xml`);
            let objectXml = '';
            try {
                objectXml = readFileSync(objectFile, 'utf8');
            } catch {
                continue; // fields of a standard object the fixture does not list
            }
            describe = { name, fields: customObjectBaseFields(objectXml, folder.name) };
            describes.set(name, describe);
        }
        for (const file of metadataFiles('fields', '.field-meta.xml', folder.dir)) {
            const described = describeFieldFromXml(readFileSync(file, 'utf8'));
            describe.fields.push({ ...described, name: qualify(described.name) });
        }
    }
    return describes;
}

/** Custom Metadata records of the project, as the org would return them. */
export function customMetadataRecordsFromProject(
    packageDir = PACKAGE_DIR,
): { type: string; developerName: string }[] {
    return metadataFiles('customMetadata', '.md-meta.xml', packageDir).map((file) => {
        const [type = '', developerName = ''] = basename(file, '.md-meta.xml').split('.');
        return { type: `${type}__mdt`, developerName };
    });
}

// ---------------------------------------------------------------------------------------------
// SOQL subset

interface Condition {
    path: string;
    operator: string;
    value: unknown;
}

interface Query {
    fields: string[];
    count: boolean;
    from: string;
    where: Condition[];
    orderBy?: { path: string; descending: boolean };
    limit?: number;
}

function literal(text: string): unknown {
    const trimmed = text.trim();
    if (trimmed.startsWith("'"))
        return trimmed.slice(1, -1).replace(/\\'/g, "'").replace(/\\\\/g, '\\');
    if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
    if (/^null$/i.test(trimmed)) return null;
    if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
    throw new Error(`fake org: unsupported literal ${trimmed}`);
}

export function parseSoql(soql: string): Query {
    const match =
        /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER\s+BY\s+([\w.]+)(?:\s+(ASC|DESC))?)?(?:\s+LIMIT\s+(\d+))?\s*$/is.exec(
            soql,
        );
    if (!match) throw new Error(`fake org: unsupported SOQL: ${soql}`);
    const [, select = '', from = '', where, orderBy, direction, limit] = match;
    const count = /^COUNT\(\)$/i.test(select.trim());
    const conditions: Condition[] = [];
    if (where) {
        for (const part of where.split(/\s+AND\s+(?=(?:[^']*'[^']*')*[^']*$)/i)) {
            const condition =
                /^\s*([\w.]+)\s+(NOT\s+IN|IN)\s*\((.*)\)\s*$/is.exec(part) ??
                /^\s*([\w.]+)\s+(LIKE)\s+('.*')\s*$/is.exec(part) ??
                /^\s*([\w.]+)\s*(=|!=|<=|>=|<|>)\s*(.+?)\s*$/s.exec(part);
            if (!condition) throw new Error(`fake org: unsupported condition: ${part}`);
            const [, path = '', operator = '', value = ''] = condition;
            const op = operator.toUpperCase().replace(/\s+/, ' ');
            conditions.push({
                path,
                operator: op,
                value:
                    op === 'IN' || op === 'NOT IN'
                        ? value.split(/,(?=(?:[^']*'[^']*')*[^']*$)/).map(literal)
                        : literal(value),
            });
        }
    }
    return {
        fields: count ? [] : select.split(',').map((fieldName) => fieldName.trim()),
        count,
        from,
        where: conditions,
        ...(orderBy
            ? { orderBy: { path: orderBy, descending: direction?.toUpperCase() === 'DESC' } }
            : {}),
        ...(limit ? { limit: Number(limit) } : {}),
    };
}

function read(row: Row, path: string): unknown {
    let current: unknown = row;
    for (const part of path.split('.')) {
        if (current === null || typeof current !== 'object') return undefined;
        const record = current as Row;
        const key = Object.keys(record).find((name) => name.toLowerCase() === part.toLowerCase());
        current = key === undefined ? undefined : record[key];
    }
    return current;
}

function likeToRegex(pattern: string): RegExp {
    const escaped = pattern
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/%/g, '.*')
        .replace(/_/g, '.');
    return new RegExp(`^${escaped}$`, 'i');
}

function matches(row: Row, condition: Condition): boolean {
    const value = read(row, condition.path) ?? null;
    switch (condition.operator) {
        case '=':
            return value === condition.value;
        case '!=':
            return value !== condition.value;
        case 'LIKE':
            return typeof value === 'string' && likeToRegex(String(condition.value)).test(value);
        case 'IN':
            return (condition.value as unknown[]).includes(value);
        case 'NOT IN':
            return !(condition.value as unknown[]).includes(value);
        case '<':
            return (value as number) < (condition.value as number);
        case '>':
            return (value as number) > (condition.value as number);
        case '<=':
            return (value as number) <= (condition.value as number);
        case '>=':
            return (value as number) >= (condition.value as number);
        default:
            throw new Error(`fake org: unsupported operator ${condition.operator}`);
    }
}

function project(row: Row, fields: string[], type: string): Row {
    const result: Row = { attributes: { type } };
    for (const path of fields) {
        const parts = path.split('.');
        let target = result;
        parts.forEach((part, index) => {
            if (index === parts.length - 1) {
                target[part] = read(row, path) ?? null;
            } else {
                const nested = (target[part] as Row | undefined) ?? {};
                target[part] = nested;
                target = nested;
            }
        });
    }
    return result;
}

// ---------------------------------------------------------------------------------------------
// The fake org

export interface Request {
    kind: 'query' | 'queryMore' | 'describe' | 'describeGlobal' | 'create' | 'update';
    sobject?: string;
    size?: number;
    soql?: string;
}

export type Rejection = (sobject: string, record: Row) => SaveError | null;

export class FakeOrg implements OrgConnection {
    readonly requests: Request[] = [];
    private readonly tables = new Map<string, Row[]>();
    private readonly rejections: Rejection[] = [];
    private nextId = 1;
    private readonly pages = new Map<string, Row[]>();

    constructor(
        readonly describes: Map<string, DescribeSObject>,
        /** Rows per query page, to exercise queryMore. */
        readonly pageSize = 2000,
    ) {}

    static forProject(namespace = '', pageSize?: number): FakeOrg {
        const org = new FakeOrg(describesFromProject(namespace), pageSize);
        for (const record of customMetadataRecordsFromProject()) {
            const type = namespace ? `${namespace}__${record.type}` : record.type;
            org.insert(type, { DeveloperName: record.developerName });
        }
        return org;
    }

    private table(sobject: string): Row[] {
        const key = sobject.toLowerCase();
        let rows = this.tables.get(key);
        if (!rows) {
            rows = [];
            this.tables.set(key, rows);
        }
        return rows;
    }

    /** Puts a record straight into the store (org state a test starts from). */
    insert(sobject: string, record: Row): string {
        const id = typeof record.Id === 'string' ? record.Id : this.newId();
        this.table(sobject).push({ ...record, Id: id });
        return id;
    }

    rows(sobject: string): Row[] {
        return this.table(sobject);
    }

    rejectWhen(rule: Rejection): void {
        this.rejections.push(rule);
    }

    private newId(): string {
        return `a00${String(this.nextId++).padStart(12, '0')}AAA`;
    }

    async describeGlobal(): Promise<DescribeGlobal> {
        this.requests.push({ kind: 'describeGlobal' });
        return { sobjects: [...this.describes.keys()].map((name) => ({ name })) };
    }

    async describe(sobject: string): Promise<DescribeSObject> {
        this.requests.push({ kind: 'describe', sobject });
        const describe = [...this.describes.values()].find(
            (entry) => entry.name.toLowerCase() === sobject.toLowerCase(),
        );
        if (!describe)
            throw new Error(`NOT_FOUND: The requested resource does not exist: ${sobject}`);
        return describe;
    }

    async query<T extends SObjectRecord>(soql: string): Promise<QueryResult<T>> {
        this.requests.push({ kind: 'query', soql });
        const query = parseSoql(soql);
        let rows = this.table(query.from).filter((row) =>
            query.where.every((c) => matches(row, c)),
        );
        if (query.orderBy) {
            const { path, descending } = query.orderBy;
            rows = [...rows].sort((a, b) => {
                const left = read(a, path) ?? '';
                const right = read(b, path) ?? '';
                const order =
                    typeof left === 'number' && typeof right === 'number'
                        ? left - right
                        : String(left).localeCompare(String(right));
                return order * (descending ? -1 : 1);
            });
        }
        if (query.limit !== undefined) rows = rows.slice(0, query.limit);
        if (query.count) return { totalSize: rows.length, done: true, records: [] };
        const projected = rows.map((row) => project(row, query.fields, query.from));
        return this.page<T>(projected, projected.length);
    }

    private page<T>(rows: Row[], totalSize: number): QueryResult<T> {
        const first = rows.slice(0, this.pageSize);
        const rest = rows.slice(this.pageSize);
        if (rest.length === 0) return { totalSize, done: true, records: first as T[] };
        const locator = `/services/data/v64.0/query/01g${this.pages.size}-${this.pageSize}`;
        this.pages.set(locator, rest);
        return { totalSize, done: false, nextRecordsUrl: locator, records: first as T[] };
    }

    async queryMore<T extends SObjectRecord>(locator: string): Promise<QueryResult<T>> {
        this.requests.push({ kind: 'queryMore', soql: locator });
        const rows = this.pages.get(locator);
        if (!rows) throw new Error(`INVALID_QUERY_LOCATOR: ${locator}`);
        this.pages.delete(locator);
        return this.page<T>(rows, rows.length);
    }

    sobject(sobject: string): SObjectApi {
        return {
            create: async (records, options) =>
                this.save('create', sobject, records, options.allOrNone),
            update: async (records, options) =>
                this.save('update', sobject, records, options.allOrNone),
        };
    }

    private async save(
        kind: 'create' | 'update',
        sobject: string,
        records: SObjectRecord[],
        allOrNone: boolean,
    ): Promise<SaveResult[]> {
        this.requests.push({ kind, sobject, size: records.length });
        if (records.length > 200) {
            throw new Error(
                'EXCEEDED_ID_LIMIT: record limit reached. cannot submit more than 200 records into this call',
            );
        }
        const errors = records.map((record) => {
            for (const rule of this.rejections) {
                const error = rule(sobject, record);
                if (error) return error;
            }
            return null;
        });
        if (allOrNone && errors.some(Boolean)) {
            return errors.map((error) => ({
                success: false,
                errors: [
                    error ?? {
                        statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                        message:
                            'Record rolled back because not all records were valid and the request was using AllOrNone header',
                        fields: [],
                    },
                ],
            }));
        }
        return records.map((record, index) => {
            const error = errors[index];
            if (error) return { success: false, errors: [error] };
            if (kind === 'create') {
                const id = this.insert(sobject, record);
                return { id, success: true, errors: [] };
            }
            const existing = this.table(sobject).find((row) => row.Id === record.Id);
            if (!existing) {
                return {
                    success: false,
                    errors: [
                        {
                            statusCode: 'ENTITY_IS_DELETED',
                            message: 'entity is deleted',
                            fields: [],
                        },
                    ],
                };
            }
            Object.assign(existing, record);
            return { id: String(record.Id), success: true, errors: [] };
        });
    }
}
