/**
 * HotSpot's maximum-heap ergonomics and collector choice in a container, as in JDK 17–21:
 * `Arguments::set_heap_size` (src/hotspot/share/runtime/arguments.cpp), `GCArguments::
 * initialize_heap_flags_and_sizes` (gc/shared/gcArguments.cpp), `GCConfig::select_gc_ergonomically`
 * and `os::is_server_class_machine` (runtime/os.cpp). With container support (the default since
 * JDK 10 / 8u191) `os::physical_memory()` is the cgroup memory limit.
 *
 * Not modelled: alignment of the result up to the collector's HeapAlignment (at most one G1 region),
 * the compressed-oops cap on ergonomic heaps above ≈30 GiB (JDK 11 always; JDK 17–21 unless a RAM
 * percentage is set; the basis says so), and JDK 26, which drops MaxRAM's default (JDK-8369346).
 */
import { formatBytes } from '../quantity.js';
import { GIB, MIB } from './hotspot-size.js';
import type { GarbageCollector, JvmFlag, JvmSettings } from './jvm-flags.js';
import { ENVIRONMENT_ORIGINS } from './jvm-options-string.js';

/** MaxHeapSize's default, `ScaleForWordSize(96*M)` = align_down(96 MiB × 13 / 10, 8) on 64-bit (gc_globals.hpp, globals_shared.hpp): ≈124.8 MiB. */
export const HOTSPOT_DEFAULT_MAX_HEAP = 130_862_280;
/** `product(double, MaxRAMPercentage, 25.0)` (gc_globals.hpp). */
export const HOTSPOT_MAX_RAM_PERCENTAGE = 25;
/** `product(double, MinRAMPercentage, 50.0)`: replaces MaxRAMPercentage when it gives less than the default MaxHeapSize. */
export const HOTSPOT_MIN_RAM_PERCENTAGE = 50;
/** `define_pd_global(uint64_t, MaxRAM, 128ULL*G)` (c2_globals_x86.hpp / c2_globals_aarch64.hpp). */
export const HOTSPOT_DEFAULT_MAX_RAM = 128 * GIB;
/** Heaps above this can only use compressed oops with a heap base (32 GiB − HeapBaseMinAddress 2 GiB). */
const COMPRESSED_OOPS_HEAP = 30 * GIB;
/** `os::is_server_class_machine`: ≥ 2 active CPUs and ≥ 2G − 256M of memory; otherwise the JVM picks Serial GC. */
export const SERVER_CLASS_MEMORY = 2 * GIB - 256 * MIB;

export interface Sized {
  bytes: number;
  basis: string;
}

/** "-Xmx512m (JAVA_TOOL_OPTIONS)". */
export const flagBasis = (flag: JvmFlag<unknown>): string => `${flag.text} (${flag.origin})`;
/** 75 → "75", 33.333333333333336 → "33.3333". */
export const percentText = (p: number): string => String(Number(p.toPrecision(6)));

/** The memory HotSpot sizes the heap from (`phys_mem` in set_heap_size), or undefined when it is the unknown host's. */
function physicalMemory(settings: JvmSettings, limit: number | undefined): { bytes: number; note?: string } | undefined {
  if (settings.maxRam) return { bytes: settings.maxRam.value, note: `${settings.maxRam.text}, ${settings.maxRam.origin}` };
  // -XX:-UseContainerSupport: os::physical_memory() is the host's RAM, which a manifest does not tell.
  if (limit === undefined || settings.useContainerSupport?.value === false) return undefined;
  // override_coop_limit: any RAM percentage/fraction set → the physical memory is used without MaxRAM's cap.
  const override = settings.maxRamPercentage ?? settings.minRamPercentage ?? settings.initialRamPercentage ?? settings.maxRamFraction ?? settings.minRamFraction;
  if (!override && limit > HOTSPOT_DEFAULT_MAX_RAM) {
    return { bytes: HOTSPOT_DEFAULT_MAX_RAM, note: `HotSpot's default MaxRAM, below the ${formatBytes(limit)} limit` };
  }
  return { bytes: limit };
}

function percentOf(settings: JvmSettings, kind: 'max' | 'min'): { value: number; source: string } {
  const pct = kind === 'max' ? settings.maxRamPercentage : settings.minRamPercentage;
  if (pct) return { value: pct.value, source: `${pct.text}, ${pct.origin}` };
  // "Convert deprecated flags": MaxRAMPercentage = 100.0 / MaxRAMFraction when the percentage is default.
  const fraction = kind === 'max' ? settings.maxRamFraction : settings.minRamFraction;
  if (fraction) return { value: 100 / fraction.value, source: `${fraction.text}, ${fraction.origin}` };
  return { value: kind === 'max' ? HOTSPOT_MAX_RAM_PERCENTAGE : HOTSPOT_MIN_RAM_PERCENTAGE, source: 'HotSpot default' };
}

/**
 * The maximum heap: -Xmx/-XX:MaxHeapSize when given; else HotSpot's ergonomics from the container
 * limit (or -XX:MaxRAM when set): MaxRAMPercentage (default 25) of it, except that when
 * MinRAMPercentage (default 50) of it is below the default MaxHeapSize (≈124.8 MiB, i.e. below
 * ≈250 MiB of memory) the heap is MinRAMPercentage of it, and otherwise never below ≈124.8 MiB;
 * an -Xms above that raises it. Undefined when neither -Xmx, a limit nor MaxRAM bounds the heap.
 */
export function maxHeapOf(settings: JvmSettings, limit: number | undefined): Sized | undefined {
  const { maxHeap, initialHeap } = settings;
  if (maxHeap) {
    const raised = initialHeap && initialHeap.value > maxHeap.value && initialHeap.text.startsWith('-XX:InitialHeapSize=') && ENVIRONMENT_ORIGINS.has(initialHeap.origin);
    if (raised) return { bytes: initialHeap.value, basis: `${flagBasis(initialHeap)}: HotSpot raises the maximum heap (${maxHeap.text}) to the initial heap` };
    return { bytes: maxHeap.value, basis: flagBasis(maxHeap) };
  }
  const ram = physicalMemory(settings, limit);
  if (!ram) return undefined;
  const max = percentOf(settings, 'max');
  const min = percentOf(settings, 'min');
  // (julong)((phys_mem * MaxRAMPercentage) / 100): double arithmetic, truncated.
  const reasonableMax = Math.floor((ram.bytes * max.value) / 100);
  const reasonableMin = Math.floor((ram.bytes * min.value) / 100);
  const of = (pct: { value: number; source: string }, name: string, extra?: string): string =>
    `${name} ${percentText(pct.value)} % of ${formatBytes(ram.bytes)} (${[pct.source, ram.note, extra].filter((x) => x !== undefined).join('; ')})`;
  let sized: Sized;
  if (reasonableMin < HOTSPOT_DEFAULT_MAX_HEAP) {
    sized = { bytes: reasonableMin, basis: of(min, 'MinRAMPercentage', `HotSpot uses it instead of MaxRAMPercentage when it gives less than ${formatBytes(HOTSPOT_DEFAULT_MAX_HEAP)}`) };
  } else if (reasonableMax < HOTSPOT_DEFAULT_MAX_HEAP) {
    sized = { bytes: HOTSPOT_DEFAULT_MAX_HEAP, basis: `HotSpot's floor of ${formatBytes(HOTSPOT_DEFAULT_MAX_HEAP)} (the default MaxHeapSize), above ${of(max, 'MaxRAMPercentage')}` };
  } else {
    sized = { bytes: reasonableMax, basis: of(max, 'MaxRAMPercentage') };
  }
  if (sized.bytes > COMPRESSED_OOPS_HEAP) {
    // set_heap_size caps an ergonomic heap at max_heap_for_compressed_oops() (≈30 GiB with G1), always in JDK 11
    // and in JDK 17–21 unless a RAM percentage/fraction or MaxRAM is set. The exact cap depends on the collector's
    // alignment and the JDK, so it is not applied here: the value above is an upper bound.
    sized = { ...sized, basis: `${sized.basis}; HotSpot may cap it at the compressed-oops limit, ≈30Gi` };
  }
  if (initialHeap && initialHeap.value > sized.bytes) {
    return { bytes: initialHeap.value, basis: `${flagBasis(initialHeap)}: HotSpot raises the ergonomic maximum heap (${formatBytes(sized.bytes)}) to the initial heap` };
  }
  return sized;
}

/**
 * maxHeapOf's bytes alone, without building the basis text: the budget searches
 * (maxRamPercentageThatFits, limitThatFits) evaluate the heap many times and read only the number.
 * Must take the same branches as maxHeapOf; src/model/runtime/budget-fit.test.ts checks they agree.
 */
export function maxHeapBytesOf(settings: JvmSettings, limit: number | undefined): number | undefined {
  const { maxHeap, initialHeap } = settings;
  if (maxHeap) {
    const raised = initialHeap && initialHeap.value > maxHeap.value && initialHeap.text.startsWith('-XX:InitialHeapSize=') && ENVIRONMENT_ORIGINS.has(initialHeap.origin);
    return raised ? initialHeap.value : maxHeap.value;
  }
  const ram = physicalMemory(settings, limit);
  if (!ram) return undefined;
  const reasonableMax = Math.floor((ram.bytes * percentOf(settings, 'max').value) / 100);
  const reasonableMin = Math.floor((ram.bytes * percentOf(settings, 'min').value) / 100);
  const sized = reasonableMin < HOTSPOT_DEFAULT_MAX_HEAP ? reasonableMin : reasonableMax < HOTSPOT_DEFAULT_MAX_HEAP ? HOTSPOT_DEFAULT_MAX_HEAP : reasonableMax;
  return initialHeap && initialHeap.value > sized ? initialHeap.value : sized;
}

/** collectorOf's collector alone, without the basis text (see maxHeapBytesOf). */
export function collectorKindOf(settings: JvmSettings, limit: number | undefined): GarbageCollector {
  if (settings.gc) return settings.gc.value;
  return limit !== undefined && settings.useContainerSupport?.value !== false && limit < SERVER_CLASS_MEMORY ? 'serial' : 'g1';
}

/** The collector HotSpot runs: the one selected with -XX:+Use…GC, else G1 on a server-class machine and Serial below 1792 MiB. */
export function collectorOf(settings: JvmSettings, limit: number | undefined): { gc: GarbageCollector; basis: string } {
  if (settings.gc) return { gc: settings.gc.value, basis: flagBasis(settings.gc) };
  if (limit !== undefined && settings.useContainerSupport?.value !== false && limit < SERVER_CLASS_MEMORY) {
    return { gc: 'serial', basis: `HotSpot picks Serial GC below ${formatBytes(SERVER_CLASS_MEMORY)} of memory` };
  }
  return { gc: 'g1', basis: `HotSpot picks G1 with at least ${formatBytes(SERVER_CLASS_MEMORY)} and 2 CPUs (CPU count assumed)` };
}
