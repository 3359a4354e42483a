import { describe, it, expect } from 'vitest';
import { formatBytes, parseQuantity, parseQuantityJSON, suggestQuantity } from './quantity.js';

const Ki = 2 ** 10;
const Mi = 2 ** 20;
const Gi = 2 ** 30;
const MAX_INT64 = 9223372036854775807; // as a double this is 2^63

/** [raw, value, bytes, suffix]; bytes defaults to value. */
const VALID: readonly [string, number, number | undefined, string][] = [
  // binary SI
  ['128Mi', 128 * Mi, undefined, 'Mi'],
  ['1Ki', Ki, undefined, 'Ki'],
  ['1Mi', Mi, undefined, 'Mi'],
  ['1Gi', Gi, undefined, 'Gi'],
  ['1Ti', 2 ** 40, undefined, 'Ti'],
  ['1Pi', 2 ** 50, undefined, 'Pi'],
  ['1Ei', 2 ** 60, undefined, 'Ei'],
  ['1.5Gi', 1610612736, undefined, 'Gi'],
  ['.5Gi', 536870912, undefined, 'Gi'],
  ['0.5Mi', 524288, undefined, 'Mi'],
  ['1.Gi', Gi, undefined, 'Gi'],
  ['001Gi', Gi, undefined, 'Gi'],
  ['+1Gi', Gi, undefined, 'Gi'],
  ['-1Gi', -Gi, undefined, 'Gi'],
  ['0.1Ki', 102.4, 103, 'Ki'],
  ['7Ei', 7 * 2 ** 60, undefined, 'Ei'],
  // BinarySI is capped at 2^63-1 by the API server
  ['8Ei', MAX_INT64, undefined, 'Ei'],
  ['16Ei', MAX_INT64, undefined, 'Ei'],
  ['-8Ei', -MAX_INT64, undefined, 'Ei'],
  ['99999999999999999999999Ki', MAX_INT64, undefined, 'Ki'],
  // decimal SI
  ['0', 0, undefined, ''],
  ['4096', 4096, undefined, ''],
  ['1.', 1, undefined, ''],
  ['.5', 0.5, 1, ''],
  ['-.5', -0.5, -1, ''],
  ['1.1', 1.1, 2, ''],
  ['1n', 1e-9, 1, 'n'],
  ['100n', 1e-7, 1, 'n'],
  ['1u', 1e-6, 1, 'u'],
  ['512m', 0.512, 1, 'm'],
  ['1m', 0.001, 1, 'm'],
  ['1k', 1000, undefined, 'k'],
  ['1M', 1e6, undefined, 'M'],
  ['2.5M', 2.5e6, undefined, 'M'],
  ['1G', 1e9, undefined, 'G'],
  ['1T', 1e12, undefined, 'T'],
  ['1P', 1e15, undefined, 'P'],
  ['1E', 1e18, undefined, 'E'],
  ['1.5E', 1.5e18, undefined, 'E'],
  ['8E', 8e18, undefined, 'E'],
  ['10E', 1e19, undefined, 'E'], // decimal SI is not capped
  ['9223372036854775807', MAX_INT64, undefined, ''],
  ['18446744073709551616', 2 ** 64, undefined, ''],
  ['123456789012345678901234567890', 1.2345678901234568e29, undefined, ''],
  // exponents
  ['1e3', 1000, undefined, 'e3'],
  ['1E3', 1000, undefined, 'E3'],
  ['1E+3', 1000, undefined, 'E+3'],
  ['1e+03', 1000, undefined, 'e+03'],
  ['1e0', 1, undefined, 'e0'],
  ['1.e3', 1000, undefined, 'e3'],
  ['1.5e1', 15, undefined, 'e1'],
  ['1e-3', 0.001, 1, 'e-3'],
  ['1E-3', 0.001, 1, 'E-3'],
  ['12e-3', 0.012, 1, 'e-3'],
  ['1e-9', 1e-9, 1, 'e-9'],
  ['1e308', 1e308, undefined, 'e308'],
  ['1e309', Infinity, undefined, 'e309'],
  ['1e400', Infinity, undefined, 'e400'],
  ['-1e400', -Infinity, undefined, 'e400'],
  ['1e999999999', Infinity, undefined, 'e999999999'],
  // finer than nano rounds away from zero to one nano
  ['1e-10', 1e-9, 1, 'e-10'],
  ['-1e-10', -1e-9, -1, 'e-10'],
  ['0.0000000001', 1e-9, 1, ''],
  ['1e-400', 1e-9, 1, 'e-400'],
  ['1.5n', 2e-9, 1, 'n'],
  ['-1.5n', -2e-9, -1, 'n'],
  ['0.9n', 1e-9, 1, 'n'],
  // the exponent is parsed as int64 and then truncated to int32 (it wraps)
  ['1e4294967296', 1, undefined, 'e4294967296'],
  ['1e4294967299', 1000, undefined, 'e4294967299'],
  ['1e2147483648', 1e-9, 1, 'e2147483648'],
  // zeros and digit-less quantities the Go parser accepts as 0
  ['00', 0, undefined, ''],
  ['+0', 0, undefined, ''],
  ['-0', 0, undefined, ''],
  ['0.0', 0, undefined, ''],
  ['0Gi', 0, undefined, 'Gi'],
  ['0e-20', 0, undefined, 'e-20'],
  ['Gi', 0, undefined, 'Gi'],
  ['Ki', 0, undefined, 'Ki'],
  ['Ti', 0, undefined, 'Ti'],
  ['M', 0, undefined, 'M'],
  ['m', 0, undefined, 'm'],
  ['E', 0, undefined, 'E'],
  ['e3', 0, undefined, 'e3'],
  ['+', 0, undefined, ''],
  ['-', 0, undefined, ''],
  ['.', 0, undefined, ''],
  ['+.Gi', 0, undefined, 'Gi'],
];

describe('parseQuantity: valid quantities', () => {
  it('has a big table', () => {
    expect(VALID.length).toBeGreaterThanOrEqual(60);
  });

  it.each(VALID)('%s', (raw, value, bytes, suffix) => {
    const q = parseQuantity(raw);
    if (!q.ok) throw new Error(`expected ${JSON.stringify(raw)} to parse, got: ${q.reason}`);
    expect(q.raw).toBe(raw);
    expect(q.value).toBe(value);
    expect(q.bytes).toBe(bytes ?? value);
    expect(q.suffix).toBe(suffix);
    expect(q.negative).toBe(value < 0);
    expect(q.isWhole).toBe(!Number.isFinite(value) || Number.isInteger(value));
  });

  it('never reports negative zero', () => {
    for (const raw of ['-0', '-', '-0Gi', '-0.0e5']) {
      const q = parseQuantity(raw);
      expect(q.ok && Object.is(q.value, 0) && Object.is(q.bytes, 0) && !q.negative).toBe(true);
    }
  });

  it('keeps fractional values exact to nano', () => {
    const q = parseQuantity('1073741824.5');
    expect(q.ok && q.value).toBe(1073741824.5);
    expect(q.ok && q.bytes).toBe(1073741825);
    expect(q.ok && q.isWhole).toBe(false);
  });

  it('handles huge exponents and long inputs quickly', () => {
    const started = Date.now();
    for (const raw of ['1e999999999', '1e-999999999', '1e9223372036854775807', '1e-9223372036854775808', `1${'0'.repeat(5000)}e-4990`, `0.${'0'.repeat(5000)}1`]) {
      expect(parseQuantity(raw).ok).toBe(true);
    }
    expect(parseQuantity(`1${'0'.repeat(5000)}e-4990`)).toMatchObject({ value: 1e10 });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('parseQuantityJSON', () => {
  it('trims leading and trailing whitespace like Quantity.UnmarshalJSON', () => {
    expect(parseQuantityJSON(' 1Gi\t')).toMatchObject({ ok: true, raw: ' 1Gi\t', value: Gi });
    expect(parseQuantityJSON('1Gi\u0085')).toMatchObject({ ok: true, value: Gi }); // Go's TrimSpace trims NEL
    expect(parseQuantityJSON('1Gi\ufeff')).toMatchObject({ ok: false }); // …but not a BOM
    expect(parseQuantityJSON('1 Gi')).toMatchObject({ ok: false, raw: '1 Gi', suggestion: '1Gi' });
    expect(parseQuantityJSON('   ')).toMatchObject({ ok: false });
  });
});

/** mulberry32: a tiny seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An independent statement of what Go accepts: the grammar regex, minus the two ways a
 * grammatical string still fails (exponent outside int64; no digits on the inf.Dec path).
 */
function oracleAccepts(raw: string): boolean {
  if (raw === '') return false;
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE]([+-]?[0-9]+))?$/.exec(raw);
  if (!m) return false;
  const [, , int = '', frac, suffix = '', exp] = m;
  let exponent = 0;
  if (exp !== undefined) {
    const e = BigInt(exp);
    if (e < -(2n ** 63n) || e >= 2n ** 63n) return false;
    exponent = Number(BigInt.asIntN(32, e));
  }
  if (/[0-9]/.test(int + (frac ?? ''))) return true;
  // no digits: OK unless Go takes the inf.Dec path (Pi/Ei precision, or exponent below nano)
  return !(suffix === 'Pi' || suffix === 'Ei' || exponent < -9);
}

describe('fuzzing', () => {
  it('never throws on 10,000 random strings and agrees with the grammar', () => {
    const rand = prng(0x6f6f6d);
    const alphabet = '0123456789....++--eEEiiKMGTPnumkKgbB  \t,_x%"\u00a0\u0085\u{1F600}é';
    const pieces = ['Gi', 'Mi', 'Ki', 'Ei', 'Pi', 'e3', 'e-10', 'E+3', 'GB', 'MiB', '1.5', '.5', '9223372036854775808', '4294967296'];
    for (let n = 0; n < 10_000; n++) {
      let raw = '';
      const len = Math.floor(rand() * 12);
      for (let i = 0; i < len; i++) {
        if (rand() < 0.2) raw += pieces[Math.floor(rand() * pieces.length)];
        else raw += [...alphabet][Math.floor(rand() * [...alphabet].length)];
      }
      let q: ReturnType<typeof parseQuantity> | undefined;
      expect(() => {
        q = parseQuantity(raw);
        formatBytes(q.ok ? q.bytes : rand() * 1e12);
        suggestQuantity(raw);
        parseQuantityJSON(raw);
      }, JSON.stringify(raw)).not.toThrow();
      if (!q) continue;
      expect(q.ok, JSON.stringify(raw)).toBe(oracleAccepts(raw));
      if (q.ok) {
        expect(typeof q.value).toBe('number');
        expect(Number.isNaN(q.value)).toBe(false);
        expect(Math.abs(q.bytes)).toBeGreaterThanOrEqual(Math.abs(q.value));
      } else {
        expect(q.reason.length).toBeGreaterThan(0);
        if (q.suggestion !== undefined) expect(parseQuantity(q.suggestion).ok, q.suggestion).toBe(true);
      }
    }
  });
});
