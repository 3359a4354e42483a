// @ts-check
/**
 * Per-unit costs measured by NMT in the runs that reached their steady state, and the budget
 * defaults they suggest. Only costs the stress program does not set itself can be calibrated:
 * bytes of metaspace per loaded class (the classes are the JDK's own), the collector's structures
 * against the heap, touched stack per thread against what the program touched, and the native
 * memory no region explains (NMT's, and as the cgroup charges it: the worst budget's "other"). How many threads or classes, how much compiled code a
 * real service has, the harness cannot know: the stress program runs what the budget assumes.
 */
import { collectorOf as modelCollector } from '../lib/src/model/runtime/jvm-budget.js';
import { regionsOf } from './nmt.mjs';

const MIB = 2 ** 20;
const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? /** @type {number} */ (s[(s.length - 1) / 2]) : (/** @type {number} */ (s[s.length / 2 - 1]) + /** @type {number} */ (s[s.length / 2])) / 2;
};
const range = (/** @type {number[]} */ xs) => (xs.length ? [Math.min(...xs), Math.max(...xs)] : [NaN, NaN]);

/** @param {any[]} results every run's result (validate/run.mjs) */
export function calibrate(results) {
  const jvm = results.filter((r) => r.run.launch.runtime === 'jvm' && r.nmt && r.steady);
  const rows = jvm.map((r) => ({ r, regions: regionsOf(r), gc: collectorOf(r) }));
  const expected = rows.filter((x) => x.r.profile === 'expected');
  // Metaspace per class: expected-profile runs (JDK classes, plus the generated ones the code
  // target needed); MaxMetaspaceSize-capped runs stopped early and are left out.
  const perClass = expected.filter((x) => !x.r.run.launch.settings.maxMetaspace).map((x) => x.regions.metaspace / x.r.nmt.classes);
  const g1 = rows.filter((x) => x.gc === 'g1').map((x) => x.regions.gc / x.regions.heap);
  const serial = rows.filter((x) => x.gc === 'serial').map((x) => x.regions.gc / x.regions.heap);
  const stackPerThread = expected.filter((x) => x.r.nmt.threads).map((x) => x.regions.stacks / x.r.nmt.threads);
  const touchedByProgram = expected.map((x) => x.r.stress.stackKiB * 1024);
  const code = expected.map((x) => x.regions.codeCache);
  const other = expected.map((x) => x.regions.other);
  const direct = expected.map((x) => x.regions.direct);
  const nonHeapBeyondGc = expected.map((x) => x.regions.total - x.regions.heap - x.regions.gc);
  const classes = expected.map((x) => x.r.nmt.classes ?? 0);
  const threads = expected.map((x) => x.r.nmt.threads ?? 0);
  const worst = rows.filter((x) => x.r.profile === 'worst');
  const otherInCgroup = (/** @type {typeof rows} */ xs) => xs.map((x) => x.regions.otherInCgroup).filter((v) => v !== undefined).map(Number);
  const line = (/** @type {any} */ r, /** @type {string} */ region) => r.run.launch.worst.lines.find((/** @type {any} */ l) => l.region === region)?.bytes ?? 0;
  // The worst profile loads classes until metaspace reaches the budget's line: how close it came.
  const metaspaceMiss = worst.map((x) => x.regions.metaspace - line(x.r, 'metaspace'));
  const jitCode = worst.map((x) => x.regions.codeCache - Number(x.r.steady?.codeStandInBytes ?? 0));
  const node = results.filter((r) => r.run.launch.runtime === 'node' && r.steady?.ownBytes !== undefined).map((r) => Number(r.steady.ownBytes));
  const d = (expected[0] ?? rows[0])?.r.run.launch.defaults;
  // G1's structures are part fixed, part proportional: a least-squares line through (heap, GC).
  const g1Fit = fit(rows.filter((x) => x.gc === 'g1').map((x) => [x.regions.heap, x.regions.gc]));
  return {
    runs: rows.length,
    expectedRuns: expected.length,
    perClass: { median: median(perClass), range: range(perClass), n: perClass.length },
    g1: { median: median(g1), range: range(g1), n: g1.length, fit: g1Fit },
    serial: { median: median(serial), range: range(serial), n: serial.length },
    stackPerThread: { median: median(stackPerThread), range: range(stackPerThread), n: stackPerThread.length, programTouched: median(touchedByProgram) },
    code: { median: median(code), range: range(code), n: code.length },
    other: { median: median(other), range: range(other), n: other.length },
    otherInCgroup: {
      expected: { median: median(otherInCgroup(expected)), range: range(otherInCgroup(expected)), n: otherInCgroup(expected).length },
      worst: { median: median(otherInCgroup(worst)), range: range(otherInCgroup(worst)), n: otherInCgroup(worst).length },
    },
    metaspaceMiss: { median: median(metaspaceMiss), range: range(metaspaceMiss), n: metaspaceMiss.length },
    jitCode: { median: median(jitCode), range: range(jitCode), n: jitCode.length },
    nodeOwn: { median: median(node), range: range(node), n: node.length },
    direct: { median: median(direct), n: direct.length },
    nonHeapBeyondGc: { median: median(nonHeapBeyondGc), range: range(nonHeapBeyondGc), n: nonHeapBeyondGc.length },
    classes: { median: median(classes) },
    threads: { median: median(threads) },
    defaults: d,
    MIB,
  };
}

/** The collector HotSpot ran, as the model decides it (a -XX:+Use…GC flag, else Serial below 1792 MiB with 2 CPUs, as here). */
function collectorOf(/** @type {any} */ r) {
  return modelCollector(r.run.launch.settings, r.run.launch.limit).gc;
}

/** y = a + b·x by least squares; undefined below two distinct x. */
function fit(/** @type {number[][]} */ points) {
  const n = points.length;
  const sx = points.reduce((s, p) => s + (p[0] ?? 0), 0);
  const sy = points.reduce((s, p) => s + (p[1] ?? 0), 0);
  const sxx = points.reduce((s, p) => s + (p[0] ?? 0) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p[0] ?? 0) * (p[1] ?? 0), 0);
  const den = n * sxx - sx * sx;
  if (n < 2 || den === 0) return undefined;
  const b = (n * sxy - sx * sy) / den;
  return { fixed: (sy - b * sx) / n, share: b };
}
