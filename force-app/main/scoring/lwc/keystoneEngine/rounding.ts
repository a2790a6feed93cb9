// Exact decimal arithmetic for scores, so the TypeScript engine rounds exactly like Apex
// Decimal with System.RoundingMode.HALF_UP (ties away from zero). Binary floats cannot do
// this: 1.005 * 100 is 100.49999999999999 in a double, so Math.round gives the wrong answer.
// Every number is read through its shortest decimal spelling (String(1.005) === '1.005'),
// which is the decimal the user or the vectors file wrote, and computed with BigInt.

/** value = units / 10^scale, exactly. */
interface ScaledDecimal {
    units: bigint;
    scale: number;
}

const TEN = BigInt(10);
const ZERO = BigInt(0);
const TWO = BigInt(2);

function powerOfTen(exponent: number): bigint {
    let result = BigInt(1);
    for (let i = 0; i < exponent; i++) {
        result *= TEN;
    }
    return result;
}

function toScaled(value: number): ScaledDecimal {
    if (!Number.isFinite(value)) {
        throw new RangeError(`not a finite number: ${value}`);
    }
    if (Number.isSafeInteger(value)) {
        return { units: BigInt(value), scale: 0 };
    }
    // String() gives the shortest round-trip decimal, possibly with an exponent (1e-7, 1e+21).
    const text = String(value).toLowerCase();
    const [mantissa = '0', exponentText] = text.split('e');
    const exponent = exponentText === undefined ? 0 : Number(exponentText);
    const negative = mantissa.startsWith('-');
    const digits = negative ? mantissa.slice(1) : mantissa;
    const [whole = '0', fraction = ''] = digits.split('.');
    let units = BigInt(whole + fraction);
    let scale = fraction.length - exponent;
    if (scale < 0) {
        units *= powerOfTen(-scale);
        scale = 0;
    }
    return { units: negative ? -units : units, scale };
}

function fromScaled(units: bigint, scale: number): number {
    const negative = units < ZERO;
    const magnitude = (negative ? -units : units).toString().padStart(scale + 1, '0');
    const whole = magnitude.slice(0, magnitude.length - scale);
    const fraction = scale > 0 ? '.' + magnitude.slice(magnitude.length - scale) : '';
    return Number((negative ? '-' : '') + whole + fraction);
}

/** numerator / denominator rounded to an integer, ties away from zero (HALF_UP). */
function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
    const negative = numerator < ZERO !== denominator < ZERO;
    const n = numerator < ZERO ? -numerator : numerator;
    const d = denominator < ZERO ? -denominator : denominator;
    let quotient = n / d;
    const remainder = n % d;
    if (remainder * TWO >= d) {
        quotient += BigInt(1);
    }
    return negative ? -quotient : quotient;
}

// Half of 2^53: keeps quotient * denominator and 2 * remainder exact as well.
const SAFE = Math.floor(Number.MAX_SAFE_INTEGER / 2);

/**
 * 0, 1 or 2 when the value is exactly a decimal with that many places (12, 12.5, 4.29): the
 * values scores are made of. -1 otherwise (then the exact BigInt path reads its digits).
 * Math.round(v * 10^d) / 10^d === v holds only when v is the double nearest to a decimal with
 * d places, and two such decimals never share a double below 2^44.
 */
function shortDecimals(value: number): number {
    if (Number.isInteger(value)) return Math.abs(value) <= SAFE ? 0 : -1;
    if (Math.abs(value) > 2 ** 44) return -1;
    if (Math.round(value * 10) / 10 === value) return 1;
    if (Math.round(value * 100) / 100 === value) return 2;
    return -1;
}

/**
 * The common case (counts, whole money, whole weights) without BigInt: when every operand is
 * an integer and the scaled numerator and denominator stay below 2^53, plain doubles are exact.
 * Returns null when the exact BigInt path is needed.
 */
function ratioOfIntegers(factors: number[], divisors: number[], scale: number): number | null {
    let numerator = 10 ** scale;
    let denominator = 1;
    for (const factor of factors) {
        const decimals = shortDecimals(factor);
        if (decimals < 0) return null;
        const power = 10 ** decimals;
        numerator *= Math.round(factor * power);
        denominator *= power;
    }
    for (const divisor of divisors) {
        const decimals = shortDecimals(divisor);
        if (decimals < 0) return null;
        const power = 10 ** decimals;
        numerator *= power;
        denominator *= Math.round(divisor * power);
    }
    if (
        denominator === 0 ||
        Math.abs(numerator) > SAFE ||
        Math.abs(denominator) > SAFE ||
        scale > 15
    ) {
        return null;
    }
    const negative = numerator < 0 !== denominator < 0;
    const n = Math.abs(numerator);
    const d = Math.abs(denominator);
    let quotient = Math.floor(n / d);
    // Math.floor(n / d) can be off by one for large operands; correct it exactly.
    let remainder = n - quotient * d;
    if (remainder < 0) {
        quotient -= 1;
        remainder += d;
    } else if (remainder >= d) {
        quotient += 1;
        remainder -= d;
    }
    if (remainder * 2 >= d) quotient += 1;
    const units = negative && quotient !== 0 ? -quotient : quotient;
    // An exact integer divided by an exact power of ten is correctly rounded by IEEE division:
    // the same double as parsing the decimal text.
    return scale === 0 ? units : units / 10 ** scale;
}

/**
 * (product of factors) / (product of divisors), computed exactly and rounded once to
 * `scale` decimal places, HALF_UP. This mirrors Apex `(a * b).divide(c, scale,
 * System.RoundingMode.HALF_UP)`.
 */
export function ratioHalfUp(factors: number[], divisors: number[], scale: number): number {
    const fast = ratioOfIntegers(factors, divisors, scale);
    if (fast !== null) return fast;
    let numerator = BigInt(1);
    let numeratorScale = 0;
    for (const factor of factors) {
        const scaled = toScaled(factor);
        numerator *= scaled.units;
        numeratorScale += scaled.scale;
    }
    let denominator = BigInt(1);
    let denominatorScale = 0;
    for (const divisor of divisors) {
        const scaled = toScaled(divisor);
        denominator *= scaled.units;
        denominatorScale += scaled.scale;
    }
    if (denominator === ZERO) {
        throw new RangeError('division by zero');
    }
    // value * 10^scale = numerator * 10^(denominatorScale + scale) / (denominator * 10^numeratorScale)
    const top = numerator * powerOfTen(denominatorScale + scale);
    const bottom = denominator * powerOfTen(numeratorScale);
    return fromScaled(divideRoundHalfUp(top, bottom), scale);
}

/** Round to `scale` decimal places, HALF_UP, like Apex Decimal.setScale(scale, HALF_UP). */
export function roundHalfUp(value: number, scale: number): number {
    return ratioHalfUp([value], [], scale);
}

/** Exact sum of decimals (0.1 + 0.2 is 0.3 here, as in Apex Decimal). */
export function sumExact(values: number[]): number {
    // Fast path: whole numbers and cents add exactly as integer hundredths.
    let hundredths = 0;
    let fast = true;
    for (const value of values) {
        if (shortDecimals(value) < 0) {
            fast = false;
            break;
        }
        hundredths += Math.round(value * 100);
    }
    if (fast && Math.abs(hundredths) <= SAFE) return hundredths / 100;
    let maxScale = 0;
    const scaledValues = values.map((value) => {
        const scaled = toScaled(value);
        if (scaled.scale > maxScale) maxScale = scaled.scale;
        return scaled;
    });
    let total = ZERO;
    for (const scaled of scaledValues) {
        total += scaled.units * powerOfTen(maxScale - scaled.scale);
    }
    return fromScaled(total, maxScale);
}

/** Exact a - b. */
export function subtractExact(a: number, b: number): number {
    return sumExact([a, -b]);
}

export function clamp(value: number, min: number, max: number): number {
    return value < min ? min : value > max ? max : value;
}
