import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GIB, KIB, MIB, TIB, atojulong, hotSpotSpelling, parseHotSpotDouble, parseHotSpotSize } from './hotspot-size.js';
import { parseJvmOptions } from './jvm-flags.js';

const ok = (bytes: number) => ({ ok: true, bytes });
const reason = (text: string): string => {
  const r = parseHotSpotSize(text);
  if (r.ok) throw new Error(`${text} parsed`);
  return r.reason;
};

describe('parseHotSpotSize (Arguments::atojulong)', () => {
  it.each([
    ['0', 0], ['1', 1], ['512', 512], ['1k', KIB], ['1K', KIB], ['512m', 512 * MIB], ['512M', 512 * MIB],
    ['1g', GIB], ['4G', 4 * GIB], ['1t', TIB], ['1T', TIB], ['1536m', 1536 * MIB],
    ['0512m', 512 * MIB], // base 10 even with a leading zero
    ['0x1', 1], ['0x20000000', 512 * MIB], ['0X10k', 16 * KIB], ['0x1b', 27], // strtoull base 16; b is a hex digit here
    ['18446744073709551615', 2 ** 64], // 2^64 - 1 is accepted (as a double it rounds to 2^64)
  ])('%s → %d bytes', (text, bytes) => {
    expect(parseHotSpotSize(text)).toEqual(ok(bytes));
  });

  it.each([
    '', ' 1g', '1g ', '1 g', '+1g', '-1g', '1.5g', '1.0', '.5g', '512mb', '512MB', '1GiB', '2Mi', '1024b', '1024B',
    '1kk', '1A', 'g', '0x', '0xg', '1e3', '=512m', '18446744073709551616', '16777216t', '17179869184g',
  ])('%j is refused', (text) => {
    expect(parseHotSpotSize(text).ok).toBe(false);
    expect(atojulong(text)).toBeUndefined();
  });

  it('explains the refusal with the spelling HotSpot takes', () => {
    expect(reason('1.5g')).toBe('HotSpot sizes are whole numbers: use 1536m');
    expect(reason('512mb')).toBe('HotSpot size suffixes are one letter (k, m, g, t; all binary): use 512m');
    expect(reason('512MB')).toBe('HotSpot size suffixes are one letter (k, m, g, t; all binary): use 512m');
    expect(reason('1GiB')).toBe('HotSpot size suffixes are one letter (k, m, g, t; all binary): use 1g');
    expect(reason('2Mi')).toBe('HotSpot size suffixes are one letter (k, m, g, t; all binary): use 2m');
    expect(reason('1024b')).toBe('HotSpot sizes have no "b" suffix: use 1k');
    expect(reason('0.5g')).toBe('HotSpot sizes are whole numbers: use 512m');
    expect(reason('1.25m')).toBe('HotSpot sizes are whole numbers: use 1280k');
    expect(reason('1.0g')).toBe('HotSpot sizes are whole numbers: use 1g');
    expect(reason('1.5gb')).toBe('HotSpot sizes are whole numbers: use 1536m');
    expect(reason('-1g')).toBe('HotSpot sizes cannot be negative');
    expect(reason('+1g')).toBe('HotSpot sizes must start with a digit: use 1g');
    expect(reason('1 g')).toBe('HotSpot sizes cannot contain spaces: "1 g"');
    expect(reason('=512m')).toBe('HotSpot takes no "=" here: use 512m directly after the option');
    expect(reason('16777216t')).toBe('the size exceeds 2^64 - 1 bytes, the largest HotSpot can represent');
    expect(reason('')).toMatch(/missing/);
    expect(reason('lots')).toBe('"lots" is not a HotSpot size: digits with an optional k, m, g or t suffix');
  });

  it('spells bytes the shortest exact HotSpot way', () => {
    expect([1536 * MIB, GIB, 3 * KIB, 1000, 0, 2 * TIB].map(hotSpotSpelling)).toEqual(['1536m', '1g', '3k', '1000', '0', '2t']);
  });
});

describe('parseHotSpotDouble (parse_argument for -XX:MaxRAMPercentage= and the like)', () => {
  it.each([
    ['75', 75], ['75.0', 75], ['75.5', 75.5], ['0', 0], ['100', 100], ['0.0', 0], ['1.5e1', 15], ['1.e2', 100],
    ['0x4B', 75], ['1k', 1024], // set_numeric_flag → atojulong; the range check refuses 1024 later
    ['-5.0', -5], // strtod reads it; the range check refuses it later
  ])('%s → %d', (text, value) => {
    expect(parseHotSpotDouble(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['75%', 'HotSpot percentages are plain numbers: use 75'],
    ['75.5 %', 'HotSpot percentages are plain numbers: use 75.5'],
    ['75.', 'HotSpot needs a digit after the decimal point: use 75 or 75.0'],
    ['.5', 'HotSpot needs a digit before the decimal point: use 0.5'],
    ['75,5', 'HotSpot reads a decimal point, not a comma: use 75.5'],
    ['', 'the value is missing'],
    ['1e2', '"1e2" is not a number HotSpot can read'], // no '.', so atojulong, which refuses "e2"
    ['7-5.0', '"7-5.0" is not a number HotSpot can read'],
    ['1.0e999', '1.0e999 is out of the range of a double (strtod ERANGE)'],
    ['-5', 'HotSpot reads a negative whole number only for integer flags: write it as a decimal like -5.0 (which the range check will then refuse)'],
    ['seventy', '"seventy" is not a number HotSpot can read'],
  ])('%j is refused: %s', (text, why) => {
    expect(parseHotSpotDouble(text)).toEqual({ ok: false, reason: why });
  });
});

// Parity with the memory calculators' grammar on the oracle rows that parse a size.
const CORPUS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'jvm');
const SIZE_ROWS = readFileSync(join(CORPUS, 'size-cases.tsv'), 'utf8').split('\n').slice(1).filter((l) => l !== '').map((l) => l.split('\t'));

describe('HotSpot vs the calculators on size-cases.tsv', () => {
  /** Where HotSpot's grammar differs from libjvm/CF `ParseSize`, and what HotSpot does instead. */
  const HOTSPOT_DIFFERS: Record<string, number | 'error'> = {
    'LJ-SIZE-11': 'error', // "\t\r\n 1": ParseSize trims; atojulong needs a digit first
    'LJ-SIZE-12': 'error', // "1 \t\r\n": more than one character after the number
    'LJ-SIZE-16': 1, // "0x1": atojulong reads hexadecimal
    'CF-SIZE-02': 'error', // "1b": CF's b suffix; HotSpot has none
    'CF-SIZE-12': 'error',
    'CF-SIZE-13': 'error',
    'CF-SIZE-17': 1,
  };
  const parseRows = SIZE_ROWS.filter(([id, , , , notes]) => /^(calc|memory)\.ParseSize\b|^flags\.TotalMemory\.Set/.test(notes ?? '') && id !== undefined);

  it.each(parseRows.map((r) => [r[0] as string, r] as const))('%s', (id, [, , input, expected]) => {
    const text = JSON.parse(input as string) as string;
    const want = HOTSPOT_DIFFERS[id] ?? (expected === 'error' ? 'error' : Number(expected));
    const got = parseHotSpotSize(text);
    expect(got.ok ? got.bytes : 'error').toBe(want);
  });

  it('compares all 38 ParseSize rows (18 libjvm, 19 CF, 1 CF TotalMemory.Set) and differs on 7', () => {
    expect(parseRows).toHaveLength(38);
  });

  it('reads every flag the calculators parse in the rows (LJ-FLAG, CF-FLAG) to the same bytes', () => {
    const flagRows = SIZE_ROWS.filter(([id, , , expected]) => /^(LJ|CF)-FLAG-/.test(id ?? '') && /^[0-9]+$/.test(expected ?? ''));
    expect(flagRows).toHaveLength(10);
    for (const [, , input, expected] of flagRows) {
      const text = JSON.parse(input as string) as string;
      const s = parseJvmOptions([{ text, source: { file: 'f', line: 1, column: 1, endLine: 1, endColumn: 2 }, origin: 'command line' }]);
      const value = s.maxDirectMemory ?? s.maxHeap ?? s.maxMetaspace ?? s.reservedCodeCache ?? s.threadStack;
      expect(value?.value).toBe(Number(expected));
    }
  });
});
