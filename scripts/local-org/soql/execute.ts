// SOQL over the record store (SOQL and SOSL Reference). Paths through parents (polymorphic
// Who/What/Owner read as the Name entity), child sub-queries, WHERE with every comparison
// operator, semi- and anti-joins, binds, date literals in the user's time zone, aggregates with
// GROUP BY and HAVING, ORDER BY with NULLS FIRST/LAST and stable ties, LIMIT/OFFSET, ALL ROWS,
// WITH USER_MODE / SECURITY_ENFORCED. Equality and IN on indexed fields (Id, lookups, unique,
// external-id and name fields) read the index instead of scanning the table.
import type { QueryContext } from '@apexdevtools/apex-parser';
import { D } from '../interpreter/decimal.ts';
import { UnsupportedError } from '../interpreter/errors.ts';
import { systemException } from '../interpreter/exceptions.ts';
import { addDays, dayOfYear, epochDay } from '../interpreter/dates.ts';
import {
    DateValue,
    DatetimeValue,
    DecimalValue,
    IntegerValue,
    ListValue,
    SetValue,
    SObjectValue,
    typeRef,
} from '../interpreter/values.ts';
import type { ApexValue, SObjectTypeInfo } from '../interpreter/values.ts';
import { dateInZone, startOfDay, zonedParts } from '../database/clock.ts';
import type { LocalDatabase } from '../database/database.ts';
import { StoredRow } from '../database/store.ts';
import type { AccessContext, UserContext } from '../database/types.ts';
import { decimalOf } from '../database/values.ts';
import type { FieldDescribe, ObjectDescribe, OrgSchema } from '../schema/types.ts';
import type {
    AggregateFn,
    Condition,
    Literal,
    OrderItem,
    Path,
    SoqlQuery,
    Term,
    ValueNode,
} from './ast.ts';
import { dateLiteralRange } from './dateLiterals.ts';
import { activityRelationRows, isActivityRelation } from './virtualRows.ts';
import type { ActivityFilter } from './virtualRows.ts';
import { queryFromText, queryFromTree } from './parse.ts';
import {
    compareKeys,
    equalKeys,
    keyOf,
    kindOf,
    likePattern,
    orderValues,
    rowKey,
} from './values.ts';
import type { Key, ValueKind } from './values.ts';

export interface QueryEnv {
    db: LocalDatabase;
    schema: OrgSchema;
    /** Inline SOQL: evaluates the bind expression (ctx is its apex-parser tree); dynamic SOQL: the variable or bind-map entry named. */
    bind(name: string, ctx?: unknown): ApexValue;
    access: AccessContext;
    user: UserContext;
}

export type QueryResult =
    | { kind: 'records'; object: string; rows: SObjectValue[]; rowCount: number }
    | { kind: 'count'; count: number; rowCount: number }
    | { kind: 'aggregate'; rows: SObjectValue[]; rowCount: number };

/** Runs a query: an inline query's tree or a dynamic query's text. */
export function executeQuery(query: QueryContext | string, env: QueryEnv): QueryResult {
    const parsed = typeof query === 'string' ? queryFromText(query) : queryFromTree(query);
    return new Execution(parsed, env).run();
}

const NO_SUCH_OBJECT = (name: string) =>
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`;
const NO_SUCH_COLUMN = (field: string, object: string) =>
    `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;
const NO_SUCH_RELATION = (name: string) =>
    `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`;

/** One hop through a lookup. */
interface Hop {
    lookup: FieldDescribe;
    /** The object reached (the Name entity for polymorphic lookups). */
    target: ObjectDescribe;
    polymorphic: boolean;
}

/** A resolved field path. */
interface FieldRef {
    hops: Hop[];
    field: FieldDescribe;
    object: ObjectDescribe;
    kind: ValueKind;
}

type Clause = 'select' | 'where' | 'order' | 'group' | 'having';

/** A compiled term: its value for a row (or, in aggregate queries, for a group). */
interface Getter {
    (row: StoredRow): ApexValue;
}

interface Group {
    key: string;
    rows: StoredRow[];
    first: StoredRow;
}

class Execution {
    private readonly db: LocalDatabase;
    private readonly schema: OrgSchema;
    private readonly object: ObjectDescribe;
    private readonly today: DateValue;
    /** Objects and fields read, for user-mode and SECURITY_ENFORCED checks. */
    private readonly reads: {
        object: ObjectDescribe;
        field: FieldDescribe | null;
        clause: Clause;
    }[] = [];
    private childRows = 0;
    /** Record-level sharing: whether it applies to this query (see AccessContext). */
    private readonly sharing: boolean;

    constructor(
        private readonly query: SoqlQuery,
        private readonly env: QueryEnv,
        object?: ObjectDescribe,
        /** A sub-query or semi-join shares its outer query's sharing. */
        outerSharing?: boolean,
    ) {
        this.db = env.db;
        this.schema = env.schema;
        this.object = object ?? this.resolveObject(query.from);
        this.today = dateInZone(this.db.nowMs(), env.user.timeZone);
        const declared = query.withMode ?? env.access.mode;
        this.sharing =
            outerSharing ??
            (this.db.security !== null &&
                (declared === 'USER_MODE' || declared === 'user' || env.access.sharing === true));
    }

    /** Rows of an object the running user may read (null: every row). */
    private readable(object: ObjectDescribe): ((row: StoredRow) => boolean) | null {
        if (!this.sharing || !this.db.security || object.virtual) return null;
        return this.db.security.readFilter(this.env.access.userId, object);
    }

    private resolveObject(name: string): ObjectDescribe {
        const object = this.schema.object(name);
        if (!object) {
            // A custom name the project does not define is what the platform reports; a standard
            // object outside the catalogue is outside the local org's subset.
            if (/__(c|mdt|e|x|b)$/i.test(name))
                throw systemException('QueryException', NO_SUCH_OBJECT(name));
            return this.schema.require(name);
        }
        if (!object.queryable) throw systemException('QueryException', NO_SUCH_OBJECT(name));
        return object;
    }

    private fence(what: string): UnsupportedError {
        return new UnsupportedError(`${what} in SOQL [${this.query.text}]`, undefined);
    }

    // ---- paths ----

    private resolve(object: ObjectDescribe, path: Path, clause: Clause): FieldRef {
        let parts = path;
        // "Account.Name" in a query FROM Account may name the object first.
        if (
            parts.length > 1 &&
            (parts[0] as string).toLowerCase() === object.name.toLowerCase() &&
            !object.relationships.has((parts[0] as string).toLowerCase())
        )
            parts = parts.slice(1);
        const hops: Hop[] = [];
        let current = object;
        this.reads.push({ object, field: null, clause });
        for (const name of parts.slice(0, -1)) {
            const lookup = current.relationships.get(name.toLowerCase());
            if (!lookup) throw systemException('QueryException', NO_SUCH_RELATION(name));
            this.reads.push({ object: current, field: lookup, clause });
            const polymorphic = lookup.referenceTo.length !== 1;
            const target = polymorphic
                ? this.schema.require('Name')
                : this.schema.require(lookup.referenceTo[0] as string);
            hops.push({ lookup, target, polymorphic });
            current = target;
            this.reads.push({ object: current, field: null, clause });
        }
        const last = parts[parts.length - 1] as string;
        const field = current.fields.get(last.toLowerCase());
        if (!field) {
            const reason = this.schema.fencedField(current.name, last);
            if (reason) throw this.fence(`the field ${current.name}.${last} (${reason})`);
            throw systemException('QueryException', NO_SUCH_COLUMN(last, current.name));
        }
        this.reads.push({ object: current, field, clause });
        return { hops, field, object: current, kind: kindOf(field) };
    }

    /** The row a path's hops lead to (null if a lookup is empty or its target hidden). */
    private follow(row: StoredRow, hops: Hop[]): StoredRow | null {
        let current: StoredRow | null = row;
        for (const hop of hops) {
            const id: ApexValue = this.db.fieldValue(current, hop.lookup);
            if (typeof id !== 'string') return null;
            const next = this.db.row(id);
            if (!next || (next.deleted && !this.query.allRows) || this.db.hiddenByIsolation(next))
                return null;
            const hidden = this.parentHidden(next);
            current = hop.polymorphic
                ? this.nameEntity(next, hidden)
                : hidden
                  ? this.idAndName(next)
                  : next;
        }
        return current;
    }

    /** Under sharing, a parent the user cannot read (catalogue §6.5, aer v1.4.17). */
    private parentHidden(parent: StoredRow): boolean {
        if (!this.sharing || !this.db.security) return false;
        const filter = this.readable(parent.table.object);
        return filter !== null && !filter(parent);
    }

    /** A parent the user cannot read, as a relationship shows it: its Id and name, nothing else. */
    private idAndName(row: StoredRow): StoredRow {
        const object = row.table.object;
        const values = new Map<string, ApexValue>();
        const nameField = object.nameField?.toLowerCase();
        if (nameField) {
            const field = object.fields.get(nameField);
            if (field) values.set(nameField, this.db.fieldValue(row, field));
        }
        return new StoredRow(row.id, row.table, values, row.seq);
    }

    /** The Name entity view of a record (Object Reference: Name). */
    private nameEntity(row: StoredRow, hidden = false): StoredRow {
        const nameObject = this.schema.require('Name');
        const source = row.table.object;
        const values = new Map<string, ApexValue>();
        const nameField = source.nameField?.toLowerCase() ?? 'name';
        values.set('name', this.db.storedValue(row, nameField));
        values.set('type', source.name);
        if (hidden) return new StoredRow(row.id, this.db.store.table(nameObject), values, row.seq);
        for (const field of nameObject.fields.values()) {
            const key = field.name.toLowerCase();
            if (key === 'name' || key === 'type' || key === 'id') continue;
            const own = source.fields.get(key);
            values.set(key, own ? this.db.fieldValue(row, own) : null);
        }
        return new StoredRow(row.id, this.db.store.table(nameObject), values, row.seq);
    }

    private fieldGetter(ref: FieldRef): Getter {
        const { hops, field } = ref;
        if (hops.length === 0) return (row) => this.db.fieldValue(row, field);
        return (row) => {
            const target = this.follow(row, hops);
            return target ? this.db.fieldValue(target, field) : null;
        };
    }

    // ---- run ----

    run(): QueryResult {
        if (this.object.name === 'UserRecordAccess') return this.userRecordAccess();
        if (this.object.virtual && !isActivityRelation(this.object))
            throw this.fence(`a query FROM ${this.object.name}`);
        const countAll =
            this.query.select.length === 1 && this.query.select[0]?.kind === 'countAll';
        const aggregate = !countAll && this.isAggregate();
        const plan = aggregate || countAll ? null : this.selectPlan(this.object, this.query);
        const predicate = this.query.where
            ? this.condition(this.object, this.query.where, 'where')
            : null;
        const orderPlan =
            aggregate || countAll ? null : this.orderPlan(this.object, this.query.orderBy);
        const groupPlan = aggregate ? this.aggregatePlan() : null;
        this.enforceAccess();
        let rows = this.candidates(this.object, this.query.where, this.query.allRows, predicate);
        if (countAll) {
            const count = Math.min(rows.length, this.limit() ?? Number.MAX_SAFE_INTEGER);
            // COUNT() is one query row (Apex Developer Guide: "Working with SOQL Aggregate Functions").
            return { kind: 'count', count, rowCount: 1 };
        }
        if (groupPlan) return groupPlan(rows);
        if (orderPlan) rows = orderPlan(rows);
        rows = this.window(rows);
        const records = rows.map((row) => (plan as (row: StoredRow) => SObjectValue)(row));
        return {
            kind: 'records',
            object: this.object.name,
            rows: records,
            rowCount: records.length + this.childRows,
        };
    }

    private limit(): number | null {
        return this.query.limit ? this.integerOf(this.query.limit, 'LIMIT') : null;
    }

    private window(rows: StoredRow[]): StoredRow[] {
        const offset = this.query.offset ? this.integerOf(this.query.offset, 'OFFSET') : 0;
        const limit = this.limit();
        if (offset === 0 && limit === null) return rows;
        return rows.slice(offset, limit === null ? undefined : offset + limit);
    }

    private integerOf(node: ValueNode, clause: string): number {
        const value =
            node.kind === 'bind'
                ? this.env.bind(node.text, node.context)
                : node.kind === 'number'
                  ? new DecimalValue(node.value, 0)
                  : null;
        const d = decimalOf(value);
        if (d === null || !d.v.isInteger() || d.v.isNegative())
            throw systemException('QueryException', `${clause} must be a non-negative integer`);
        return d.v.toNumber();
    }

    /** Rows of an object that may match: from an index when the WHERE pins an indexed field, else the table. */
    private candidates(
        object: ObjectDescribe,
        where: Condition | null,
        allRows: boolean,
        predicate: ((row: StoredRow) => boolean) | null = null,
    ): StoredRow[] {
        const table = this.db.store.table(object);
        const pinned = isActivityRelation(object)
            ? activityRelationRows(this.db, object, this.activityFilter(where))
            : where
              ? this.indexCandidates(object, where)
              : null;
        const base: Iterable<StoredRow> =
            pinned ?? (table.outOfOrder ? table.scan() : table.rows.values());
        const isolated = this.db.isolationFromSeq !== null;
        const readable = this.readable(object);
        const rows: StoredRow[] = [];
        for (const r of base) {
            if (!allRows && r.deleted) continue;
            if (isolated && this.db.hiddenByIsolation(r)) continue;
            if (predicate && !predicate(r)) continue;
            if (readable && !readable(r)) continue;
            rows.push(r);
        }
        return rows;
    }

    /** Activity relation rows come from the activities the WHERE pins (by activity or related Id), or all. */
    private activityFilter(where: Condition | null): ActivityFilter {
        const conjuncts = where ? (where.kind === 'and' ? where.items : [where]) : [];
        for (const c of conjuncts) {
            if (c.kind !== 'compare' || c.term.kind !== 'field' || c.term.path.length !== 1)
                continue;
            if ((c.op !== '=' && c.op !== 'IN') || c.value.kind === 'subquery') continue;
            const field = (c.term.path[0] as string).toLowerCase();
            const ids = [this.operand(c.value)]
                .flat()
                .map((v) => (v === null || v === '' ? null : keyOf('id', v, field)))
                .filter((v): v is string => typeof v === 'string');
            if (field === 'taskid' || field === 'eventid') return { activityIds: ids };
            if (field === 'relationid') return { relationIds: ids };
        }
        return {};
    }

    /** The smallest index lookup among the top-level ANDed equalities and IN lists on indexed fields. */
    private indexCandidates(object: ObjectDescribe, where: Condition): StoredRow[] | null {
        const conjuncts = where.kind === 'and' ? where.items : [where];
        let best: StoredRow[] | null = null;
        const table = this.db.store.table(object);
        for (const c of conjuncts) {
            if (c.kind !== 'compare' || c.term.kind !== 'field' || c.term.path.length !== 1)
                continue;
            if (c.op !== '=' && c.op !== 'IN') continue;
            if (c.value.kind === 'subquery') continue;
            const field = object.fields.get((c.term.path[0] as string).toLowerCase());
            if (!field) continue;
            const key = field.name.toLowerCase();
            if (!(key === 'id' || table.indexes.has(key))) continue;
            const values = this.operandValues(c.value, kindOf(field), field);
            if (values.includes(null)) continue;
            const found: StoredRow[] = [];
            const seen = new Set<StoredRow>();
            for (const value of values) {
                const rows =
                    key === 'id'
                        ? [this.db.row(String(value))].filter(
                              (r): r is StoredRow => r !== undefined && r.table.object === object,
                          )
                        : (table.lookup(key, value) ?? []);
                for (const r of rows)
                    if (!seen.has(r)) {
                        seen.add(r);
                        found.push(r);
                    }
            }
            if (best === null || found.length < best.length) best = found;
        }
        if (best) best.sort((a, b) => a.seq - b.seq);
        return best;
    }

    /** Operand values of = / IN as stored values (Ids normalised), for index lookups. */
    private operandValues(node: ValueNode, kind: ValueKind, field: FieldDescribe): ApexValue[] {
        const raw = this.operand(node);
        const list = Array.isArray(raw) ? raw : [raw];
        return list.map((v) => {
            if (v === null || v === '') return null;
            if (kind === 'id') return keyOf('id', v, field.name) as string;
            if (kind === 'text' && typeof v !== 'string') return null;
            return v;
        });
    }

    // ---- operands ----

    private literalValue(literal: Literal): ApexValue {
        switch (literal.kind) {
            case 'null':
                return null;
            case 'boolean':
                return literal.value;
            case 'number':
                return new DecimalValue(literal.value, Math.max(0, literal.value.decimalPlaces()));
            case 'string':
                return literal.value;
            case 'date':
                return literal.value;
            case 'datetime':
                return literal.value;
            case 'dateLiteral':
                throw this.fence('a date literal here');
        }
    }

    /** A bind or literal operand: a single value or a list (IN). Bind collections are flattened. */
    private operand(node: ValueNode): ApexValue | ApexValue[] {
        if (node.kind === 'list') return node.items.map((item) => this.literalValue(item));
        if (node.kind === 'bind') {
            const value = this.env.bind(node.text, node.context);
            if (value instanceof ListValue) return value.items.map(idOfRecord);
            if (value instanceof SetValue) return [...value.entries.values()].map(idOfRecord);
            return value;
        }
        if (node.kind === 'subquery') throw this.fence('a sub-query operand here');
        return this.literalValue(node);
    }

    // ---- WHERE and HAVING ----

    private condition(
        object: ObjectDescribe,
        condition: Condition,
        clause: Clause,
        groupTerm?: (term: Term) => (group: Group) => ApexValue,
    ): (row: StoredRow) => boolean {
        switch (condition.kind) {
            case 'and': {
                const parts = condition.items.map((c) =>
                    this.condition(object, c, clause, groupTerm),
                );
                return (row) => parts.every((p) => p(row));
            }
            case 'or': {
                const parts = condition.items.map((c) =>
                    this.condition(object, c, clause, groupTerm),
                );
                return (row) => parts.some((p) => p(row));
            }
            case 'not': {
                const inner = this.condition(object, condition.item, clause, groupTerm);
                return (row) => !inner(row);
            }
            case 'compare':
                return this.comparison(object, condition, clause, groupTerm);
        }
    }

    private comparison(
        object: ObjectDescribe,
        c: Extract<Condition, { kind: 'compare' }>,
        clause: Clause,
        groupTerm?: (term: Term) => (group: Group) => ApexValue,
    ): (row: StoredRow) => boolean {
        let getter: Getter;
        let kind: ValueKind;
        let name: string;
        if (groupTerm && c.term.kind !== 'field') {
            const get = groupTerm(c.term);
            getter = (row) => get(row as unknown as Group);
            kind = this.termKind(object, c.term);
            name = termLabel(c.term);
        } else if (c.term.kind === 'field') {
            const ref = this.resolve(object, c.term.path, clause);
            kind = ref.kind;
            name = ref.field.name;
            const get = this.fieldGetter(ref);
            getter = groupTerm ? (group) => get((group as unknown as Group).first) : get;
        } else if (c.term.kind === 'date') {
            const get = this.dateFunction(object, c.term, clause);
            getter = get;
            kind = c.term.fn === 'DAY_ONLY' ? 'date' : 'number';
            name = termLabel(c.term);
        } else {
            throw this.fence(`${termLabel(c.term)} in WHERE`);
        }
        const op = c.op;
        const value = c.value;
        // Date literals: a range of days in the user's time zone.
        if (value.kind === 'dateLiteral')
            return this.dateLiteralTest(getter, kind, op, value, name);
        if (value.kind === 'subquery')
            return this.semiJoin(object, getter, kind, op, value.query, name);
        const operand = this.operand(value);
        // How the platform converts a Date bound against a dateTime field (or the reverse) is not
        // documented: outside the subset rather than a guess.
        for (const v of Array.isArray(operand) ? operand : [operand]) {
            if (
                (kind === 'datetime' && v instanceof DateValue) ||
                (kind === 'date' && v instanceof DatetimeValue)
            )
                throw this.fence(
                    `comparing the ${kind === 'date' ? 'date' : 'dateTime'} field ${name} with a ${v instanceof DateValue ? 'Date' : 'Datetime'} value`,
                );
        }
        if (op === 'LIKE') {
            const patterns = (Array.isArray(operand) ? operand : [operand]).map((p) =>
                p === null ? null : likePattern(String(p)),
            );
            return (row) => {
                const v = getter(row);
                if (v === null)
                    return (
                        patterns.includes(null) ||
                        patterns.some((p) => p !== null && p.source === '^$')
                    );
                return patterns.some((p) => p !== null && p.test(String(v)));
            };
        }
        if (op === 'INCLUDES' || op === 'EXCLUDES') {
            const sets = (Array.isArray(operand) ? operand : [operand])
                .filter((v): v is string => typeof v === 'string')
                .map((v) => v.split(';').map((s) => s.trim().toLowerCase()));
            const includes = (row: StoredRow) => {
                const v = getter(row);
                if (typeof v !== 'string') return false;
                const have = new Set(v.split(';').map((s) => s.toLowerCase()));
                return sets.some((set) => set.every((s) => have.has(s)));
            };
            return op === 'INCLUDES' ? includes : (row) => !includes(row);
        }
        if (op === 'IN' || op === 'NOT IN') {
            if (operand === null)
                throw systemException(
                    'NullPointerException',
                    'Attempt to de-reference a null object',
                );
            const keys = (Array.isArray(operand) ? operand : [operand]).map((v) =>
                keyOf(kind, v, name),
            );
            const wantsNull = keys.includes(null);
            const set = new Set(keys.filter((k) => k !== null).map(setKey));
            const test = (row: StoredRow) => {
                const k = rowKey(kind, getter(row), name);
                return k === null ? wantsNull : set.has(setKey(k));
            };
            return op === 'IN' ? test : (row) => !test(row);
        }
        if (Array.isArray(operand))
            throw systemException('QueryException', `invalid bind expression type for ${op}`);
        const key = keyOf(kind, operand, name);
        switch (op) {
            case '=':
                return (row) => equalKeys(rowKey(kind, getter(row), name), key);
            case '!=':
                // != matches rows whose field is null (aer v1.6).
                return (row) => !equalKeys(rowKey(kind, getter(row), name), key);
            default: {
                if (key === null) return () => false;
                return (row) => {
                    const k = rowKey(kind, getter(row), name);
                    if (k === null) return false;
                    const cmp = kind === 'text' ? textCompare(k, key) : compareKeys(k, key);
                    return op === '<'
                        ? cmp < 0
                        : op === '>'
                          ? cmp > 0
                          : op === '<='
                            ? cmp <= 0
                            : cmp >= 0;
                };
            }
        }
    }

    private dateLiteralTest(
        getter: Getter,
        kind: ValueKind,
        op: string,
        literal: Extract<Literal, { kind: 'dateLiteral' }>,
        name: string,
    ): (row: StoredRow) => boolean {
        if (kind !== 'date' && kind !== 'datetime')
            throw systemException(
                'QueryException',
                `value of filter criterion for field '${name}' must be of type ${kind} and should not be enclosed in quotes`,
            );
        const range = dateLiteralRange(
            literal.name,
            literal.n,
            this.today,
            this.fiscalStartMonth(),
        );
        let start: number;
        let end: number; // exclusive
        if (kind === 'date') {
            start = epochDay(range.start);
            end = epochDay(range.end) + 1;
        } else {
            start = startOfDay(range.start, this.env.user.timeZone);
            end = startOfDay(addDays(range.end, 1), this.env.user.timeZone);
        }
        return (row) => {
            const v = rowKey(kind, getter(row), name) as number | null;
            if (v === null) return op === '!=';
            switch (op) {
                case '=':
                    return v >= start && v < end;
                case '!=':
                    return v < start || v >= end;
                case '<':
                    return v < start;
                case '<=':
                    return v < end;
                case '>':
                    return v >= end;
                case '>=':
                    return v >= start;
                default:
                    throw this.fence(`${op} with a date literal`);
            }
        };
    }

    private fiscalStartMonth(): number {
        const org = this.db.row(this.db.organizationId);
        const month = org?.get('fiscalyearstartmonth');
        return month instanceof IntegerValue ? month.v : 1;
    }

    /** `field IN (SELECT …)`: the sub-query runs once (SOQL and SOSL Reference: "Semi-Joins and Anti-Joins"). */
    private semiJoin(
        object: ObjectDescribe,
        getter: Getter,
        kind: ValueKind,
        op: string,
        sub: SoqlQuery,
        name: string,
    ): (row: StoredRow) => boolean {
        if (op !== 'IN' && op !== 'NOT IN') throw this.fence(`${op} with a sub-query`);
        if (kind !== 'id')
            throw systemException(
                'QueryException',
                `The left operand of a semi join must be an Id or a reference field: ${name}`,
            );
        if (
            sub.select.length !== 1 ||
            sub.select[0]?.kind !== 'term' ||
            sub.select[0].term.kind !== 'field'
        )
            throw systemException(
                'QueryException',
                'A semi join sub-select must select exactly one Id or reference field',
            );
        const inner = new Execution(sub, this.env, undefined, this.sharing);
        const innerField = inner.resolve(
            inner.object,
            (sub.select[0].term as { path: Path }).path,
            'where',
        );
        const get = inner.fieldGetter(innerField);
        let rows = inner.candidates(inner.object, sub.where, false);
        if (sub.where) rows = rows.filter(inner.condition(inner.object, sub.where, 'where'));
        this.reads.push(...inner.reads);
        const ids = new Set<string>();
        for (const r of rows) {
            const v = get(r);
            if (typeof v === 'string') ids.add(v);
        }
        void object;
        const test = (row: StoredRow) => {
            const v = getter(row);
            return typeof v === 'string' && ids.has(v);
        };
        return op === 'IN' ? test : (row) => !test(row);
    }

    // ---- date functions ----

    private dateFunction(
        object: ObjectDescribe,
        term: Extract<Term, { kind: 'date' }>,
        clause: Clause,
    ): Getter {
        const ref = this.resolve(object, term.path, clause);
        if (ref.kind !== 'date' && ref.kind !== 'datetime')
            throw systemException(
                'QueryException',
                `${term.fn} requires a date or dateTime field: ${ref.field.name}`,
            );
        const get = this.fieldGetter(ref);
        // Date functions read datetimes in GMT unless wrapped in convertTimezone() (SOQL and SOSL Reference: "Date Functions").
        const zone = term.convertTimezone ? this.env.user.timeZone : 'UTC';
        const fiscalStart = this.fiscalStartMonth();
        return (row) => {
            const v = get(row);
            if (v === null) return null;
            let date: DateValue;
            let hour = 0;
            if (v instanceof DatetimeValue) {
                const p = zonedParts(v.ms, zone);
                date = new DateValue(p.year, p.month, p.day);
                hour = p.hour;
            } else date = v as DateValue;
            switch (term.fn) {
                case 'CALENDAR_YEAR':
                    return new IntegerValue(date.year);
                case 'CALENDAR_MONTH':
                    return new IntegerValue(date.month);
                case 'CALENDAR_QUARTER':
                    return new IntegerValue(Math.ceil(date.month / 3));
                case 'DAY_IN_MONTH':
                    return new IntegerValue(date.day);
                case 'DAY_IN_WEEK':
                    return new IntegerValue(((((epochDay(date) + 4) % 7) + 7) % 7) + 1);
                case 'DAY_IN_YEAR':
                    return new IntegerValue(dayOfYear(date));
                case 'DAY_ONLY':
                    if (!(v instanceof DatetimeValue))
                        throw systemException(
                            'QueryException',
                            `DAY_ONLY requires a dateTime field: ${ref.field.name}`,
                        );
                    return date;
                case 'HOUR_IN_DAY':
                    return new IntegerValue(hour);
                case 'WEEK_IN_MONTH':
                    return new IntegerValue(Math.ceil(date.day / 7));
                case 'WEEK_IN_YEAR':
                    return new IntegerValue(Math.ceil(dayOfYear(date) / 7));
                case 'FISCAL_MONTH':
                    return new IntegerValue(((((date.month - fiscalStart) % 12) + 12) % 12) + 1);
                case 'FISCAL_QUARTER':
                    return new IntegerValue(
                        Math.floor(((((date.month - fiscalStart) % 12) + 12) % 12) / 3) + 1,
                    );
                case 'FISCAL_YEAR':
                    // The fiscal year is named by the year it ends in (org default: "ending month").
                    return new IntegerValue(
                        fiscalStart === 1
                            ? date.year
                            : date.month >= fiscalStart
                              ? date.year + 1
                              : date.year,
                    );
            }
        };
    }

    private termKind(object: ObjectDescribe, term: Term): ValueKind {
        switch (term.kind) {
            case 'field':
                return this.resolve(object, term.path, 'having').kind;
            case 'date':
                return term.fn === 'DAY_ONLY' ? 'date' : 'number';
            case 'aggregate':
                if (
                    term.fn === 'COUNT' ||
                    term.fn === 'COUNT_DISTINCT' ||
                    term.fn === 'SUM' ||
                    term.fn === 'AVG'
                )
                    return 'number';
                return term.path ? this.resolve(object, term.path, 'having').kind : 'number';
            default:
                return 'text';
        }
    }

    // ---- ORDER BY ----

    private orderPlan(
        object: ObjectDescribe,
        items: OrderItem[],
    ): ((rows: StoredRow[]) => StoredRow[]) | null {
        if (items.length === 0) return null;
        const keys = items.map((item) => {
            if (item.term.kind === 'field') {
                const ref = this.resolve(object, item.term.path, 'order');
                return { get: this.fieldGetter(ref), field: ref.field, item };
            }
            if (item.term.kind === 'date')
                return { get: this.dateFunction(object, item.term, 'order'), field: null, item };
            throw this.fence(`ORDER BY ${termLabel(item.term)} outside an aggregate query`);
        });
        return (rows) =>
            sortRows(
                rows,
                keys.map((k) => ({
                    get: k.get,
                    field: k.field,
                    descending: k.item.descending,
                    nullsLast: k.item.nullsLast,
                })),
            );
    }

    // ---- SELECT (records) ----

    private selectPlan(object: ObjectDescribe, query: SoqlQuery): (row: StoredRow) => SObjectValue {
        type Step = (row: StoredRow, record: SObjectValue) => void;
        const steps: Step[] = [];
        let selectsId = false;
        for (const item of query.select) {
            if (item.kind === 'countAll')
                throw systemException(
                    'QueryException',
                    'COUNT() must be the only element in the SELECT list',
                );
            if (item.kind === 'subquery') {
                steps.push(this.subqueryStep(object, item.query));
                continue;
            }
            if (item.term.kind === 'toLabel') {
                const ref = this.resolve(object, item.term.path, 'select');
                steps.push(this.fieldStep(ref, true));
                continue;
            }
            if (item.term.kind !== 'field')
                throw systemException(
                    'QueryException',
                    `${termLabel(item.term)} needs GROUP BY or an aggregate query`,
                );
            const ref = this.resolve(object, item.term.path, 'select');
            if (ref.hops.length === 0 && ref.field.name === 'Id') selectsId = true;
            steps.push(this.fieldStep(ref, false));
        }
        const idField = object.fields.get('id') as FieldDescribe;
        return (row) => {
            const record = this.newRecord(object);
            for (const step of steps) step(row, record);
            // Id comes back even when not selected (aer v0.0.77).
            if (!selectsId) record.fields.set('id', { name: idField.name, value: row.id });
            return record;
        };
    }

    private newRecord(object: ObjectDescribe): SObjectValue {
        const record = this.db.newRecord(object);
        record.queried = true;
        return record;
    }

    private fieldStep(
        ref: FieldRef,
        label: boolean,
    ): (row: StoredRow, record: SObjectValue) => void {
        const key = ref.field.name.toLowerCase();
        const translate = (v: ApexValue): ApexValue => {
            if (!label || typeof v !== 'string') return v;
            return ref.field.picklistValues.find((e) => e.value === v)?.label ?? v;
        };
        return (row, record) => {
            let target: SObjectValue = record;
            let current: StoredRow | null = row;
            for (const hop of ref.hops) {
                const relKey = (hop.lookup.relationshipName as string).toLowerCase();
                const existing = target.fields.get(relKey);
                const next: StoredRow | null = current ? this.follow(current, [hop]) : null;
                if (existing && existing.value instanceof SObjectValue) {
                    target = existing.value;
                    current = next;
                    continue;
                }
                if (existing && existing.value === null) return;
                if (!next) {
                    target.fields.set(relKey, {
                        name: hop.lookup.relationshipName as string,
                        value: null,
                    });
                    return;
                }
                const parent = this.newRecord(hop.target);
                parent.fields.set('id', { name: 'Id', value: next.id });
                target.fields.set(relKey, {
                    name: hop.lookup.relationshipName as string,
                    value: parent,
                });
                target = parent;
                current = next;
            }
            if (!current) return;
            target.fields.set(key, {
                name: ref.field.name,
                value: translate(this.db.fieldValue(current, ref.field)),
            });
        };
    }

    private subqueryStep(
        parent: ObjectDescribe,
        sub: SoqlQuery,
    ): (row: StoredRow, record: SObjectValue) => void {
        const relation = parent.childRelationships.find(
            (r) => r.relationshipName?.toLowerCase() === sub.from.toLowerCase(),
        );
        if (!relation || !relation.relationshipName)
            throw systemException(
                'QueryException',
                `Didn't understand relationship '${sub.from}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
            );
        const childObject = this.schema.require(relation.childObject);
        const inner = new Execution(sub, this.env, childObject, this.sharing);
        const plan = inner.selectPlan(childObject, sub);
        const predicate = sub.where ? inner.condition(childObject, sub.where, 'where') : null;
        const order = inner.orderPlan(childObject, sub.orderBy);
        this.reads.push(...inner.reads);
        const table = this.db.store.table(childObject);
        const fk = relation.field.toLowerCase();
        const name = relation.relationshipName;
        const limit = sub.limit ? inner.integerOf(sub.limit, 'LIMIT') : null;
        const elementType = typeRef(childObject.name);
        const readable = inner.readable(childObject);
        return (row, record) => {
            const all = isActivityRelation(childObject)
                ? activityRelationRows(this.db, childObject, { activityIds: [row.id] })
                : (table.lookup(fk, row.id) ?? []);
            let children = all.filter(
                (c) =>
                    (this.query.allRows || !c.deleted) &&
                    !this.db.hiddenByIsolation(c) &&
                    (readable === null || readable(c)),
            );
            children.sort((a, b) => a.seq - b.seq);
            if (predicate) children = children.filter(predicate);
            if (order) children = order(children);
            if (limit !== null) children = children.slice(0, limit);
            this.childRows += children.length;
            record.fields.set(name.toLowerCase(), {
                name,
                value: new ListValue(elementType, children.map(plan)),
            });
        };
    }

    // ---- aggregates ----

    private isAggregate(): boolean {
        if (this.query.groupBy) return true;
        return this.query.select.some((s) => s.kind === 'term' && s.term.kind === 'aggregate');
    }

    private aggregatePlan(): (rows: StoredRow[]) => QueryResult {
        const object = this.object;
        const groupTerms = this.query.groupBy ?? [];
        const groupGetters = groupTerms.map((term) => this.rowTerm(object, term, 'group'));
        const groupKinds = groupTerms.map((term) => this.termKind(object, term));
        const aggregates = new Map<string, (group: Group) => ApexValue>();
        const aggregateOf = (term: Term): ((group: Group) => ApexValue) => {
            const label = termLabel(term).toLowerCase();
            let fn = aggregates.get(label);
            if (!fn) {
                fn = this.groupTerm(object, term, groupTerms, groupGetters);
                aggregates.set(label, fn);
            }
            return fn;
        };
        // Output columns: group fields by their field name, functions by alias or exprN.
        let exprIndex = 0;
        const columns: { alias: string; get: (group: Group) => ApexValue }[] = [];
        for (const item of this.query.select) {
            if (item.kind !== 'term') {
                if (item.kind === 'countAll')
                    throw systemException(
                        'QueryException',
                        'COUNT() cannot be used with GROUP BY; use COUNT(fieldName)',
                    );
                throw systemException(
                    'QueryException',
                    'Sub-queries are not allowed in aggregate queries',
                );
            }
            const alias =
                item.alias ??
                (item.term.kind === 'field'
                    ? (item.term.path[item.term.path.length - 1] as string)
                    : `expr${exprIndex++}`);
            if (item.term.kind === 'field') {
                const ref = this.resolve(object, item.term.path, 'select');
                const at = groupTerms.findIndex(
                    (g) =>
                        g.kind === 'field' && sameRef(this.resolve(object, g.path, 'group'), ref),
                );
                if (at < 0)
                    throw systemException(
                        'QueryException',
                        `Field must be grouped or aggregated: ${ref.field.name}`,
                    );
                const get = groupGetters[at] as Getter;
                columns.push({ alias: item.alias ?? ref.field.name, get: (g) => get(g.first) });
            } else {
                columns.push({ alias, get: aggregateOf(item.term) });
            }
        }
        const having = this.query.having
            ? this.condition(object, this.query.having, 'having', aggregateOf)
            : null;
        const order = this.query.orderBy.map((item) => ({
            get: aggregateOf(item.term),
            field:
                item.term.kind === 'field'
                    ? this.resolve(object, item.term.path, 'order').field
                    : null,
            item,
        }));
        const countOnly = this.query.select.every(
            (s) => s.kind === 'term' && (s.term.kind !== 'aggregate' || s.term.fn === 'COUNT'),
        );
        const typeInfo = aggregateTypeInfo(columns.map((c) => c.alias));
        return (rows) => {
            const groups = new Map<unknown, Group>();
            const single = groupGetters.length === 1 ? (groupGetters[0] as Getter) : null;
            const singleKind = groupKinds[0] as ValueKind;
            if (groupTerms.length === 0)
                groups.set('', { key: '', rows, first: rows[0] as StoredRow });
            else {
                for (const row of rows) {
                    // One GROUP BY term: its key itself (no string building per row).
                    const key = single
                        ? groupKey(rowKey(singleKind, single(row), ''))
                        : groupGetters
                              .map((g, i) =>
                                  String(groupKey(rowKey(groupKinds[i] as ValueKind, g(row), ''))),
                              )
                              .join('\u0000');
                    let group = groups.get(key);
                    if (!group) {
                        group = { key: String(key), rows: [], first: row };
                        groups.set(key, group);
                    }
                    group.rows.push(row);
                }
            }
            let list = [...groups.values()];
            if (having) list = list.filter((g) => having(g as unknown as StoredRow));
            if (order.length > 0) {
                list = sortRows(
                    list as unknown as StoredRow[],
                    order.map((o) => ({
                        get: o.get as unknown as Getter,
                        field: o.field,
                        descending: o.item.descending,
                        nullsLast: o.item.nullsLast,
                    })),
                    (g) => (g as unknown as Group).first?.seq ?? 0,
                ) as unknown as Group[];
            }
            list = this.window(list as unknown as StoredRow[]) as unknown as Group[];
            const results = list.map((group) => {
                const record = new SObjectValue(typeInfo);
                record.queried = true;
                for (const column of columns)
                    record.fields.set(column.alias.toLowerCase(), {
                        name: column.alias,
                        value:
                            group.rows.length === 0 && groupTerms.length > 0
                                ? null
                                : column.get(group),
                    });
                return record;
            });
            // Query rows (Apex Developer Guide: aggregate functions): COUNT-only queries use one row
            // per group; any other aggregate uses every row it aggregates.
            const rowCount = countOnly ? Math.max(results.length, 1) : rows.length;
            return { kind: 'aggregate', rows: results, rowCount };
        };
    }

    private rowTerm(object: ObjectDescribe, term: Term, clause: Clause): Getter {
        if (term.kind === 'field') return this.fieldGetter(this.resolve(object, term.path, clause));
        if (term.kind === 'date') return this.dateFunction(object, term, clause);
        throw this.fence(`GROUP BY ${termLabel(term)}`);
    }

    /** A term's value for a group: an aggregate, or a grouped field or date function. */
    private groupTerm(
        object: ObjectDescribe,
        term: Term,
        groupTerms: Term[],
        groupGetters: Getter[],
    ): (group: Group) => ApexValue {
        if (term.kind !== 'aggregate') {
            const at = groupTerms.findIndex(
                (g) => termLabel(g).toLowerCase() === termLabel(term).toLowerCase(),
            );
            if (at < 0)
                throw systemException(
                    'QueryException',
                    `${termLabel(term)} must be grouped or aggregated`,
                );
            const get = groupGetters[at] as Getter;
            return (group) => (group.rows.length > 0 ? get(group.first) : null);
        }
        if (term.fn === 'COUNT' && term.path === null)
            return (group) => new IntegerValue(group.rows.length);
        const ref = this.resolve(object, term.path as Path, 'select');
        const get = this.fieldGetter(ref);
        return aggregateFunction(term.fn, ref, get);
    }

    // ---- access ----

    /**
     * WITH USER_MODE: object read access and field-level security of every field the query
     * names, in any clause; WITH SECURITY_ENFORCED: the SELECT and FROM only (Apex Developer
     * Guide: "Filter SOQL Queries Using WITH SECURITY_ENFORCED").
     */
    private enforceAccess(): void {
        // The query's own WITH clause wins; without one the caller's access mode applies.
        const declared = this.query.withMode ?? this.env.access.mode;
        const mode =
            declared === 'USER_MODE' || declared === 'user'
                ? 'user'
                : declared === 'SECURITY_ENFORCED' || declared === 'security_enforced'
                  ? 'enforced'
                  : null;
        if (mode === null) return;
        const security = this.db.security;
        if (!security) throw this.fence('user-mode access without a security model');
        const user = this.env.access.userId;
        const inaccessible = new Map<string, Set<string>>();
        for (const read of this.reads) {
            if (mode === 'enforced' && read.clause !== 'select') continue;
            if (read.object.virtual) continue;
            if (!security.canAccessObject(user, read.object.name, 'read')) {
                if (mode === 'enforced')
                    throw systemException(
                        'QueryException',
                        'Insufficient permissions: secure query included inaccessible field',
                        { inaccessibleFields: new Map() },
                    );
                throw systemException('QueryException', NO_SUCH_OBJECT(read.object.name), {
                    inaccessibleFields: new Map([[read.object.name, new Set<string>()]]),
                });
            }
            if (
                read.field &&
                read.field.permissionable &&
                !security.canAccessField(user, read.object.name, read.field.name, 'read')
            ) {
                const set = inaccessible.get(read.object.name) ?? new Set<string>();
                set.add(read.field.name);
                inaccessible.set(read.object.name, set);
            }
        }
        if (inaccessible.size === 0) return;
        if (mode === 'enforced')
            throw systemException(
                'QueryException',
                'Insufficient permissions: secure query included inaccessible field',
                { inaccessibleFields: new Map() },
            );
        const [object, fields] = [...inaccessible.entries()][0] as [string, Set<string>];
        throw systemException('QueryException', NO_SUCH_COLUMN([...fields][0] as string, object), {
            inaccessibleFields: inaccessible,
        });
    }

    // ---- UserRecordAccess ----

    /**
     * UserRecordAccess is computed, not stored: the query must pin UserId and RecordId
     * (Object Reference: UserRecordAccess), at most 200 records.
     */
    private userRecordAccess(): QueryResult {
        const where = this.query.where;
        const conjuncts = where ? (where.kind === 'and' ? where.items : [where]) : [];
        const pinned = (field: string) =>
            conjuncts.find(
                (c) =>
                    c.kind === 'compare' &&
                    c.term.kind === 'field' &&
                    c.term.path.length === 1 &&
                    (c.term.path[0] as string).toLowerCase() === field &&
                    (c.op === '=' || c.op === 'IN'),
            ) as Extract<Condition, { kind: 'compare' }> | undefined;
        const userCondition = pinned('userid');
        const recordCondition = pinned('recordid');
        if (!userCondition || !recordCondition)
            throw systemException(
                'QueryException',
                'UserRecordAccess queries must filter on UserId and RecordId',
            );
        const userIds = [this.operand(userCondition.value)]
            .flat()
            .map((v) => keyOf('id', v, 'UserId'))
            .filter((v): v is string => typeof v === 'string');
        const recordIds = [this.operand(recordCondition.value)]
            .flat()
            .map((v) => keyOf('id', v, 'RecordId'))
            .filter((v): v is string => typeof v === 'string');
        if (recordIds.length > 200)
            throw systemException(
                'QueryException',
                'UserRecordAccess queries can check at most 200 records',
            );
        const security = this.db.security;
        if (!security) throw this.fence('UserRecordAccess without a security model');
        const table = this.db.store.table(this.object);
        const rows: StoredRow[] = [];
        let seq = 0;
        for (const userId of userIds) {
            for (const recordId of recordIds) {
                const access = security.recordAccess(userId, recordId);
                const values = new Map<string, ApexValue>([
                    ['userid', userId],
                    ['recordid', recordId],
                ]);
                for (const [k, v] of Object.entries(access)) values.set(k.toLowerCase(), v);
                rows.push(new StoredRow(recordId, table, values, seq++));
            }
        }
        const predicate = where ? this.condition(this.object, where, 'where') : null;
        const plan = this.selectPlan(this.object, this.query);
        const order = this.orderPlan(this.object, this.query.orderBy);
        let result = predicate ? rows.filter(predicate) : rows;
        if (order) result = order(result);
        result = this.window(result);
        return {
            kind: 'records',
            object: this.object.name,
            rows: result.map(plan),
            rowCount: result.length,
        };
    }
}

function idOfRecord(v: ApexValue): ApexValue {
    if (v instanceof SObjectValue) return v.fields.get('id')?.value ?? null;
    return v;
}

function setKey(k: Key): string {
    if (k instanceof DecimalValue) return `n:${k.v.toString()}`;
    return `${typeof k}:${String(k)}`;
}

const NULL_GROUP = Symbol('null group');

/** A Map key for a group value: numbers as their decimal text, null as a symbol of its own. */
function groupKey(k: Key): string | number | boolean | symbol {
    if (k === null) return NULL_GROUP;
    if (k instanceof DecimalValue) return `n:${k.v.toString()}`;
    return k;
}

function textCompare(a: Key, b: Key): number {
    const x = String(a);
    const y = String(b);
    return x < y ? -1 : x > y ? 1 : 0;
}

function sameRef(a: FieldRef, b: FieldRef): boolean {
    return (
        a.field === b.field &&
        a.hops.length === b.hops.length &&
        a.hops.every((h, i) => h.lookup === b.hops[i]?.lookup)
    );
}

function termLabel(term: Term): string {
    switch (term.kind) {
        case 'field':
            return term.path.join('.');
        case 'aggregate':
            return `${term.fn}(${term.path ? term.path.join('.') : ''})`;
        case 'date':
            return `${term.fn}(${term.path.join('.')})`;
        case 'toLabel':
            return `toLabel(${term.path.join('.')})`;
    }
}

/**
 * Stable sort by several keys; ascending puts nulls first and descending last unless NULLS
 * FIRST/LAST says otherwise (SOQL and SOSL Reference: "ORDER BY"); ties keep insertion order.
 */
function sortRows(
    rows: StoredRow[],
    keys: { get: Getter; field: FieldDescribe | null; descending: boolean; nullsLast: boolean }[],
    seqOf: (row: StoredRow) => number = (r) => r.seq,
): StoredRow[] {
    const decorated = rows.map((row) => ({
        row,
        values: keys.map((k) => k.get(row)),
        seq: seqOf(row),
    }));
    decorated.sort((a, b) => {
        for (let i = 0; i < keys.length; i++) {
            const k = keys[i] as (typeof keys)[number];
            const x = a.values[i] ?? null;
            const y = b.values[i] ?? null;
            const xn = x === null || x === '';
            const yn = y === null || y === '';
            if (xn || yn) {
                if (xn && yn) continue;
                return xn === k.nullsLast ? 1 : -1;
            }
            const c = orderValues(k.field, x, y);
            if (c !== 0) return k.descending ? -c : c;
        }
        return a.seq - b.seq;
    });
    return decorated.map((d) => d.row);
}

function aggregateFunction(
    fn: AggregateFn,
    ref: FieldRef,
    get: Getter,
): (group: Group) => ApexValue {
    switch (fn) {
        case 'COUNT':
            return (group) =>
                new IntegerValue(group.rows.reduce((n, r) => (get(r) === null ? n : n + 1), 0));
        case 'COUNT_DISTINCT':
            return (group) => {
                const seen = new Set<string>();
                for (const r of group.rows) {
                    const k = rowKey(ref.kind, get(r), ref.field.name);
                    if (k !== null) seen.add(setKey(k));
                }
                return new IntegerValue(seen.size);
            };
        case 'SUM':
        case 'AVG':
            if (ref.kind !== 'number')
                throw new UnsupportedError(
                    `${fn}() of the non-numeric field ${ref.field.name}`,
                    undefined,
                );
            return (group) => {
                let sum = new D(0);
                let count = 0;
                for (const r of group.rows) {
                    const d = decimalOf(get(r));
                    if (d === null) continue;
                    sum = sum.add(d.v);
                    count++;
                }
                if (count === 0) return null;
                // SUM totals exactly; AVG is a Decimal (aer v0.0.60).
                const value =
                    fn === 'SUM' ? sum : sum.div(count).toDecimalPlaces(18, D.ROUND_HALF_UP);
                return new DecimalValue(value, Math.max(0, value.decimalPlaces()));
            };
        case 'MIN':
        case 'MAX':
            return (group) => {
                let best: ApexValue = null;
                for (const r of group.rows) {
                    const v = get(r);
                    if (v === null) continue;
                    if (best === null) best = v;
                    else {
                        const c = orderValues(ref.field, v, best);
                        if (fn === 'MIN' ? c < 0 : c > 0) best = v;
                    }
                }
                return best;
            };
    }
}

const AGGREGATE_TYPES = new Map<string, SObjectTypeInfo>();

function aggregateTypeInfo(aliases: string[]): SObjectTypeInfo {
    const key = aliases.join(',').toLowerCase();
    let info = AGGREGATE_TYPES.get(key);
    if (!info) {
        info = {
            name: 'AggregateResult',
            fields: new Map(aliases.map((a) => [a.toLowerCase(), a])),
            relationships: new Map(),
        };
        AGGREGATE_TYPES.set(key, info);
    }
    return info;
}
