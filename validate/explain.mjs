// @ts-check
/**
 * One line on why a run disagreed with its verdict: what the process reached against what the
 * budget of its profile predicted, region by region (NMT; "other" as the cgroup charged it), or
 * how it ended.
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
  if (l.runtime === 'node') return explainNode(r, limit);
  const budget = r.profile === 'expected' ? l.expected : l.worst;
  const predicted = `${r.profile} budget ${mib(budget.total)} vs limit ${limit}`;
  const javaOom = r.steady?.javaOom && r.steady.javaOom !== 'none' ? ` (OutOfMemoryError caught in: ${r.steady.javaOom})` : '';
  const room = budget.total <= l.limit ? `the budget leaves ${mib(l.limit - budget.total)} of the limit` : `the budget is ${mib(budget.total - l.limit)} over the limit`;
  if (!r.nmt) return `${relaxed}${predicted}; killed before its steady state, peak ${r.peak ? mib(r.peak) : '?'}${r.outcome === 'killed' ? `; ${room}` : ''}.`;
  const measured = regionsOf(r);
  const byRegion = new Map();
  for (const line of budget.lines) byRegion.set(line.region, (byRegion.get(line.region) ?? 0) + line.bytes);
  // The worst budget's "other" is what the cgroup charges; the expected budget's is NMT's.
  const other = r.profile === 'worst' && measured.otherInCgroup !== undefined ? measured.otherInCgroup : measured.other;
  const diffs = Object.keys(NAMES)
    .map((region) => ({ region, predicted: byRegion.get(region) ?? 0, measured: region === 'other' ? other : /** @type {any} */ (measured)[region] ?? 0 }))
    .map((d) => ({ ...d, delta: d.measured - d.predicted }))
    .filter((d) => Math.abs(d.delta) >= 8 * MIB)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
    .slice(0, 3)
    .map((d) => `${NAMES[/** @type {keyof typeof NAMES} */ (d.region)]} ${mib(d.measured)} measured vs ${mib(d.predicted)} predicted`);
  return `${relaxed}${predicted}; NMT committed ${mib(measured.total)}, cgroup peak ${r.peak ? mib(r.peak) : '?'}${javaOom}: ${diffs.join(', ') || 'every region within 8 MiB of the budget'}.`;
}

/** A node run: the old space's live data, node's own memory and the Buffers it held, against the limit. */
function explainNode(/** @type {any} */ r, /** @type {string} */ limit) {
  const s = r.steady;
  const peak = `peak ${r.peak ? mib(r.peak) : '?'} of ${limit}`;
  if (!s) return `Killed before its steady state (old space filling, then Buffers of ${r.stress.bufferMiB ?? `the ${r.stress.reserveMiB} MiB reserve`}): ${peak}.`;
  return `Old space ${mib(Number(s.oldLiveBytes))} live of its ${mib(Number(s.oldLimitBytes))}, node's own ${mib(Number(s.ownBytes))} and ${mib(Number(s.bufferBytes))} of Buffers: ${peak}.`;
}
