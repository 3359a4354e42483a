/**
 * Property tests of HotSpot's size and option parsing (src/model/runtime/hotspot-size.ts,
 * jvm-flags.ts, jvm-options-string.ts): arbitrary text never throws, a reference written from
 * arguments.cpp agrees on which sizes are accepted, and the known-valid forms (-Xmx<n><unit>,
 * -XX:MaxRAMPercentage=<0–100>) give back the bytes and values they spell.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atojulong, hotSpotSpelling, MIB, parseHotSpotDouble, parseHotSpotSize } from '../src/model/runtime/hotspot-size.js';
import { parseJvmOptions, tokenizeJvmOptions, type JvmToken } from '../src/model/runtime/jvm-flags.js';
import { jvmFlag, jvmOptionsString, percentText, sizeLike, validHotSpotSize } from './arbitraries/jvm.js';
import { anyString } from './arbitraries/quantity.js';
import { runs, TIMEOUT } from './arbitraries/runs.js';

const source = { file: 'test.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };
const tokens = (...texts: string[]): JvmToken[] => texts.map((text) => ({ text, source, origin: 'command line' }));

/**
 * Arguments::atojulong, from its source: the first character must be a digit; `0x`/`0X` with a
 * hex digit switches strtoull to base 16; at most one character may follow the number and it
 * must be k/K, m/M, g/G or t/T (powers of 1024); strtoull's ERANGE and an overflowing
 * multiplication (beyond 2^64 - 1) refuse the size.
 */
function referenceSize(text: string): bigint | undefined {
  const m = /^(?:0[xX]([0-9a-fA-F]+)|([0-9]+))([kKmMgGtT]?)$/.exec(text);
  if (!m) return undefined;
  const n = m[1] !== undefined ? BigInt(`0x${m[1]}`) : BigInt(m[2] as string);
  const bytes = n * 1024n ** BigInt(' kmgt'.indexOf((m[3] || ' ').toLowerCase()));
  return bytes > 2n ** 64n - 1n ? undefined : bytes;
}

describe('HotSpot sizes', () => {
  it('never throw on arbitrary text, and are accepted exactly when the reference accepts them', () => {
    fc.assert(
      fc.property(fc.oneof(sizeLike, anyString), (text) => {
        const r = parseHotSpotSize(text);
        const want = referenceSize(text);
        expect(r.ok, JSON.stringify(text)).toBe(want !== undefined);
        expect(atojulong(text)).toBe(want);
        if (r.ok) expect(r.bytes).toBe(Number(want));
        else expect(r.reason.length).toBeGreaterThan(0);
      }),
      runs(1000),
    );
  }, TIMEOUT);

  it('round-trip: <n><unit> gives n × unit bytes, and the shortest spelling parses back', () => {
    fc.assert(
      fc.property(validHotSpotSize, ({ text, bytes }) => {
        expect(parseHotSpotSize(text)).toEqual({ ok: true, bytes: Number(bytes) });
        const spelled = hotSpotSpelling(bytes);
        expect(spelled.length).toBeLessThanOrEqual(text.replace(/^0+(?=[0-9])/, '').length);
        expect(atojulong(spelled)).toBe(bytes);
      }),
      runs(500),
    );
  }, TIMEOUT);

  it('-Xmx<size> sets the maximum heap, and HotSpot refuses one below 2m', () => {
    fc.assert(
      fc.property(validHotSpotSize, fc.constantFrom('-Xmx', '-XX:MaxHeapSize='), ({ text, bytes }, flag) => {
        const s = parseJvmOptions(tokens(`${flag}${text}`));
        if (bytes === 0n) {
          // 0 is "refuses a size of 0 here": no maximum heap is recorded.
          expect(s.maxHeap).toBeUndefined();
          expect(s.invalid).toHaveLength(1);
          return;
        }
        expect(s.maxHeap?.value).toBe(Number(bytes));
        expect(s.invalid.map((i) => i.jvmError)).toEqual(bytes < 2n * BigInt(MIB) ? ['Too small maximum heap'] : []);
      }),
      runs(300),
    );
  }, TIMEOUT);

  it('the last -Xmx wins, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(jvmFlag, { maxLength: 4 }), validHotSpotSize, (before, { text, bytes }) => {
        fc.pre(bytes >= 2n * BigInt(MIB));
        const s = parseJvmOptions(tokens(...before.filter((t) => !t.startsWith('-XX:MaxHeapSize')), `-Xmx${text}`));
        expect(s.maxHeap?.value).toBe(Number(bytes));
        expect(s.maxHeap?.text).toBe(`-Xmx${text}`);
      }),
      runs(300),
    );
  }, TIMEOUT);
});

describe('-XX:MaxRAMPercentage and other doubles', () => {
  it('never throw on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(percentText, anyString), (text) => {
        const r = parseHotSpotDouble(text);
        if (r.ok) expect(Number.isFinite(r.value)).toBe(true); // negative values pass here: the range check is the flag's
        else expect(r.reason.length).toBeGreaterThan(0);
      }),
      runs(1000),
    );
  }, TIMEOUT);

  it('round-trip: a number from 0 to 100 (integer or decimal) is the percentage set; above 100 is refused', () => {
    const percentage = fc.oneof(
      fc.constantFrom('0', '0.0', '100', '100.0', '100.000000', '100.000001', '101'), // the range's edges
      fc.integer({ min: 0, max: 1000 }).map(String),
      fc.tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 6 })).map(([v, places]) => v.toFixed(places)),
    );
    fc.assert(
      fc.property(percentage, (text) => {
        const s = parseJvmOptions(tokens(`-XX:MaxRAMPercentage=${text}`));
        const value = Number(text);
        if (value <= 100) {
          expect(s.invalid).toEqual([]);
          expect(s.maxRamPercentage?.value).toBe(value);
        } else {
          expect(s.maxRamPercentage).toBeUndefined();
          expect(s.invalid[0]?.jvmError).toMatch(/outside the allowed range \[ 0\.000000 \.\.\. 100\.000000 \]$/);
        }
      }),
      runs(500),
    );
  }, TIMEOUT);
});

describe('JVM option strings and token lists', () => {
  it('parseJvmOptions never throws on arbitrary tokens, and each problem names one of them', () => {
    const token = fc.oneof(jvmFlag, fc.tuple(fc.constantFrom('-Xmx', '-Xss', '-XX:', '-XX:+', '-XX:MaxRAMPercentage=', '-XX:ThreadStackSize='), anyString).map(([a, b]) => a + b));
    fc.assert(
      fc.property(fc.array(token, { maxLength: 6 }), (texts) => {
        const s = parseJvmOptions(tokens(...texts));
        for (const bad of s.invalid) {
          expect(texts).toContain(bad.token.text);
          expect(bad.reason).not.toMatch(/undefined|NaN/);
        }
      }),
      runs(500),
    );
  }, TIMEOUT);

  it('tokenizeJvmOptions never throws; without quotes it splits on C white space, and offsets point at each token', () => {
    fc.assert(
      fc.property(fc.oneof(jvmOptionsString, anyString), (value) => {
        const { tokens: found, unmatchedQuote } = tokenizeJvmOptions(value);
        for (const t of found) {
          expect(0 <= t.start && t.start < t.end && t.end <= value.length).toBe(true);
          if (!/['"]/.test(value.slice(t.start, t.end))) expect(value.slice(t.start, t.end)).toBe(t.text);
        }
        if (!/['"]/.test(value)) {
          expect(unmatchedQuote).toBeUndefined();
          expect(found.map((t) => t.text)).toEqual(value.split(/[ \t\n\v\f\r]+/).filter((w) => w !== ''));
        }
      }),
      runs(500),
    );
  }, TIMEOUT);
});
