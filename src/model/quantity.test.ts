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

/** [raw, reason (substring after the quoted raw), suggestion] */
const INVALID: readonly [string, string, string | undefined][] = [
  ['1g', 'suffixes are case-sensitive; use Gi (gibibytes) or G (gigabytes)', '1Gi'],
  ['1K', 'suffixes are case-sensitive; use Ki (kibibytes) or k (kilobytes)', '1Ki'],
  ['1t', 'suffixes are case-sensitive; use Ti (tebibytes) or T (terabytes)', '1Ti'],
  ['1gi', 'suffixes are case-sensitive; use Gi (gibibytes)', '1Gi'],
  ['100mi', 'suffixes are case-sensitive; use Mi (mebibytes)', '100Mi'],
  ['1MI', 'suffixes are case-sensitive; use Mi (mebibytes)', '1Mi'],
  ['1ei', 'suffixes are case-sensitive; use Ei (exbibytes)', '1Ei'],
  ['512MB', 'Kubernetes does not accept byte units like MB; use Mi (mebibytes) or M (megabytes)', '512Mi'],
  ['2GB', 'Kubernetes does not accept byte units like GB; use Gi (gibibytes) or G (gigabytes)', '2Gi'],
  ['1Gb', 'Kubernetes does not accept byte units like Gb; use Gi (gibibytes) or G (gigabytes)', '1Gi'],
  ['1KB', 'Kubernetes does not accept byte units like KB; use Ki (kibibytes) or k (kilobytes)', '1Ki'],
  ['1kb', 'byte units like kb', '1Ki'],
  ['1.5GiB', 'byte units like GiB', '1.5Gi'],
  ['1KiB', 'byte units like KiB', '1Ki'],
  ['1MiB', 'byte units like MiB', '1Mi'],
  ['2gigabytes', 'byte units like gigabytes', '2Gi'],
  ['1b', 'plain bytes take no unit; write just the number, like 1', '1'],
  ['1024B', 'plain bytes take no unit', '1024'],
  ['64bytes', 'plain bytes take no unit', '64'],
  ['1 Gi', 'it contains whitespace; write the number and suffix with no spaces, like 1Gi', '1Gi'],
  [' 1Gi', 'it contains whitespace', '1Gi'],
  ['1Gi ', 'it contains whitespace', '1Gi'],
  ['1Gi\n', 'it contains whitespace', '1Gi'],
  ['1 GB', 'it contains whitespace', '1Gi'],
  ['"1Gi"', 'it contains quote characters, which are not part of a quantity; write it like 1Gi', '1Gi'],
  ["'512Mi'", 'it contains quote characters', '512Mi'],
  ['1 000', 'it contains whitespace', undefined],
  ['Gi ', 'it contains whitespace', 'Gi'],
  ['', 'the value is empty', undefined],
  ['abc', 'it contains no number', undefined],
  ['ten', 'it contains no number', undefined],
  ['1e', 'the exponent after "e" has no digits', undefined],
  ['1e+', 'the exponent after "e" has no digits', undefined],
  ['1E-', 'the exponent after "E" has no digits', undefined],
  ['1e1.5', 'the exponent must be a whole number', undefined],
  ['1e99999999999999999999', 'the exponent 99999999999999999999 is out of range', undefined],
  ['1ee3', 'is not a known suffix', undefined],
  ['1e3e', 'is not a known suffix', undefined],
  ['1.2.3', 'it has more than one decimal point', undefined],
  ['--1', 'it has more than one sign', undefined],
  ['+-1Gi', 'it has more than one sign', undefined],
  ['1x', '"x" is not a known suffix; use Ki, Mi, Gi, Ti, Pi or Ei (powers of 1024), n, u, m, k, M, G, T, P or E (powers of 1000), or an exponent like e3', undefined],
  ['1i', '"i" is not a known suffix', undefined],
  ['1Gi3', '"Gi3" is not a known suffix', undefined],
  ['1Gi/2', 'is not a known suffix', undefined],
  ['1-3', 'unexpected "-" after the number', undefined],
  ['1,5Gi', 'use "." as the decimal point', undefined],
  ['1_000', 'unexpected "_"', undefined],
  ['50%', 'unexpected "%"', undefined],
  ['0x10', '"x10" is not a known suffix', undefined],
  ['Mi1', 'it must start with a number', undefined],
  // digit-less text that Go routes through inf.Dec: "unable to parse numeric part"
  ['Ei', 'there is no number before the suffix; write digits first, like 1Ei', undefined],
  ['Pi', 'there is no number before the suffix', undefined],
  ['e-10', 'there is no number before the suffix', undefined],
  ['.e-10', 'there is no number before the suffix', undefined],
];

describe('parseQuantity: rejected quantities', () => {
  it.each(INVALID)('%j', (raw, reason, suggestion) => {
    const q = parseQuantity(raw);
    if (q.ok) throw new Error(`expected ${JSON.stringify(raw)} to be rejected, got ${q.value}`);
    expect(q.raw).toBe(raw);
    expect(q.reason.startsWith(`${JSON.stringify(raw)} is not a Kubernetes quantity: `)).toBe(true);
    expect(q.reason).toContain(reason);
    expect(q.reason).not.toMatch(/\.\s+\S/); // one sentence
    expect(q.suggestion).toBe(suggestion);
    expect(suggestQuantity(raw)).toBe(suggestion);
    if (suggestion !== undefined) expect(parseQuantity(suggestion).ok).toBe(true);
  });

  it('gives the exact sentence for 1g', () => {
    expect(parseQuantity('1g')).toEqual({
      ok: false,
      raw: '1g',
      reason: '"1g" is not a Kubernetes quantity: suffixes are case-sensitive; use Gi (gibibytes) or G (gigabytes)',
      suggestion: '1Gi',
    });
  });

  it('shortens very long input in the reason', () => {
    const q = parseQuantity(`${'9'.repeat(100)}x`);
    expect(!q.ok && q.reason.length).toBeLessThan(300);
  });
});

describe('suggestQuantity', () => {
  it('has nothing to suggest for valid quantities', () => {
    for (const raw of ['1Gi', '1G', '1m', 'Gi', '1e3']) expect(suggestQuantity(raw)).toBeUndefined();
  });

  it('keeps the sign and number as written', () => {
    expect(suggestQuantity('-1.50g')).toBe('-1.50Gi');
    expect(suggestQuantity('+.5 GB')).toBe('+.5Gi');
  });

  it('keeps a valid suffix once spaces are removed', () => {
    expect(suggestQuantity('1 G')).toBe('1G');
    expect(suggestQuantity('500 m')).toBe('500m');
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

const FORMAT: readonly [number, string][] = [
  [0, '0'],
  [1, '1 byte'],
  [1000, '1000 bytes'],
  [1023, '1023 bytes'],
  [1024, '1Ki'],
  [1536, '1536 bytes'],
  [3072, '3Ki'],
  [536870912, '512Mi'],
  [1073741824, '1Gi'],
  [1610612736, '1536Mi'],
  [2 ** 40, '1Ti'],
  [2 ** 60, '1Ei'],
  [2 ** 63, '8Ei'],
  [1.4 * Gi + 12345, '≈1.4Gi'],
  [300.5 * Mi + 1, '≈300.5Mi'],
  [Mi + 1, '≈1.0Mi'],
  [Gi - 1, '≈1.0Gi'],
  [1e9, '≈953.7Mi'],
  [1e12, '≈931.3Gi'], // exact only while it reads well (< 100,000 units)
  [1e12 + 1, '≈931.3Gi'],
  [0.512, '0.512 bytes'],
  [1e-9, '0.000000001 bytes'],
  [1.5, '1.5 bytes'],
  [-Gi, '-1Gi'],
  [-1000, '-1000 bytes'],
  [Infinity, 'unbounded'],
  [-Infinity, '-unbounded'],
  [NaN, 'NaN'],
];

describe('formatBytes', () => {
  it.each(FORMAT)('%s → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('round-trips exact binary spellings through parseQuantity', () => {
    for (const bytes of [1024, 3 * Mi, 1610612736, 7 * 2 ** 40, 5 * 2 ** 50]) {
      const q = parseQuantity(formatBytes(bytes));
      expect(q.ok && q.value).toBe(bytes);
    }
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
