// @ts-check
/**
 * What the stress programs do in each profile. The JVM profiles read the budget's own
 * assumptions (DEFAULT_JVM_BUDGET, or the case's runtime.jvm settings), never copies of them:
 *
 * - expected: the expected budget's service: its loaded classes, compiled code, threads each
 *   touching the assumed stack depth, direct buffers (each at most its cap), heap held full.
 * - worst: the memory calculator's: its loaded classes (MaxMetaspaceSize stops them), the code
 *   cache filled toward its reservation for as long as CODE_SECONDS_WORST allows, every thread
 *   touching its whole -Xss, MaxDirectMemorySize (or the calculator's 10 MiB) of direct buffers.
 */
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
  return {
    classes: d.worstLoadedClasses,
    codeMiB: codeCap / MIB,
    codeSeconds: CODE_SECONDS_WORST,
    threads: d.worstThreads,
    stackKiB: 0,
    directMiB: Math.floor((s.maxDirectMemory?.value ?? d.calculatorDirectMemory) / MIB),
    heapFill: HEAP_FILL,
  };
}

/**
 * validate/node/stress.mjs arguments. node-heap-exceeds-limit keeps 25 % of the limit for the
 * young generation, Buffers, native memory and code; its profiles: expected = old space held
 * full and 32 MiB of Buffers (a typical I/O service); worst = old space full and Buffers filling
 * the rule's own 25 % reserve.
 */
export function nodeProfile(/** @type {any} */ launch, /** @type {'expected' | 'worst'} */ profile) {
  return { heapFill: HEAP_FILL, bufferMiB: profile === 'expected' ? 32 : Math.floor((launch.limit * 0.25) / MIB) };
}
