// @ts-check
/**
 * What the stress programs do in each profile. The JVM profiles read the budget's own
 * assumptions (DEFAULT_JVM_BUDGET, or the case's runtime.jvm settings), never copies of them:
 *
 * - expected: the expected budget's service: its loaded classes, compiled code, threads each
 *   touching the assumed stack depth, direct buffers (each at most its cap), heap held full.
 * - worst: the worst budget's: classes loaded until metaspace reaches the budget's metaspace line
 *   (the calculator's 14,000,000 + 5,800 × 35,000 bytes, or MaxMetaspaceSize: the generated
 *   classes weigh more than 5,800 bytes, so a class count would overshoot it), the code cache
 *   filled by the JIT for CODE_SECONDS_WORST and the rest of its reservation held as touched
 *   native memory, every thread touching its whole -Xss, MaxDirectMemorySize (or the
 *   calculator's 10 MiB) of direct buffers. The collector and the rest of the JVM's native
 *   memory are whatever the JVM really uses: they are what the worst budget's measured lines predict.
 */
import nodeRule from '../lib/rules/node-heap-exceeds-limit/index.js';

const MIB = 2 ** 20;
const KIB = 1024;
/** Live heap as a share of the maximum heap: "the heap grows to its maximum under load". */
export const HEAP_FILL = 0.95;
/** The JIT compiles ≈8 MiB of code a second here: the worst case's 240 MiB cannot be reached in a run's time. */
export const CODE_SECONDS_WORST = 5;
const CODE_SECONDS_EXPECTED = 10;

/** Stress.java arguments for a JVM launch (validate/oomlint.mjs launchOf) in `profile`. */
export function jvmProfile(/** @type {any} */ launch, /** @type {'expected' | 'worst'} */ profile) {
  const d = launch.defaults;
  const s = launch.settings;
  const tiered = s.tieredCompilation?.value !== false;
  const codeCap = s.reservedCodeCache?.value ?? (tiered ? d.tieredCodeCache : d.nonTieredCodeCache);
  const stack = s.threadStack?.value > 0 ? s.threadStack.value : d.threadStack;
  if (profile === 'expected') {
    return {
      classes: d.expectedLoadedClasses,
      codeMiB: Math.min(d.expectedCodeCache, codeCap) / MIB,
      codeSeconds: CODE_SECONDS_EXPECTED,
      threads: d.expectedThreads,
      stackKiB: Math.min(stack, d.expectedStackPerThread) / KIB,
      directMiB: Math.floor(Math.min(d.expectedDirect, s.maxDirectMemory?.value ?? launch.expected.heap) / MIB),
      heapFill: HEAP_FILL,
    };
  }
  const metaspace = launch.worst.lines.find((/** @type {any} */ l) => l.region === 'metaspace');
  return {
    metaspaceBytes: metaspace.bytes,
    codeMiB: codeCap / MIB,
    codeSeconds: CODE_SECONDS_WORST,
    codeStandIn: 1,
    threads: d.worstThreads,
    stackKiB: 0,
    directMiB: Math.floor((s.maxDirectMemory?.value ?? d.calculatorDirectMemory) / MIB),
    heapFill: HEAP_FILL,
  };
}

/**
 * validate/node/stress.mjs arguments. node-heap-exceeds-limit keeps minNonHeapPercent (25 %) of
 * the limit outside the old space for the young generation, code, native memory and Buffers
 * together. Its profiles, the old space held at HEAP_FILL of --max-old-space-size in both:
 * - expected: 32 MiB of Buffers (a typical I/O service);
 * - worst: the whole reserve: what node itself holds outside the old space's live data
 *   (anonymous memory, which the kernel cannot reclaim), then Buffers up to the reserve. Filling
 *   the reserve with Buffers alone put node's own ≈8–30 MiB on top of what the rule promises.
 * @param {any} launch @param {'expected' | 'worst'} profile @param {{ minNonHeapPercent?: number }} [options] the case's rule options
 */
export function nodeProfile(launch, profile, options = {}) {
  const oldSpace = launch.heapMiB === undefined ? {} : { oldSpaceMiB: launch.heapMiB };
  if (profile === 'expected') return { ...oldSpace, heapFill: HEAP_FILL, bufferMiB: 32 };
  const percent = options.minNonHeapPercent ?? nodeRule.options.defaults.minNonHeapPercent;
  return { ...oldSpace, heapFill: HEAP_FILL, reserveMiB: Math.floor((launch.limit * percent) / 100 / MIB) };
}
