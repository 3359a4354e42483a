/**
 * What the three JVM budget rules (jvm-heap-exceeds-limit, jvm-ram-percentage-too-high,
 * jvm-non-heap-uncapped) share: the limit a JVM container runs under, which flag sizes its heap,
 * the budget as one line of text, the caps we suggest, and the fixes that make a budget fit.
 * Pure functions of the model; the budget arithmetic itself is src/model/runtime/jvm-budget.ts.
 */
import { ceilMiB } from '../describe.js';
import { formatBytes } from '../quantity.js';
import { memoryBoundOf } from '../memory-bound.js';
import { DEFAULT_JVM_BUDGET, jvmBudgetTotal, maxHeapOf, maxRamPercentageThatFits, type BudgetLine, type JvmBudget, type JvmBudgetDefaults } from './jvm-budget.js';
import type { JvmFlag, JvmSettings } from './jvm-flags.js';
import { HOTSPOT_DEFAULT_MAX_HEAP } from './jvm-heap.js';
import type { JvmProcess } from './jvm.js';
import type { Source } from '../source.js';
import type { Container, Workload } from '../workload.js';
import { jdkSupportOf } from './jdk-support.js';

const MIB = 2 ** 20;

export interface JvmLimit {
  bytes: number;
  /** '' for the container's own limit, else how Kubernetes arrived at it, as a parenthetical. */
  note: string;
  /** The limit value, or (LimitRange default) the container's resources key or name. */
  source: Source;
  /**
   * The pod-level limit bounds the pod cgroup, not the container's own, which the JVM reads: a
   * default or percentage heap is then sized from the node (unless the JDK walks up the cgroup
   * tree), so only an -Xmx heap can be compared with it.
   */
  podLevel: boolean;
}

/**
 * The memory limit that bounds the container: its effective limit (written, or a LimitRange
 * `default`), else the pod-level limit (spec.resources, KEP-2837), which bounds every container
 * of the pod cgroup. Undefined when nothing bounds it or the value is one other rules reject.
 */
export function jvmLimitOf(workload: Workload, c: Container): JvmLimit | undefined {
  const bound = memoryBoundOf(workload, c);
  if (!bound) return undefined;
  const pod = workload.podResources.memory.limit;
  if (bound.from === 'pod' && pod) return { bytes: bound.value, note: ' (the pod-level limit in spec.resources)', source: pod.source, podLevel: true };
  const written = c.resources.memory.limit;
  if (bound.from === 'container' && written) return { bytes: bound.value, note: '', source: written.source, podLevel: false };
  return { bytes: bound.value, note: ` (the default of ${bound.from})`, source: c.resources.limitsSource ?? c.resources.source ?? c.source, podLevel: false };
}

/**
 * Whether the rules may judge this JVM at all: HotSpot refuses to start with an invalid option
 * (no process, no OOM kill; the invalid option is another rule's finding).
 */
export function startsUp(jvm: JvmProcess): boolean {
  return jvm.settings.invalid.length === 0;
}

/**
 * Whether HotSpot sizes a default or percentage heap from the container limit. JDKs without
 * container support (before 8u191, JDK 9), and those that read cgroup v1 only (8u191–8u371,
 * 10–14, 11 before 11.0.16) on today's cgroup v2 nodes, size it from the node's memory instead:
 * jvm-not-container-aware's finding, so the budget rules make no claim about such a heap.
 */
export function containerAware(jvm: JvmProcess): boolean {
  return !jvm.jdk || (jdkSupportOf(jvm.jdk)?.support ?? 'full') === 'full';
}

/** The explicit -XX:MaxRAMPercentage (or deprecated MaxRAMFraction) flag, when it is what sizes the heap. */
export function percentageFlag(settings: JvmSettings, limit: number): { flag: JvmFlag<number>; percent: number } | undefined {
  // -Xmx overrides any percentage; with -XX:MaxRAM the percentage is of MaxRAM, not of the limit.
  if (settings.maxHeap || settings.maxRam) return undefined;
  const flag = settings.maxRamPercentage ?? settings.maxRamFraction;
  if (!flag) return undefined;
  const percent = settings.maxRamPercentage ? flag.value : 100 / flag.value;
  // Below ≈250 MiB MinRAMPercentage decides, and between ≈250 and ≈500 MiB the default MaxHeapSize
  // may floor the heap: then the percentage is not what sizes it.
  return maxHeapOf(settings, limit)?.bytes === Math.floor((limit * percent) / 100) ? { flag, percent } : undefined;
}

/**
 * The budget assumptions a rule uses: the configured ones (`runtime.jvm`), with the rule's own
 * `worstCaseThreads` option (libjvm's BPL_JVM_THREAD_COUNT) in place of the worst-case thread
 * count when the rule's configuration sets it.
 */
export function budgetDefaults(configured: JvmBudgetDefaults, worstCaseThreads: number | undefined): JvmBudgetDefaults {
  return worstCaseThreads === undefined ? configured : { ...configured, worstThreads: worstCaseThreads };
}

const REGION_NAMES: Record<BudgetLine['region'], string> = {
  heap: 'heap',
  gc: 'GC structures',
  metaspace: 'metaspace',
  codeCache: 'code cache',
  stacks: 'thread stacks',
  direct: 'direct buffers',
  other: 'other native memory',
  headroom: 'headroom',
};

/**
 * Bytes to compare with a limit: exact when a whole MiB (`713Mi`, `4Gi`), else to a tenth of a MiB
 * (`≈1219.0Mi`), never in a coarser unit (formatBytes' `≈1.2Gi` reads as less than 1200Mi).
 */
export function formatMiB(bytes: number): string {
  return bytes % MIB === 0 ? formatBytes(bytes) : `≈${(bytes / MIB).toFixed(1)}Mi`;
}

/** "heap 512Mi (-Xmx512m (command line)) + metaspace 100Mi (…) + … = 713Mi". */
export function budgetText(budget: JvmBudget): string {
  const lines = budget.lines.map((l) => `${REGION_NAMES[l.region]} ${formatMiB(l.bytes)} (${l.basis})`);
  return `${lines.join(' + ')} = ${formatMiB(budget.total)}`;
}

export interface SuggestedCap {
  /** How the region is bounded now, for messages: "metaspace (no limit by default)". */
  what: string;
  /** The flag to add. */
  flag: string;
}

// Starting points derived from the expected budget (docs/jvm-budget.md), to be checked with
// `jcmd <pid> VM.native_memory summary`: metaspace ≈1.3× the measured 114 MiB (≈23,000 classes);
// direct buffers 2× the measured 64 MiB; code cache half of HotSpot's 240 MiB tiered default
// (a full code cache stops JIT compilation, it does not crash the JVM).
const METASPACE_CAP = 150 * MIB;
const CODE_CACHE_CAP = 128 * MIB;
const DIRECT_CAP = 128 * MIB;

/**
 * The non-heap regions with no explicit cap, each with the flag we suggest. Metaspace has no
 * limit by default (MaxMetaspaceSize = max_uintx); direct buffers may grow to the maximum heap
 * (listed only when that is above the suggested cap); the code cache reserves 240 MiB with
 * tiered compilation (48 MiB without it, small enough to leave alone).
 */
export function uncappedRegions(settings: JvmSettings, heap: number | undefined): SuggestedCap[] {
  const out: SuggestedCap[] = [];
  if (!settings.maxMetaspace) out.push({ what: 'metaspace (no limit by default)', flag: `-XX:MaxMetaspaceSize=${METASPACE_CAP / MIB}m` });
  if (!settings.maxDirectMemory && (heap === undefined || heap > DIRECT_CAP)) {
    const upTo = heap === undefined ? 'the maximum heap' : `the ${formatBytes(heap)} maximum heap`;
    out.push({ what: `direct buffers (up to ${upTo} by default)`, flag: `-XX:MaxDirectMemorySize=${DIRECT_CAP / MIB}m` });
  }
  if (!settings.reservedCodeCache && settings.tieredCompilation?.value !== false) {
    out.push({ what: `code cache (${formatBytes(DEFAULT_JVM_BUDGET.tieredCodeCache)} reserved by default)`, flag: `-XX:ReservedCodeCacheSize=${CODE_CACHE_CAP / MIB}m` });
  }
  return out;
}

/** The settings with the suggested caps added, as if the user had written them. */
export function withSuggestedCaps(settings: JvmSettings, caps: readonly SuggestedCap[], source: Source): JvmSettings {
  const out: JvmSettings = { ...settings };
  const flag = (text: string, value: number): JvmFlag<number> => ({ value, text, source, origin: 'suggested' });
  for (const cap of caps) {
    if (cap.flag.startsWith('-XX:MaxMetaspaceSize=')) out.maxMetaspace = flag(cap.flag, METASPACE_CAP);
    else if (cap.flag.startsWith('-XX:MaxDirectMemorySize=')) out.maxDirectMemory = flag(cap.flag, DIRECT_CAP);
    else out.reservedCodeCache = flag(cap.flag, CODE_CACHE_CAP);
  }
  return out;
}

/**
 * The whole MaxRAMPercentage (rounded down) whose budget fits the limit, or 0 when none helps:
 * below ≈250 MiB HotSpot ignores MaxRAMPercentage (MinRAMPercentage decides).
 */
export function percentThatFits(settings: JvmSettings, limit: number, profile: 'expected' | 'worst', defaults: JvmBudgetDefaults): number {
  if (limit < 2 * HOTSPOT_DEFAULT_MAX_HEAP) return 0;
  return Math.floor(maxRamPercentageThatFits(settings, limit, profile, defaults));
}

/** Stop looking for a limit that fits past 1 TiB (a percentage near 100 never fits). */
const LIMIT_SEARCH_CAP = 2 ** 40;

/**
 * The smallest whole-MiB limit at or above `from` whose budget fits, or 0 when there is none
 * (the heap grows with the limit as fast as the limit does). The total never falls as the limit
 * grows (more heap, Serial → G1 at 1792 MiB), so iterating limit := total from below reaches
 * the smallest fixed point.
 */
export function limitThatFits(settings: JvmSettings, from: number, profile: 'expected' | 'worst', defaults: JvmBudgetDefaults): number {
  let limit = ceilMiB(from);
  for (let i = 0; i < 1000 && limit <= LIMIT_SEARCH_CAP; i++) {
    // Only the total matters here: jvmBudgetTotal skips the lines' basis texts.
    const total = jvmBudgetTotal(settings, limit, profile, defaults);
    if (total === undefined) return 0;
    if (total <= limit) return limit;
    limit = Math.max(limit + MIB, ceilMiB(total));
  }
  return 0;
}

/** The settings with the heap pinned at `bytes`, rounded up to whole MiB: `-Xmx<n>m`. */
export function pinnedHeap(settings: JvmSettings, bytes: number, source: Source): JvmSettings {
  const mib = Math.ceil(bytes / MIB - 1e-9);
  return { ...settings, maxHeap: { value: mib * MIB, text: `-Xmx${mib}m`, source, origin: 'suggested' } };
}

/**
 * The whole MaxRAMPercentage that fits and the flags it replaces: -Xmx (which overrides any
 * percentage), and an -Xms that would raise the maximum heap above the new one.
 */
export function percentFix(s: JvmSettings, limit: number, profile: 'expected' | 'worst', defaults: JvmBudgetDefaults, percentage: JvmFlag<number> | undefined) {
  const { initialHeap, ...rest } = s;
  const percent = percentThatFits(rest, limit, profile, defaults);
  const dropInitial = initialHeap !== undefined && percent >= 1 && initialHeap.value > Math.floor((limit * percent) / 100);
  const replaced = [dropInitial ? initialHeap.text : undefined, (s.maxHeap ?? percentage)?.text];
  return { percent, replaces: replaced.filter((t) => t !== undefined).join(' ') };
}

/** The flag that sets the heap's size, when one does (else the heap is HotSpot's default share of the limit). */
export function heapSizer(s: JvmSettings, heap: number, ram: number, percentage: JvmFlag<number> | undefined): { source: Source; text: string } | undefined {
  // -XX:InitialHeapSize from JAVA_TOOL_OPTIONS/_JAVA_OPTIONS above -Xmx, or -Xms above the ergonomic maximum, raises it.
  if (s.initialHeap && s.initialHeap.value === heap && s.initialHeap.value !== s.maxHeap?.value) return s.initialHeap;
  if (s.maxHeap) return s.maxHeap;
  if (percentage) return percentage;
  // Below ≈250 MiB of memory MinRAMPercentage sizes the heap instead of MaxRAMPercentage.
  const min = s.minRamPercentage ?? s.minRamFraction;
  const minPercent = s.minRamPercentage ? s.minRamPercentage.value : s.minRamFraction ? 100 / s.minRamFraction.value : 0;
  if (min && heap === Math.floor((ram * minPercent) / 100)) return min;
  return s.maxRam;
}
