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

/**
 * (product of factors) / (product of divisors), computed exactly and rounded once to
 * `scale` decimal places, HALF_UP. This mirrors Apex `(a * b).divide(c, scale,
 * System.RoundingMode.HALF_UP)`.
 */
export function ratioHalfUp(factors: number[], divisors: number[], scale: number): number {
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
  let allIntegers = true;
  for (const value of values) {
    if (!Number.isSafeInteger(value)) {
      allIntegers = false;
      break;
    }
  }
  if (allIntegers) {
    let total = 0;
    for (const value of values) total += value;
    if (Number.isSafeInteger(total)) return total;
  }
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
