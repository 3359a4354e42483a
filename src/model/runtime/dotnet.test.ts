import { describe, it, expect } from 'vitest';
import {
  DOTNET_MIN_DEFAULT_HEAP_HARD_LIMIT,
  dotnetDefaultHeapHardLimit,
  dotnetHeapHardLimitFromPercent,
  parseDotnetHeapSetting,
  type DotnetHeapSetting,
} from './dotnet.js';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

describe('parseDotnetHeapSetting', () => {
  type Expect = Partial<Pick<DotnetHeapSetting, 'setting' | 'value' | 'readAsHex' | 'looksDecimal' | 'effective' | 'suggestion' | 'from'>> & {
    reason?: RegExp;
  };
  /** [name, value, expected] */
  const ROWS: readonly [string, string, Expect][] = [
    // environment variables are hexadecimal, with or without 0x
    ['DOTNET_GCHeapHardLimit', '0x20000000', { value: 512 * MiB, readAsHex: true, looksDecimal: false, effective: true }],
    ['DOTNET_GCHeapHardLimit', '20000000', { value: 512 * MiB, looksDecimal: true, effective: true, suggestion: '0x1312D00' }],
    ['DOTNET_GCHeapHardLimit', 'C800000', { value: 200 * MiB, looksDecimal: false, effective: true }],
    ['DOTNET_GCHeapHardLimit', '0XC800000', { value: 200 * MiB, effective: true }],
    ['DOTNET_GCHeapHardLimit', '536870912', { value: 0x536870912, looksDecimal: true, effective: true, suggestion: '0x20000000' }],
    ['COMPlus_GCHeapHardLimit', '0x40000000', { value: GiB, effective: true }],
    ['DOTNET_GCHeapHardLimitPercent', '75', { value: 0x75, effective: false, suggestion: '0x4B', reason: /117% is not below 100/ }],
    ['DOTNET_GCHeapHardLimitPercent', '64', { value: 100, effective: false, suggestion: '0x40', reason: /100% is not below 100/ }],
    ['DOTNET_GCHeapHardLimitPercent', '50', { value: 80, effective: true, suggestion: '0x32' }],
    ['DOTNET_GCHeapHardLimitPercent', '0x1E', { value: 30, effective: true, looksDecimal: false }],
    ['DOTNET_GCHeapHardLimitPercent', '1E', { value: 30, effective: true }],
    ['DOTNET_GCHeapHardLimitPercent', '5', { value: 5, effective: true, looksDecimal: true, suggestion: undefined }],
    ['DOTNET_GCHeapHardLimitPercent', '0x63', { value: 99, effective: true }],
    ['DOTNET_GCHeapHardLimitPercent', '100000032', { value: 50, effective: true, reason: /low 32 bits/ }],
    ['DOTNET_GCHeapHardLimitPercent', '0', { value: 0, effective: false, reason: /not set/ }],
    // what strtoull does with the rest
    ['DOTNET_GCHeapHardLimit', '512MB', { value: 0x512, effective: true, reason: /trailing "MB" is ignored/ }],
    ['DOTNET_GCHeapHardLimit', '2Gi', { value: 2, effective: true, reason: /trailing "Gi"/ }],
    ['DOTNET_GCHeapHardLimit', ' \t0x100', { value: 256, effective: true }],
    ['DOTNET_GCHeapHardLimit', '0x', { value: 0, effective: false, reason: /trailing "x".*not set/ }],
    ['DOTNET_GCHeapHardLimit', '', { value: 0, effective: false, reason: /empty/ }],
    ['DOTNET_GCHeapHardLimit', 'max', { value: 0, effective: false, reason: /no hexadecimal digit/ }],
    ['DOTNET_GCHeapHardLimit', '10000000000000000', { value: 0, effective: false, reason: /64 bits/ }],
    ['DOTNET_GCHeapHardLimit', '-1', { value: 2 ** 64 - 1, effective: true, reason: /wraps/ }],
    // names are case-sensitive on Linux
    ['DOTNET_gcHeapHardLimit', '0x1000', { value: 4096, effective: false, reason: /case-sensitive.*DOTNET_GCHeapHardLimit/ }],
    ['dotnet_GCHeapHardLimit', '0x1000', { effective: false, reason: /case-sensitive/ }],
    ['COMPLUS_GCHeapHardLimit', '0x1000', { effective: false, reason: /COMPlus_GCHeapHardLimit exactly/ }],
    // per-object-heap limits
    ['DOTNET_GCHeapHardLimitSOH', '0x10000000', { setting: 'GCHeapHardLimitSOH', value: 256 * MiB, effective: true }],
    ['DOTNET_GCHeapHardLimitSOHPercent', '64', { value: 100, effective: false, reason: /runtime does not start/ }],
    ['DOTNET_GCHeapHardLimitPOHPercent', '0xA', { value: 10, effective: true }],
    ['DOTNET_GCTotalPhysicalMemory', '0x80000000', { setting: 'GCTotalPhysicalMemory', value: 2 * GiB, effective: true }],
    // runtimeconfig.json is decimal (strtoull base 0)
    ['System.GC.HeapHardLimit', '209715200', { from: 'runtimeconfig', value: 200 * MiB, readAsHex: false, effective: true, suggestion: undefined }],
    ['System.GC.HeapHardLimit', '0x20000000', { value: 512 * MiB, readAsHex: true, effective: true }],
    ['System.GC.HeapHardLimitPercent', '75', { value: 75, effective: true }],
    ['System.GC.HeapHardLimitPercent', '030', { value: 24, effective: true, reason: /octal/ }],
    ['System.GC.HeapHardLimitPercent', '100', { value: 100, effective: false, reason: /ignores it/ }],
    ['System.GC.HeapHardLimit', 'abc', { value: 0, effective: false, reason: /no number/ }],
    ['System.GC.heapHardLimit', '1', { effective: false, reason: /System\.GC\.HeapHardLimit/ }],
  ];

  it.each(ROWS)('%s=%j', (name, text, expected) => {
    const s = parseDotnetHeapSetting(name, text);
    expect(s).toBeDefined();
    const { reason, suggestion, ...rest } = expected;
    expect(s).toMatchObject(rest);
    if ('suggestion' in expected) {
      if (suggestion === undefined) expect(s).not.toHaveProperty('suggestion');
      else expect(s?.suggestion).toBe(suggestion);
    }
    if (reason) expect(s?.reason).toMatch(reason);
    else expect(s).not.toHaveProperty('reason');
  });

  it('ignores unrelated names', () => {
    for (const name of ['DOTNET_gcServer', 'DOTNET_GCgen0size', 'GCHeapHardLimit', 'DOTNET_', 'JAVA_OPTS', 'System.GC.Server', 'DOTNET_GCHeapHardLimitX'])
      expect(parseDotnetHeapSetting(name, '1')).toBeUndefined();
  });

  it('describes the decimal reading the author probably meant', () => {
    expect(parseDotnetHeapSetting('DOTNET_GCHeapHardLimit', '536870912')).toMatchObject({ decimalReading: 536870912, looksDecimal: true });
    expect(parseDotnetHeapSetting('DOTNET_GCHeapHardLimit', '0x10')?.decimalReading).toBeNaN();
    expect(parseDotnetHeapSetting('DOTNET_GCHeapHardLimitPercent', '75')).toMatchObject({ percent: true, prefix: 'DOTNET_', from: 'environment' });
    expect(parseDotnetHeapSetting('DOTNET_GCHeapHardLimit', '1')).not.toHaveProperty('percent');
  });
});

describe('default and percentage hard limits', () => {
  it('is max(20 MiB, 75% of the container limit)', () => {
    expect(dotnetDefaultHeapHardLimit(512 * MiB)).toBe(384 * MiB);
    expect(dotnetDefaultHeapHardLimit(GiB)).toBe(768 * MiB);
    expect(dotnetDefaultHeapHardLimit(10 * MiB)).toBe(DOTNET_MIN_DEFAULT_HEAP_HARD_LIMIT);
    expect(dotnetDefaultHeapHardLimit(1001)).toBe(DOTNET_MIN_DEFAULT_HEAP_HARD_LIMIT);
    expect(dotnetDefaultHeapHardLimit(GiB + 1)).toBe(805306368); // (2^30 + 1) * 75 / 100 = 805306368.75, rounded down
    expect(dotnetDefaultHeapHardLimit(undefined)).toBeUndefined();
    expect(dotnetDefaultHeapHardLimit(Infinity)).toBeUndefined();
  });

  it('applies a percentage only when 0 < percent < 100', () => {
    expect(dotnetHeapHardLimitFromPercent(30, GiB)).toBe(322122547);
    expect(dotnetHeapHardLimitFromPercent(99, 100)).toBe(99);
    expect(dotnetHeapHardLimitFromPercent(100, GiB)).toBeUndefined();
    expect(dotnetHeapHardLimitFromPercent(0, GiB)).toBeUndefined();
    expect(dotnetHeapHardLimitFromPercent(117, GiB)).toBeUndefined();
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

describe('fuzzing', () => {
  it('never throws on 5,000 random values and keeps its invariants', () => {
    const rand = prng(0x2e6e6574);
    const names = [
      'DOTNET_GCHeapHardLimit', 'COMPlus_GCHeapHardLimit', 'DOTNET_GCHeapHardLimitPercent', 'DOTNET_GCHeapHardLimitLOHPercent',
      'DOTNET_gcheaphardlimit', 'System.GC.HeapHardLimit', 'System.GC.HeapHardLimitPercent', 'DOTNET_gcServer',
    ];
    const alphabet = '0123456789abcdefABCDEFxX0x+- \t%.MGiBkg\u00e9\u{1F600}';
    for (let n = 0; n < 5000; n++) {
      let text = '';
      const len = Math.floor(rand() * 24);
      for (let i = 0; i < len; i++) text += [...alphabet][Math.floor(rand() * [...alphabet].length)];
      const name = names[Math.floor(rand() * names.length)] as string;
      const s = parseDotnetHeapSetting(name, text);
      if (name === 'DOTNET_gcServer') {
        expect(s).toBeUndefined();
        continue;
      }
      expect(s).toBeDefined();
      if (!s) continue;
      expect(Number.isFinite(s.value) && s.value >= 0).toBe(true);
      if (s.effective) expect(s.value).toBeGreaterThan(0);
      if (s.effective && s.percent) expect(s.value).toBeLessThan(100);
      if (s.percent) expect(s.value).toBeLessThanOrEqual(0xffffffff);
      if (!s.effective) expect(s.reason).toBeDefined();
      if (s.looksDecimal) expect(s.decimalReading).toBe(Number(text.trim()));
      if (s.from === 'environment' && /^\s*(0[xX])?[0-9a-fA-F]{1,12}\s*$/.test(text))
        expect(s.value).toBe(s.percent ? parseInt(text, 16) % 2 ** 32 : parseInt(text, 16));
    }
  });
});
