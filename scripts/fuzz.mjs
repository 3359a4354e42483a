#!/usr/bin/env node
/**
 * `npm run fuzz`: the property tests (test/property-*.test.ts) with FUZZ_RUNS cases per property
 * (default 10,000; `npm run fuzz -- 50000` for more) and one fresh seed for the whole run, printed
 * first so a failure can be replayed: `FUZZ_SEED=<seed> npm run fuzz`.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const runs = process.argv[2] ?? process.env.FUZZ_RUNS ?? '10000';
const seed = process.env.FUZZ_SEED ?? String((Math.random() * 2 ** 31) | 0);
console.log(`oomlint fuzz: ${runs} cases per property, seed ${seed} (replay: FUZZ_SEED=${seed} npm run fuzz -- ${runs})`);
// vitest's bin (the package exports no path to it, but its package.json sits beside it).
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', 'test/property-'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed },
});
process.exit(result.status ?? 1);
