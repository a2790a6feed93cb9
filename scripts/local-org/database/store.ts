// The record store: one table per object, rows keyed by Id, indexes on the fields SOQL and
// the DML engine look records up by (lookups, unique and external-id fields, the name field),
// and an undo journal behind savepoints and test snapshots. The journal records only while a
// mark (savepoint or snapshot) is open, so bulk loads outside a transaction cost nothing extra
// and rolling back costs what was changed since the mark, never a table copy.
import {
    DecimalValue,
    DateValue,
    DatetimeValue,
    IntegerValue,
    LongValue,
    DoubleValue,
} from '../interpreter/values.ts';
import type { ApexValue } from '../interpreter/values.ts';
import type { FieldDescribe, ObjectDescribe } from '../schema/types.ts';

export class StoredRow {
    /** In the recycle bin (IsDeleted = true). */
    deleted = false;
    /** The Id of the record whose delete cascaded to this one (restored with it on undelete). */
    deletedWith: string | null = null;
    /** Lookups set to null because this record was deleted (SetNull), restored on undelete. */
    clearedLookups: { childId: string; field: string }[] = [];
    constructor(
        readonly id: string,
        readonly table: Table,
        /** Lower-case field name → value. Formula fields are computed on read, not stored. */
        readonly values: Map<string, ApexValue>,
        /** Insertion order: ties in ORDER BY and unordered results keep it. */
        readonly seq: number,
    ) {}

    get(field: string): ApexValue {
        return this.values.get(field) ?? null;
    }
}

/** The key a value has in an index (null: not indexed). */
export function indexKey(field: FieldDescribe, value: ApexValue): string | null {
    if (value === null) return null;
    if (typeof value === 'string') {
        if (value === '') return null;
        return field.type === 'REFERENCE' || field.type === 'ID' || field.caseSensitive
            ? value
            : value.toLowerCase();
    }
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (value instanceof DecimalValue) return value.v.toString();
    if (value instanceof IntegerValue || value instanceof DoubleValue) return String(value.v);
    if (value instanceof LongValue) return value.v.toString();
    if (value instanceof DateValue) return `${value.year}-${value.month}-${value.day}`;
    if (value instanceof DatetimeValue) return String(value.ms);
    return null;
}

export class Table {
    readonly rows = new Map<string, StoredRow>();
    /** Lower-case field → index key → rows holding it (live and deleted). */
    readonly indexes = new Map<string, Map<string, Set<StoredRow>>>();
    /** Set when a row was put back out of insertion order (undoing a purge): scans then sort by seq. */
    outOfOrder = false;

    constructor(readonly object: ObjectDescribe) {
        for (const field of object.fields.values()) {
            if (shouldIndex(object, field)) this.indexes.set(field.name.toLowerCase(), new Map());
        }
    }

    indexAdd(row: StoredRow, field: string, value: ApexValue): void {
        const index = this.indexes.get(field);
        if (!index) return;
        const key = indexKey(this.object.fields.get(field) as FieldDescribe, value);
        if (key === null) return;
        let set = index.get(key);
        if (!set) {
            set = new Set();
            index.set(key, set);
        }
        set.add(row);
    }

    indexRemove(row: StoredRow, field: string, value: ApexValue): void {
        const index = this.indexes.get(field);
        if (!index) return;
        const key = indexKey(this.object.fields.get(field) as FieldDescribe, value);
        if (key === null) return;
        const set = index.get(key);
        if (!set) return;
        set.delete(row);
        if (set.size === 0) index.delete(key);
    }

    /** Rows whose indexed field holds the value (live and deleted), or undefined if the field has no index. */
    lookup(field: string, value: ApexValue): StoredRow[] | undefined {
        const index = this.indexes.get(field);
        if (!index) return undefined;
        const key = indexKey(this.object.fields.get(field) as FieldDescribe, value);
        if (key === null) return [];
        const set = index.get(key);
        return set ? [...set] : [];
    }

    /** Every row in insertion order. */
    scan(): StoredRow[] {
        const all = [...this.rows.values()];
        if (this.outOfOrder) all.sort((a, b) => a.seq - b.seq);
        return all;
    }
}

function shouldIndex(object: ObjectDescribe, field: FieldDescribe): boolean {
    if (field.type === 'ID' || (field.calculated && !field.nameField)) return false;
    if (field.type === 'REFERENCE') return !field.audit;
    return (
        field.unique ||
        field.externalId ||
        field.nameField ||
        (object.isCustomMetadata && field.name === 'DeveloperName')
    );
}

type JournalEntry =
    | { kind: 'insert'; row: StoredRow }
    | { kind: 'update'; row: StoredRow; previous: Map<string, ApexValue | undefined> }
    | {
          kind: 'flags';
          row: StoredRow;
          deleted: boolean;
          deletedWith: string | null;
          clearedLookups: StoredRow['clearedLookups'];
      }
    | { kind: 'purge'; row: StoredRow };

/** A point the store can be rolled back to. */
export interface Mark {
    readonly position: number;
    readonly token: number;
}

export class Store {
    /** Bumped on every change (and every undo): caches derived from the rows compare it. */
    version = 0;
    private readonly tables = new Map<string, Table>();
    /** Every row by its 18-character Id. */
    readonly byId = new Map<string, StoredRow>();
    private journal: JournalEntry[] = [];
    private marks: Mark[] = [];
    private nextToken = 0;
    private nextSeq = 1;

    table(object: ObjectDescribe): Table {
        const key = object.name.toLowerCase();
        let table = this.tables.get(key);
        if (!table) {
            table = new Table(object);
            this.tables.set(key, table);
        }
        return table;
    }

    private record(entry: JournalEntry): void {
        this.version++;
        if (this.marks.length > 0) this.journal.push(entry);
    }

    insert(object: ObjectDescribe, id: string, values: Map<string, ApexValue>): StoredRow {
        const table = this.table(object);
        const row = new StoredRow(id, table, values, this.nextSeq++);
        this.attach(row);
        this.record({ kind: 'insert', row });
        return row;
    }

    private attach(row: StoredRow): void {
        row.table.rows.set(row.id, row);
        this.byId.set(row.id, row);
        for (const [field, value] of row.values) row.table.indexAdd(row, field, value);
    }

    private detach(row: StoredRow): void {
        row.table.rows.delete(row.id);
        this.byId.delete(row.id);
        for (const [field, value] of row.values) row.table.indexRemove(row, field, value);
    }

    /** Sets field values (lower-case names); undefined removes a value. */
    update(row: StoredRow, changes: Map<string, ApexValue | undefined>): void {
        const previous = new Map<string, ApexValue | undefined>();
        for (const [field, value] of changes) {
            const old = row.values.get(field);
            previous.set(field, old);
            if (old !== undefined) row.table.indexRemove(row, field, old);
            if (value === undefined) row.values.delete(field);
            else {
                row.values.set(field, value);
                row.table.indexAdd(row, field, value);
            }
        }
        this.record({ kind: 'update', row, previous });
    }

    /** Moves a row into or out of the recycle bin. */
    setDeleted(
        row: StoredRow,
        deleted: boolean,
        deletedWith: string | null,
        clearedLookups: StoredRow['clearedLookups'],
    ): void {
        this.record({
            kind: 'flags',
            row,
            deleted: row.deleted,
            deletedWith: row.deletedWith,
            clearedLookups: row.clearedLookups,
        });
        row.deleted = deleted;
        row.deletedWith = deletedWith;
        row.clearedLookups = clearedLookups;
    }

    /** Removes a row for good (objects without a recycle bin, or emptied from it). */
    purge(row: StoredRow): void {
        this.detach(row);
        this.record({ kind: 'purge', row });
    }

    mark(): Mark {
        const m = { position: this.journal.length, token: ++this.nextToken };
        this.marks.push(m);
        return m;
    }

    isOpen(mark: Mark): boolean {
        return this.marks.some((m) => m.token === mark.token);
    }

    /** Undoes everything recorded since the mark; marks set after it are dropped, the mark stays open. */
    rollback(mark: Mark): void {
        const at = this.marks.findIndex((m) => m.token === mark.token);
        if (at < 0) throw new Error('local-org: rollback to a mark that is no longer open');
        for (let i = this.journal.length - 1; i >= mark.position; i--)
            this.undo(this.journal[i] as JournalEntry);
        this.journal.length = mark.position;
        this.marks.length = at + 1;
    }

    /** Forgets a mark (its changes stay); with no mark left the journal is emptied. */
    release(mark: Mark): void {
        this.marks = this.marks.filter((m) => m.token !== mark.token);
        if (this.marks.length === 0) this.journal = [];
    }

    private undo(entry: JournalEntry): void {
        this.version++;
        switch (entry.kind) {
            case 'insert':
                this.detach(entry.row);
                return;
            case 'purge':
                this.attach(entry.row);
                entry.row.table.outOfOrder = true;
                return;
            case 'update':
                for (const [field, value] of entry.previous) {
                    const current = entry.row.values.get(field);
                    if (current !== undefined)
                        entry.row.table.indexRemove(entry.row, field, current);
                    if (value === undefined) entry.row.values.delete(field);
                    else {
                        entry.row.values.set(field, value);
                        entry.row.table.indexAdd(entry.row, field, value);
                    }
                }
                return;
            case 'flags':
                entry.row.deleted = entry.deleted;
                entry.row.deletedWith = entry.deletedWith;
                entry.row.clearedLookups = entry.clearedLookups;
                return;
        }
    }

    /** Insertion sequence counter (so snapshots can restore it). */
    get sequence(): number {
        return this.nextSeq;
    }
    set sequence(value: number) {
        this.nextSeq = value;
    }
}
