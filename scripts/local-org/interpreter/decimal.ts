// Apex Decimal arithmetic on decimal.js, with the scale kept explicitly
// (Apex Decimal follows java.math.BigDecimal: add/subtract keep the larger scale,
// multiply adds the scales, setScale rounds by a named RoundingMode).
//
// A '/' whose quotient does not terminate has no documented scale on the platform.
// The interpreter keeps such a quotient as an *inexact* value (50+ significant
// digits plus an error bound). Inexact values may be rounded (setScale, round,
// Math.round) or compared only when the answer is the same anywhere inside the error
// bound; printing one, or a rounding/comparison inside the bound, throws a fence error.
import { Decimal } from 'decimal.js';
import { unsupported } from './errors.ts';
import { systemException } from './exceptions.ts';
import { DecimalValue } from './values.ts';

export const D = Decimal.clone({
    precision: 200,
    rounding: Decimal.ROUND_HALF_UP,
    toExpNeg: -9e15,
    toExpPos: 9e15,
});

/** The platform keeps at least this relative precision for a non-terminating quotient (assumed). */
const PLATFORM_RELATIVE_PRECISION = new D('1e-15');

export type RoundingModeName =
    'UP' | 'DOWN' | 'CEILING' | 'FLOOR' | 'HALF_UP' | 'HALF_DOWN' | 'HALF_EVEN' | 'UNNECESSARY';

export const ROUNDING_MODE_NAMES: RoundingModeName[] = [
    'CEILING',
    'DOWN',
    'FLOOR',
    'HALF_DOWN',
    'HALF_EVEN',
    'HALF_UP',
    'UNNECESSARY',
    'UP',
];

function decimalJsRounding(mode: RoundingModeName): Decimal.Rounding {
    switch (mode) {
        case 'UP':
            return Decimal.ROUND_UP;
        case 'DOWN':
            return Decimal.ROUND_DOWN;
        case 'CEILING':
            return Decimal.ROUND_CEIL;
        case 'FLOOR':
            return Decimal.ROUND_FLOOR;
        case 'HALF_UP':
            return Decimal.ROUND_HALF_UP;
        case 'HALF_DOWN':
            return Decimal.ROUND_HALF_DOWN;
        case 'HALF_EVEN':
            return Decimal.ROUND_HALF_EVEN;
        case 'UNNECESSARY':
            return Decimal.ROUND_DOWN;
    }
}

export function decFromInteger(n: number | bigint): DecimalValue {
    return new DecimalValue(new D(n.toString()), 0);
}

/** Decimal from a numeric string, as a literal or Decimal.valueOf(String): scale = digits after the point. */
export function decFromString(text: string): DecimalValue | null {
    const t = text;
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
    if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return null;
    const fraction = m[3] ?? '';
    const exponent = m[4] ? Number(m[4]) : 0;
    const scale = Math.max(0, fraction.length - exponent);
    return new DecimalValue(new D(t), scale);
}

function isExact(a: DecimalValue): boolean {
    return a.err === null;
}

function errOf(a: DecimalValue): Decimal {
    return a.err ?? new D(0);
}

function inexact(v: Decimal, err: Decimal): DecimalValue {
    return new DecimalValue(v, v.decimalPlaces(), err);
}

export function decAdd(a: DecimalValue, b: DecimalValue): DecimalValue {
    const v = a.v.plus(b.v);
    if (isExact(a) && isExact(b)) return new DecimalValue(v, Math.max(a.scale, b.scale));
    return inexact(v, errOf(a).plus(errOf(b)));
}

export function decSubtract(a: DecimalValue, b: DecimalValue): DecimalValue {
    const v = a.v.minus(b.v);
    if (isExact(a) && isExact(b)) return new DecimalValue(v, Math.max(a.scale, b.scale));
    return inexact(v, errOf(a).plus(errOf(b)));
}

export function decMultiply(a: DecimalValue, b: DecimalValue): DecimalValue {
    const v = a.v.times(b.v);
    if (isExact(a) && isExact(b)) return new DecimalValue(v, a.scale + b.scale);
    const ea = errOf(a);
    const eb = errOf(b);
    const err = a.v.abs().times(eb).plus(b.v.abs().times(ea)).plus(ea.times(eb));
    return inexact(v, err);
}

export function decNegate(a: DecimalValue): DecimalValue {
    return new DecimalValue(a.v.negated(), a.scale, a.err);
}

/** The '/' operator on Decimals. */
export function decDivide(a: DecimalValue, b: DecimalValue): DecimalValue {
    if (b.v.isZero()) {
        if (isExact(b)) throw systemException('MathException', 'Divide by 0');
        throw unsupported('Decimal division by an inexact value that may be zero');
    }
    const q = a.v.div(b.v);
    if (isExact(a) && isExact(b)) {
        if (q.times(b.v).eq(a.v) && q.decimalPlaces() <= 100) {
            return new DecimalValue(q, Math.max(0, a.scale - b.scale, q.decimalPlaces()));
        }
        return inexact(q, q.abs().times(PLATFORM_RELATIVE_PRECISION));
    }
    // relative errors add up; the platform's own rounding of the quotient adds one more
    const relA = a.v.isZero() ? new D(0) : errOf(a).div(a.v.abs());
    const relB = errOf(b).div(b.v.abs().minus(errOf(b)).abs());
    const rel = relA.plus(relB).plus(PLATFORM_RELATIVE_PRECISION);
    const err = q.isZero() ? errOf(a).div(b.v.abs()) : q.abs().times(rel);
    return inexact(q, err);
}

function roundTo(v: Decimal, scale: number, mode: RoundingModeName): Decimal {
    const r = v.toDecimalPlaces(scale, decimalJsRounding(mode));
    if (mode === 'UNNECESSARY' && !r.eq(v)) {
        throw systemException('MathException', 'Rounding necessary');
    }
    return r;
}

/** setScale / divide(x, scale, mode) / round: rounds to `scale` places. */
export function decSetScale(a: DecimalValue, scale: number, mode: RoundingModeName): DecimalValue {
    if (isExact(a)) return new DecimalValue(roundTo(a.v, scale, mode), scale);
    const err = errOf(a);
    const low = roundTo(a.v.minus(err), scale, mode);
    const high = roundTo(a.v.plus(err), scale, mode);
    if (!low.eq(high)) {
        throw unsupported(
            `rounding an inexact Decimal quotient (${a.v.toSignificantDigits(20).toString()}) that lies too close to a rounding boundary to match the platform`,
        );
    }
    return new DecimalValue(low, scale);
}

/** divide(divisor, scale[, mode]) */
export function decDivideToScale(
    a: DecimalValue,
    b: DecimalValue,
    scale: number,
    mode: RoundingModeName,
): DecimalValue {
    if (b.v.isZero()) throw systemException('MathException', 'Divide by 0');
    if (isExact(a) && isExact(b)) {
        const q = a.v.div(b.v);
        if (q.times(b.v).eq(a.v)) return new DecimalValue(roundTo(q, scale, mode), scale);
        // non-terminating: round the 200-digit quotient; exact unless the digits are all 9s/0s at the cut
        return decSetScale(inexact(q, q.abs().times(new D('1e-150'))), scale, mode);
    }
    return decSetScale(decDivide(a, b), scale, mode);
}

/** compareTo; throws a fence error when an inexact value cannot be ordered reliably. */
export function decCompare(a: DecimalValue, b: DecimalValue): number {
    if (isExact(a) && isExact(b)) return a.v.cmp(b.v);
    const err = errOf(a).plus(errOf(b));
    const diff = a.v.minus(b.v);
    if (diff.abs().gt(err)) return diff.isNegative() ? -1 : 1;
    throw unsupported('comparing an inexact Decimal quotient with a value inside its error bound');
}

/** Apex Decimal.toString / String.valueOf(Decimal): plain digits with the scale kept. */
export function decToString(a: DecimalValue): string {
    if (!isExact(a)) {
        throw unsupported(
            'printing an inexact Decimal quotient (use setScale or divide(divisor, scale) first)',
        );
    }
    const plain = a.v.toFixed(a.scale);
    const adjustedExponent = -a.scale + (unscaledDigits(plain).length - 1);
    if (adjustedExponent < -6 && !a.v.isZero()) {
        throw unsupported('Decimal.toString of a value that Apex prints in scientific notation');
    }
    return plain;
}

/** The digits of the unscaled value of a plain decimal string ("-0.0120" -> "120"). */
function unscaledDigits(plain: string): string {
    return plain
        .replace('-', '')
        .replace('.', '')
        .replace(/^0+(?=\d)/, '');
}

export function decToPlainString(a: DecimalValue): string {
    if (!isExact(a)) {
        throw unsupported('printing an inexact Decimal quotient (use setScale first)');
    }
    return a.v.toFixed(a.scale);
}

export function decIsExact(a: DecimalValue): boolean {
    return isExact(a);
}

/** Digits before the point plus digits after (Decimal.precision()). */
export function decPrecision(a: DecimalValue): number {
    if (!isExact(a)) throw unsupported('precision() of an inexact Decimal quotient');
    return unscaledDigits(a.v.toFixed(a.scale)).length;
}
