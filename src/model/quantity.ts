/**
 * Kubernetes resource quantities, parsed exactly as the API server does
 * (k8s.io/apimachinery/pkg/api/resource, `ParseQuantity` in quantity.go and
 * `interpret` in suffix.go).
 *
 * The parser below is a line-by-line port of Go's `parseQuantityString` scanner followed by the
 * suffix lookup, so it accepts and rejects exactly the same strings, including the quirks:
 *
 * - `""` is an error, but a quantity with no digits at all is *accepted as zero* when the fast
 *   int64 path is taken: `Gi`, `Ki`, `M`, `m`, `E`, `e3`, `+`, `-`, `.`, `+.Gi` all parse as 0.
 *   The same digit-less text is an error ("unable to parse numeric part") when Go falls back to
 *   the inf.Dec path, which happens for `Pi`, `Ei` (precision estimate < 0) and for exponents
 *   below -9 (`e-10`, `.e-10`).
 * - `1.` and `.5` are numbers; `1.Gi` is 1Gi (Go has a TODO to reject this, but does not).
 * - `E` alone is the exa suffix (10^18); `E3`/`e3`/`E+3`/`e-03` are exponents.
 * - The exponent is parsed with `strconv.ParseInt(s, 10, 64)` (so it must fit in int64, or the
 *   suffix is rejected) and then converted with `int32(parsed)`, which wraps silently:
 *   `1e4294967296` is 1 and `1e2147483648` is 1 × 10^-2147483648 (TOB-K8S-015).
 * - Values are kept down to nano (10^-9); anything finer is rounded *away from zero* to the next
 *   nano, so `1e-12` and `0.0000000001` become 1n, and `-1e-12` becomes -1n.
 * - BinarySI quantities (`Ki`…`Ei`) are silently capped at 2^63-1 in magnitude (`8Ei`, `16Ei`).
 *   Decimal and exponent quantities are not capped.
 * - Suffixes are case-sensitive and must be one of the known ones: `1g`, `1K`, `512MB`, `1gi`
 *   are errors. Whitespace is never skipped by ParseQuantity: `1 Gi`, ` 1Gi`, `1Gi ` are errors
 *   (but see {@link parseQuantityJSON}: the JSON decoder trims leading/trailing whitespace).
 */
export type Quantity =
  | {
      ok: true;
      /** The text as written. */
      raw: string;
      /**
       * Value in base units (bytes for memory) after the API server's own rounding (to nano,
       * away from zero) and BinarySI cap; may be fractional (`512m` = 0.512). The nearest double
       * to that exact value; ±Infinity when its magnitude is beyond the double range (`1e400`).
       */
      value: number;
      /** What the kubelet uses: the value rounded *up*, away from zero, to a whole number (Quantity.Value()). */
      bytes: number;
      /** True when the exact value is a whole number (also true for an overflowing `1e400`). */
      isWhole: boolean;
      /** The suffix as written: '', 'Ki'…'Ei', 'n','u','m','k','M','G','T','P','E', or an exponent like 'e3'. */
      suffix: string;
      /** True when the value is strictly below zero (`-0` is not negative). */
      negative: boolean;
    }
  | {
      ok: false;
      raw: string;
      /** Why the API server rejects it, in one sentence. */
      reason: string;
      /** The quantity the author most likely meant (`1g` → `1Gi`), when there is one. */
      suggestion?: string;
    };

// ---------------------------------------------------------------------------------------------
// Scanner: a port of Go's parseQuantityString.

type GoError = 'empty' | 'format' | 'suffix' | 'numeric';

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

const NANO = 1_000_000_000n;
/** 2^63-1 in nano units: the BinarySI cap. */
const BINARY_CAP_NANO = INT64_MAX * NANO;
/** Beyond 10^±GUARD we do not build BigInts: the value is Infinity, or rounds to one nano. */
const GUARD = 400;

type Core =
  | { ok: true; positive: boolean; suffix: string; /** Magnitude in nano units, or 'inf'. */ nanos: bigint | 'inf' }
  | { ok: false; error: GoError };

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/** ParseQuantity without the diagnostics: accepted or not, and the value in nano units. */
function parseCore(str: string): Core {
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

function fromCore(raw: string, core: Extract<Core, { ok: true }>): Quantity {
  const { nanos, suffix } = core;
  if (nanos === 'inf') {
    const inf = core.positive ? Infinity : -Infinity;
    return { ok: true, raw, value: inf, bytes: inf, isWhole: true, suffix, negative: !core.positive };
  }
  if (nanos === 0n) return { ok: true, raw, value: 0, bytes: 0, isWhole: true, suffix, negative: false };
  const whole = nanos / NANO;
  const frac = nanos % NANO;
  const sign = core.positive ? '' : '-';
  // Via a decimal string so the double is the correctly rounded one.
  const value = Number(`${sign}${whole}.${frac.toString().padStart(9, '0')}`);
  // Quantity.Value(): rounded up, away from zero.
  const bytes = Number(`${sign}${frac === 0n ? whole : whole + 1n}`);
  return { ok: true, raw, value, bytes, isWhole: frac === 0n, suffix, negative: !core.positive };
}

/** Parse a quantity exactly as the API server's `resource.ParseQuantity` does. Never throws. */
export function parseQuantity(raw: string): Quantity {
  try {
    const core = parseCore(raw);
    if (core.ok) return fromCore(raw, core);
    const suggestion = suggestQuantity(raw);
    return { ok: false, raw, reason: explain(raw, core.error, suggestion), ...(suggestion !== undefined ? { suggestion } : {}) };
  } catch {
    // Defensive only: nothing above is expected to throw (e.g. a non-string from untyped JS).
    return { ok: false, raw: String(raw), reason: `${quote(String(raw))} is not a Kubernetes quantity` };
  }
}

/**
 * Go's strings.TrimSpace set (unicode.IsSpace): unlike JS trim() it includes U+0085 and
 * excludes U+FEFF.
 */
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const GO_TRIM = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'g');

/**
 * What the API server does with a quantity that arrives as a JSON (or YAML-converted) string:
 * `Quantity.UnmarshalJSON` calls `ParseQuantity(strings.TrimSpace(value))` ("TODO: Remove
 * support for leading/trailing whitespace"), so `"1Gi "` is accepted in a manifest although
 * `parseQuantity("1Gi ")` is an error. Inner whitespace (`1 Gi`) is still rejected. `raw` stays
 * as written.
 */
export function parseQuantityJSON(raw: string): Quantity {
  const trimmed = typeof raw === 'string' ? raw.replace(GO_TRIM, '') : raw;
  const q = parseQuantity(trimmed);
  return { ...q, raw };
}

// ---------------------------------------------------------------------------------------------
// Diagnostics.

function quote(raw: string): string {
  const shown = raw.length > 40 ? `${raw.slice(0, 37)}…` : raw;
  return JSON.stringify(shown);
}

const UNIT_NAMES: Readonly<Record<string, string>> = {
  Ki: 'kibibytes',
  Mi: 'mebibytes',
  Gi: 'gibibytes',
  Ti: 'tebibytes',
  Pi: 'pebibytes',
  Ei: 'exbibytes',
  k: 'kilobytes',
  M: 'megabytes',
  G: 'gigabytes',
  T: 'terabytes',
  P: 'petabytes',
  E: 'exabytes',
};

/** `Gi (gibibytes) or G (gigabytes)` for a letter k/m/g/t/p/e. */
function unitAdvice(letter: string, binaryOnly: boolean): string {
  const bin = `${letter.toUpperCase()}i`;
  const dec = letter === 'k' ? 'k' : letter.toUpperCase();
  return binaryOnly ? `${bin} (${UNIT_NAMES[bin]})` : `${bin} (${UNIT_NAMES[bin]}) or ${dec} (${UNIT_NAMES[dec]})`;
}

/** Byte-ish units people write, lower-cased, to the SI letter they stand for ('' = bytes). */
const BYTE_UNITS: Readonly<Record<string, string>> = (() => {
  const out: Record<string, string> = { b: '', byte: '', bytes: '' };
  const words: Record<string, [string, string]> = {
    k: ['kilo', 'kibi'],
    m: ['mega', 'mebi'],
    g: ['giga', 'gibi'],
    t: ['tera', 'tebi'],
    p: ['peta', 'pebi'],
    e: ['exa', 'exbi'],
  };
  for (const [letter, [si, iec]] of Object.entries(words)) {
    for (const unit of [`${letter}b`, `${letter}ib`, `${letter}byte`, `${letter}bytes`, `${si}byte`, `${si}bytes`, `${iec}byte`, `${iec}bytes`]) {
      out[unit] = letter;
    }
  }
  return out;
})();

/** Wrong-case spellings of real suffixes, lower-cased: 'gi' → 'g' (binary only), 'k' → 'k'. */
const CASE_UNITS: Readonly<Record<string, { letter: string; binaryOnly: boolean }>> = (() => {
  const out: Record<string, { letter: string; binaryOnly: boolean }> = {};
  for (const letter of 'kmgtpe') {
    out[`${letter}i`] = { letter, binaryOnly: true };
    out[letter] = { letter, binaryOnly: false };
  }
  return out;
})();

const NUMBER_PREFIX = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)/;
const WHITESPACE = new RegExp(`\\s|${GO_SPACE}`);
const SPACES_AROUND = new RegExp(`^(?:\\s|${GO_SPACE})+|(?:\\s|${GO_SPACE})+$`, 'g');
const SPACES_BEFORE_UNIT = new RegExp(`^([+-]?[0-9.]+)(?:\\s|${GO_SPACE})+(?=[A-Za-z])`);

function explain(raw: string, error: GoError, suggestion: string | undefined): string {
  const q = `${quote(raw)} is not a Kubernetes quantity`;
  const like = suggestion ?? '512Mi';
  if (error === 'empty') return `${q}: the value is empty; write a number with an optional suffix, like 512Mi`;
  if (WHITESPACE.test(raw)) return `${q}: it contains whitespace; write the number and suffix with no spaces, like ${like}`;
  if (error === 'numeric') return `${q}: there is no number before the suffix; write digits first, like 1${raw.replace(/^[+-]?\.?/, '')}`;

  if (/["'`]/.test(raw)) return `${q}: it contains quote characters, which are not part of a quantity; write it like ${like}`;
  const number = NUMBER_PREFIX.exec(raw);
  if (!number) {
    if (/^[+-]{2,}/.test(raw)) return `${q}: it has more than one sign; write at most one leading + or -`;
    if (!/[0-9]/.test(raw)) return `${q}: it contains no number; write a number with an optional suffix, like 512Mi`;
    return `${q}: it must start with a number (optionally signed), like 512Mi`;
  }
  const rest = raw.slice(number[0].length);
  if (rest.startsWith('.')) return `${q}: it has more than one decimal point`;
  if (rest.startsWith(',')) return `${q}: use "." as the decimal point and no thousands separators, like 1.5Gi or 1500Mi`;
  if (/^[eE]/.test(rest)) {
    const exp = rest.slice(1);
    if (/^[+-]?$/.test(exp)) return `${q}: the exponent after "${rest[0]}" has no digits; write it like 1e3, or use E alone for exa (10^18)`;
    if (/^[+-]?[0-9]+$/.test(exp)) return `${q}: the exponent ${exp} is out of range (it must fit in a 64-bit integer)`;
    if (/^[+-]?[0-9]*\.[0-9]*$/.test(exp)) return `${q}: the exponent must be a whole number, like 1e3 or 15e-1`;
  }
  if (/^[A-Za-z]+$/.test(rest)) {
    const lower = rest.toLowerCase();
    const byteUnit = BYTE_UNITS[lower];
    if (byteUnit !== undefined) {
      if (byteUnit === '') return `${q}: plain bytes take no unit; write just the number, like ${suggestion ?? '1024'}`;
      return `${q}: Kubernetes does not accept byte units like ${rest}; use ${unitAdvice(byteUnit, false)}`;
    }
    const caseUnit = CASE_UNITS[lower];
    if (caseUnit) return `${q}: suffixes are case-sensitive; use ${unitAdvice(caseUnit.letter, caseUnit.binaryOnly)}`;
  }
  if (/^[A-Za-z]/.test(rest)) {
    const shown = /^[A-Za-z0-9+-]*/.exec(rest)?.[0] ?? rest;
    return `${q}: ${quote(shown)} is not a known suffix; use Ki, Mi, Gi, Ti, Pi or Ei (powers of 1024), n, u, m, k, M, G, T, P or E (powers of 1000), or an exponent like e3`;
  }
  const bad = rest[0] ?? '';
  return `${q}: unexpected ${quote(bad)} after the number; write a number with an optional suffix, like 512Mi`;
}

/**
 * The quantity an invalid `raw` most likely meant (`1g` → `1Gi`, `512MB` → `512Mi`, `1 Gi` →
 * `1Gi`, `1.5GiB` → `1.5Gi`), or undefined when there is no confident guess or `raw` is valid.
 * Byte units are read as binary (`GB` → `Gi`), since that is what memory sizes almost always
 * mean. Every suggestion is itself a valid quantity. Never throws.
 */
export function suggestQuantity(raw: string): string | undefined {
  if (typeof raw !== 'string' || parseCore(raw).ok) return undefined;
  // Drop surrounding whitespace and quotes, and spaces between number and suffix: ` 1Gi`,
  // `"1Gi"`, `1 Gi` (but not spaces inside the number: `1 000` is not confidently 1000).
  const compact = raw
    .replace(SPACES_AROUND, '')
    .replace(/^(["'`])(.*)\1$/, '$2')
    .replace(SPACES_AROUND, '')
    .replace(SPACES_BEFORE_UNIT, '$1');
  if (compact !== raw && compact.length > 0 && parseCore(compact).ok) return compact;
  const match = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))([A-Za-z]+)$/.exec(compact);
  if (!match) return undefined;
  const [, number = '', unit = ''] = match;
  const lower = unit.toLowerCase();
  const letter = BYTE_UNITS[lower] ?? (lower !== 'e' ? CASE_UNITS[lower]?.letter : undefined);
  if (letter === undefined) return undefined;
  const candidate = `${number}${letter === '' ? '' : `${letter.toUpperCase()}i`}`;
  return parseCore(candidate).ok ? candidate : undefined;
}

// ---------------------------------------------------------------------------------------------
// Formatting.

const BINARY_UNITS: readonly (readonly [string, number])[] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

function plainNumber(n: number): string {
  if (Number.isInteger(n) || n >= 1e-6) return String(n);
  return n.toFixed(9).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * Bytes in Kubernetes spelling, exact when possible (`536870912` → `512Mi`, `1610612736` →
 * `1536Mi`), else rounded to one decimal in the largest binary unit from Mi up (`≈1.4Gi`,
 * `≈300.5Mi`); below 1Mi, a non-multiple of 1Ki is plain bytes (`1000 bytes`, `0.512 bytes`).
 * ±Infinity is `unbounded` / `-unbounded`.
 */
export function formatBytes(bytes: number): string {
  if (Number.isNaN(bytes)) return 'NaN';
  if (bytes === Infinity) return 'unbounded';
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  if (bytes === 0) return '0';
  if (Number.isInteger(bytes)) {
    for (const [suffix, size] of BINARY_UNITS) {
      // Exact spellings stay readable (1536Mi); 1e12 as 976562500Ki does not, so it is rounded below.
      if (bytes % size === 0 && bytes / size < 100_000) return `${bytes / size}${suffix}`;
    }
  }
  if (bytes >= 2 ** 20) {
    for (let i = 0; i < BINARY_UNITS.length; i++) {
      const [suffix, size] = BINARY_UNITS[i] as readonly [string, number];
      if (bytes < size) continue;
      const rounded = Math.round((bytes / size) * 10) / 10;
      const bigger = BINARY_UNITS[i - 1];
      // 1Gi - 1 byte rounds to 1024.0Mi: say ≈1.0Gi instead.
      if (rounded >= 1024 && bigger) return `≈${(bytes / bigger[1]).toFixed(1)}${bigger[0]}`;
      return `≈${rounded.toFixed(1)}${suffix}`;
    }
  }
  return `${plainNumber(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
}
