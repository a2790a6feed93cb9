// Integer (32-bit, wraps), Long (64-bit, wraps), Double (IEEE) and Decimal arithmetic with
// Apex's numeric hierarchy: Integer < Long < Double < Decimal; the result of a binary
// operation has the higher of the two operand types.
import { unsupported } from './errors.ts';
import { systemException } from './exceptions.ts';
import {
    D,
    decAdd,
    decCompare,
    decDivide,
    decFromInteger,
    decFromString,
    decMultiply,
    decNegate,
    decSubtract,
} from './decimal.ts';
import { DecimalValue, DoubleValue, IntegerValue, LongValue } from './values.ts';
import type { ApexValue } from './values.ts';

export type NumericValue = IntegerValue | LongValue | DoubleValue | DecimalValue;
export type ArithOp = '+' | '-' | '*' | '/';

const RANK = { integer: 0, long: 1, double: 2, decimal: 3 } as const;
type NumKind = keyof typeof RANK;

export function numKind(v: NumericValue): NumKind {
    if (v instanceof IntegerValue) return 'integer';
    if (v instanceof LongValue) return 'long';
    if (v instanceof DoubleValue) return 'double';
    return 'decimal';
}

export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;

export function toLongBig(v: IntegerValue | LongValue): bigint {
    return v instanceof LongValue ? v.v : BigInt(v.v);
}

export function toDecimalValue(v: NumericValue): DecimalValue {
    if (v instanceof DecimalValue) return v;
    if (v instanceof IntegerValue) return decFromInteger(v.v);
    if (v instanceof LongValue) return decFromInteger(v.v);
    // Decimal.valueOf(Double): the scale comes from the Double's string form
    const parsed = decFromString(javaDoubleToString(v.v));
    if (!parsed) throw unsupported(`converting Double ${v.v} to Decimal`);
    return parsed;
}

export function toJsNumber(v: NumericValue): number {
    if (v instanceof IntegerValue || v instanceof DoubleValue) return v.v;
    if (v instanceof LongValue) return Number(v.v);
    if (v.err !== null) throw unsupported('converting an inexact Decimal quotient to Double');
    return v.v.toNumber();
}

/** Widens a number to the given numeric kind (assignment to a wider variable). */
export function widenTo(v: NumericValue, kind: NumKind): NumericValue {
    const from = numKind(v);
    if (from === kind) return v;
    if (RANK[from] > RANK[kind]) {
        throw new Error(`cannot narrow ${from} to ${kind}`);
    }
    switch (kind) {
        case 'long':
            return new LongValue(toLongBig(v as IntegerValue));
        case 'double':
            return new DoubleValue(toJsNumber(v));
        case 'decimal':
            return toDecimalValue(v);
        default:
            return v;
    }
}

function checkZero(isZero: boolean): void {
    if (isZero) throw systemException('MathException', 'Divide by 0');
}

export function arith(op: ArithOp, a: NumericValue, b: NumericValue): NumericValue {
    const ka = numKind(a);
    const kb = numKind(b);
    if ((ka === 'double' && kb === 'decimal') || (ka === 'decimal' && kb === 'double')) {
        throw unsupported('arithmetic mixing Double and Decimal');
    }
    const kind: NumKind = RANK[ka] >= RANK[kb] ? ka : kb;
    const x = widenTo(a, kind);
    const y = widenTo(b, kind);
    if (x instanceof IntegerValue && y instanceof IntegerValue) {
        switch (op) {
            case '+':
                return new IntegerValue((x.v + y.v) | 0);
            case '-':
                return new IntegerValue((x.v - y.v) | 0);
            case '*':
                return new IntegerValue(Math.imul(x.v, y.v));
            case '/':
                checkZero(y.v === 0);
                return new IntegerValue(Math.trunc(x.v / y.v) | 0);
        }
    }
    if (x instanceof LongValue && y instanceof LongValue) {
        switch (op) {
            case '+':
                return new LongValue(BigInt.asIntN(64, x.v + y.v));
            case '-':
                return new LongValue(BigInt.asIntN(64, x.v - y.v));
            case '*':
                return new LongValue(BigInt.asIntN(64, x.v * y.v));
            case '/':
                checkZero(y.v === 0n);
                return new LongValue(BigInt.asIntN(64, x.v / y.v));
        }
    }
    if (x instanceof DoubleValue && y instanceof DoubleValue) {
        switch (op) {
            case '+':
                return new DoubleValue(x.v + y.v);
            case '-':
                return new DoubleValue(x.v - y.v);
            case '*':
                return new DoubleValue(x.v * y.v);
            case '/':
                checkZero(y.v === 0);
                return new DoubleValue(x.v / y.v);
        }
    }
    if (x instanceof DecimalValue && y instanceof DecimalValue) {
        switch (op) {
            case '+':
                return decAdd(x, y);
            case '-':
                return decSubtract(x, y);
            case '*':
                return decMultiply(x, y);
            case '/':
                return decDivide(x, y);
        }
    }
    throw new Error('unreachable numeric kinds');
}

export function negate(v: NumericValue): NumericValue {
    if (v instanceof IntegerValue) return new IntegerValue(-v.v | 0);
    if (v instanceof LongValue) return new LongValue(BigInt.asIntN(64, -v.v));
    if (v instanceof DoubleValue) return new DoubleValue(-v.v);
    return decNegate(v);
}

export function compareNumbers(a: NumericValue, b: NumericValue): number {
    const ka = numKind(a);
    const kb = numKind(b);
    if (ka === 'decimal' || kb === 'decimal') {
        if (ka === 'double' || kb === 'double') {
            const x = toJsNumber(a);
            const y = toJsNumber(b);
            return x < y ? -1 : x > y ? 1 : 0;
        }
        return decCompare(toDecimalValue(a), toDecimalValue(b));
    }
    if (ka === 'double' || kb === 'double') {
        const x = toJsNumber(a);
        const y = toJsNumber(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = toLongBig(a as IntegerValue | LongValue);
    const y = toLongBig(b as IntegerValue | LongValue);
    return x < y ? -1 : x > y ? 1 : 0;
}

/** Java's Double.toString, which Apex uses for String.valueOf(Double). */
export function javaDoubleToString(x: number): string {
    if (Number.isNaN(x)) return 'NaN';
    if (x === Infinity) return 'Infinity';
    if (x === -Infinity) return '-Infinity';
    if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
    const abs = Math.abs(x);
    if (abs >= 1e-3 && abs < 1e7) {
        const s = String(x);
        return s.includes('.') ? s : `${s}.0`;
    }
    const [mantissa = '', exponent = ''] = x.toExponential().split('e');
    const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
    return `${m}E${exponent.replace('+', '')}`;
}

/** Integer.valueOf(String) / Integer.valueOf on a numeric string. */
export function parseApexInteger(text: string): IntegerValue {
    const t = text;
    if (!/^[+-]?\d+$/.test(t)) throw systemException('TypeException', `Invalid integer: ${text}`);
    const n = Number(t);
    if (n < INT_MIN || n > INT_MAX)
        throw systemException('TypeException', `Invalid integer: ${text}`);
    return new IntegerValue(n);
}

export function parseApexLong(text: string): LongValue {
    const t = text;
    if (!/^[+-]?\d+$/.test(t)) throw systemException('TypeException', `Invalid long: ${text}`);
    const n = BigInt(t);
    if (BigInt.asIntN(64, n) !== n) throw systemException('TypeException', `Invalid long: ${text}`);
    return new LongValue(n);
}

export function parseApexDecimal(text: string): DecimalValue {
    const d = decFromString(text);
    if (!d) throw systemException('TypeException', `Invalid decimal: ${text}`);
    return d;
}

export function parseApexDouble(text: string): DoubleValue {
    const t = text.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(t)) {
        throw systemException('TypeException', `Invalid double: ${text}`);
    }
    return new DoubleValue(Number(t.replace(/[dDfF]$/, '')));
}

/** Numeric part of an Apex number literal (IntegerLiteral, LongLiteral, NumberLiteral). */
export function parseNumberLiteral(text: string): ApexValue {
    const t = text.replace(/_/g, '');
    if (/[lL]$/.test(t)) return new LongValue(BigInt(t.slice(0, -1)));
    if (/[dD]$/.test(t)) return new DoubleValue(Number(t.slice(0, -1)));
    if (/^\d+$/.test(t)) {
        const n = Number(t);
        if (n > INT_MAX + 1) throw unsupported(`Integer literal ${text} out of range`);
        return new IntegerValue(n | 0);
    }
    const d = decFromString(t);
    if (!d) throw unsupported(`number literal ${text}`);
    return d;
}

/** Integer from a Decimal/Double with truncation (intValue()). */
export function truncToInteger(v: NumericValue): IntegerValue {
    if (v instanceof IntegerValue) return v;
    if (v instanceof LongValue) return new IntegerValue(Number(BigInt.asIntN(32, v.v)));
    if (v instanceof DoubleValue) return new IntegerValue(Math.trunc(v.v) | 0);
    if (v.err !== null) throw unsupported('intValue() of an inexact Decimal quotient');
    return new IntegerValue(Number(BigInt.asIntN(32, BigInt(v.v.trunc().toFixed(0)))));
}

export function truncToLong(v: NumericValue): LongValue {
    if (v instanceof LongValue) return v;
    if (v instanceof IntegerValue) return new LongValue(BigInt(v.v));
    if (v instanceof DoubleValue) return new LongValue(BigInt(Math.trunc(v.v)));
    if (v.err !== null) throw unsupported('longValue() of an inexact Decimal quotient');
    return new LongValue(BigInt.asIntN(64, BigInt(v.v.trunc().toFixed(0))));
}

export function isZeroDecimal(v: DecimalValue): boolean {
    return v.v.eq(new D(0));
}
