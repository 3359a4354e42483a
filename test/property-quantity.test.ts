/**
 * Property tests of the quantity parser (src/model/quantity.ts) against a reference written here
 * from the grammar in the Kubernetes API reference (k8s.io/apimachinery resource.Quantity):
 *
 *   <quantity>        ::= <signedNumber><suffix>
 *   <signedNumber>    ::= <number> | <sign><number>          <sign> ::= "+" | "-"
 *   <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 *   <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
 *   <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
 *   <decimalSI>       ::= m | "" | k | M | G | T | P | E      (the parser also takes n and u)
 *   <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>
 *
 * and the documented semantics: values are kept to nano (10^-9), rounded away from zero;
 * binary quantities are capped at 2^63 - 1. Where ParseQuantity departs from the grammar on
 * purpose (its quirks, listed in quantity.ts), the reference encodes the quirk, each marked QUIRK.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes, parseQuantity, parseQuantityJSON } from '../src/model/quantity.js';
import { anyString, byteCount, quantityLike } from './arbitraries/quantity.js';
import { runs, TIMEOUT } from './arbitraries/runs.js';

const GRAMMAR = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE]?)|[eE]([+-]?[0-9]+))$/;
const DECIMAL_SI: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SI: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const INT64 = 2n ** 63n;
const NANO = 10n ** 9n;

interface Expected {
  value: number;
  bytes: number;
  isWhole: boolean;
  negative: boolean;
  suffix: string;
}

/** What the API server makes of `raw`: the value, or undefined when it refuses the text. */
function reference(raw: string): Expected | undefined {
  const m = GRAMMAR.exec(raw);
  if (!m || raw === '') return undefined;
  const [, sign = '', int = '', fraction, binary, decimal, exponentText] = m;
  const frac = fraction ?? '';
  let base = 10n;
  let exponent: number;
  if (binary !== undefined) [base, exponent] = [2n, BINARY_SI[binary] as number];
  else if (decimal !== undefined) exponent = DECIMAL_SI[decimal] as number;
  else {
    // QUIRK: the exponent is read with strconv.ParseInt (an integer that fits in int64, or the
    // suffix is refused), then truncated with int32(), which wraps: 1e4294967296 is 1e0.
    const e = BigInt(exponentText as string);
    if (e < -INT64 || e >= INT64) return undefined;
    exponent = Number(BigInt.asIntN(32, e));
  }
  // QUIRK: a number with no digits (`Gi`, `.`, `-`, `e3`) is read as 0 on Go's int64 fast path,
  // and refused ("unable to parse numeric part") on its inf.Dec path, which Pi and Ei always take
  // and decimal quantities take when the scale drops below nano.
  const suffix = raw.slice(sign.length + int.length + (fraction === undefined ? 0 : frac.length + 1));
  if (!/[0-9]/.test(int + frac)) {
    const slow = binary === 'Pi' || binary === 'Ei' || (binary === undefined && exponent < -9);
    return slow ? undefined : { value: 0, bytes: 0, isWhole: true, negative: false, suffix };
  }
  const mantissa = BigInt(int + frac || '0');
  if (mantissa === 0n) return { value: 0, bytes: 0, isWhole: true, negative: false, suffix };
  // Exact magnitude in nanos = ceil(mantissa × base^exponent × 10^9 / 10^len(frac)). The
  // generators keep texts short (< 200 characters), so beyond 10^±2000 the answer is known
  // without the big power: overflow to Infinity, or the smallest amount, one nano.
  let nanos: bigint | 'inf';
  if (exponent > 2000) nanos = 'inf';
  else if (exponent < -2000) nanos = 1n;
  else {
    const up = exponent >= 0 ? base ** BigInt(exponent) : 1n;
    const down = 10n ** BigInt(frac.length) * (exponent < 0 ? 10n ** BigInt(-exponent) : 1n);
    const num = mantissa * up * NANO;
    nanos = (num + down - 1n) / down;
    if (binary !== undefined && nanos > (INT64 - 1n) * NANO) nanos = (INT64 - 1n) * NANO; // the cap
  }
  const negative = sign === '-';
  if (nanos === 'inf') return { value: negative ? -Infinity : Infinity, bytes: negative ? -Infinity : Infinity, isWhole: true, negative, suffix };
  const whole = nanos / NANO;
  const rest = nanos % NANO;
  const s = negative ? '-' : '';
  return {
    value: Number(`${s}${whole}.${rest.toString().padStart(9, '0')}`),
    bytes: Number(`${s}${rest === 0n ? whole : whole + 1n}`),
    isWhole: rest === 0n,
    negative,
    suffix,
  };
}

/** Go's unicode.IsSpace, which strings.TrimSpace uses (Quantity.UnmarshalJSON trims with it). */
const GO_SPACES = ['\t', '\n', '\v', '\f', '\r', ' ', '\u0085', '\u00a0', '\u1680', '\u2000', '\u2005', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];

describe('parseQuantity agrees with the grammar reference', () => {
  it('on quantity-shaped text: accepted or not, value, bytes, sign and suffix', () => {
    fc.assert(
      fc.property(quantityLike, (raw) => {
        const q = parseQuantity(raw);
        const want = reference(raw);
        expect(q.ok, `accepted? ${JSON.stringify(raw)}`).toBe(want !== undefined);
        if (!q.ok || !want) return;
        expect({ value: q.value, bytes: q.bytes, isWhole: q.isWhole, negative: q.negative, suffix: q.suffix }).toEqual(want);
        expect(Object.is(q.value, -0) || Object.is(q.bytes, -0)).toBe(false);
      }),
      runs(1000),
    );
  }, TIMEOUT);

  it('on arbitrary strings: never throws, and accepts exactly what the reference accepts', () => {
    fc.assert(
      fc.property(anyString, (raw) => {
        const q = parseQuantity(raw);
        expect(q.ok, JSON.stringify(raw)).toBe(reference(raw) !== undefined);
        if (q.ok) {
          expect(Number.isNaN(q.value)).toBe(false);
          expect(Math.abs(q.bytes)).toBeGreaterThanOrEqual(Math.abs(q.value));
        } else {
          expect(q.reason.length).toBeGreaterThan(0);
          // A suggestion is only worth making when the API server accepts it.
          if (q.suggestion !== undefined) expect(parseQuantity(q.suggestion).ok, q.suggestion).toBe(true);
        }
      }),
      runs(1000),
    );
  }, TIMEOUT);

  it('parseQuantityJSON trims Go white space (and only that) around the text', () => {
    const space = fc.string({ unit: fc.constantFrom(...GO_SPACES), maxLength: 3 });
    fc.assert(
      fc.property(space, quantityLike, space, (before, raw, after) => {
        const q = parseQuantityJSON(before + raw + after);
        const trimmed = raw.replace(new RegExp(`^[${GO_SPACES.join('')}]+|[${GO_SPACES.join('')}]+$`, 'g'), '');
        const want = reference(trimmed);
        expect(q.ok, JSON.stringify(before + raw + after)).toBe(want !== undefined);
        expect(q.raw).toBe(before + raw + after);
        if (q.ok && want) expect(q.value).toBe(want.value);
      }),
      runs(300),
    );
  }, TIMEOUT);
});

describe('formatBytes → parseQuantity round trip', () => {
  it('gives back the byte count: exactly for exact spellings, within the rounding for ≈', () => {
    fc.assert(
      fc.property(byteCount, fc.boolean(), (bytes, negate) => {
        const b = negate ? -bytes : bytes;
        const text = formatBytes(b);
        const approximate = text.includes('≈');
        const plain = / bytes?$/.test(text);
        const q = parseQuantity(text.replace('≈', '').replace(/ bytes?$/, ''));
        if (!q.ok) throw new Error(`formatBytes(${b}) = ${JSON.stringify(text)} does not parse: ${q.reason}`);
        if (approximate) {
          // `≈x.yUnit`: one decimal of the unit, so off by at most half a tenth of it.
          const unit = parseQuantity(`1${/[KMGTPE]i$/.exec(text)?.[0]}`);
          expect(unit.ok).toBe(true);
          expect(Math.abs(q.value - b)).toBeLessThanOrEqual((unit.ok ? unit.value : 0) * 0.05 * (1 + 1e-12));
        } else if (plain && !Number.isInteger(b)) {
          expect(Math.abs(q.value - b)).toBeLessThanOrEqual(1e-9); // the parser keeps nano
        } else {
          expect(q.value, text).toBe(b === 0 ? 0 : b);
        }
      }),
      runs(1000),
    );
  }, TIMEOUT);
});
