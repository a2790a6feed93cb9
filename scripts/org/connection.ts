// The part of jsforce's Connection the org scripts use, as an interface, so the seed and the
// doctor take any connection: jsforce against a scratch org, jsforce against a local org's REST
// subset (scripts/local-org/rest, in npm test), and a fake in the unit tests. Every method here is a real jsforce
// Connection method (jsforce 3: query, queryMore, describe, describeGlobal,
// sobject(type).create/update, which send sObject Collections requests to /composite/sobjects).
import { Connection } from 'jsforce';

export interface QueryResult<T> {
    totalSize: number;
    done: boolean;
    nextRecordsUrl?: string;
    records: T[];
}

/** One error of a rejected row, as the REST API returns it (jsforce passes it through). */
export interface SaveError {
    statusCode?: string;
    errorCode?: string;
    message: string;
    fields?: string[];
}

export interface SaveResult {
    id?: string;
    success: boolean;
    errors: SaveError[];
}

export interface PicklistEntry {
    value: string;
    active: boolean;
}

/** The fields of a REST describe Field that the seed's checks read. */
export interface DescribeField {
    name: string;
    type: string;
    createable: boolean;
    updateable: boolean;
    nillable: boolean;
    defaultedOnCreate: boolean;
    restrictedPicklist: boolean;
    picklistValues?: PicklistEntry[] | null;
    length: number;
    referenceTo?: string[] | null;
}

export interface DescribeSObject {
    name: string;
    fields: DescribeField[];
}

export interface DescribeGlobal {
    sobjects: { name: string }[];
}

export type SObjectRecord = Record<string, unknown>;

export interface SObjectApi {
    create(records: SObjectRecord[], options: { allOrNone: boolean }): Promise<SaveResult[]>;
    update(records: SObjectRecord[], options: { allOrNone: boolean }): Promise<SaveResult[]>;
}

export interface OrgConnection {
    query<T extends SObjectRecord>(soql: string): Promise<QueryResult<T>>;
    queryMore<T extends SObjectRecord>(locator: string): Promise<QueryResult<T>>;
    describe(sobject: string): Promise<DescribeSObject>;
    describeGlobal(): Promise<DescribeGlobal>;
    sobject(sobject: string): SObjectApi;
}

/** sObject Collections take at most 200 records a request. */
export const MAX_RECORDS_PER_REQUEST = 200;

/** Wraps a jsforce Connection; each method is the jsforce call of the same name. */
export function fromJsforce(connection: Connection): OrgConnection {
    return {
        async query<T extends SObjectRecord>(soql: string): Promise<QueryResult<T>> {
            return (await connection.query<T>(soql)) as QueryResult<T>;
        },
        async queryMore<T extends SObjectRecord>(locator: string): Promise<QueryResult<T>> {
            return (await connection.queryMore<T>(locator)) as QueryResult<T>;
        },
        async describe(sobject: string): Promise<DescribeSObject> {
            return (await connection.describe(sobject)) as DescribeSObject;
        },
        async describeGlobal(): Promise<DescribeGlobal> {
            return connection.describeGlobal();
        },
        sobject(sobject: string): SObjectApi {
            const api = connection.sobject(sobject);
            return {
                async create(records, options) {
                    return (await api.create(records, options)) as SaveResult[];
                },
                async update(records, options) {
                    return (await api.update(records as { Id: string }[], options)) as SaveResult[];
                },
            };
        },
    };
}

/** A jsforce connection from what `sf org display --json` returns for an org. */
export function jsforceConnection(auth: {
    instanceUrl: string;
    accessToken: string;
    apiVersion?: string;
}): OrgConnection {
    return fromJsforce(
        new Connection({
            instanceUrl: auth.instanceUrl,
            accessToken: auth.accessToken,
            ...(auth.apiVersion ? { version: auth.apiVersion } : {}),
        }),
    );
}

/** Every record of a query, following nextRecordsUrl. */
export async function queryAll<T extends SObjectRecord>(
    connection: OrgConnection,
    soql: string,
): Promise<T[]> {
    let page = await connection.query<T>(soql);
    const records = [...page.records];
    while (!page.done && page.nextRecordsUrl) {
        page = await connection.queryMore<T>(page.nextRecordsUrl);
        records.push(...page.records);
    }
    return records;
}

/** Escapes a value for a single-quoted SOQL string literal. */
export function soqlString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The error code of a REST save error (`statusCode`; jsforce's type calls it `errorCode`). */
export function errorCodeOf(error: SaveError): string {
    return error.statusCode ?? error.errorCode ?? 'UNKNOWN_ERROR';
}
