/**
 * Why the API server rejects a quantity, in one sentence, and the quantity the author most
 * likely meant (`1g` → `1Gi`).
 */
import { GO_SPACE, parseCore, type GoError } from './quantity-core.js';

// ---------------------------------------------------------------------------------------------
// Diagnostics.

export function quote(raw: string): string {
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

export function explain(raw: string, error: GoError, suggestion: string | undefined): string {
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
