// @ts-check
/**
 * One line on why a run disagreed with its verdict: what the process reached against what the
 * budget of its profile predicted, region by region (NMT), or how it ended.
 */
import { regionsOf } from './nmt.mjs';

const MIB = 2 ** 20;
const mib = (/** @type {number} */ b) => `${Math.round(b / MIB)} MiB`;
const NAMES = /** @type {const} */ ({ heap: 'heap', gc: 'GC', metaspace: 'metaspace', codeCache: 'code cache', stacks: 'stacks', direct: 'direct', other: 'other' });

export function explain(/** @type {any} */ r) {
  const l = r.run.launch;
  const limit = mib(l.limit);
  const relaxed = r.run.case.ruleConfig && r.run.verdict.verdict === 'clean' ? `Clean only because the test's rule options relax the rule (${JSON.stringify(Object.values(r.run.case.ruleConfig).map((c) => /** @type {any} */ (c).options))}), while the worst profile runs the budget's own defaults. ` : '';
  if (r.outcome === 'timeout') return 'No steady state and no kill within the time limit (the process thrashed near the limit).';
  if (r.outcome === 'exited') return `The process ended by itself (exit ${r.exit}) before its steady state: ${r.stderrTail || 'no message'}.`;
  if (l.runtime === 'node') {
    const reached = `peak ${r.peak ? mib(r.peak) : '?'} of ${limit}${r.steady ? ` (V8 heap limit ${mib(Number(r.steady.heapLimitBytes))}, external ${mib(Number(r.steady.externalBytes))})` : ''}`;
    if (r.want === 'killed') return `The old space full and 32 MiB of Buffers fit: ${reached}. A heap below the limit leaves room for the young generation and modest Buffers, so "less than 25 % left" is not a likely kill.`;
    return `The worst profile fills the rule's whole 25 % reserve with Buffers, leaving nothing for node's own ≈40–60 MiB (code, young generation, libuv): ${reached}, killed before its steady state. At small limits 25 % does not cover that baseline.`;
  }
  const budget = r.profile === 'expected' ? l.expected : l.worst;
  const predicted = `${r.profile} budget ${mib(budget.total)} vs limit ${limit}`;
  const javaOom = r.steady?.javaOom && r.steady.javaOom !== 'none' ? ` (OutOfMemoryError caught in: ${r.steady.javaOom})` : '';
  if (!r.nmt) return `${relaxed}${predicted}; killed before its steady state, peak ${r.peak ? mib(r.peak) : '?'}${r.outcome === 'killed' ? `. ${missingRegions(r)}` : ''}.`;
  const measured = regionsOf(r.nmt);
  const byRegion = new Map();
  for (const line of budget.lines) byRegion.set(line.region, (byRegion.get(line.region) ?? 0) + line.bytes);
  const diffs = Object.keys(NAMES)
    .map((region) => ({ region, predicted: byRegion.get(region) ?? 0, measured: /** @type {any} */ (measured)[region] ?? 0 }))
    .map((d) => ({ ...d, delta: d.measured - d.predicted }))
    .filter((d) => Math.abs(d.delta) >= 8 * MIB)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
    .slice(0, 3)
    .map((d) => `${NAMES[/** @type {keyof typeof NAMES} */ (d.region)]} ${mib(d.measured)} measured vs ${mib(d.predicted)} predicted`);
  return `${relaxed}${predicted}; NMT committed ${mib(measured.total)}, cgroup peak ${r.peak ? mib(r.peak) : '?'}${javaOom}: ${diffs.join(', ') || 'every region within 8 MiB of the budget'}.`;
}

/** Why a worst-case-clean JVM can still be killed: the calculator counts no collector and no "other" native memory. */
function missingRegions(/** @type {any} */ r) {
  const l = r.run.launch;
  if (r.profile !== 'worst') return 'A region above the expected budget\'s assumption tipped it';
  const extra = l.expected.lines.filter((/** @type {any} */ x) => x.region === 'gc' || x.region === 'other');
  const gc = extra.filter((/** @type {any} */ x) => x.region === 'gc').reduce((/** @type {number} */ s, /** @type {any} */ x) => s + x.bytes, 0);
  const other = extra.filter((/** @type {any} */ x) => x.region === 'other').reduce((/** @type {number} */ s, /** @type {any} */ x) => s + x.bytes, 0);
  const sum = l.worst.total + gc + other;
  return sum > l.limit
    ? `The calculator's worst case has no collector region and no other native memory: with the expected budget's GC ${mib(gc)} and other ${mib(other)} it is ${mib(sum)}, over the limit`
    : `Even with the expected budget's GC ${mib(gc)} and other ${mib(other)} the worst case is ${mib(sum)}, under the limit: what no region counts tipped it (symbol tables, the class-data archive, malloc arenas, mapped files: see "other" in the calibration)`;
}
