// Exact rational arithmetic, so that no threshold comparison is moved across a boundary by float drift.
// Numbers from YAML are decimals as the clerk typed them; String(n) gives back that shortest decimal.

export interface Exact {
  readonly n: bigint; // numerator, carries the sign
  readonly d: bigint; // denominator, always > 0
}

export const ZERO: Exact = { n: 0n, d: 1n };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * Fractions in lowest terms, so each value has one form. Points and counts are small: a numerator and
 * denominator within 2^53 take their gcd in doubles (exact there), which spares a BigInt per step.
 */
export function ratio(n: bigint, d: bigint): Exact {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  if (d === 1n) return { n, d };
  if (n === 0n) return ZERO;
  const dn = Number(d);
  const nn = Number(n);
  if (dn <= Number.MAX_SAFE_INTEGER && Math.abs(nn) <= Number.MAX_SAFE_INTEGER) {
    let x = Math.abs(nn);
    let y = dn;
    while (y !== 0) {
      const t = x % y;
      x = y;
      y = t;
    }
    if (x === 1) return { n, d };
    const g = BigInt(x);
    return { n: n / g, d: d / g };
  }
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

/** Decimals already read: the same few values (weights, thresholds, fractional facts) recur in every file. */
const DECIMALS = new Map<number, Exact>();

/** Whole numbers 0…4095, made once: counts, points and thresholds are read for every check of every school. */
const WHOLE: (Exact | undefined)[] = new Array(4096);

/** An exact value of a finite JS number, read through its shortest decimal representation. */
export function exact(x: number): Exact {
  if (x >= 0 && x < 4096 && Number.isInteger(x)) {
    let whole = WHOLE[x];
    if (whole === undefined) {
      // Frozen: one object serves every caller (explain() hands values out through the library).
      whole = Object.freeze({ n: BigInt(x), d: 1n });
      WHOLE[x] = whole;
    }
    return whole;
  }
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return { n: BigInt(x), d: 1n };
  const known = DECIMALS.get(x);
  if (known) return known;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`unexpected number form: ${x}`);
  const [, sign, int, frac = '', expText = '0'] = m;
  let n = BigInt(`${sign}${int}${frac}`);
  let d = 10n ** BigInt(frac.length);
  const e = Number(expText);
  if (e > 0) n *= 10n ** BigInt(e);
  else if (e < 0) d *= 10n ** BigInt(-e);
  const value = ratio(n, d);
  if (DECIMALS.size >= 4096) DECIMALS.clear();
  DECIMALS.set(x, value);
  return value;
}

// Fast paths below give the same lowest-terms value as the general formula: adding 0 changes nothing (a
// check that earns nothing is added to its 要点's score), whole numbers stay whole, and a common denominator
// needs no cross-multiplication.
export const add = (a: Exact, b: Exact): Exact =>
  b.n === 0n
    ? a
    : a.n === 0n
      ? b
      : a.d === b.d
        ? a.d === 1n
          ? { n: a.n + b.n, d: 1n }
          : ratio(a.n + b.n, a.d)
        : ratio(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Exact, b: Exact): Exact =>
  b.n === 0n
    ? a
    : a.d === b.d
      ? a.d === 1n
        ? { n: a.n - b.n, d: 1n }
        : ratio(a.n - b.n, a.d)
      : ratio(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Exact, b: Exact): Exact =>
  a.d === 1n && b.d === 1n ? { n: a.n * b.n, d: 1n } : ratio(a.n * b.n, a.d * b.d);
export const div = (a: Exact, b: Exact): Exact => ratio(a.n * b.d, a.d * b.n);
export const sum = (xs: readonly Exact[]): Exact => xs.reduce(add, ZERO);
export const min = (a: Exact, b: Exact): Exact => (cmp(a, b) <= 0 ? a : b);

/** -1, 0 or 1, by cross-multiplication. */
export function cmp(a: Exact, b: Exact): -1 | 0 | 1 {
  if (a.d === b.d) return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const isZero = (a: Exact): boolean => a.n === 0n;

/** Rounds half away from zero to whole hundredths: the unit every sheet shows. */
export function toCents(a: Exact): number {
  if (a.d === 1n) return Number(a.n * 100n);
  const scaled = a.n * 100n;
  const neg = scaled < 0n;
  const abs = neg ? -scaled : scaled;
  const q = (abs * 2n + a.d) / (2n * a.d);
  return Number(neg ? -q : q);
}

/** Fixed two-decimal text of a cents value, e.g. 1520 → "15.20". */
export function centsText(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  return `${neg ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export const toNumber = (a: Exact): number => Number(a.n) / Number(a.d);

/** An exact value for a rubric author: 3, 0.75, or 10/3 ≈ 3.33 where two decimals would hide a remainder. */
export function exactText(x: Exact): string {
  if (x.d === 1n) return x.n.toString();
  const cents = toCents(x);
  return cmp(ratio(BigInt(cents), 100n), x) === 0 ? centsText(cents) : `${x.n}/${x.d} ≈ ${centsText(cents)}`;
}
