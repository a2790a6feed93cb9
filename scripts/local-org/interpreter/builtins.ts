// Built-in static methods (Math, String, Integer, Long, Decimal, Double, Date, Datetime,
// Boolean, System/Assert assertions) and instance methods on numbers, dates and enums.
import {
    datetimeMoment,
    formatDateForLocale,
    formatDatetimeForLocale,
    formatPattern,
} from './dateFormat.ts';
import { unsupported } from './errors.ts';
import { npe, systemException } from './exceptions.ts';
import {
    addDays,
    addMonths,
    addYears,
    dateToString,
    datetimeAddMonths,
    datetimeDate,
    datetimeParts,
    datetimeToString,
    dayOfYear,
    daysBetween,
    daysInMonth,
    isLeapYear,
    monthsBetween,
    newDate,
    newDatetime,
    parseDate,
    parseDatetime,
    epochDay,
    userTimeZone,
} from './dates.ts';
import {
    decDivideToScale,
    decFromString,
    decPrecision,
    decSetScale,
    decToPlainString,
    decToString,
} from './decimal.ts';
import type { RoundingModeName } from './decimal.ts';
import { valuesEqual } from './equality.ts';
import {
    INT_MAX,
    INT_MIN,
    compareNumbers,
    negate,
    numKind,
    parseApexDecimal,
    parseApexDouble,
    parseApexInteger,
    parseApexLong,
    toDecimalValue,
    toJsNumber,
    truncToInteger,
    truncToLong,
    widenTo,
} from './numbers.ts';
import type { NumericValue } from './numbers.ts';
import { concatString, formatString, isBlank, valueToString } from './text.ts';
import {
    DateValue,
    DatetimeValue,
    DecimalValue,
    DoubleValue,
    EnumValue,
    IntegerValue,
    ListValue,
    LongValue,
    NativeValue,
    SetValue,
    isNumeric,
} from './values.ts';
import type { ApexValue } from './values.ts';

export const ROUNDING_MODE_TYPE_KEY = 'system.roundingmode';

function num(v: ApexValue, what: string): NumericValue {
    if (v === null) throw systemException('NullPointerException', 'Argument cannot be null.');
    if (isNumeric(v)) return v;
    throw unsupported(`${what} with a non-numeric argument`);
}

function int(v: ApexValue, what: string): number {
    if (v === null) throw systemException('NullPointerException', 'Argument cannot be null.');
    if (v instanceof IntegerValue) return v.v;
    throw unsupported(`${what} with a non-Integer argument`);
}

function str(v: ApexValue, what: string): string {
    if (v === null) throw systemException('NullPointerException', 'Argument cannot be null.');
    if (typeof v === 'string') return v;
    throw unsupported(`${what} with a non-String argument`);
}

function roundingMode(v: ApexValue): RoundingModeName {
    if (v instanceof EnumValue && v.typeKey === ROUNDING_MODE_TYPE_KEY)
        return v.name as RoundingModeName;
    throw unsupported('a rounding mode that is not a System.RoundingMode value');
}

function intResult(n: number, what: string): IntegerValue {
    if (n < INT_MIN || n > INT_MAX) throw unsupported(`${what} result outside the Integer range`);
    return new IntegerValue(n);
}

/** Math.round / roundToLong / Decimal.round(): half-even for Decimal, Java Math.round for Double. */
function roundHalfEvenToLong(v: NumericValue): bigint {
    if (v instanceof IntegerValue) return BigInt(v.v);
    if (v instanceof LongValue) return v.v;
    if (v instanceof DoubleValue) return BigInt(Math.floor(v.v + 0.5));
    return BigInt(decSetScale(v, 0, 'HALF_EVEN').v.toFixed(0));
}

function sameKindMinMax(a: NumericValue, b: NumericValue, pickMax: boolean): NumericValue {
    const ka = numKind(a);
    const kb = numKind(b);
    if (ka !== kb) {
        if ((ka === 'double' && kb === 'decimal') || (ka === 'decimal' && kb === 'double')) {
            throw unsupported('Math.min/max mixing Double and Decimal');
        }
    }
    const c = compareNumbers(a, b);
    const chosen = pickMax ? (c >= 0 ? a : b) : c <= 0 ? a : b;
    const rank = { integer: 0, long: 1, double: 2, decimal: 3 };
    const kind = rank[ka] >= rank[kb] ? ka : kb;
    return widenTo(chosen, kind);
}

function assertionFailed(message: string): never {
    throw systemException('AssertException', `Assertion Failed: ${message}`);
}

function describe(v: ApexValue): string {
    return concatString(v);
}

function withMessage(msg: ApexValue, text: string): string {
    return msg === null || msg === undefined ? text : `${concatString(msg)}: ${text}`;
}

/**
 * Static methods of built-in classes. `cls` is the lower-case class name without
 * "system."; returns undefined when the class/method is not built in.
 */
export function callBuiltinStatic(
    cls: string,
    method: string,
    args: ApexValue[],
): ApexValue | undefined {
    const a0 = args[0] ?? null;
    const a1 = args[1] ?? null;
    const a2 = args[2] ?? null;
    const key = `${cls}.${method}`;
    switch (key) {
        // ---- Math ----
        case 'math.abs': {
            const v = num(a0, key);
            return compareNumbers(v, new IntegerValue(0)) < 0 ? negate(v) : v;
        }
        case 'math.max':
            return sameKindMinMax(num(a0, key), num(a1, key), true);
        case 'math.min':
            return sameKindMinMax(num(a0, key), num(a1, key), false);
        case 'math.mod': {
            const a = num(a0, key);
            const b = num(a1, key);
            if (a instanceof IntegerValue && b instanceof IntegerValue) {
                if (b.v === 0) throw systemException('MathException', 'Divide by 0');
                return new IntegerValue(a.v % b.v);
            }
            if (
                (a instanceof IntegerValue || a instanceof LongValue) &&
                (b instanceof IntegerValue || b instanceof LongValue)
            ) {
                const y = b instanceof LongValue ? b.v : BigInt(b.v);
                if (y === 0n) throw systemException('MathException', 'Divide by 0');
                return new LongValue((a instanceof LongValue ? a.v : BigInt(a.v)) % y);
            }
            throw unsupported('Math.mod with non-integer arguments');
        }
        case 'math.round': {
            const v = num(a0, key);
            if (v instanceof DoubleValue) return intResult(Math.floor(v.v + 0.5), key);
            if (v instanceof DecimalValue) return intResult(Number(roundHalfEvenToLong(v)), key);
            throw unsupported('Math.round with an Integer or Long argument');
        }
        case 'math.roundtolong':
            return new LongValue(roundHalfEvenToLong(num(a0, key)));
        case 'math.floor':
        case 'math.ceil': {
            const v = num(a0, key);
            if (v instanceof DecimalValue) {
                return decSetScale(v, 0, method === 'floor' ? 'FLOOR' : 'CEILING');
            }
            const x = toJsNumber(v);
            return new DoubleValue(method === 'floor' ? Math.floor(x) : Math.ceil(x));
        }
        case 'math.sqrt':
            return new DoubleValue(Math.sqrt(toJsNumber(num(a0, key))));
        case 'math.pow':
            return new DoubleValue(Math.pow(toJsNumber(num(a0, key)), toJsNumber(num(a1, key))));
        case 'math.exp':
            return new DoubleValue(Math.exp(toJsNumber(num(a0, key))));
        case 'math.log':
            return new DoubleValue(Math.log(toJsNumber(num(a0, key))));
        case 'math.log10':
            return new DoubleValue(Math.log10(toJsNumber(num(a0, key))));
        case 'math.signum': {
            const v = num(a0, key);
            return new DoubleValue(Math.sign(toJsNumber(v)));
        }
        case 'math.random':
            throw unsupported('Math.random (non-deterministic)');

        // ---- String ----
        case 'string.isblank':
            return isBlank(a0 === null ? null : str(a0, key));
        case 'string.isnotblank':
            return !isBlank(a0 === null ? null : str(a0, key));
        case 'string.isempty':
            return a0 === null || str(a0, key).length === 0;
        case 'string.isnotempty':
            return a0 !== null && str(a0, key).length > 0;
        case 'string.valueof':
            if (a0 === null) throw unsupported('String.valueOf(null)');
            return valueToString(a0);
        case 'string.join': {
            const sep = str(a1, key);
            if (a0 instanceof ListValue) return a0.items.map(concatString).join(sep);
            if (a0 instanceof SetValue) return [...a0.entries.values()].map(concatString).join(sep);
            throw unsupported('String.join on something other than a List or Set');
        }
        case 'string.format': {
            if (!(a1 instanceof ListValue))
                throw unsupported('String.format without a List argument');
            return formatString(str(a0, key), a1.items);
        }
        case 'string.escapesinglequotes':
            return str(a0, key).replace(/'/g, "\\'");

        // ---- Integer / Long / Decimal / Double / Boolean ----
        case 'integer.valueof':
            if (a0 === null) return null;
            if (typeof a0 === 'string') return parseApexInteger(a0);
            return truncToInteger(num(a0, key));
        case 'long.valueof':
            if (a0 === null) return null;
            if (typeof a0 === 'string') return parseApexLong(a0);
            return truncToLong(num(a0, key));
        case 'decimal.valueof':
            if (a0 === null) return null;
            if (typeof a0 === 'string') return parseApexDecimal(a0);
            return toDecimalValue(num(a0, key));
        case 'double.valueof':
            if (a0 === null) return null;
            if (typeof a0 === 'string') return parseApexDouble(a0);
            return new DoubleValue(toJsNumber(num(a0, key)));
        case 'boolean.valueof':
            if (a0 === null) return false;
            if (typeof a0 === 'boolean') return a0;
            return str(a0, key).toLowerCase() === 'true';

        // ---- Date / Datetime ----
        case 'date.newinstance':
            return newDate(int(a0, key), int(a1, key), int(a2, key));
        case 'date.valueof':
            if (a0 instanceof DatetimeValue) return datetimeDate(a0, userTimeZone.id);
            if (a0 instanceof DateValue) return a0;
            return parseDate(str(a0, key));
        case 'date.isleapyear':
            return isLeapYear(int(a0, key));
        case 'date.daysinmonth':
            return new IntegerValue(daysInMonth(int(a0, key), int(a1, key)));
        case 'date.today':
            throw unsupported('Date.today() (calculators must take "now" as a parameter)');
        case 'datetime.newinstance':
        case 'datetime.newinstancegmt': {
            const tz = method === 'newinstancegmt' ? 'GMT' : userTimeZone.id;
            if (args.length === 1) {
                if (a0 instanceof LongValue || a0 instanceof IntegerValue)
                    return new DatetimeValue(Number(a0.v));
                throw unsupported(`Datetime.${method} with this argument`);
            }
            if (args.length === 2) {
                const ms = timeOfDayMs(a1);
                if (!(a0 instanceof DateValue) || ms === null)
                    throw unsupported(`Datetime.${method}(Date, Time) with these arguments`);
                const wall = newDatetime(
                    a0.year,
                    a0.month,
                    a0.day,
                    Math.floor(ms / 3600000),
                    Math.floor(ms / 60000) % 60,
                    Math.floor(ms / 1000) % 60,
                    tz,
                );
                return new DatetimeValue(wall.ms + (ms % 1000));
            }
            return newDatetime(
                int(a0, key),
                int(a1, key),
                int(a2, key),
                args.length > 3 ? int(args[3] ?? null, key) : 0,
                args.length > 4 ? int(args[4] ?? null, key) : 0,
                args.length > 5 ? int(args[5] ?? null, key) : 0,
                tz,
            );
        }
        case 'datetime.valueof':
            if (a0 instanceof DatetimeValue) return a0;
            return parseDatetime(str(a0, key), userTimeZone.id);
        case 'datetime.valueofgmt':
            return parseDatetime(str(a0, key));
        case 'datetime.now':
        case 'system.now':
        case 'system.today':
            throw unsupported(
                `${key === 'datetime.now' ? 'Datetime.now' : key === 'system.now' ? 'System.now' : 'System.today'}() (calculators must take "now" as a parameter)`,
            );

        // ---- assertions ----
        case 'system.assert':
            if (a0 !== true) assertionFailed(args.length > 1 ? concatString(a1) : '');
            return null;
        case 'system.assertequals':
        case 'assert.areequal':
            if (!valuesEqual(a0, a1, false)) {
                assertionFailed(
                    withMessage(
                        args.length > 2 ? a2 : null,
                        `Expected: ${describe(a0)}, Actual: ${describe(a1)}`,
                    ),
                );
            }
            return null;
        case 'system.assertnotequals':
        case 'assert.arenotequal':
            if (valuesEqual(a0, a1, false)) {
                assertionFailed(
                    withMessage(args.length > 2 ? a2 : null, `Same value: ${describe(a0)}`),
                );
            }
            return null;
        case 'assert.istrue':
            if (a0 !== true)
                assertionFailed(
                    withMessage(
                        args.length > 1 ? a1 : null,
                        'Expected: true, Actual: ' + describe(a0),
                    ),
                );
            return null;
        case 'assert.isfalse':
            if (a0 !== false)
                assertionFailed(
                    withMessage(
                        args.length > 1 ? a1 : null,
                        'Expected: false, Actual: ' + describe(a0),
                    ),
                );
            return null;
        case 'assert.isnull':
            if (a0 !== null)
                assertionFailed(
                    withMessage(
                        args.length > 1 ? a1 : null,
                        'Expected: null, Actual: ' + describe(a0),
                    ),
                );
            return null;
        case 'assert.isnotnull':
            if (a0 === null)
                assertionFailed(
                    withMessage(args.length > 1 ? a1 : null, 'Expected: not null, Actual: null'),
                );
            return null;
        case 'assert.fail':
            assertionFailed(args.length > 0 ? concatString(a0) : '');
            return null;
        case 'system.debug':
            return null;
        default:
            return undefined;
    }
}

/** Instance methods on numbers, dates, datetimes, booleans and enums. */
export function callPrimitiveMethod(
    target: ApexValue,
    method: string,
    args: ApexValue[],
): ApexValue | undefined {
    const a0 = args[0] ?? null;
    const a1 = args[1] ?? null;
    if (isNumeric(target)) {
        switch (method) {
            case 'intvalue':
                return truncToInteger(target);
            case 'longvalue':
                return truncToLong(target);
            case 'doublevalue':
                return new DoubleValue(toJsNumber(target));
            case 'format':
                throw unsupported("number format() (depends on the user's locale)");
            case 'tostring':
                return valueToString(target);
            case 'abs':
                return compareNumbers(target, new IntegerValue(0)) < 0 ? negate(target) : target;
            case 'equals':
                return valuesEqual(target, a0, false);
        }
        if (target instanceof DecimalValue) {
            switch (method) {
                case 'setscale':
                    return decSetScale(
                        target,
                        int(a0, 'setScale'),
                        args.length > 1 ? roundingMode(a1) : 'HALF_EVEN',
                    );
                case 'divide': {
                    const divisor = toDecimalValue(num(a0, 'divide'));
                    const scale = int(a1, 'divide');
                    if (args.length > 2)
                        return decDivideToScale(
                            target,
                            divisor,
                            scale,
                            roundingMode(args[2] ?? null),
                        );
                    // the default rounding of divide(divisor, scale) is not documented: refuse exact ties
                    const halfUp = decDivideToScale(target, divisor, scale, 'HALF_UP');
                    const halfEven = decDivideToScale(target, divisor, scale, 'HALF_EVEN');
                    if (!halfUp.v.eq(halfEven.v)) {
                        throw unsupported(
                            'Decimal.divide(divisor, scale) on an exact tie (default rounding mode undocumented)',
                        );
                    }
                    return halfUp;
                }
                case 'round':
                    if (args.length === 0) return new LongValue(roundHalfEvenToLong(target));
                    return new LongValue(
                        BigInt(decSetScale(target, 0, roundingMode(a0)).v.toFixed(0)),
                    );
                case 'scale':
                    return new IntegerValue(target.scale);
                case 'precision':
                    return new IntegerValue(decPrecision(target));
                case 'toplainstring':
                    return decToPlainString(target);
                case 'stripTrailingZeros'.toLowerCase():
                    return new DecimalValue(
                        target.v,
                        Math.max(0, target.v.decimalPlaces()),
                        target.err,
                    );
                case 'compareto':
                    return new IntegerValue(compareNumbers(target, num(a0, 'compareTo')));
            }
        }
        return undefined;
    }
    if (target instanceof DateValue) {
        switch (method) {
            case 'adddays':
                return addDays(target, int(a0, 'addDays'));
            case 'addmonths':
                return addMonths(target, int(a0, 'addMonths'));
            case 'addyears':
                return addYears(target, int(a0, 'addYears'));
            case 'daysbetween':
                if (!(a0 instanceof DateValue))
                    throw systemException('NullPointerException', 'Argument cannot be null.');
                return new IntegerValue(daysBetween(target, a0));
            case 'monthsbetween':
                if (!(a0 instanceof DateValue))
                    throw systemException('NullPointerException', 'Argument cannot be null.');
                return new IntegerValue(monthsBetween(target, a0));
            case 'year':
                return new IntegerValue(target.year);
            case 'month':
                return new IntegerValue(target.month);
            case 'day':
                return new IntegerValue(target.day);
            case 'dayofyear':
                return new IntegerValue(dayOfYear(target));
            case 'tostartofmonth':
                return new DateValue(target.year, target.month, 1);
            case 'issameday':
                return a0 instanceof DateValue && epochDay(a0) === epochDay(target);
            case 'tostring':
                return dateToString(target);
            case 'format':
                return formatDateForLocale(target);
            case 'tostartofweek':
                throw unsupported(`Date.${method}() (depends on the user's locale)`);
        }
        return undefined;
    }
    if (target instanceof DatetimeValue) {
        const gmt = method.endsWith('gmt');
        const tz = gmt ? 'GMT' : userTimeZone.id;
        const p = datetimeParts(target, tz);
        switch (method) {
            case 'adddays':
                return new DatetimeValue(target.ms + int(a0, method) * 86400000);
            case 'addhours':
                return new DatetimeValue(target.ms + int(a0, method) * 3600000);
            case 'addminutes':
                return new DatetimeValue(target.ms + int(a0, method) * 60000);
            case 'addseconds':
                return new DatetimeValue(target.ms + int(a0, method) * 1000);
            case 'addmonths':
                return datetimeAddMonths(target, int(a0, method), userTimeZone.id);
            case 'addyears':
                return datetimeAddMonths(target, int(a0, method) * 12, userTimeZone.id);
            case 'date':
            case 'dategmt':
                return datetimeDate(target, tz);
            case 'gettime':
                return new LongValue(BigInt(target.ms));
            case 'year':
            case 'yeargmt':
                return new IntegerValue(p.year);
            case 'month':
            case 'monthgmt':
                return new IntegerValue(p.month);
            case 'day':
            case 'daygmt':
                return new IntegerValue(p.day);
            case 'hour':
            case 'hourgmt':
                return new IntegerValue(p.hour);
            case 'minute':
            case 'minutegmt':
                return new IntegerValue(p.minute);
            case 'second':
            case 'secondgmt':
                return new IntegerValue(p.second);
            case 'millisecond':
            case 'millisecondgmt':
                return new IntegerValue(p.millisecond);
            case 'issameday':
                return (
                    a0 instanceof DatetimeValue &&
                    epochDay(datetimeDate(a0, tz)) === epochDay(datetimeDate(target, tz))
                );
            case 'equals':
                return valuesEqual(target, a0, false);
            case 'tostring':
                return datetimeToString(target);
            case 'format': {
                if (args.length === 0) return formatDatetimeForLocale(target, userTimeZone.id);
                if (typeof a0 !== 'string') throw npe();
                const zone = args.length > 1 ? a1 : userTimeZone.id;
                if (typeof zone !== 'string') throw npe();
                return formatPattern(a0, datetimeMoment(target, zone));
            }
            case 'formatgmt':
                if (typeof a0 !== 'string') throw npe();
                return formatPattern(a0, datetimeMoment(target, 'GMT'));
            case 'formatlong':
                throw unsupported(`Datetime.${method}() (the locale's long form)`);
        }
        return undefined;
    }
    if (typeof target === 'boolean') {
        if (method === 'equals') return valuesEqual(target, a0, false);
        if (method === 'tostring') return target ? 'true' : 'false';
        return undefined;
    }
    if (target instanceof EnumValue) {
        switch (method) {
            case 'name':
                return target.name;
            case 'ordinal':
                return new IntegerValue(target.ordinal);
            case 'equals':
                return valuesEqual(target, a0, false);
            case 'tostring':
                return target.name;
        }
        return undefined;
    }
    return undefined;
}

/** Milliseconds since midnight of a System.Time value (null when it is not one). */
function timeOfDayMs(v: ApexValue): number | null {
    if (v instanceof NativeValue && v.type.name === 'Time') return (v.data as { ms: number }).ms;
    return null;
}

export function parseDecimalLiteral(text: string): DecimalValue | null {
    return decFromString(text);
}

export { decToString };
