// Formula evaluation: the subset used by validation rules, formula fields and default values
// (Salesforce Help: "Formula Operators and Functions by Context"), compiled once against the
// object's schema so that an unknown field or function fails when the formula is first
// compiled, naming the rule or field. Values: Decimal numbers (decimal.js), text, booleans,
// dates, datetimes, null. Percent fields read as fractions (25 % → 0.25).
import type { Decimal } from 'decimal.js';
import { D } from '../interpreter/decimal.ts';
import { UnsupportedError } from '../interpreter/errors.ts';
import { addDays, addMonths, compareDates, daysInMonth, epochDay } from '../interpreter/dates.ts';
import {
    DateValue,
    DatetimeValue,
    DecimalValue,
    DoubleValue,
    IntegerValue,
    LongValue,
} from '../interpreter/values.ts';
import type { ApexValue } from '../interpreter/values.ts';
import type { FieldDescribe, ObjectDescribe, OrgSchema } from '../schema/types.ts';
import { dateInZone } from '../database/clock.ts';
import { toId } from '../interpreter/coerce.ts';
import { parseFormula, FormulaSyntaxError } from './parse.ts';
import type { FormulaNode } from './parse.ts';

/** A formula value. Numbers are decimal.js Decimals; dates DateValue; datetimes DatetimeValue. */
export type FValue = null | string | boolean | Decimal | DateValue | DatetimeValue;

export type FormulaKind = 'validationRule' | 'formulaField' | 'defaultValue';

/** What a formula reads: one record's fields, its parents, the previous values, the user. */
export interface FormulaRecord {
    /** Stored or computed value of a field of this record (lower-case name). */
    get(field: string): ApexValue;
    /** The parent record through a lookup field (lower-case field name), or null. */
    parent(lookupField: string): FormulaRecord | null;
}

export interface FormulaEnv {
    record: FormulaRecord;
    /** The stored record before this save (update), for ISCHANGED / PRIORVALUE. */
    prior: FormulaRecord | null;
    isNew: boolean;
    now: number;
    timeZone: string;
    /** The running user's record ($User.X). */
    user: FormulaRecord | null;
    /** $Profile.Name etc. */
    profile: FormulaRecord | null;
    organization: FormulaRecord | null;
    hasCustomPermission(name: string): boolean;
}

export class CompiledFormula {
    constructor(
        readonly source: string,
        readonly owner: string,
        readonly kind: FormulaKind,
        private readonly run: (env: FormulaEnv) => FValue,
        readonly resultType: FType,
    ) {}

    evaluate(env: FormulaEnv): FValue {
        return this.run(env);
    }
}

/** Static types: what a sub-expression yields. */
export type FType =
    | 'number'
    | 'text'
    | 'boolean'
    | 'date'
    | 'datetime'
    | 'picklist'
    | 'multipicklist'
    | 'null'
    | 'any';

type Compiled = { type: FType; run: (env: FormulaEnv) => FValue };

const ZERO = new D(0);
const HUNDRED = new D(100);
const MS_PER_DAY = 86400000;

function isNumber(v: FValue): v is Decimal {
    return (
        v !== null &&
        typeof v === 'object' &&
        !(v instanceof DateValue) &&
        !(v instanceof DatetimeValue)
    );
}

/** A field value as a formula sees it. */
function fromApex(field: FieldDescribe, v: ApexValue): FValue {
    if (v === null) return null;
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    if (v instanceof DecimalValue) return field.type === 'PERCENT' ? v.v.div(HUNDRED) : v.v;
    if (v instanceof IntegerValue || v instanceof DoubleValue) return new D(v.v);
    if (v instanceof LongValue) return new D(v.v.toString());
    if (v instanceof DateValue || v instanceof DatetimeValue) return v;
    return null;
}

function fieldType(field: FieldDescribe): FType {
    switch (field.type) {
        case 'BOOLEAN':
            return 'boolean';
        case 'CURRENCY':
        case 'DOUBLE':
        case 'PERCENT':
        case 'INTEGER':
        case 'LONG':
            return 'number';
        case 'DATE':
            return 'date';
        case 'DATETIME':
            return 'datetime';
        case 'PICKLIST':
            return 'picklist';
        case 'MULTIPICKLIST':
            return 'multipicklist';
        default:
            return 'text';
    }
}

class Compiler {
    constructor(
        private readonly schema: OrgSchema,
        private readonly object: ObjectDescribe,
        private readonly owner: string,
        private readonly kind: FormulaKind,
        private readonly blankAsZero: boolean,
        /** ISBLANK, ISNULL, BLANKVALUE and NULLVALUE read fields as stored, without blank-as-zero substitution. */
        private readonly raw = false,
        /** Validation rules read a blank Currency field as zero where it is compared (aer v0.0.89). */
        private readonly currencyZero = false,
    ) {}

    private variant(raw: boolean, currencyZero: boolean): Compiler {
        return new Compiler(
            this.schema,
            this.object,
            this.owner,
            this.kind,
            this.blankAsZero,
            raw,
            currencyZero,
        );
    }

    fence(what: string): UnsupportedError {
        return new UnsupportedError(`${what} in the formula of ${this.owner}`, undefined);
    }

    compile(node: FormulaNode): Compiled {
        switch (node.kind) {
            case 'number': {
                const value = new D(node.text);
                return { type: 'number', run: () => value };
            }
            case 'string':
                return { type: 'text', run: () => node.value };
            case 'boolean':
                return { type: 'boolean', run: () => node.value };
            case 'null':
                return { type: 'null', run: () => null };
            case 'field':
                return this.field(node.path);
            case 'unary':
                return this.unary(node.op, this.compile(node.operand));
            case 'binary': {
                // In validation rules a compared Currency field reads blank as zero.
                const comparison = ['=', '==', '<>', '!=', '<', '>', '<=', '>='].includes(node.op);
                const operands =
                    comparison && this.kind === 'validationRule' ? this.variant(false, true) : this;
                return this.binary(
                    node.op,
                    operands.compile(node.left),
                    operands.compile(node.right),
                );
            }
            case 'call':
                return this.call(node.name, node.args);
        }
    }

    private field(path: string[]): Compiled {
        const head = path[0] as string;
        if (head.startsWith('$')) return this.global(path);
        return this.fieldPath(this.object, path, (env) => env.record);
    }

    /** Resolves Field or Rel__r.Field or Rel.Rel2.Field against `object`. */
    private fieldPath(
        object: ObjectDescribe,
        path: string[],
        source: (env: FormulaEnv) => FormulaRecord | null,
    ): Compiled {
        const [first, ...rest] = path as [string, ...string[]];
        const key = first.toLowerCase();
        if (rest.length === 0) {
            const field = object.fields.get(key);
            if (!field) throw this.fence(`the unknown field ${object.name}.${first}`);
            const type = fieldType(field);
            const zeroWhenBlank =
                !this.raw &&
                type === 'number' &&
                (this.blankAsZero || (this.currencyZero && field.type === 'CURRENCY'));
            return {
                type,
                run: (env) => {
                    const record = source(env);
                    if (!record) return null;
                    const value = fromApex(field, record.get(key));
                    return value === null && zeroWhenBlank ? ZERO : value;
                },
            };
        }
        const lookup = object.relationships.get(key);
        if (!lookup) throw this.fence(`the unknown relationship ${object.name}.${first}`);
        if (lookup.referenceTo.length !== 1)
            throw this.fence(`the polymorphic relationship ${object.name}.${first}`);
        const parentObject = this.schema.require(lookup.referenceTo[0] as string);
        const lookupKey = lookup.name.toLowerCase();
        return this.fieldPath(parentObject, rest, (env) => source(env)?.parent(lookupKey) ?? null);
    }

    private global(path: string[]): Compiled {
        const name = (path[0] as string).toLowerCase();
        const rest = path.slice(1);
        if (name === '$permission') {
            if (rest.length !== 1) throw this.fence(`${path.join('.')}`);
            const permission = rest[0] as string;
            return { type: 'boolean', run: (env) => env.hasCustomPermission(permission) };
        }
        const objects: Record<string, [string, (env: FormulaEnv) => FormulaRecord | null]> = {
            $user: ['User', (env) => env.user],
            $profile: ['Profile', (env) => env.profile],
            $organization: ['Organization', (env) => env.organization],
        };
        const target = objects[name];
        if (!target || rest.length === 0) throw this.fence(`the global ${path.join('.')}`);
        return this.fieldPath(this.schema.require(target[0]), rest, target[1]);
    }

    private unary(op: string, operand: Compiled): Compiled {
        if (op === '!') return { type: 'boolean', run: (env) => not(operand.run(env)) };
        return {
            type: 'number',
            run: (env) => {
                const v = operand.run(env);
                if (v === null) return null;
                if (!isNumber(v)) throw this.fence(`unary ${op} on a non-number`);
                return op === '-' ? v.neg() : v;
            },
        };
    }

    private binary(op: string, left: Compiled, right: Compiled): Compiled {
        switch (op) {
            case '&&':
                return { type: 'boolean', run: (env) => and([left.run(env), right.run(env)]) };
            case '||':
                return { type: 'boolean', run: (env) => or([left.run(env), right.run(env)]) };
            case '&':
                return {
                    type: 'text',
                    run: (env) => {
                        const a = left.run(env);
                        const b = right.run(env);
                        return `${a === null ? '' : asText(a)}${b === null ? '' : asText(b)}`;
                    },
                };
            case '=':
            case '==':
            case '<>':
            case '!=':
            case '<':
            case '>':
            case '<=':
            case '>=':
                if (left.type === 'picklist' || right.type === 'picklist')
                    throw this.fence('comparing a picklist field directly (use ISPICKVAL or TEXT)');
                return {
                    type: 'boolean',
                    run: (env) => compare(op, left.run(env), right.run(env)),
                };
            case '+':
            case '-':
                return this.additive(op, left, right);
            case '*':
            case '/':
            case '^':
                return {
                    type: 'number',
                    run: (env) => {
                        const a = left.run(env);
                        const b = right.run(env);
                        if (a === null || b === null) return null;
                        if (!isNumber(a) || !isNumber(b))
                            throw this.fence(`'${op}' on a non-number`);
                        if (op === '*') return a.mul(b);
                        if (op === '^') return a.pow(b);
                        // Division by zero is #Error! on the platform: the field reads as blank.
                        return b.isZero() ? null : a.div(b);
                    },
                };
            default:
                throw this.fence(`the operator ${op}`);
        }
    }

    private additive(op: string, left: Compiled, right: Compiled): Compiled {
        const type: FType =
            left.type === 'date' || left.type === 'datetime'
                ? right.type === left.type && op === '-'
                    ? 'number'
                    : left.type
                : right.type === 'date' || right.type === 'datetime'
                  ? right.type
                  : 'number';
        return {
            type,
            run: (env) => {
                const a = left.run(env);
                const b = right.run(env);
                if (a === null || b === null) return null;
                if (isNumber(a) && isNumber(b)) return op === '+' ? a.add(b) : a.sub(b);
                if (a instanceof DateValue && isNumber(b))
                    return addDays(a, (op === '+' ? b : b.neg()).trunc().toNumber());
                if (isNumber(a) && b instanceof DateValue && op === '+')
                    return addDays(b, a.trunc().toNumber());
                if (a instanceof DateValue && b instanceof DateValue && op === '-')
                    return new D(epochDay(a) - epochDay(b));
                if (a instanceof DatetimeValue && isNumber(b))
                    return new DatetimeValue(
                        a.ms + (op === '+' ? 1 : -1) * b.mul(MS_PER_DAY).round().toNumber(),
                    );
                if (a instanceof DatetimeValue && b instanceof DatetimeValue && op === '-')
                    return new D(a.ms - b.ms).div(MS_PER_DAY);
                throw this.fence(`'${op}' on these operand types`);
            },
        };
    }

    private args(name: string, args: FormulaNode[], min: number, max = min): Compiled[] {
        if (args.length < min || args.length > max)
            throw this.fence(`${name} with ${args.length} argument(s)`);
        return args.map((a) => this.compile(a));
    }

    private requireField(name: string, node: FormulaNode | undefined): void {
        if (!node || node.kind !== 'field')
            throw this.fence(`${name} of something other than a field`);
    }

    private call(name: string, rawArgs: FormulaNode[]): Compiled {
        const NOT_IN_FIELDS = ['ISCHANGED', 'PRIORVALUE', 'ISNEW', 'REGEX'];
        if (this.kind !== 'validationRule' && NOT_IN_FIELDS.includes(name))
            throw this.fence(`${name}() (only validation rules may use it)`);
        switch (name) {
            case 'AND':
            case 'OR': {
                const args = this.args(name, rawArgs, 1, 1000);
                return {
                    type: 'boolean',
                    run: (env) => (name === 'AND' ? and : or)(args.map((a) => a.run(env))),
                };
            }
            case 'NOT': {
                const [a] = this.args(name, rawArgs, 1) as [Compiled];
                return { type: 'boolean', run: (env) => not(a.run(env)) };
            }
            case 'IF': {
                const [c, t, e] = this.args(name, rawArgs, 3) as [Compiled, Compiled, Compiled];
                return {
                    type: t.type === 'null' ? e.type : t.type,
                    run: (env) => (c.run(env) === true ? t.run(env) : e.run(env)),
                };
            }
            case 'CASE': {
                if (rawArgs.length < 4 || rawArgs.length % 2 !== 0)
                    throw this.fence(`CASE with ${rawArgs.length} arguments`);
                const [subject, ...rest] = rawArgs.map((a) => this.compile(a)) as [
                    Compiled,
                    ...Compiled[],
                ];
                const otherwise = rest[rest.length - 1] as Compiled;
                return {
                    type: (rest[1] as Compiled).type,
                    run: (env) => {
                        const value = subject.run(env);
                        for (let i = 0; i + 1 < rest.length; i += 2) {
                            const candidate = (rest[i] as Compiled).run(env);
                            if (equalValues(value, candidate))
                                return (rest[i + 1] as Compiled).run(env);
                        }
                        return otherwise.run(env);
                    },
                };
            }
            case 'ISBLANK':
            case 'ISNULL': {
                const [a] = this.args(name, rawArgs, 1) as [Compiled];
                // ISBLANK of a blank-as-zero number field is still true: read the raw field.
                const first = rawArgs[0];
                const raw = first?.kind === 'field' ? this.variant(true, false).compile(first) : a;
                return { type: 'boolean', run: (env) => isBlank(raw.run(env)) };
            }
            case 'BLANKVALUE':
            case 'NULLVALUE': {
                const [checked, b] = this.args(name, rawArgs, 2) as [Compiled, Compiled];
                const first = rawArgs[0];
                const a =
                    first?.kind === 'field' ? this.variant(true, false).compile(first) : checked;
                return {
                    type: a.type === 'null' ? b.type : a.type,
                    run: (env) => {
                        const v = a.run(env);
                        return isBlank(v) ? b.run(env) : v;
                    },
                };
            }
            case 'ISPICKVAL': {
                const first = rawArgs[0];
                if (!(first?.kind === 'call' && first.name === 'PRIORVALUE'))
                    this.requireField(name, first);
                const [a, b] = this.args(name, rawArgs, 2) as [Compiled, Compiled];
                if (a.type !== 'picklist')
                    throw this.fence('ISPICKVAL of a field that is not a picklist');
                return {
                    type: 'boolean',
                    run: (env) => (a.run(env) ?? '') === (asTextOrNull(b.run(env)) ?? ''),
                };
            }
            case 'INCLUDES': {
                this.requireField(name, rawArgs[0]);
                const [a, b] = this.args(name, rawArgs, 2) as [Compiled, Compiled];
                return {
                    type: 'boolean',
                    run: (env) => {
                        const v = a.run(env);
                        const wanted = asTextOrNull(b.run(env));
                        if (typeof v !== 'string' || wanted === null) return false;
                        return v.split(';').includes(wanted);
                    },
                };
            }
            case 'ISNEW':
                this.args(name, rawArgs, 0);
                return { type: 'boolean', run: (env) => env.isNew };
            case 'ISCHANGED': {
                this.requireField(name, rawArgs[0]);
                const [a] = this.args(name, rawArgs, 1) as [Compiled];
                const prior = this.prior(rawArgs[0] as FormulaNode);
                return {
                    type: 'boolean',
                    run: (env) =>
                        !env.isNew &&
                        env.prior !== null &&
                        !equalValues(a.run(env), prior.run(env), true),
                };
            }
            case 'PRIORVALUE': {
                this.requireField(name, rawArgs[0]);
                this.args(name, rawArgs, 1);
                const prior = this.prior(rawArgs[0] as FormulaNode);
                const current = this.compile(rawArgs[0] as FormulaNode);
                return {
                    type: current.type,
                    run: (env) =>
                        env.isNew || env.prior === null ? current.run(env) : prior.run(env),
                };
            }
            case 'TEXT': {
                const [a] = this.args(name, rawArgs, 1) as [Compiled];
                return { type: 'text', run: (env) => formulaText(a.run(env), env.timeZone) };
            }
            case 'VALUE': {
                const [a] = this.args(name, rawArgs, 1) as [Compiled];
                return {
                    type: 'number',
                    run: (env) => {
                        const v = a.run(env);
                        if (v === null || typeof v !== 'string') return null;
                        const t = v.trim();
                        return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t) ? new D(t) : null;
                    },
                };
            }
            case 'ISNUMBER': {
                const [a] = this.args(name, rawArgs, 1) as [Compiled];
                return {
                    type: 'boolean',
                    run: (env) => {
                        const v = a.run(env);
                        return typeof v === 'string' && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v.trim());
                    },
                };
            }
            case 'LEN':
                return this.text1(name, rawArgs, (s) => new D(s.length), 'number', new D(0));
            case 'TRIM':
                return this.text1(name, rawArgs, (s) => s.trim(), 'text', '');
            case 'UPPER':
                return this.text1(name, rawArgs, (s) => s.toUpperCase(), 'text', '');
            case 'LOWER':
                return this.text1(name, rawArgs, (s) => s.toLowerCase(), 'text', '');
            case 'LEFT':
            case 'RIGHT': {
                const [a, n] = this.args(name, rawArgs, 2) as [Compiled, Compiled];
                return {
                    type: 'text',
                    run: (env) => {
                        const s = asTextOrNull(a.run(env)) ?? '';
                        const count = n.run(env);
                        if (!isNumber(count)) return null;
                        const k = Math.max(0, count.trunc().toNumber());
                        return name === 'LEFT' ? s.slice(0, k) : k === 0 ? '' : s.slice(-k);
                    },
                };
            }
            case 'MID': {
                const [a, start, len] = this.args(name, rawArgs, 3) as [
                    Compiled,
                    Compiled,
                    Compiled,
                ];
                return {
                    type: 'text',
                    run: (env) => {
                        const s = asTextOrNull(a.run(env)) ?? '';
                        const st = start.run(env);
                        const ln = len.run(env);
                        if (!isNumber(st) || !isNumber(ln)) return null;
                        const from = Math.max(1, st.trunc().toNumber()) - 1;
                        return s.substr(from, Math.max(0, ln.trunc().toNumber()));
                    },
                };
            }
            case 'CONTAINS':
            case 'BEGINS': {
                const [a, b] = this.args(name, rawArgs, 2) as [Compiled, Compiled];
                return {
                    type: 'boolean',
                    run: (env) => {
                        const s = asTextOrNull(a.run(env)) ?? '';
                        const t = asTextOrNull(b.run(env)) ?? '';
                        return name === 'CONTAINS' ? s.includes(t) : s.startsWith(t);
                    },
                };
            }
            case 'FIND': {
                const [a, b, c] = this.args(name, rawArgs, 2, 3) as [Compiled, Compiled, Compiled?];
                return {
                    type: 'number',
                    run: (env) => {
                        const needle = asTextOrNull(a.run(env)) ?? '';
                        const hay = asTextOrNull(b.run(env)) ?? '';
                        const startValue = c ? c.run(env) : new D(1);
                        const start = isNumber(startValue) ? Math.max(1, startValue.toNumber()) : 1;
                        if (needle === '') return new D(0);
                        return new D(hay.indexOf(needle, start - 1) + 1);
                    },
                };
            }
            case 'SUBSTITUTE': {
                const [a, b, c] = this.args(name, rawArgs, 3) as [Compiled, Compiled, Compiled];
                return {
                    type: 'text',
                    run: (env) => {
                        const s = asTextOrNull(a.run(env));
                        const from = asTextOrNull(b.run(env));
                        if (s === null) return null;
                        if (!from) return s;
                        return s.split(from).join(asTextOrNull(c.run(env)) ?? '');
                    },
                };
            }
            case 'REGEX': {
                const [a, b] = this.args(name, rawArgs, 2) as [Compiled, Compiled];
                return {
                    type: 'boolean',
                    run: (env) => {
                        const s = asTextOrNull(a.run(env)) ?? '';
                        const pattern = asTextOrNull(b.run(env)) ?? '';
                        let re: RegExp;
                        try {
                            re = new RegExp(`^(?:${pattern})$`, 's');
                        } catch {
                            throw this.fence(
                                `the regular expression ${pattern} (Java syntax not valid in JavaScript)`,
                            );
                        }
                        return re.test(s);
                    },
                };
            }
            case 'TODAY':
                this.args(name, rawArgs, 0);
                return { type: 'date', run: (env) => todayIn(env) };
            case 'NOW':
                this.args(name, rawArgs, 0);
                return { type: 'datetime', run: (env) => new DatetimeValue(env.now) };
            case 'DATE': {
                const [y, m, d] = this.args(name, rawArgs, 3) as [Compiled, Compiled, Compiled];
                return {
                    type: 'date',
                    run: (env) => {
                        const [yy, mm, dd] = [y.run(env), m.run(env), d.run(env)];
                        if (!isNumber(yy) || !isNumber(mm) || !isNumber(dd)) return null;
                        const year = yy.toNumber();
                        const month = mm.toNumber();
                        const day = dd.toNumber();
                        // An impossible date is #Error! on the platform: blank here.
                        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
                            return null;
                        return new DateValue(year, month, day);
                    },
                };
            }
            case 'DATEVALUE': {
                const [a] = this.args(name, rawArgs, 1) as [Compiled];
                return {
                    type: 'date',
                    run: (env) => {
                        const v = a.run(env);
                        if (v === null) return null;
                        if (v instanceof DateValue) return v;
                        if (v instanceof DatetimeValue) {
                            // DATEVALUE of a datetime is its GMT date (Formula Operators and Functions: DATEVALUE).
                            const js = new Date(v.ms);
                            return new DateValue(
                                js.getUTCFullYear(),
                                js.getUTCMonth() + 1,
                                js.getUTCDate(),
                            );
                        }
                        const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(v) : null;
                        return m ? new DateValue(Number(m[1]), Number(m[2]), Number(m[3])) : null;
                    },
                };
            }
            case 'YEAR':
            case 'MONTH':
            case 'DAY': {
                const [a] = this.args(name, rawArgs, 1) as [Compiled];
                return {
                    type: 'number',
                    run: (env) => {
                        const v = a.run(env);
                        if (!(v instanceof DateValue)) return null;
                        return new D(name === 'YEAR' ? v.year : name === 'MONTH' ? v.month : v.day);
                    },
                };
            }
            case 'WEEKDAY': {
                const [a] = this.args(name, rawArgs, 1) as [Compiled];
                return {
                    type: 'number',
                    run: (env) => {
                        const v = a.run(env);
                        if (!(v instanceof DateValue)) return null;
                        // 1 = Sunday … 7 = Saturday; 1970-01-01 was a Thursday.
                        return new D(((((epochDay(v) + 4) % 7) + 7) % 7) + 1);
                    },
                };
            }
            case 'ADDMONTHS': {
                const [a, n] = this.args(name, rawArgs, 2) as [Compiled, Compiled];
                return {
                    type: 'date',
                    run: (env) => {
                        const v = a.run(env);
                        const k = n.run(env);
                        if (!(v instanceof DateValue) || !isNumber(k)) return null;
                        // ADDMONTHS keeps the last day of a month the last day (Formula Operators and Functions).
                        const lastDay = v.day === daysInMonth(v.year, v.month);
                        const moved = addMonths(v, k.trunc().toNumber());
                        return lastDay
                            ? new DateValue(
                                  moved.year,
                                  moved.month,
                                  daysInMonth(moved.year, moved.month),
                              )
                            : moved;
                    },
                };
            }
            case 'ABS':
            case 'FLOOR':
            case 'CEILING':
            case 'SQRT':
            case 'EXP':
            case 'LN': {
                const [a] = this.args(name, rawArgs, 1) as [Compiled];
                return {
                    type: 'number',
                    run: (env) => {
                        const v = a.run(env);
                        if (!isNumber(v)) return null;
                        switch (name) {
                            case 'ABS':
                                return v.abs();
                            case 'FLOOR':
                                return v.floor();
                            case 'CEILING':
                                return v.ceil();
                            case 'SQRT':
                                return v.isNegative() ? null : v.sqrt();
                            case 'EXP':
                                return v.exp();
                            default:
                                return v.lte(0) ? null : v.ln();
                        }
                    },
                };
            }
            case 'ROUND': {
                const [a, n] = this.args(name, rawArgs, 2) as [Compiled, Compiled];
                return {
                    type: 'number',
                    run: (env) => {
                        const v = a.run(env);
                        const digits = n.run(env);
                        if (!isNumber(v) || !isNumber(digits)) return null;
                        return roundHalfUp(v, digits.toNumber());
                    },
                };
            }
            case 'TRUNC': {
                const [a, n] = this.args(name, rawArgs, 1, 2) as [Compiled, Compiled?];
                return {
                    type: 'number',
                    run: (env) => {
                        const v = a.run(env);
                        const digits = n ? n.run(env) : new D(0);
                        if (!isNumber(v) || !isNumber(digits)) return null;
                        return v.toDecimalPlaces(Math.max(0, digits.toNumber()), D.ROUND_DOWN);
                    },
                };
            }
            case 'LOG': {
                const [a] = this.args(name, rawArgs, 1) as [Compiled];
                return {
                    type: 'number',
                    run: (env) => {
                        const v = a.run(env);
                        return isNumber(v) && v.gt(0) ? v.log(10) : null;
                    },
                };
            }
            case 'LPAD':
            case 'RPAD': {
                const [a, n, p] = this.args(name, rawArgs, 2, 3) as [Compiled, Compiled, Compiled?];
                return {
                    type: 'text',
                    run: (env) => {
                        const s = asTextOrNull(a.run(env)) ?? '';
                        const length = n.run(env);
                        if (!isNumber(length)) return null;
                        const width = Math.max(0, length.trunc().toNumber());
                        const pad = p ? (asTextOrNull(p.run(env)) ?? '') : ' ';
                        // Longer text is cut to the width (Formula Operators and Functions: LPAD, RPAD).
                        if (s.length >= width || pad === '') return s.slice(0, width);
                        return name === 'LPAD' ? s.padStart(width, pad) : s.padEnd(width, pad);
                    },
                };
            }
            case 'CASESAFEID': {
                const [a] = this.args(name, rawArgs, 1) as [Compiled];
                return {
                    type: 'text',
                    run: (env) => {
                        const v = asTextOrNull(a.run(env));
                        if (v === null || !/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(v)) return v;
                        return toId(v);
                    },
                };
            }
            case 'DATETIMEVALUE': {
                const [a] = this.args(name, rawArgs, 1) as [Compiled];
                return {
                    type: 'datetime',
                    run: (env) => {
                        const v = a.run(env);
                        if (v === null) return null;
                        if (v instanceof DatetimeValue) return v;
                        // A date or 'YYYY-MM-DD HH:MM:SS' text is read in GMT (DATETIMEVALUE).
                        if (v instanceof DateValue)
                            return new DatetimeValue(Date.UTC(v.year, v.month - 1, v.day));
                        const m =
                            typeof v === 'string'
                                ? /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(
                                      v,
                                  )
                                : null;
                        if (!m) return null;
                        return new DatetimeValue(
                            Date.UTC(
                                Number(m[1]),
                                Number(m[2]) - 1,
                                Number(m[3]),
                                Number(m[4] ?? 0),
                                Number(m[5] ?? 0),
                                Number(m[6] ?? 0),
                            ),
                        );
                    },
                };
            }
            case 'MOD': {
                const [a, b] = this.args(name, rawArgs, 2) as [Compiled, Compiled];
                return {
                    type: 'number',
                    run: (env) => {
                        const x = a.run(env);
                        const y = b.run(env);
                        if (!isNumber(x) || !isNumber(y) || y.isZero()) return null;
                        return x.mod(y);
                    },
                };
            }
            case 'MAX':
            case 'MIN': {
                const args = this.args(name, rawArgs, 1, 1000);
                return {
                    type: 'number',
                    run: (env) => {
                        let best: Decimal | null = null;
                        for (const a of args) {
                            const v = a.run(env);
                            if (!isNumber(v)) return null;
                            if (best === null || (name === 'MAX' ? v.gt(best) : v.lt(best)))
                                best = v;
                        }
                        return best;
                    },
                };
            }
            default:
                throw this.fence(`the function ${name}()`);
        }
    }

    private text1(
        name: string,
        rawArgs: FormulaNode[],
        fn: (s: string) => FValue,
        type: FType,
        blank: FValue,
    ): Compiled {
        const [a] = this.args(name, rawArgs, 1) as [Compiled];
        if (a.type === 'picklist') throw this.fence(`${name} of a picklist field (use TEXT)`);
        return {
            type,
            run: (env) => {
                const v = a.run(env);
                const s = v === null ? '' : asText(v);
                return s === '' && blank !== '' ? blank : fn(s);
            },
        };
    }

    /** The same field path read from the record before the save. */
    private prior(node: FormulaNode): Compiled {
        if (node.kind !== 'field' || node.path.length !== 1)
            throw this.fence('ISCHANGED/PRIORVALUE of a field on another object');
        return this.fieldPath(this.object, node.path, (env) => env.prior);
    }
}

function roundHalfUp(v: Decimal, digits: number): Decimal {
    if (digits >= 0) return v.toDecimalPlaces(digits, D.ROUND_HALF_UP);
    const factor = new D(10).pow(-digits);
    return v.div(factor).toDecimalPlaces(0, D.ROUND_HALF_UP).mul(factor);
}

/** The last TODAY() answered: the clock and zone rarely change between two formulas. */
let lastToday: { now: number; timeZone: string; date: DateValue } | null = null;

function todayIn(env: FormulaEnv): DateValue {
    if (lastToday && lastToday.now === env.now && lastToday.timeZone === env.timeZone)
        return lastToday.date;
    lastToday = { now: env.now, timeZone: env.timeZone, date: dateInZone(env.now, env.timeZone) };
    return lastToday.date;
}

function not(v: FValue): FValue {
    if (v === null) return null;
    return v !== true;
}

/** Three-valued AND: false if any is false, null if any is null, else true. */
function and(values: FValue[]): FValue {
    let sawNull = false;
    for (const v of values) {
        if (v === null) sawNull = true;
        else if (v !== true) return false;
    }
    return sawNull ? null : true;
}

function or(values: FValue[]): FValue {
    let sawNull = false;
    for (const v of values) {
        if (v === true) return true;
        if (v === null) sawNull = true;
    }
    return sawNull ? null : false;
}

function isBlank(v: FValue): boolean {
    return v === null || v === '';
}

function asTextOrNull(v: FValue): string | null {
    return v === null ? null : asText(v);
}

function asText(v: Exclude<FValue, null>): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (v instanceof DateValue)
        return `${String(v.year).padStart(4, '0')}-${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}`;
    if (v instanceof DatetimeValue)
        return new Date(v.ms)
            .toISOString()
            .replace('T', ' ')
            .replace(/\.\d+Z$/, 'Z');
    return v.toString();
}

/** TEXT(): blank for null; numbers without trailing zeros; dates YYYY-MM-DD; datetimes in GMT. */
function formulaText(v: FValue, _timeZone: string): FValue {
    if (v === null) return '';
    return asText(v);
}

function equalValues(a: FValue, b: FValue, nullsEqual = false): boolean {
    if (a === null || b === null) return nullsEqual ? isBlank(a) && isBlank(b) : false;
    if (isNumber(a) && isNumber(b)) return a.eq(b);
    if (a instanceof DateValue && b instanceof DateValue) return compareDates(a, b) === 0;
    if (a instanceof DatetimeValue && b instanceof DatetimeValue) return a.ms === b.ms;
    return a === b;
}

/**
 * Comparison operators. Text: a blank text compares as '' (so `Field__c <> 'x'` is true when
 * blank); numbers, dates and datetimes: a blank operand makes the result blank (no rule fires).
 */
function compare(op: string, a: FValue, b: FValue): FValue {
    const textual = typeof a === 'string' || typeof b === 'string' || (a === null && b === null);
    if (
        textual &&
        !(isNumber(a) || isNumber(b) || a instanceof DateValue || b instanceof DateValue)
    ) {
        const x = a === null ? '' : asText(a);
        const y = b === null ? '' : asText(b);
        switch (op) {
            case '=':
            case '==':
                return x === y;
            case '<>':
            case '!=':
                return x !== y;
            case '<':
                return x < y;
            case '>':
                return x > y;
            case '<=':
                return x <= y;
            default:
                return x >= y;
        }
    }
    if (a === null || b === null) return null;
    let c: number;
    if (isNumber(a) && isNumber(b)) c = a.cmp(b);
    else if (a instanceof DateValue && b instanceof DateValue) c = compareDates(a, b);
    else if (a instanceof DatetimeValue && b instanceof DatetimeValue) c = Math.sign(a.ms - b.ms);
    else if (typeof a === 'boolean' && typeof b === 'boolean') c = a === b ? 0 : a ? 1 : -1;
    else return null;
    switch (op) {
        case '=':
        case '==':
            return c === 0;
        case '<>':
        case '!=':
            return c !== 0;
        case '<':
            return c < 0;
        case '>':
            return c > 0;
        case '<=':
            return c <= 0;
        default:
            return c >= 0;
    }
}

/**
 * Compiles a formula of `object`. `owner` names it in errors ("AccountPlan__c validation rule
 * PeriodEndAfterStart"); blankAsZero is the formula field's "Treat blank fields as zeroes".
 */
export function compileFormula(
    schema: OrgSchema,
    object: ObjectDescribe,
    source: string,
    owner: string,
    kind: FormulaKind,
    blankAsZero = false,
): CompiledFormula {
    let tree: FormulaNode;
    try {
        tree = parseFormula(source);
    } catch (e) {
        if (e instanceof FormulaSyntaxError)
            throw new UnsupportedError(`the formula of ${owner} (${e.message})`, undefined);
        throw e;
    }
    const compiled = new Compiler(schema, object, owner, kind, blankAsZero).compile(tree);
    return new CompiledFormula(source, owner, kind, compiled.run, compiled.type);
}

/** A formula result as the field's Apex value: numbers at the field's scale, percents ×100. */
export function toFieldValue(field: FieldDescribe, v: FValue): ApexValue {
    if (v === null) return field.type === 'BOOLEAN' ? false : null;
    switch (field.apexType) {
        case 'Boolean':
            return v === true;
        case 'Decimal':
        case 'Double': {
            if (!isNumber(v)) return null;
            const shown = field.type === 'PERCENT' ? v.mul(HUNDRED) : v;
            return new DecimalValue(
                shown.toDecimalPlaces(field.scale, D.ROUND_HALF_UP),
                field.scale,
            );
        }
        case 'Integer':
            return isNumber(v) ? new IntegerValue(v.round().toNumber()) : null;
        case 'Date':
            return v instanceof DateValue ? v : null;
        case 'Datetime':
            return v instanceof DatetimeValue ? v : null;
        default:
            if (field.type === 'PICKLIST' || field.type === 'MULTIPICKLIST')
                return typeof v === 'string' ? v || null : null;
            if (typeof v === 'string') return v === '' ? null : v;
            return asText(v);
    }
}

export { FormulaSyntaxError } from './parse.ts';
