// Formulas of the org, compiled once per field or rule and evaluated over stored rows or over
// the values of a record being saved: formula fields (computed on read, in dependency order
// through recursion), default values and validation rules.
import { UnsupportedError } from '../interpreter/errors.ts';
import type { ApexValue } from '../interpreter/values.ts';
import { compileFormula, toFieldValue } from '../formula/evaluate.ts';
import type {
    CompiledFormula,
    FormulaEnv,
    FormulaKind,
    FormulaRecord,
} from '../formula/evaluate.ts';
import type { FieldDescribe, ObjectDescribe, ValidationRuleDef } from '../schema/types.ts';
import type { LocalDatabase } from './database.ts';
import type { StoredRow } from './store.ts';

/** Values of a record keyed by lower-case field name (a stored row or a record being saved). */
export type ValueSource = (field: string) => ApexValue;

export class Formulas {
    /** Compiled formulas by the field or rule they belong to (objects as keys: no string building per read). */
    private readonly compiled = new WeakMap<object, CompiledFormula>();
    private readonly defaults = new WeakMap<object, CompiledFormula>();
    /** Nesting of formula fields being computed: a formula that reaches itself would not end. */
    private depth = 0;

    constructor(private readonly db: LocalDatabase) {}

    private compile(
        cache: WeakMap<object, CompiledFormula>,
        owner: object,
        object: ObjectDescribe,
        source: string,
        description: string,
        kind: FormulaKind,
        blankAsZero: boolean,
    ): CompiledFormula {
        let formula = cache.get(owner);
        if (!formula) {
            formula = compileFormula(
                this.db.schema,
                object,
                source,
                description,
                kind,
                blankAsZero,
            );
            cache.set(owner, formula);
        }
        return formula;
    }

    fieldFormula(object: ObjectDescribe, field: FieldDescribe): CompiledFormula {
        return this.compile(
            this.compiled,
            field,
            object,
            field.formula as string,
            `the formula field ${object.name}.${field.name}`,
            'formulaField',
            field.formulaTreatBlanksAsZero,
        );
    }

    defaultFormula(object: ObjectDescribe, field: FieldDescribe): CompiledFormula {
        return this.compile(
            this.defaults,
            field,
            object,
            field.defaultValueFormula as string,
            `the default value of ${object.name}.${field.name}`,
            'defaultValue',
            false,
        );
    }

    ruleFormula(object: ObjectDescribe, rule: ValidationRuleDef): CompiledFormula {
        const formula = this.compile(
            this.compiled,
            rule,
            object,
            rule.formula,
            `the validation rule ${object.name}.${rule.name}`,
            'validationRule',
            false,
        );
        // The platform refuses a rule whose formula is not a condition (aer v1.2.30).
        if (!['boolean', 'null', 'any'].includes(formula.resultType))
            throw new UnsupportedError(
                `the validation rule ${object.name}.${rule.name} (its formula is a ${formula.resultType}, not a condition)`,
                undefined,
            );
        return formula;
    }

    /**
     * Compiles every formula field, default value and active validation rule of the org and
     * returns the ones outside the formula subset, each naming its owner; Keystone's list is
     * empty (the data layer's tests hold it to that).
     */
    problems(): { owner: string; message: string }[] {
        const problems: { owner: string; message: string }[] = [];
        const attempt = (owner: string, fn: () => unknown) => {
            try {
                fn();
            } catch (e) {
                if (!(e instanceof UnsupportedError)) throw e;
                problems.push({ owner, message: e.message });
            }
        };
        for (const object of this.db.schema.objects()) {
            for (const field of object.fields.values()) {
                if (field.formula !== undefined)
                    attempt(`${object.name}.${field.name}`, () => this.fieldFormula(object, field));
                if (field.defaultValueFormula !== undefined)
                    attempt(`${object.name}.${field.name} (default)`, () =>
                        this.defaultFormula(object, field),
                    );
            }
            for (const rule of object.validationRules) {
                if (rule.active)
                    attempt(`${object.name} validation rule ${rule.name}`, () =>
                        this.ruleFormula(object, rule),
                    );
            }
        }
        return problems;
    }

    /** A formula view of a record whose stored values come from `values`. */
    record(object: ObjectDescribe, values: ValueSource, recordId: string | null): FormulaRecord {
        return {
            get: (field) => {
                const describe = object.fields.get(field);
                if (describe?.formula !== undefined)
                    return this.computeField(object, describe, values, recordId);
                if (field === 'id') return recordId ?? values('id');
                return values(field);
            },
            parent: (lookupField) => {
                const id = values(lookupField);
                if (typeof id !== 'string') return null;
                const row = this.db.row(id);
                return row && !row.deleted ? this.rowRecord(row) : null;
            },
        };
    }

    rowRecord(row: StoredRow): FormulaRecord {
        return this.record(row.table.object, (f) => this.db.storedValue(row, f), row.id);
    }

    /** The value of a formula field for a record. */
    computeField(
        object: ObjectDescribe,
        field: FieldDescribe,
        values: ValueSource,
        recordId: string | null,
    ): ApexValue {
        if (this.depth > 50)
            throw new UnsupportedError(
                `the formula field ${object.name}.${field.name} (it refers to itself)`,
                undefined,
            );
        this.depth++;
        try {
            const formula = this.fieldFormula(object, field);
            const env = this.env(
                this.record(object, values, recordId),
                null,
                false,
                this.db.currentUserId,
            );
            return toFieldValue(field, formula.evaluate(env));
        } finally {
            this.depth--;
        }
    }

    /** The environment a formula evaluates in, for the given running user. */
    env(
        record: FormulaRecord,
        prior: FormulaRecord | null,
        isNew: boolean,
        userId: string,
    ): FormulaEnv {
        return new LazyEnv(this, this.db, record, prior, isNew, userId);
    }
}

/** A formula's environment; the user, profile and organization records are read only if asked for. */
class LazyEnv implements FormulaEnv {
    readonly now: number;
    readonly timeZone: string;

    constructor(
        private readonly formulas: Formulas,
        private readonly db: LocalDatabase,
        readonly record: FormulaRecord,
        readonly prior: FormulaRecord | null,
        readonly isNew: boolean,
        private readonly userId: string,
    ) {
        this.now = db.nowMs();
        this.timeZone = db.userTimeZone(userId);
    }

    private rowRecord(row: StoredRow | undefined): FormulaRecord | null {
        return row ? this.formulas.rowRecord(row) : null;
    }

    get user(): FormulaRecord | null {
        return this.rowRecord(this.db.row(this.userId));
    }

    get profile(): FormulaRecord | null {
        const profileId = this.db.row(this.userId)?.get('profileid');
        return this.rowRecord(typeof profileId === 'string' ? this.db.row(profileId) : undefined);
    }

    get organization(): FormulaRecord | null {
        return this.rowRecord(this.db.row(this.db.organizationId));
    }

    hasCustomPermission(name: string): boolean {
        return this.db.hasCustomPermission(this.userId, name);
    }
}
