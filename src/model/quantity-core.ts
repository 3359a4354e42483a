/**
 * The core of `resource.ParseQuantity`, ported from Go without the diagnostics: the scanner
 * (`parseQuantityString`), the suffix lookup (`interpret`) and the exact value in nano units.
 * See quantity.ts for the quirks this reproduces.
 */

// ---------------------------------------------------------------------------------------------
// Scanner: a port of Go's parseQuantityString.

export type GoError = 'empty' | 'format' | 'suffix' | 'numeric';

interface Scanned {
  positive: boolean;
  /** The sign and number as written (Go's `value`, what inf.Dec.SetString would see). */
  value: string;
  /** Integer digits with leading zeros stripped; "0" when there are none. */
  num: string;
  /** Fraction digits as written (may be empty). */
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const SUFFIX_CHARS = 'eEinumkKMGTP';

function scanQuantity(str: string): Scanned | GoError {
  let positive = true;
  let pos = 0;
  const end = str.length;

  // handle leading sign
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') {
      pos++;
    }
  }

  // strip leading zeros; a string that is all zeros (after the sign) is 0 with no suffix
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[i] === '0') pos++;
    else break;
  }

  // extract the numerator
  let num = '';
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
    if (!isDigit(str[i])) {
      num = str.slice(pos, i);
      pos = i;
      break;
    }
  }
  // if we stripped all numerator positions, always return 0 (this is why `Gi` alone parses)
  if (num.length === 0) num = '0';

  // handle a denominator (Go allows an empty one: `1.` and `1.Gi`)
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    for (let i = pos; ; i++) {
      if (i >= end) return { positive, value: str, num, denom: str.slice(pos), suffix: '' };
      if (!isDigit(str[i])) {
        denom = str.slice(pos, i);
        pos = i;
        break;
      }
    }
  }
  const value = str.slice(0, pos);

  // grab the elements of the suffix: suffix letters, then an optional sign, then digits
  const suffixStart = pos;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!SUFFIX_CHARS.includes(str[i] as string)) {
      pos = i;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!isDigit(str[i])) break;
  }
  // a non-digit after the suffix: not a valid exponent
  return 'format';
}

// ---------------------------------------------------------------------------------------------
// Suffixes: a port of suffix.go's interpret.

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

interface Interpreted {
  base: 2 | 10;
  exponent: number;
  format: Format;
}

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

function interpretSuffix(suffix: string): Interpreted | undefined {
  const dec = Object.hasOwn(DECIMAL_SUFFIXES, suffix) ? DECIMAL_SUFFIXES[suffix] : undefined;
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = Object.hasOwn(BINARY_SUFFIXES, suffix) ? BINARY_SUFFIXES[suffix] : undefined;
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    // strconv.ParseInt(s, 10, 64): optional sign, ASCII digits, must fit in int64.
    const digits = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(digits)) return undefined;
    const parsed = BigInt(digits);
    if (parsed < INT64_MIN || parsed > INT64_MAX) return undefined;
    // Go then does int32(parsed), which wraps silently: 1e4294967296 == 1e0.
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Value.

export const NANO = 1_000_000_000n;
/** 2^63-1 in nano units: the BinarySI cap. */
const BINARY_CAP_NANO = INT64_MAX * NANO;
/** Beyond 10^±GUARD we do not build BigInts: the value is Infinity, or rounds to one nano. */
const GUARD = 400;

export type Core =
  | { ok: true; positive: boolean; suffix: string; /** Magnitude in nano units, or 'inf'. */ nanos: bigint | 'inf' }
  | { ok: false; error: GoError };

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/** ParseQuantity without the diagnostics: accepted or not, and the value in nano units. */
export function parseCore(str: string): Core {
  if (str.length === 0) return { ok: false, error: 'empty' };
  const scanned = scanQuantity(str);
  if (typeof scanned === 'string') return { ok: false, error: scanned };
  const { positive, value, num, denom, suffix } = scanned;
  const interpreted = interpretSuffix(suffix);
  if (!interpreted) return { ok: false, error: 'suffix' };
  const { base, exponent, format } = interpreted;

  // Go first tries an int64 fast path; when its precision estimate fails it falls back to
  // inf.Dec.SetString(value), which fails when `value` has no digits (`Pi`, `Ei`, `e-10`).
  let slowPath: boolean;
  if (format === 'BinarySI') {
    // precision = 15 - len(num) - int32(float32(exponent)*3/10) - 1; a fraction always goes slow.
    const precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    slowPath = denom.length > 0 || precision < 0;
  } else {
    const precision = 18 - (num.length + denom.length);
    slowPath = precision < 0 || exponent - denom.length < -9;
  }
  if (slowPath && !/[0-9]/.test(value)) return { ok: false, error: 'numeric' };

  // Exact magnitude: digits × 10^(-len(denom)) × base^exponent, rounded up to a whole nano.
  const digits = (num + denom).replace(/^0+/, '');
  if (digits.length === 0) return { ok: true, positive, suffix, nanos: 0n };
  let nanos: bigint | 'inf';
  if (base === 2) {
    // exponent ≤ 60, so only the fraction length can be extreme.
    const magnitude = digits.length - denom.length; // value < 10^magnitude × 2^60
    if (magnitude > 20) nanos = BINARY_CAP_NANO;
    else if (magnitude < -GUARD) nanos = 1n;
    else {
      const scaled = (BigInt(digits) << BigInt(exponent)) * NANO;
      nanos = ceilDiv(scaled, pow10(denom.length));
    }
    // quantity.go: "The max is just a simple cap." BinarySI is capped at 2^63-1 (8Ei → 2^63-1).
    if (nanos > BINARY_CAP_NANO) nanos = BINARY_CAP_NANO;
  } else {
    const scale = exponent - denom.length + 9; // value in nanos = mantissa × 10^scale
    const magnitude = digits.length + scale - 9; // value < 10^magnitude
    if (magnitude > GUARD) nanos = 'inf';
    else if (magnitude < -GUARD) nanos = 1n;
    else nanos = scale >= 0 ? BigInt(digits) * pow10(scale) : ceilDiv(BigInt(digits), pow10(-scale));
  }
  return { ok: true, positive, suffix, nanos };
}

/**
 * Go's strings.TrimSpace set (unicode.IsSpace): unlike JS trim() it includes U+0085 and
 * excludes U+FEFF.
 */
export const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
