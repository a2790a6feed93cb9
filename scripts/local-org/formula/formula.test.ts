// The formula subset (Salesforce Help: "Formula Operators and Functions", "Handling Null Values
// in Formulas"); aer's changelog is cited where it states observed platform behaviour.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Decimal } from 'decimal.js';
import { UnsupportedError } from '../interpreter/errors.ts';
import { DateValue, DatetimeValue } from '../interpreter/values.ts';
import type { ApexValue, DecimalValue } from '../interpreter/values.ts';
import { date, dec, fixtureSchemaOnce } from '../database/testSupport.ts';
import { compileFormula, toFieldValue } from './evaluate.ts';
import type { FValue, FormulaEnv, FormulaKind, FormulaRecord } from './evaluate.ts';
import { parseFormula } from './parse.ts';

const schema = fixtureSchemaOnce();
const project = schema.require('Project__c');

function record(
    values: Record<string, ApexValue>,
    parents: Record<string, FormulaRecord> = {},
): FormulaRecord {
    const lower = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
    return {
        get: (field) => lower.get(field) ?? null,
        parent: (lookup) => parents[lookup] ?? null,
    };
}

function env(values: Record<string, ApexValue>, options: Partial<FormulaEnv> = {}): FormulaEnv {
    return {
        record: record(values),
        prior: null,
        isNew: true,
        now: Date.parse('2026-03-10T19:00:00Z'),
        timeZone: 'America/Los_Angeles',
        user: record({ FirstName: 'Ada', Id: '005000000000001AAA' }),
        profile: null,
        organization: null,
        hasCustomPermission: (name) => name === 'CanApprove',
        ...options,
    };
}

function run(
    source: string,
    values: Record<string, ApexValue> = {},
    options: Partial<FormulaEnv> = {},
    kind: FormulaKind = 'validationRule',
    object = project,
): FValue {
    return compileFormula(schema, object, source, 'the test formula', kind).evaluate(
        env(values, options),
    );
}

function num(v: FValue): number {
    return (v as Decimal).toNumber();
}

test('Formula operators: precedence of ^ * / + - and comparisons; & joins text', () => {
    assert.equal(num(run('1 + 2 * 3 ^ 2')), 19);
    assert.equal(num(run('(1 + 2) * 3')), 9);
    assert.equal(num(run('-2 ^ 2')), 4, 'unary minus binds tighter than ^ in Salesforce formulas');
    assert.equal(num(run('10 / 4')), 2.5);
    assert.equal(run("'a' & 'b' & 1"), 'ab1');
    assert.equal(run('1 < 2 && 2 <= 2'), true);
    assert.equal(run('1 = 1 || 1/0 = 1'), true);
    assert.equal(run("'x' <> 'y'"), true);
});

test('Logical functions: AND, OR, NOT, IF, CASE', () => {
    assert.equal(run('AND(true, 1 = 1, NOT(false))'), true);
    assert.equal(run('OR(false, false)'), false);
    assert.equal(num(run('IF(2 > 1, 10, 20)')), 10);
    assert.equal(
        run("CASE(Status__c, 'Active', 'A', 'Done', 'D', 'other')", { Status__c: 'Done' }),
        'D',
    );
    assert.equal(run("CASE(Status__c, 'Active', 'A', 'other')", { Status__c: 'Planned' }), 'other');
});

test('Help Handling Null Values: ISBLANK, ISNULL, BLANKVALUE, NULLVALUE; blank number comparisons are blank, so a rule does not fire', () => {
    assert.equal(run('ISBLANK(Budget__c)'), true);
    assert.equal(run('ISBLANK(Name)', { Name: '' }), true);
    assert.equal(run('ISNULL(End__c)'), true);
    assert.equal(num(run('BLANKVALUE(Budget__c, 7)')), 7);
    assert.equal(num(run('NULLVALUE(Budget__c, 7)', { Budget__c: dec('3') })), 3);
    assert.equal(run('Score__c < 0'), null, 'aer v1.4.17: a blank number compared is blank');
    assert.equal(run('End__c > TODAY()'), null);
    assert.equal(run("Name <> 'x'"), true, 'aer v1.4.3: blank text compares as empty text');
    assert.equal(run('AND(Score__c < 0, true)'), null);
    assert.equal(run('OR(Score__c < 0, true)'), true);
});

test('Validation rules read a blank Currency field as zero in comparisons (aer v0.0.89); formula fields honour BlankAsZero', () => {
    assert.equal(run('Budget__c = 0'), true);
    assert.equal(run('Budget__c = 0', {}, {}, 'formulaField'), null);
    const blankAsZero = compileFormula(schema, project, 'Score__c + 1', 'f', 'formulaField', true);
    assert.equal((blankAsZero.evaluate(env({})) as Decimal).toNumber(), 1);
    const isBlank = compileFormula(schema, project, 'ISBLANK(Score__c)', 'f', 'formulaField', true);
    assert.equal(isBlank.evaluate(env({})), true, 'ISBLANK still sees the blank field');
});

test('Help Percent fields: formulas read the fraction (25 % → 0.25); a Percent result is shown ×100', () => {
    assert.equal(num(run('Score__c * 2', { Score__c: dec('25') })), 0.5);
    const field = project.fields.get('score__c');
    assert.ok(field);
    assert.equal(
        (
            toFieldValue(field, run('Score__c', { Score__c: dec('12.5') })) as DecimalValue
        ).v.toNumber(),
        12.5,
    );
});

test('Picklists: ISPICKVAL and TEXT; comparing a picklist with = is refused as the platform does', () => {
    assert.equal(run("ISPICKVAL(Status__c, 'Active')", { Status__c: 'Active' }), true);
    assert.equal(run("ISPICKVAL(Status__c, 'Active')", {}), false);
    assert.equal(run('TEXT(Status__c)', { Status__c: 'Done' }), 'Done');
    assert.equal(run('TEXT(Status__c)', {}), '', 'aer v1.2.19: TEXT(null) is empty text');
    assert.equal(run("INCLUDES(Tags__c, 'Blue')", { Tags__c: 'Red;Blue' }), true);
    assert.throws(() => run("Status__c = 'Active'"), UnsupportedError);
});

test('ISNEW, ISCHANGED and PRIORVALUE compare with the stored record; formula fields may not use them', () => {
    const prior = record({ Status__c: 'Done', Budget__c: dec('5') });
    const update = { isNew: false, prior };
    assert.equal(run('ISNEW()', {}, update), false);
    assert.equal(
        run('ISCHANGED(Status__c)', { Status__c: 'Active', Budget__c: dec('5') }, update),
        true,
    );
    assert.equal(
        run('ISCHANGED(Budget__c)', { Status__c: 'Active', Budget__c: dec('5.00') }, update),
        false,
    );
    assert.equal(
        run("ISPICKVAL(PRIORVALUE(Status__c), 'Done')", { Status__c: 'Active' }, update),
        true,
    );
    assert.equal(
        run('ISCHANGED(Status__c)', { Status__c: 'Active' }),
        false,
        'never changed on insert',
    );
    assert.throws(
        () => run('ISCHANGED(Status__c)', {}, {}, 'formulaField'),
        /only validation rules may use it/,
    );
});

test("Date functions: TODAY in the user's time zone, date arithmetic, DATE, YEAR/MONTH/DAY, ADDMONTHS, WEEKDAY", () => {
    assert.deepEqual(run('TODAY()'), date('2026-03-10'), '12:00 in Los Angeles');
    assert.deepEqual(run('TODAY()', {}, { timeZone: 'Asia/Tokyo' }), date('2026-03-11'));
    assert.equal(
        num(run('End__c - Start__c', { End__c: date('2026-03-11'), Start__c: date('2026-02-28') })),
        11,
    );
    assert.deepEqual(run('Start__c + 3', { Start__c: date('2026-02-27') }), date('2026-03-02'));
    assert.deepEqual(run('DATE(2024, 2, 29)'), new DateValue(2024, 2, 29));
    assert.equal(run('DATE(2023, 2, 29)'), null, 'an impossible date is an error, read as blank');
    assert.equal(num(run('YEAR(TODAY()) * 100 + MONTH(TODAY())')), 202603);
    assert.deepEqual(run('ADDMONTHS(DATE(2026, 1, 31), 1)'), date('2026-02-28'));
    assert.equal(num(run('WEEKDAY(DATE(2026, 3, 8))')), 1, 'Sunday is 1');
    assert.ok(run('NOW()') instanceof DatetimeValue);
});

test('Text functions: LEN, TRIM, UPPER, LOWER, LEFT, RIGHT, MID, CONTAINS, BEGINS, FIND, SUBSTITUTE, VALUE, REGEX', () => {
    assert.equal(num(run('LEN(TRIM(Name))', { Name: '  ab ' })), 2);
    assert.equal(num(run('LEN(TRIM(Name))')), 0, 'LEN of a blank is 0');
    assert.equal(run('UPPER(LEFT(Name, 2)) & LOWER(RIGHT(Name, 2))', { Name: 'abcDE' }), 'ABde');
    assert.equal(run('MID(Name, 2, 3)', { Name: 'abcdef' }), 'bcd');
    assert.equal(run("CONTAINS(Name, 'cd') && BEGINS(Name, 'ab')", { Name: 'abcd' }), true);
    assert.equal(num(run("FIND('c', Name)", { Name: 'abcabc' })), 3);
    assert.equal(run("SUBSTITUTE(Name, 'a', 'x')", { Name: 'banana' }), 'bxnxnx');
    assert.equal(num(run("VALUE('12.5')")), 12.5);
    assert.equal(run("REGEX(Code__c, '[A-Z]{2}-[0-9]+')", { Code__c: 'AB-12' }), true);
    assert.equal(
        run("REGEX(Code__c, '[A-Z]{2}')", { Code__c: 'AB-12' }),
        false,
        'REGEX matches the whole text',
    );
});

test('Math functions: ROUND half-up, FLOOR, CEILING, ABS, MOD, MAX, MIN; division by zero is blank', () => {
    assert.equal(num(run('ROUND(2.345, 2)')), 2.35);
    assert.equal(num(run('ROUND(-2.5, 0)')), -3);
    assert.equal(num(run('FLOOR(2.7) + CEILING(2.1) + ABS(-1)')), 6);
    assert.equal(num(run('MOD(7, 3)')), 1);
    assert.equal(num(run('MAX(1, 5, 3) - MIN(4, 2)')), 3);
    assert.equal(run('1 / 0'), null);
});

test('Cross-object references read the parent through the lookup; a null lookup gives blank (aer v1.2.31)', () => {
    const milestone = schema.require('Milestone__c');
    const formula = compileFormula(
        schema,
        milestone,
        'Project__r.Score__c * Cost__c',
        'f',
        'formulaField',
    );
    const parent = record({ Score__c: dec('50') });
    const withParent = formula.evaluate({
        ...env({}),
        record: record({ Cost__c: dec('10') }, { project__c: parent }),
    });
    assert.equal((withParent as Decimal).toNumber(), 5);
    assert.equal(formula.evaluate({ ...env({}), record: record({ Cost__c: dec('10') }) }), null);
});

test('Globals: $User, $Permission', () => {
    assert.equal(run('$User.FirstName'), 'Ada');
    assert.equal(run('$Permission.CanApprove'), true);
    assert.equal(run('$Permission.Other'), false);
});

test('Outside the subset: unknown functions, fields and globals fail naming the formula', () => {
    assert.throws(
        () => run('VLOOKUP(1, 2, 3)'),
        (e: unknown) =>
            e instanceof UnsupportedError &&
            /VLOOKUP\(\) in the formula of the test formula/.test(e.message),
    );
    assert.throws(() => run('Nope__c = 1'), /unknown field Project__c\.Nope__c/);
    assert.throws(() => run('$Setup.X__c.Y__c'), /the global \$Setup/);
    assert.throws(() => run('AND(1,'), /the formula of the test formula/);
});

test('Parser: comments, both quote styles, escapes, == and !=', () => {
    assert.deepEqual(parseFormula('/* c */ "a\\"b" == \'c\''), {
        kind: 'binary',
        op: '==',
        left: { kind: 'string', value: 'a"b' },
        right: { kind: 'string', value: 'c' },
    });
    assert.equal(run('1 != 2'), true);
});

test("Formula results become field values at the field's scale, checkboxes never null", () => {
    const duration = project.fields.get('duration__c');
    assert.ok(duration);
    assert.equal((toFieldValue(duration, run('10 / 3')) as DecimalValue).v.toString(), '3');
    const urgent = project.fields.get('urgent__c');
    assert.ok(urgent);
    assert.equal(toFieldValue(urgent, null), false);
});

test('More functions: TRUNC, LOG, LPAD/RPAD (cut to the width), CASESAFEID, DATETIMEVALUE in GMT', () => {
    assert.equal(num(run('TRUNC(2.789, 1) + TRUNC(-2.7)')), 0.7);
    assert.equal(num(run('LOG(1000)')), 3);
    assert.equal(run("LPAD('7', 3, '0') & RPAD('ab', 4, '-') & LPAD('abcdef', 3)"), '007ab--abc');
    assert.equal(run("CASESAFEID('001000000000001')"), '001000000000001AAA');
    const dt = run("DATETIMEVALUE('2026-03-10 08:30:00')");
    assert.ok(dt instanceof DatetimeValue);
    assert.equal(dt.ms, Date.parse('2026-03-10T08:30:00Z'));
});
