// Query and queryMore (REST API Developer Guide: Query; "Execute a SOQL Query"): the SOQL runs
// through the local org's SOQL engine in user mode as the session user; the first batch comes
// back with `nextRecordsUrl` when more rows remain, and the rest is read from a cursor
// (`…/query/<locator>-<offset>`). Batches are 2,000 rows unless the client asks for fewer with
// `Sforce-Query-Options: batchSize=n` (200 to 2,000). Like the platform, a user keeps at most
// 10 cursors: opening an eleventh releases the oldest; a released or unknown locator is
// INVALID_QUERY_LOCATOR.
import { makeId } from '../database/ids.ts';
import { userTimeZone } from '../interpreter/dates.ts';
import type { SObjectValue } from '../interpreter/values.ts';
import type { LocalOrg } from '../runtime/org.ts';
import { badRequest } from './errors.ts';
import type { JsonRecord, RecordCodec } from './records.ts';

export const DEFAULT_BATCH_SIZE = 2000;
const MIN_BATCH_SIZE = 200;
const MAX_CURSORS_PER_USER = 10;
/** Key prefix of query locators (QueryLocator records). */
const LOCATOR_PREFIX = '01g';

interface Cursor {
    id: string;
    userId: string;
    rows: SObjectValue[];
    batchSize: number;
    scanAll: boolean;
}

export interface QueryPage {
    totalSize: number;
    done: boolean;
    nextRecordsUrl?: string;
    records: JsonRecord[];
}

/** `batchSize=500` of the Sforce-Query-Options header (the platform's bounds). */
export function batchSizeOf(header: string | undefined): number {
    const match = /batchSize\s*=\s*(\d+)/i.exec(header ?? '');
    if (!match) return DEFAULT_BATCH_SIZE;
    return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(match[1])));
}

export class QueryCursors {
    private readonly cursors = new Map<string, Cursor>();
    private sequence = 0;

    constructor(private readonly org: LocalOrg) {}

    /** Runs a SOQL query for the user and returns its first batch. */
    query(
        soql: string,
        options: { userId: string; codec: RecordCodec; batchSize: number; scanAll: boolean },
    ): QueryPage {
        if (soql.trim() === '')
            throw badRequest('MALFORMED_QUERY', 'A query string has to be specified');
        const text = options.scanAll && !/\ball\s+rows\s*$/i.test(soql) ? `${soql} ALL ROWS` : soql;
        const result = this.org.data.query(text, {
            bind: (name) => {
                throw badRequest(
                    'MALFORMED_QUERY',
                    `unexpected token: ':${name}' (binds are Apex only)`,
                );
            },
            access: { mode: 'user', userId: options.userId },
            user: { id: options.userId, timeZone: userTimeZone.id },
        });
        if (result.kind === 'count') return { totalSize: result.count, done: true, records: [] };
        const cursor: Cursor = {
            id: makeId(LOCATOR_PREFIX, ++this.sequence),
            userId: options.userId,
            rows: result.rows,
            batchSize: options.batchSize,
            scanAll: options.scanAll,
        };
        return this.page(cursor, 0, options.codec);
    }

    /** The batch a `nextRecordsUrl` points at (`<locator>-<offset>`). */
    more(locator: string, options: { userId: string; codec: RecordCodec }): QueryPage {
        const match = /^([A-Za-z0-9]{15,18})-(\d+)$/.exec(locator);
        const cursor = match ? this.cursors.get(match[1] as string) : undefined;
        const offset = match ? Number(match[2]) : -1;
        if (!cursor || cursor.userId !== options.userId || offset > cursor.rows.length)
            throw badRequest('INVALID_QUERY_LOCATOR', 'invalid query locator');
        return this.page(cursor, offset, options.codec);
    }

    private page(cursor: Cursor, offset: number, codec: RecordCodec): QueryPage {
        const end = Math.min(cursor.rows.length, offset + cursor.batchSize);
        const records = cursor.rows.slice(offset, end).map((row) => codec.toJson(row));
        const done = end >= cursor.rows.length;
        if (done) {
            this.cursors.delete(cursor.id);
            return { totalSize: cursor.rows.length, done, records };
        }
        this.keep(cursor);
        const resource = cursor.scanAll ? 'queryAll' : 'query';
        return {
            totalSize: cursor.rows.length,
            done,
            nextRecordsUrl: `/services/data/v${codec.version}/${resource}/${cursor.id}-${end}`,
            records,
        };
    }

    private keep(cursor: Cursor): void {
        if (this.cursors.has(cursor.id)) return;
        const own = [...this.cursors.values()].filter((c) => c.userId === cursor.userId);
        const oldest = own[0];
        if (own.length >= MAX_CURSORS_PER_USER && oldest) this.cursors.delete(oldest.id);
        this.cursors.set(cursor.id, cursor);
    }

    /** Open cursors (for tests and the limits resource). */
    get open(): number {
        return this.cursors.size;
    }
}
