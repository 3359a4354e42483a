/**
 * The budget searches (limitThatFits, maxRamPercentageThatFits) read only totals through the
 * string-free jvmBudgetTotal / maxHeapBytesOf, and the percentage search is a binary search. These
 * properties check that every answer equals the original implementation's, copied below.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jvmOptionsString } from '../../../test/arbitraries/jvm.js';
import { runs, TIMEOUT } from '../../../test/arbitraries/runs.js';
import { ceilMiB } from '../describe.js';
import type { Source } from '../source.js';
import { limitThatFits } from './budget-fit.js';
import { GIB, MIB } from './hotspot-size.js';
import { DEFAULT_JVM_BUDGET, jvmBudget, jvmBudgetTotal, maxRamPercentageThatFits, type JvmBudgetDefaults } from './jvm-budget.js';
import { type JvmSettings, parseJvmOptions, splitJvmOptionsString } from './jvm-flags.js';
import { collectorKindOf, collectorOf, maxHeapBytesOf, maxHeapOf } from './jvm-heap.js';

// ---- REFERENCE: the implementations before the search was made cheap, copied verbatim. ----
const NO_SOURCE: Source = { file: '', line: 0, column: 0, endLine: 0, endColumn: 0 };
function referenceMaxRamPercentageThatFits(settings: JvmSettings, limit: number, profile: 'expected' | 'worst', defaults: JvmBudgetDefaults): number {
  const { maxHeap: _maxHeap, maxRamFraction: _fraction, ...rest } = settings;
  for (let tenths = 1000; tenths >= 0; tenths--) {
    const value = tenths / 10;
    const source = settings.maxRamPercentage?.source ?? NO_SOURCE;
    const trial: JvmSettings = { ...rest, maxRamPercentage: { value, text: `-XX:MaxRAMPercentage=${value}`, source, origin: 'candidate' } };
    const budget = jvmBudget(trial, limit, profile, defaults);
    if (budget && budget.total <= limit) return value;
  }
  return 0;
}
function referenceLimitThatFits(settings: JvmSettings, from: number, profile: 'expected' | 'worst', defaults: JvmBudgetDefaults): number {
  let limit = ceilMiB(from);
  for (let i = 0; i < 1000 && limit <= 2 ** 40; i++) {
    const budget = jvmBudget(settings, limit, profile, defaults);
    if (!budget) return 0;
    if (budget.total <= limit) return limit;
    limit = Math.max(limit + MIB, ceilMiB(budget.total));
  }
  return 0;
}
// ---- end of REFERENCE ----

const source: Source = { file: 'deploy.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };
const settingsArb = fc
  .tuple(jvmOptionsString, fc.constantFrom('JAVA_TOOL_OPTIONS', 'command line'))
  .map(([options, origin]) => parseJvmOptions(splitJvmOptionsString(options).map((text) => ({ text, source, origin }))));
const limitArb = fc.oneof(
  fc.integer({ min: 1, max: 64 * 1024 }).map((mib) => mib * MIB),
  fc.integer({ min: 1, max: 2 ** 38 }),
  fc.constantFrom(250 * MIB, 256 * MIB, 500 * MIB, 1792 * MIB, GIB, 2 * GIB, 128 * GIB, 200 * GIB),
);
const defaultsArb: fc.Arbitrary<JvmBudgetDefaults> = fc.oneof(
  fc.constant(DEFAULT_JVM_BUDGET),
  fc
    .record({
      worstThreads: fc.integer({ min: 0, max: 1000 }),
      headroomPercent: fc.integer({ min: 0, max: 50 }),
      expectedNonHeap: fc.double({ min: 0, max: 1e9, noNaN: true }),
      g1Overhead: fc.double({ min: 0, max: 0.5, noNaN: true }),
      g1FixedOverhead: fc.double({ min: 0, max: 1e9, noNaN: true }),
      serialOverhead: fc.double({ min: 0, max: 0.1, noNaN: true }),
      worstOtherNative: fc.double({ min: 0, max: 1e9, noNaN: true }),
    })
    .map((d) => ({ ...DEFAULT_JVM_BUDGET, ...d })),
);
const profileArb = fc.constantFrom('expected' as const, 'worst' as const);

describe('the cheap budget searches give the original answers', () => {
  it('maxHeapBytesOf and collectorKindOf agree with maxHeapOf and collectorOf', () => {
    fc.assert(
      fc.property(settingsArb, fc.option(limitArb, { nil: undefined }), (s, limit) => {
        expect(maxHeapBytesOf(s, limit)).toBe(maxHeapOf(s, limit)?.bytes);
        expect(collectorKindOf(s, limit)).toBe(collectorOf(s, limit).gc);
      }),
      runs(500),
    );
  }, TIMEOUT);

  it('jvmBudgetTotal equals jvmBudget(…).total', () => {
    fc.assert(
      fc.property(settingsArb, fc.option(limitArb, { nil: undefined }), profileArb, defaultsArb, (s, limit, profile, defaults) => {
        expect(jvmBudgetTotal(s, limit, profile, defaults)).toBe(jvmBudget(s, limit, profile, defaults)?.total);
      }),
      runs(500),
    );
  }, TIMEOUT);

  it('maxRamPercentageThatFits equals the linear search from 100 % down', () => {
    fc.assert(
      fc.property(settingsArb, limitArb, profileArb, defaultsArb, (s, limit, profile, defaults) => {
        expect(maxRamPercentageThatFits(s, limit, profile, defaults)).toBe(referenceMaxRamPercentageThatFits(s, limit, profile, defaults));
      }),
      runs(150),
    );
  }, TIMEOUT);

  it('limitThatFits equals the search over full budgets', () => {
    fc.assert(
      fc.property(settingsArb, limitArb, profileArb, defaultsArb, (s, from, profile, defaults) => {
        expect(limitThatFits(s, from, profile, defaults)).toBe(referenceLimitThatFits(s, from, profile, defaults));
      }),
      runs(300),
    );
  }, TIMEOUT);

  it('the binary search finds a percentage strictly inside the range (41.7 for capped settings in 1Gi)', () => {
    const s = parseJvmOptions(splitJvmOptionsString('-Xss512k -XX:MaxMetaspaceSize=150M -XX:ReservedCodeCacheSize=64M -XX:MaxDirectMemorySize=128M').map((text) => ({ text, source, origin: 'JAVA_TOOL_OPTIONS' })));
    expect(maxRamPercentageThatFits(s, GIB, 'worst')).toBe(41.7);
    expect(referenceMaxRamPercentageThatFits(s, GIB, 'worst', DEFAULT_JVM_BUDGET)).toBe(41.7);
  });
});
