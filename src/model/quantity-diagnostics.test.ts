import { describe, it, expect } from 'vitest';
import { parseQuantity, suggestQuantity } from './quantity.js';

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
