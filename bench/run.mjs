#!/usr/bin/env node
// @ts-check
/**
 * `npm run bench`: times oomlint against the parse-everything baseline on a real-world mix and a
 * synthetic corpus, its cold start against a bare Node start, and its growth at 1×, 4× and 16×
 * the synthetic corpus. Prints the tables and regenerates docs/performance.md.
 *
 *   node bench/run.mjs [--runs 5] [--scaling-runs 2] [--quick] [--no-write]
 *
 * --quick uses small corpora and 3 runs, to try the script; it never writes docs/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_OBJECTS, DEFAULT_SEED, generateCorpus } from './generate.mjs';
import { describeMachine } from './lib/machine.mjs';
import { sample } from './lib/measure.mjs';
import { buildRealCorpus } from './lib/real-corpus.mjs';
import { markdownReport, textReport } from './lib/report.mjs';
import { summarizeTree } from './lib/tree.mjs';

/** @typedef {import('./lib/report.mjs').CorpusRun} CorpusRun */
/** @typedef {import('./lib/report.mjs').Corpus} Corpus */

const ROOT = path.resolve(import.meta.dirname, '..');
const OOMLINT = path.join(ROOT, 'bin', 'oomlint.js');
const PARSE_ALL = path.join(import.meta.dirname, 'parse-all.mjs');
const REAL_SOURCE = path.resolve(ROOT, '..', 'shared', 'corpus', 'real');
const SMALL_FILE = 'examples/catalog.yaml';
const SCALE_FACTORS = [1, 4, 16];
/** Issue 6: the real-world mix is replicated to at least 8 MB. */
const REAL_MIN_BYTES = 8e6;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    // 16× is ≈ 180 MB: one round of (a) and (b) takes minutes, so two runs keep the default
    // bench near 10 minutes on a 2-core machine.
    'scaling-runs': { type: 'string', default: '2' },
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const quick = values.quick;
const runs = quick ? 3 : Math.max(1, Number(values.runs));
const scalingRuns = quick ? 2 : Math.max(1, Number(values['scaling-runs']));
/** Start-ups take tens of milliseconds: more runs for a stable median. */
const startupRuns = Math.max(10, 2 * runs);
const objects = quick ? 300 : DEFAULT_OBJECTS;

/** @param {string} message */
const progress = (message) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/**
 * (a) and (b) on one folder, interleaved, both with the RSS probe.
 * @param {Corpus} corpus @param {string} dir @param {number} counted @param {number} warmup
 * @returns {Promise<CorpusRun>}
 */
async function measureCorpus(corpus, dir, counted, warmup) {
  progress(`${corpus.label}: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB, ${warmup} + ${counted} runs`);
  const samples = await sample(
    [
      { name: 'a', args: [PARSE_ALL, dir], okExitCodes: [0], measureRss: true },
      // oomlint exits 1 when it has findings, which a corpus full of mistakes always has.
      { name: 'b', args: [OOMLINT, dir, '--format', 'json'], okExitCodes: [0, 1], measureRss: true },
    ],
    { runs: counted, warmup, onRound: (round) => round > 0 && progress(`  round ${round + 1} of ${warmup + counted}`) },
  );
  return { corpus, a: /** @type {any} */ (samples.get('a')), b: /** @type {any} */ (samples.get('b')), runs: counted, warmup };
}

/** @param {string} dir @param {string} label @param {string} description @returns {Corpus} */
function corpusAt(dir, label, description) {
  return { label, description, ...summarizeTree(dir) };
}

async function main() {
  const started = Date.now();
  const machine = describeMachine();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'oomlint-bench-'));
  try {
    const realDir = path.join(scratch, 'real');
    const { copies } = buildRealCorpus({ source: REAL_SOURCE, out: realDir, minBytes: quick ? 1e6 : REAL_MIN_BYTES });
    const realCorpus = corpusAt(realDir, 'real-world mix', `${copies} × ../shared/corpus/real`);

    const syntheticDir = path.join(scratch, 'synthetic');
    generateCorpus({ out: syntheticDir, objects, seed: DEFAULT_SEED });
    const syntheticCorpus = { ...corpusAt(syntheticDir, 'synthetic workloads', `${objects} objects`), objects };
    // Determinism check: the same arguments must give the same bytes.
    const againDir = path.join(scratch, 'synthetic-again');
    generateCorpus({ out: againDir, objects, seed: DEFAULT_SEED });
    const deterministic = summarizeTree(againDir).sha256 === syntheticCorpus.sha256;
    rmSync(againDir, { recursive: true, force: true });

    const real = await measureCorpus(realCorpus, realDir, runs, 1);
    const synthetic = await measureCorpus(syntheticCorpus, syntheticDir, runs, 1);

    progress(`cold start: ${startupRuns} runs`);
    const startupSamples = await sample(
      [
        { name: 'c', args: [OOMLINT, SMALL_FILE, '--format', 'json'], okExitCodes: [0, 1] },
        { name: 'd', args: ['-e', ''], okExitCodes: [0] },
      ],
      { runs: startupRuns, warmup: 1 },
    );
    const startup = { c: /** @type {any} */ (startupSamples.get('c')), d: /** @type {any} */ (startupSamples.get('d')), file: SMALL_FILE, runs: startupRuns };

    const scaling = [{ factor: 1, run: { ...synthetic, corpus: { ...synthetic.corpus, label: '1×' } } }];
    for (const factor of SCALE_FACTORS.slice(1)) {
      const dir = path.join(scratch, `synthetic-${factor}x`);
      generateCorpus({ out: dir, objects: objects * factor, seed: DEFAULT_SEED });
      const corpus = { ...corpusAt(dir, `synthetic ${factor}×`, `${objects * factor} objects`), objects: objects * factor };
      scaling.push({ factor, run: await measureCorpus(corpus, dir, scalingRuns, 0) });
      rmSync(dir, { recursive: true, force: true });
    }

    const results = { machine, quick, deterministic, real, synthetic, startup, scaling, elapsedSeconds: (Date.now() - started) / 1000 };
    process.stdout.write(textReport(results));
    if (!values['no-write'] && !quick) {
      const target = path.join(ROOT, 'docs', 'performance.md');
      writeFileSync(target, markdownReport(results));
      progress(`wrote ${path.relative(process.cwd(), target)}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
