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
    private readonly compiled = new Map<string, CompiledFormula>();
    /** Formula fields being computed (cycle guard). */
    private readonly computing = new Set<string>();

    constructor(private readonly db: LocalDatabase) {}

    private compile(
        object: ObjectDescribe,
        key: string,
        source: string,
        owner: string,
        kind: FormulaKind,
        blankAsZero: boolean,
    ): CompiledFormula {
        let formula = this.compiled.get(key);
        if (!formula) {
            formula = compileFormula(this.db.schema, object, source, owner, kind, blankAsZero);
            this.compiled.set(key, formula);
        }
        return formula;
    }

    fieldFormula(object: ObjectDescribe, field: FieldDescribe): CompiledFormula {
        return this.compile(
            object,
            `field:${object.name}.${field.name}`,
            field.formula as string,
            `the formula field ${object.name}.${field.name}`,
            'formulaField',
            field.formulaTreatBlanksAsZero,
        );
    }

    defaultFormula(object: ObjectDescribe, field: FieldDescribe): CompiledFormula {
        return this.compile(
            object,
            `default:${object.name}.${field.name}`,
            field.defaultValueFormula as string,
            `the default value of ${object.name}.${field.name}`,
            'defaultValue',
            false,
        );
    }

    ruleFormula(object: ObjectDescribe, rule: ValidationRuleDef): CompiledFormula {
        const formula = this.compile(
            object,
            `rule:${object.name}.${rule.name}`,
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
        const key = `${object.name}.${field.name}:${recordId ?? ''}`;
        if (this.computing.has(key))
            throw new UnsupportedError(
                `the formula field ${object.name}.${field.name} (it refers to itself)`,
                undefined,
            );
        this.computing.add(key);
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
            this.computing.delete(key);
        }
    }

    /** The environment a formula evaluates in, for the given running user. */
    env(
        record: FormulaRecord,
        prior: FormulaRecord | null,
        isNew: boolean,
        userId: string,
    ): FormulaEnv {
        const userRow = this.db.row(userId);
        const profileId = userRow ? userRow.get('profileid') : null;
        const profileRow = typeof profileId === 'string' ? this.db.row(profileId) : undefined;
        const orgRow = this.db.row(this.db.organizationId);
        return {
            record,
            prior,
            isNew,
            now: this.db.nowMs(),
            timeZone: this.db.userTimeZone(userId),
            user: userRow ? this.rowRecord(userRow) : null,
            profile: profileRow ? this.rowRecord(profileRow) : null,
            organization: orgRow ? this.rowRecord(orgRow) : null,
            hasCustomPermission: (name) => this.db.hasCustomPermission(userId, name),
        };
    }
}
