/**
 * The garbage collector's own structures (card tables, remembered sets, mark bitmaps, mark
 * stacks), a region the memory calculators do not count. Both budgets add it, sized by
 * collector from NMT measurements (docs/validation.md): jvmBudget writes the line, and
 * jvmBudgetTotal needs the bytes alone, so both read them here.
 */
import { formatBytes } from '../quantity.js';
import type { GarbageCollector } from './jvm-flags.js';

/** The fields of JvmBudgetDefaults that size the collector's structures. */
export interface CollectorOverheads {
  /** G1's structures that do not grow with the heap (NMT "GC" at heap → 0 in a least-squares fit). */
  g1FixedOverhead: number;
  /** G1's structures per byte of heap, on top of g1FixedOverhead. Also used, unmeasured, for Parallel, ZGC and Shenandoah. */
  g1Overhead: number;
  /** Serial GC's card table (1 byte per 512-byte card), mark stack and the rest of its C-heap, per byte of heap. */
  serialOverhead: number;
}

/** Bytes of collector structures for a heap of `heap` bytes; whole bytes, rounded up. */
export function collectorBytes(gc: GarbageCollector, heap: number, d: CollectorOverheads): number {
  if (gc === 'epsilon') return 0;
  if (gc === 'serial') return Math.ceil(heap * d.serialOverhead);
  return Math.ceil(d.g1FixedOverhead + heap * d.g1Overhead);
}

const percent = (share: number): string => `${Number((share * 100).toFixed(2))} %`;

/** What collectorBytes counted, for the budget line's basis ("G1 structures: 37Mi + 3.94 % of the heap (measured with NMT)"). */
export function collectorBasis(gc: GarbageCollector, d: CollectorOverheads): string {
  const g1 = `${formatBytes(d.g1FixedOverhead)} + ${percent(d.g1Overhead)} of the heap`;
  if (gc === 'epsilon') return 'Epsilon GC keeps no collector structures';
  if (gc === 'serial') return `Serial GC card table and mark stack: ${percent(d.serialOverhead)} of the heap (measured with NMT)`;
  if (gc === 'g1') return `G1 structures: ${g1} (measured with NMT)`;
  return `${gc} GC: G1's ${g1} assumed (not measured)`;
}
