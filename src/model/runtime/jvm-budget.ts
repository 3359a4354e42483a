/**
 * Two memory budgets for a JVM in a container (see docs/jvm-budget.md):
 *
 * - `worst`: the Paketo libjvm / Cloud Foundry memory calculator's accounting (memory-calculator.ts),
 *   which reserves every non-heap region at its cap: metaspace, ReservedCodeCacheSize, one full
 *   -Xss per thread, MaxDirectMemorySize, plus an optional headroom; those lines stay exactly the
 *   calculator's. It has no region for the collector and none for the rest of the JVM's native
 *   memory, which every real JVM has (NMT, docs/validation.md): those two are added as their own
 *   lines, measured, so a message says which numbers are the calculator's and which are measured.
 * - `expected`: what a typical service actually commits: a measured non-heap of ≈280 MiB that
 *   does not grow with the heap, each capped region at min(cap, typical use), plus the collector's
 *   own structures (a fixed part and a share of the heap).
 *
 * The heap is the maximum heap in both (HotSpot grows the committed heap up to it under load).
 */
import { formatBytes } from '../quantity.js';
import type { Source } from '../source.js';
import { KIB, MIB } from './hotspot-size.js';
import { collectorBasis, collectorBytes, type CollectorOverheads } from './jvm-collector.js';
import type { JvmSettings } from './jvm-flags.js';
import { collectorKindOf, collectorOf, flagBasis, maxHeapBytesOf, maxHeapOf } from './jvm-heap.js';

export { collectorOf, maxHeapOf } from './jvm-heap.js';

export interface BudgetLine {
  region: 'heap' | 'gc' | 'metaspace' | 'codeCache' | 'stacks' | 'direct' | 'other' | 'headroom';
  bytes: number;
  /** Where the number comes from, e.g. "-Xmx512m (JAVA_TOOL_OPTIONS)", "250 threads × 1Mi (…)". */
  basis: string;
}
export interface JvmBudget {
  profile: 'expected' | 'worst';
  heap: number;
  nonHeap: number;
  total: number;
  lines: BudgetLine[];
}

/** Every assumption of both budgets. The sources are in docs/jvm-budget.md. */
export interface JvmBudgetDefaults extends CollectorOverheads {
  /** worst: loaded classes for the calculator's metaspace formula when -XX:MaxMetaspaceSize is not set. */
  worstLoadedClasses: number;
  /** libjvm calc/calculator.go:24 `ClassSize`, CF calculator.go:103: metaspace bytes per loaded class. */
  calculatorBytesPerClass: number;
  /** libjvm calc/calculator.go:25 `ClassOverhead`: metaspace bytes on top of the per-class share. */
  calculatorClassOverhead: number;
  /** worst: threads; libjvm helper `DefaultThreadCount`. */
  worstThreads: number;
  /** Stack per thread when neither -Xss nor -XX:ThreadStackSize is set (or is 0): HotSpot's ThreadStackSize on Linux x86-64 and libjvm's `DefaultStack`. */
  threadStack: number;
  /** ReservedCodeCacheSize HotSpot chooses with tiered compilation (48M × 5, compilerDefinitions.cpp); libjvm's `DefaultReservedCodeCache`. */
  tieredCodeCache: number;
  /** ReservedCodeCacheSize with -XX:-TieredCompilation (C2's `define_pd_global … 48*M` on x86-64). */
  nonTieredCodeCache: number;
  /** worst: direct memory when -XX:MaxDirectMemorySize is not set; libjvm `DefaultDirectMemory` (HotSpot's own default is the heap size). */
  calculatorDirectMemory: number;
  /** worst: share of the limit left unallocated; libjvm `DefaultHeadroom`. */
  headroomPercent: number;
  /**
   * worst: native memory outside every region above and outside the collector (symbol tables,
   * the class-data archive, compiler and malloc arenas, the JVM's own code pages), which the
   * calculator does not count: the most the harness measured, as the memory cgroup charges it.
   */
  worstOtherNative: number;
  /** expected: loaded classes of the measured service (OpenJDK 17, G1, memory cgroup); shown in the basis. */
  expectedLoadedClasses: number;
  /** expected: metaspace the measured service committed for those classes. */
  expectedMetaspace: number;
  /** expected: threads of the measured service. */
  expectedThreads: number;
  /** expected: stack pages a thread really touches (assumption: the measurement gives only the total). */
  expectedStackPerThread: number;
  /** expected: compiled code held in the code cache (assumption: the measurement gives only the total). */
  expectedCodeCache: number;
  /** expected: direct (NIO) buffers the measured service needed. */
  expectedDirect: number;
  /** expected: measured non-heap beyond the collector (the median of the harness's expected-profile runs); `other` is what the regions above do not explain. */
  expectedNonHeap: number;
  /**
   * The expected-budget numbers the configuration file changed, each with the setting that did
   * (`runtime.jvm.expectedThreads`): the basis then names the setting, not "measured"/"typical".
   */
  configured?: Readonly<Partial<Record<ConfigurableExpectation, string>>>;
}

/** The expected-budget assumptions whose basis text claims a measurement, so a user's value must say where it came from. */
export type ConfigurableExpectation = 'expectedMetaspace' | 'expectedThreads' | 'expectedCodeCache' | 'expectedDirect' | 'expectedNonHeap';

/**
 * The JVM's native memory outside the heap, the collector and the calculator's regions, as the
 * memory cgroup charges it (NMT's own "other" categories plus what NMT does not see: malloc's
 * retained arenas, page tables, thread kernel stacks): the largest any worst-profile run of the
 * cgroup harness measured (124 MiB, a 128 MiB Serial heap under collection; median 75 MiB,
 * docs/validation.md), rounded up to 16 MiB.
 */
const WORST_OTHER_NATIVE = 128 * MIB;

// The expected-budget numbers and the collector's come from the NMT calibration of the cgroup
// harness (docs/validation.md, OpenJDK 17): metaspace 5.05 KiB × 23,000 classes = 114 MiB; the
// median non-heap besides the collector 280 MiB; G1 fitted 37 MiB + 3.94 % of the heap (n=22);
// Serial 0.35 % of the heap, the largest share measured (n=12).
export const DEFAULT_JVM_BUDGET: JvmBudgetDefaults = Object.freeze({
  worstLoadedClasses: 35_000,
  calculatorBytesPerClass: 5_800,
  calculatorClassOverhead: 14_000_000,
  worstThreads: 250,
  threadStack: 1 * MIB,
  tieredCodeCache: 240 * MIB,
  nonTieredCodeCache: 48 * MIB,
  calculatorDirectMemory: 10 * MIB,
  headroomPercent: 0,
  worstOtherNative: WORST_OTHER_NATIVE,
  expectedLoadedClasses: 23_000,
  expectedMetaspace: 114 * MIB,
  expectedThreads: 150,
  expectedStackPerThread: 64 * KIB,
  expectedCodeCache: 20 * MIB,
  expectedDirect: 64 * MIB,
  expectedNonHeap: 280 * MIB,
  g1FixedOverhead: 37 * MIB,
  g1Overhead: 0.0394,
  serialOverhead: 0.0035,
});

const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The budget of `profile` against `limit`; undefined when the maximum heap is unknown (see maxHeapOf). */
export function jvmBudget(settings: JvmSettings, limit: number | undefined, profile: 'expected' | 'worst', defaults: JvmBudgetDefaults = DEFAULT_JVM_BUDGET): JvmBudget | undefined {
  const heap = maxHeapOf(settings, limit);
  if (!heap) return undefined;
  const lines: BudgetLine[] = [{ region: 'heap', bytes: heap.bytes, basis: heap.basis }];
  const d = defaults;
  const tiered = settings.tieredCompilation?.value !== false;
  const codeCacheCap = settings.reservedCodeCache
    ? { bytes: settings.reservedCodeCache.value, basis: flagBasis(settings.reservedCodeCache) }
    : tiered
      ? { bytes: d.tieredCodeCache, basis: `HotSpot's default ReservedCodeCacheSize with tiered compilation` }
      : { bytes: d.nonTieredCodeCache, basis: `HotSpot's default ReservedCodeCacheSize without tiered compilation (${flagBasis(settings.tieredCompilation as NonNullable<typeof settings.tieredCompilation>)})` };
  const stackFlag = settings.threadStack && settings.threadStack.value > 0 ? settings.threadStack : undefined;
  const stack = stackFlag
    ? { bytes: stackFlag.value, basis: flagBasis(stackFlag) }
    : { bytes: d.threadStack, basis: settings.threadStack ? `${flagBasis(settings.threadStack)}: the platform default on Linux x86-64` : `HotSpot's default ThreadStackSize on Linux x86-64` };

  if (profile === 'worst') {
    const meta = settings.maxMetaspace;
    lines.push(
      meta
        ? { region: 'metaspace', bytes: meta.value, basis: flagBasis(meta) }
        : {
            region: 'metaspace',
            bytes: d.calculatorClassOverhead + d.calculatorBytesPerClass * d.worstLoadedClasses,
            basis: `${grouped(d.calculatorClassOverhead)} + ${grouped(d.calculatorBytesPerClass)} × ${grouped(d.worstLoadedClasses)} classes (memory calculator)`,
          },
      { region: 'codeCache', bytes: codeCacheCap.bytes, basis: codeCacheCap.basis },
      { region: 'stacks', bytes: d.worstThreads * stack.bytes, basis: `${grouped(d.worstThreads)} threads × ${formatBytes(stack.bytes)} (${stack.basis})` },
      settings.maxDirectMemory
        ? { region: 'direct', bytes: settings.maxDirectMemory.value, basis: flagBasis(settings.maxDirectMemory) }
        : { region: 'direct', bytes: d.calculatorDirectMemory, basis: `the memory calculator's assumption when -XX:MaxDirectMemorySize is not set (HotSpot's own limit is then the maximum heap)` },
    );
    // What the calculator does not count, measured: after its regions, so they read as additions.
    const gc = collectorOf(settings, limit);
    lines.push(
      { region: 'gc', bytes: collectorBytes(gc.gc, heap.bytes, d), basis: `${collectorBasis(gc.gc, d)}, which the memory calculator does not count; ${gc.basis}` },
      { region: 'other', bytes: d.worstOtherNative, basis: `symbol tables, class-data archive, arenas, the JVM's own pages: the most measured (NMT and the memory cgroup), which the memory calculator does not count` },
    );
    if (d.headroomPercent !== 0 && limit !== undefined) {
      // libjvm calc/calculator.go:60-63: int64((float64(HeadRoom)/100) * float64(Total)).
      lines.push({ region: 'headroom', bytes: Math.trunc((d.headroomPercent / 100) * limit), basis: `${d.headroomPercent} % of ${formatBytes(limit)} (memory calculator headroom)` });
    }
  } else {
    const gc = collectorOf(settings, limit);
    lines.push({ region: 'gc', bytes: collectorBytes(gc.gc, heap.bytes, d), basis: `${collectorBasis(gc.gc, d)}; ${gc.basis}` });
    const capped = (region: BudgetLine['region'], typical: number, typicalBasis: string, cap: { bytes: number; basis: string } | undefined): void => {
      if (cap && cap.bytes < typical) lines.push({ region, bytes: cap.bytes, basis: `${cap.basis}, below the typical ${formatBytes(typical)}` });
      else lines.push({ region, bytes: typical, basis: typicalBasis });
    };
    // A number the configuration set names its setting instead of the measurement it replaces.
    const set = (key: ConfigurableExpectation): string | undefined => d.configured?.[key] && `set by ${d.configured[key]}`;
    const meta = settings.maxMetaspace;
    capped('metaspace', d.expectedMetaspace, set('expectedMetaspace') ?? `typical for ≈${grouped(d.expectedLoadedClasses)} loaded classes (measured, OpenJDK 17)`, meta && { bytes: meta.value, basis: flagBasis(meta) });
    const reserved = `reserved: ${formatBytes(codeCacheCap.bytes)}`;
    capped('codeCache', d.expectedCodeCache, set('expectedCodeCache') ? `${set('expectedCodeCache')} (${reserved})` : `typical compiled code (assumed; ${reserved})`, codeCacheCap);
    const perThread = Math.min(stack.bytes, d.expectedStackPerThread);
    lines.push({ region: 'stacks', bytes: d.expectedThreads * perThread, basis: `${grouped(d.expectedThreads)} threads × ${formatBytes(perThread)} touched (${set('expectedThreads') ?? 'typical'}; ${formatBytes(stack.bytes)} reserved each, ${stack.basis})` });
    const direct = settings.maxDirectMemory ? { bytes: settings.maxDirectMemory.value, basis: flagBasis(settings.maxDirectMemory) } : { bytes: heap.bytes, basis: 'HotSpot caps direct buffers at about the maximum heap by default (Runtime.maxMemory())' };
    capped('direct', d.expectedDirect, set('expectedDirect') ?? `typical direct buffers (measured)`, direct);
    const explained = d.expectedMetaspace + d.expectedDirect + d.expectedCodeCache + d.expectedThreads * d.expectedStackPerThread;
    const nonHeapBasis = set('expectedNonHeap') ? `the ${formatBytes(d.expectedNonHeap)} non-heap ${set('expectedNonHeap')}` : `the measured ${formatBytes(d.expectedNonHeap)} non-heap`;
    lines.push({ region: 'other', bytes: Math.max(0, d.expectedNonHeap - explained), basis: `symbol and string tables, class space, malloc arenas: the rest of ${nonHeapBasis}` });
  }
  const nonHeap = lines.reduce((sum, line) => (line.region === 'heap' ? sum : sum + line.bytes), 0);
  return { profile, heap: heap.bytes, nonHeap, total: heap.bytes + nonHeap, lines };
}

const NO_SOURCE: Source = { file: '', line: 0, column: 0, endLine: 0, endColumn: 0 };

/**
 * jvmBudget(…).total without building any line or basis text, for the searches below, which try
 * many limits or percentages and read only the total. The sum runs in jvmBudget's line order
 * (heap + (0 + line₁ + line₂ + …)) so that even fractional configured numbers round identically;
 * src/model/runtime/budget-fit.test.ts checks the two agree.
 */
export function jvmBudgetTotal(settings: JvmSettings, limit: number | undefined, profile: 'expected' | 'worst', defaults: JvmBudgetDefaults = DEFAULT_JVM_BUDGET): number | undefined {
  const heap = maxHeapBytesOf(settings, limit);
  if (heap === undefined) return undefined;
  const d = defaults;
  const codeCache = settings.reservedCodeCache ? settings.reservedCodeCache.value : settings.tieredCompilation?.value !== false ? d.tieredCodeCache : d.nonTieredCodeCache;
  const stack = settings.threadStack && settings.threadStack.value > 0 ? settings.threadStack.value : d.threadStack;
  let nonHeap = 0;
  if (profile === 'worst') {
    nonHeap += settings.maxMetaspace ? settings.maxMetaspace.value : d.calculatorClassOverhead + d.calculatorBytesPerClass * d.worstLoadedClasses;
    nonHeap += codeCache;
    nonHeap += d.worstThreads * stack;
    nonHeap += settings.maxDirectMemory ? settings.maxDirectMemory.value : d.calculatorDirectMemory;
    nonHeap += collectorBytes(collectorKindOf(settings, limit), heap, d);
    nonHeap += d.worstOtherNative;
    if (d.headroomPercent !== 0 && limit !== undefined) nonHeap += Math.trunc((d.headroomPercent / 100) * limit);
  } else {
    nonHeap += collectorBytes(collectorKindOf(settings, limit), heap, d);
    const capped = (typical: number, cap: number | undefined): number => (cap !== undefined && cap < typical ? cap : typical);
    nonHeap += capped(d.expectedMetaspace, settings.maxMetaspace?.value);
    nonHeap += capped(d.expectedCodeCache, codeCache);
    nonHeap += d.expectedThreads * Math.min(stack, d.expectedStackPerThread);
    nonHeap += capped(d.expectedDirect, settings.maxDirectMemory ? settings.maxDirectMemory.value : heap);
    nonHeap += Math.max(0, d.expectedNonHeap - (d.expectedMetaspace + d.expectedDirect + d.expectedCodeCache + d.expectedThreads * d.expectedStackPerThread));
  }
  return heap + nonHeap;
}

/**
 * The largest -XX:MaxRAMPercentage (in steps of 0.1, rounded down) whose `profile` budget fits in
 * `limit`, with -Xmx/-XX:MaxHeapSize and MaxRAMFraction removed. 0 when none does. Note that below
 * ≈250 MiB HotSpot ignores MaxRAMPercentage (MinRAMPercentage decides), so there any value fits or none.
 *
 * A binary search over the 1001 tenths: the heap never shrinks as the percentage grows (floor of a
 * product, the ≈124.8 MiB floor, an -Xms raise are all monotone; the limit, hence MaxRAM and the
 * collector, stay fixed) and every other line is constant or grows with the heap, so the values
 * that fit are exactly those up to the answer.
 */
export function maxRamPercentageThatFits(settings: JvmSettings, limit: number, profile: 'expected' | 'worst', defaults: JvmBudgetDefaults = DEFAULT_JVM_BUDGET): number {
  const { maxHeap: _maxHeap, maxRamFraction: _fraction, ...rest } = settings;
  const source = settings.maxRamPercentage?.source ?? NO_SOURCE;
  const fits = (tenths: number): boolean => {
    const value = tenths / 10;
    const trial: JvmSettings = { ...rest, maxRamPercentage: { value, text: `-XX:MaxRAMPercentage=${value}`, source, origin: 'candidate' } };
    const total = jvmBudgetTotal(trial, limit, profile, defaults);
    return total !== undefined && total <= limit;
  };
  if (!fits(0)) return 0;
  // Invariant: fits(low), and every tenth above high fails.
  let low = 0;
  let high = 1000;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low / 10;
}
