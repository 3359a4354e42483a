import { describe, expect, it } from 'vitest';
import { GIB, KIB, MIB } from './hotspot-size.js';
import { DEFAULT_JVM_BUDGET, collectorOf, jvmBudget, maxHeapOf, maxRamPercentageThatFits } from './jvm-budget.js';
import { type JvmSettings, parseJvmOptions, splitJvmOptionsString } from './jvm-flags.js';
import { HOTSPOT_DEFAULT_MAX_HEAP } from './jvm-heap.js';

const source = { file: 'deploy.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };
const settings = (options: string): JvmSettings =>
  parseJvmOptions(splitJvmOptionsString(options).map((text) => ({ text, source, origin: 'JAVA_TOOL_OPTIONS' })));
const lines = (s: JvmSettings, limit: number | undefined, profile: 'expected' | 'worst') =>
  Object.fromEntries((jvmBudget(s, limit, profile)?.lines ?? []).map((l) => [l.region, l.bytes]));

describe('acceptance', () => {
  it.each([
    ['-Xmx512m', 512 * MIB],
    ['-Xmx4g', 4 * GIB],
  ])('%s in a limit of the same size: the heap alone fills the limit', (options, limit) => {
    for (const profile of ['expected', 'worst'] as const) {
      const budget = jvmBudget(settings(options), limit, profile);
      expect(budget?.heap).toBeGreaterThanOrEqual(limit);
      expect(budget?.total).toBeGreaterThan(limit);
    }
  });

  it('a Spring-like service with -Xmx128m fits a 500Mi limit in the expected budget', () => {
    const budget = jvmBudget(settings('-Xmx128m'), 500 * MIB, 'expected');
    // 128Mi heap + Serial's 0.35 % (500Mi < 1792Mi: ≈0.45Mi) + the measured 280Mi non-heap.
    expect(budget?.total).toBe(128 * MIB + Math.ceil(128 * MIB * 0.0035) + 280 * MIB);
    expect(budget?.total).toBeLessThan(500 * MIB);
  });

  const capped = '-XX:MaxRAMPercentage=75 -Xss512k -XX:MaxMetaspaceSize=150M -XX:ReservedCodeCacheSize=64M -XX:MaxDirectMemorySize=128M';
  it('the capped settings in 2Gi: the calculator’s 1536 + 150 + 64 + 128 + 250 × 0.5 = 2003 MiB, plus G1 and other native memory', () => {
    const budget = jvmBudget(settings(capped), 2 * GIB, 'worst');
    const g1 = Math.ceil(37 * MIB + 1536 * MIB * 0.0394); // ≈97.5Mi
    expect(lines(settings(capped), 2 * GIB, 'worst')).toEqual({ heap: 1536 * MIB, metaspace: 150 * MIB, codeCache: 64 * MIB, stacks: 125 * MIB, direct: 128 * MIB, gc: g1, other: 128 * MIB });
    // The calculator's own lines are unchanged: 2003 MiB, which fitted 2Gi and was OOM-killed in the harness.
    expect(budget?.total).toBe(2003 * MIB + g1 + 128 * MIB);
    expect(budget?.total).toBeGreaterThan(2 * GIB);
  });

  it('the same settings overrun 1Gi (768 + 467 + Serial ≈2.7 + 128 ≈ 1365.7 MiB); the largest MaxRAMPercentage that fits is 41.7', () => {
    const budget = jvmBudget(settings(capped), GIB, 'worst');
    const serial = Math.ceil(768 * MIB * 0.0035);
    expect([budget?.heap, budget?.nonHeap, budget?.total]).toEqual([768 * MIB, 595 * MIB + serial, 1363 * MIB + serial]);
    // 1.0035 h + 595 ≤ 1024 → h ≤ 427.5 MiB = 41.75 % of 1Gi
    expect(maxRamPercentageThatFits(settings(capped), GIB, 'worst')).toBe(41.7);
    expect(jvmBudget(settings(capped.replace('=75', '=41.7')), GIB, 'worst')?.total).toBeLessThanOrEqual(GIB);
    expect(jvmBudget(settings(capped.replace('=75', '=41.8')), GIB, 'worst')?.total).toBeGreaterThan(GIB);
  });
});

describe('maxHeapOf (Arguments::set_heap_size)', () => {
  it.each([
    ['', 512 * MIB, 128 * MIB, 'MaxRAMPercentage 25 % of 512Mi (HotSpot default)'],
    ['', 2 * GIB, 512 * MIB, 'MaxRAMPercentage 25 % of 2Gi (HotSpot default)'],
    ['-XX:MaxRAMPercentage=75', 2 * GIB, 1536 * MIB, 'MaxRAMPercentage 75 % of 2Gi (-XX:MaxRAMPercentage=75, JAVA_TOOL_OPTIONS)'],
    ['-XX:MaxRAMFraction=2', 2 * GIB, GIB, 'MaxRAMPercentage 50 % of 2Gi (-XX:MaxRAMFraction=2, JAVA_TOOL_OPTIONS)'],
    // Below ≈250 MiB MinRAMPercentage (50) decides; up to ≈500 MiB the default MaxHeapSize is a floor.
    ['', 200 * MIB, 100 * MIB, 'MinRAMPercentage 50 % of 200Mi (HotSpot default; HotSpot uses it instead of MaxRAMPercentage when it gives less than ≈124.8Mi)'],
    ['-XX:MaxRAMPercentage=75', 200 * MIB, 100 * MIB, undefined],
    ['', 400 * MIB, HOTSPOT_DEFAULT_MAX_HEAP, "HotSpot's floor of ≈124.8Mi (the default MaxHeapSize), above MaxRAMPercentage 25 % of 400Mi (HotSpot default)"],
    ['-Xmx300m', undefined, 300 * MIB, '-Xmx300m (JAVA_TOOL_OPTIONS)'],
    ['-XX:MaxRAM=1g', undefined, 256 * MIB, 'MaxRAMPercentage 25 % of 1Gi (HotSpot default; -XX:MaxRAM=1g, JAVA_TOOL_OPTIONS)'],
    ['-XX:MaxRAM=1g', 4 * GIB, 256 * MIB, undefined], // an explicit MaxRAM replaces the limit
    ['-Xms1g', 2 * GIB, GIB, '-Xms1g (JAVA_TOOL_OPTIONS): HotSpot raises the ergonomic maximum heap (512Mi) to the initial heap'],
    // An upper bound: HotSpot caps this at the compressed-oops limit (≈30 GiB), which is not modelled.
    ['', 256 * GIB, 32 * GIB, "MaxRAMPercentage 25 % of 128Gi (HotSpot default; HotSpot's default MaxRAM, below the 256Gi limit); HotSpot may cap it at the compressed-oops limit, ≈30Gi"],
    ['-XX:MaxRAMPercentage=25', 256 * GIB, 64 * GIB, undefined], // a percentage lifts MaxRAM's cap (override_coop_limit)
  ])('%j in %d → %d', (options, limit, bytes, basis) => {
    const heap = maxHeapOf(settings(options), limit);
    expect(heap?.bytes).toBe(bytes);
    if (basis !== undefined) expect(heap?.basis).toBe(basis);
  });

  it('is unknown without a limit, MaxRAM or -Xmx, and with -XX:-UseContainerSupport', () => {
    expect(maxHeapOf(settings(''), undefined)).toBeUndefined();
    expect(maxHeapOf(settings('-XX:-UseContainerSupport'), GIB)).toBeUndefined();
    expect(jvmBudget(settings(''), undefined, 'worst')).toBeUndefined();
  });

  it('truncates like (julong)((phys_mem * MaxRAMPercentage) / 100)', () => {
    expect(maxHeapOf(settings('-XX:MaxRAMPercentage=33.3'), 1000 * MIB)?.bytes).toBe(Math.floor((1000 * MIB * 33.3) / 100));
  });

  it('follows -XX:InitialHeapSize above -Xmx from an environment variable', () => {
    expect(maxHeapOf(settings('-Xmx1g -XX:InitialHeapSize=2g'), 4 * GIB)?.bytes).toBe(2 * GIB);
  });
});

describe('collectorOf (GCConfig::select_gc_ergonomically)', () => {
  it.each([
    ['', GIB, 'serial'],
    ['', 1792 * MIB, 'g1'],
    ['', undefined, 'g1'],
    ['-XX:+UseParallelGC', GIB, 'parallel'],
  ])('%j in %d → %s', (options, limit, gc) => {
    expect(collectorOf(settings(options), limit).gc).toBe(gc);
  });
});

describe('the worst budget (memory calculator, plus what it does not count)', () => {
  it('uses the calculator’s defaults when nothing is capped, then adds the measured collector and other native memory', () => {
    expect(lines(settings('-Xmx1g'), 2 * GIB, 'worst')).toEqual({
      heap: GIB, metaspace: 14_000_000 + 5_800 * 35_000, codeCache: 240 * MIB, stacks: 250 * MIB, direct: 10 * MIB, gc: Math.ceil(37 * MIB + GIB * 0.0394), other: 128 * MIB,
    });
    const budget = jvmBudget(settings('-Xmx1g'), 2 * GIB, 'worst');
    expect(budget?.lines.map((l) => l.region)).toEqual(['heap', 'metaspace', 'codeCache', 'stacks', 'direct', 'gc', 'other']);
    expect(budget?.lines.find((l) => l.region === 'metaspace')?.basis).toBe('14,000,000 + 5,800 × 35,000 classes (memory calculator)');
    // The added lines say they are measured and not the calculator's.
    expect(budget?.lines.find((l) => l.region === 'gc')?.basis).toBe(
      'G1 structures: 37Mi + 3.94 % of the heap (measured with NMT), which the memory calculator does not count; HotSpot picks G1 with at least 1792Mi and 2 CPUs (CPU count assumed)',
    );
    expect(budget?.lines.find((l) => l.region === 'other')?.basis).toMatch(/measured .*which the memory calculator does not count$/);
  });

  it('sizes the collector by collector: Serial 0.35 % of the heap, Epsilon none, Parallel as G1 (not measured)', () => {
    expect(lines(settings('-Xmx1g'), GIB, 'worst').gc).toBe(Math.ceil(GIB * 0.0035));
    expect(lines(settings('-Xmx1g -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC'), GIB, 'worst').gc).toBe(0);
    const parallel = jvmBudget(settings('-Xmx1g -XX:+UseParallelGC'), GIB, 'worst')?.lines.find((l) => l.region === 'gc');
    expect(parallel?.bytes).toBe(Math.ceil(37 * MIB + GIB * 0.0394));
    expect(parallel?.basis).toMatch(/^parallel GC: G1's 37Mi \+ 3\.94 % of the heap assumed \(not measured\)/);
  });

  it('sizes the code cache at 48Mi without tiered compilation and stacks from -XX:ThreadStackSize', () => {
    expect(lines(settings('-Xmx1g -XX:-TieredCompilation -XX:ThreadStackSize=256'), 2 * GIB, 'worst')).toMatchObject({ codeCache: 48 * MIB, stacks: 250 * 256 * KIB });
  });

  it('adds the calculator’s headroom when one is configured, truncated like libjvm, as the last line', () => {
    const budget = jvmBudget(settings('-Xmx1g'), GIB, 'worst', { ...DEFAULT_JVM_BUDGET, headroomPercent: 1 });
    expect(budget?.lines.at(-1)).toEqual({ region: 'headroom', bytes: 10_737_418, basis: '1 % of 1Gi (memory calculator headroom)' });
  });

  it('shows where each number comes from', () => {
    const basis = jvmBudget(settings('-Xmx1g -Xss512k'), 2 * GIB, 'worst')?.lines.map((l) => l.basis);
    expect(basis).toContain('250 threads × 512Ki (-Xss512k (JAVA_TOOL_OPTIONS))');
    expect(basis?.[0]).toBe('-Xmx1g (JAVA_TOOL_OPTIONS)');
  });
});

describe('the expected budget (measured service)', () => {
  it('adds G1’s 37Mi + 3.94 % and the measured 280Mi at 2Gi', () => {
    const g1 = Math.ceil(37 * MIB + 512 * MIB * 0.0394); // ≈57.2Mi
    expect(lines(settings(''), 2 * GIB, 'expected')).toEqual({
      heap: 512 * MIB, gc: g1, metaspace: 114 * MIB, codeCache: 20 * MIB, stacks: 150 * 64 * KIB, direct: 64 * MIB,
      other: 280 * MIB - (114 + 64 + 20) * MIB - 150 * 64 * KIB, // ≈72.6Mi
    });
    expect(jvmBudget(settings(''), 2 * GIB, 'expected')?.nonHeap).toBe(g1 + 280 * MIB);
  });

  it('uses min(cap, typical use) for capped regions; direct memory is capped by the heap by default', () => {
    expect(lines(settings('-Xmx48m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=16m -Xss32k'), GIB, 'expected')).toMatchObject({
      metaspace: 64 * MIB, codeCache: 16 * MIB, stacks: 150 * 32 * KIB, direct: 48 * MIB,
    });
  });

  it('finds the largest MaxRAMPercentage that fits the expected budget', () => {
    // 2Gi: heap × 1.0394 + 37Mi + 280Mi ≤ 2048Mi → heap ≤ 1665.38Mi = 81.32 % → 81.3
    expect(maxRamPercentageThatFits(settings(''), 2 * GIB, 'expected')).toBe(81.3);
  });
});
