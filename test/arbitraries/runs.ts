/**
 * How many cases each property tries, and with which seed. `npm test` runs a small, fixed-seed
 * sample so the suite is fast and a failure reproduces on every machine; `npm run fuzz` sets
 * FUZZ_RUNS (≥ 10,000) and a fresh seed, printed so a failure can be replayed with
 * `FUZZ_SEED=<seed> FUZZ_RUNS=<n> npx vitest run test/property-`.
 */
import type { Parameters } from 'fast-check';

const runsFromEnv = Number.parseInt(process.env.FUZZ_RUNS ?? '', 10);
/** True in `npm run fuzz`. */
export const FUZZING = Number.isSafeInteger(runsFromEnv) && runsFromEnv > 0;

const seedFromEnv = Number.parseInt(process.env.FUZZ_SEED ?? '', 10);
/** Fixed in normal runs ("oom" in ASCII), random in fuzz runs unless FUZZ_SEED replays one. */
export const SEED = Number.isSafeInteger(seedFromEnv) ? seedFromEnv : FUZZING ? (Math.random() * 2 ** 31) | 0 : 0x6f6f6d;

/** Per-test timeout: the suite's 30 s in normal runs, an hour for a fuzz run. */
export const TIMEOUT = FUZZING ? 3_600_000 : 30_000;

/** fast-check parameters for one property: `normal` cases in `npm test`, FUZZ_RUNS in a fuzz run. */
export function runs<T>(normal: number): Parameters<T> {
  return { numRuns: FUZZING ? runsFromEnv : normal, seed: SEED };
}

if (FUZZING) {
  // Printed once per test file, before any property runs: the seed replays the whole run.
  console.log(`fuzz: ${runsFromEnv} cases per property, seed ${SEED} (replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${runsFromEnv})`);
}
