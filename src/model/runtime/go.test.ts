import { describe, it, expect } from 'vitest';
import { parseGoMemLimit, suggestGoMemLimit } from './go.js';

const KiB = 2 ** 10;
const MiB = 2 ** 20;
const GiB = 2 ** 30;
const TiB = 2 ** 40;

describe('parseGoMemLimit: accepted', () => {
  /** [GOMEMLIMIT, bytes] */
  const VALID: readonly [string, number][] = [
    ['', Infinity],
    ['off', Infinity],
    ['0', 0],
    ['-0', 0],
    ['-00KiB', 0],
    ['0B', 0],
    ['1', 1],
    ['1048576', MiB],
    ['512B', 512],
    ['1KiB', KiB],
    ['1800MiB', 1800 * MiB],
    ['1GiB', GiB],
    ['2TiB', 2 * TiB],
    ['0001GiB', GiB],
    ['8388607TiB', 8388607 * TiB],
    ['9223372036854775807', 9223372036854775807],
    ['9223372036854775807B', 9223372036854775807],
    ['8796093022207KiB', 8796093022207 * KiB],
  ];

  it.each(VALID)('%j → %d bytes', (text, bytes) => {
    const r = parseGoMemLimit(text);
    expect(r).toMatchObject({ ok: true, bytes, text });
  });

  it('notes that a zero limit makes the GC run continuously', () => {
    expect(parseGoMemLimit('0')).toMatchObject({ ok: true, note: expect.stringMatching(/continuously/) });
    expect(parseGoMemLimit('1GiB')).not.toHaveProperty('note');
  });
});

describe('parseGoMemLimit: rejected (the runtime throws "malformed GOMEMLIMIT" at start-up)', () => {
  /** [GOMEMLIMIT, reason fragment, suggestion] */
  const INVALID: readonly [string, RegExp, string | undefined][] = [
    ['1800M', /"M" is not a unit/, '1800MiB'],
    ['1G', /"G" is not a unit/, '1GiB'],
    ['1Gi', /"Gi" is not a unit/, '1GiB'],
    ['512Mi', /"Mi" is not a unit/, '512MiB'],
    ['1GB', /"GB" is not a unit/, '1GiB'],
    ['5TB', /"TB"/, '5TiB'],
    ['1gib', /"gib"/, '1GiB'],
    ['1mib', /"mib"/, '1MiB'],
    ['100b', /"b"/, '100B'],
    ['1PiB', /"PiB"/, '1024TiB'],
    ['1.5GiB', /decimal/, '1536MiB'],
    ['.5GiB', /decimal/, '512MiB'],
    ['1.3GiB', /decimal/, '1331MiB'],
    ['1.5', /decimal/, undefined],
    ['-1', /negative/, 'off'],
    ['-1GiB', /negative/, undefined],
    ['OFF', /case-sensitive/, 'off'],
    ['Off', /case-sensitive/, 'off'],
    ['none', /not a number/, 'off'],
    [' 1GiB', /whitespace/, '1GiB'],
    ['1GiB\n', /whitespace/, '1GiB'],
    ['1 GiB', /no space/, '1GiB'],
    ['1e9', /exponent/, undefined],
    ['1_000MiB', /separators/, '1000MiB'],
    ['1,000MiB', /separators/, undefined],
    ['8388608TiB', /overflows int64/, undefined],
    ['9223372036854775808', /overflows int64/, undefined],
    ['MiB', /not a number/, undefined],
    ['iB', /not a number/, undefined],
    ['0iB', /"iB"/, undefined],
    ['abc', /not a number/, undefined],
    ['-', /not a number/, undefined],
    ['0.0001B', /decimal/, undefined], // rounding down would suggest a zero limit
  ];

  it.each(INVALID)('%j', (text, reason, suggestion) => {
    const r = parseGoMemLimit(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(reason);
    expect(r.reason).toMatch(/exits with status 2/);
    expect(r.suggestion).toBe(suggestion);
  });

  it('reports values whose meaning changed between Go versions', () => {
    // Go 1.19-1.25 (runtime atoi64) reject '+'; internal/strconv.ParseInt (newer Go) accepts it.
    expect(parseGoMemLimit('+1GiB')).toMatchObject({ ok: false, reason: expect.stringMatching(/1\.19-1\.25 reject/), suggestion: '1GiB' });
    // Go 1.19-1.25 read a lone '-' as 0, so "-KiB" was a 0-byte limit; newer Go rejects it.
    expect(parseGoMemLimit('-KiB')).toMatchObject({ ok: false, reason: expect.stringMatching(/limit of 0 bytes/) });
    expect(parseGoMemLimit('-MiB')).toMatchObject({ ok: false });
  });
});

describe('suggestGoMemLimit', () => {
  it('keeps the number and uses the binary unit Go knows', () => {
    expect(suggestGoMemLimit('1800M')).toBe('1800MiB');
    expect(suggestGoMemLimit('2g')).toBe('2GiB');
    expect(suggestGoMemLimit('512k')).toBe('512KiB');
    expect(suggestGoMemLimit('4 Gi')).toBe('4GiB');
    expect(suggestGoMemLimit('100bytes')).toBe('100B');
    expect(suggestGoMemLimit('unlimited')).toBe('off');
    expect(suggestGoMemLimit('0.5KiB')).toBe('512B');
  });

  it('has nothing to say about text with no recognisable number', () => {
    for (const text of ['', 'auto', '80%', '1i', 'GiB', '1GiBs', '99999999999TiB']) expect(suggestGoMemLimit(text)).toBeUndefined();
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
 * An independent statement of the grammar: `^[0-9]+(([KMGT]i)?B)?$` within int64, or off/empty.
 * Every Go version also takes a minus sign on zero (`-0`, `-00KiB`): the sign is parsed, then only
 * a negative result is refused.
 */
function oracle(text: string): number | undefined {
  if (text === '' || text === 'off') return Infinity;
  const m = /^(?:-(?=0+(?:[KMGT]iB|B)?$))?([0-9]+)(([KMGT])iB|B)?$/.exec(text);
  if (!m) return undefined;
  const power = m[3] === undefined ? 0 : 'KMGT'.indexOf(m[3]) + 1;
  const bytes = BigInt(m[1] as string) << BigInt(10 * power);
  return bytes > 2n ** 63n - 1n ? undefined : Number(bytes);
}

describe('fuzzing', () => {
  it('never throws on 5,000 random strings and agrees with the grammar', () => {
    const rand = prng(0x676f);
    const alphabet = '0123456789000.+-_ KMGTPkmgtiBbB\toffOFé\u{1F600}';
    for (let n = 0; n < 5000; n++) {
      let text = '';
      const len = Math.floor(rand() * 10);
      for (let i = 0; i < len; i++) text += [...alphabet][Math.floor(rand() * [...alphabet].length)];
      const r = parseGoMemLimit(text);
      const expected = oracle(text);
      if (expected !== undefined) {
        expect(r).toMatchObject({ ok: true, bytes: expected });
      } else {
        expect(r.ok).toBe(false);
        if (!r.ok && r.suggestion !== undefined) expect(parseGoMemLimit(r.suggestion).ok).toBe(true);
      }
    }
  });

  it('accepts every well-formed value up to int64', () => {
    const rand = prng(42);
    for (let n = 0; n < 5000; n++) {
      const digits = String(Math.floor(rand() * 10 ** Math.floor(rand() * 16)));
      const unit = ['', 'B', 'KiB', 'MiB', 'GiB', 'TiB'][Math.floor(rand() * 6)] as string;
      const text = digits + unit;
      expect(parseGoMemLimit(text)).toMatchObject({ ok: oracle(text) !== undefined });
    }
  });
});
