// @ts-check
/**
 * Wall-clock timing of whole child processes, from spawn to exit, so every figure includes
 * Node's start and module loading — what a user of the CLI waits for. Children run one at a time
 * (never in parallel: they would compete for the same cores), and rounds are interleaved
 * (a, b, a, b …) so that a drift in machine load hits every command alike.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RSS_PROBE = path.resolve(import.meta.dirname, '..', 'rss-probe.mjs');
/** Enough of a failing child's stderr to see why, without flooding the terminal. */
const STDERR_LIMIT = 4000;

/**
 * @typedef {object} Command
 * @property {string} name key in the result map
 * @property {string[]} args arguments to `node` (process.execPath)
 * @property {number[]} okExitCodes exit codes that count as success; anything else fails the bench
 * @property {boolean} [measureRss] preload bench/rss-probe.mjs to record the peak RSS
 */

/**
 * @typedef {object} Sample
 * @property {number[]} seconds wall-clock time of each counted run
 * @property {number} median median of `seconds`
 * @property {number} [rssMB] highest peak RSS of the counted runs, MB (10^6 bytes)
 * @property {number[]} [rssSamplesMB] peak RSS of each counted run, MB
 */

/** @param {number[]} values @returns {number} */
export function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? /** @type {number} */ (sorted[middle]) : (/** @type {number} */ (sorted[middle - 1]) + /** @type {number} */ (sorted[middle])) / 2;
}

/**
 * Runs one child to completion.
 * @param {Command} command @param {string | undefined} rssFile
 * @returns {Promise<{ seconds: number, rssMB?: number }>}
 */
function runOnce(command, rssFile) {
  const args = rssFile ? ['--import', RSS_PROBE, ...command.args] : command.args;
  const env = rssFile ? { ...process.env, OOMLINT_BENCH_RSS_FILE: rssFile } : process.env;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // stdout is discarded by the OS (/dev/null), not piped: reading it would add our own work
    // to the child's time.
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    /** @type {bigint | undefined} */
    let exited;
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      if (stderr.length < STDERR_LIMIT) stderr += chunk;
    });
    // 'exit' marks the end of the timing; 'close' (stderr drained) is when the result is known.
    child.on('exit', () => {
      exited = process.hrtime.bigint();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = Number((exited ?? process.hrtime.bigint()) - started) / 1e9;
      if (code === null || !command.okExitCodes.includes(code)) {
        const how = code === null ? `was killed by ${signal}` : `exited with ${code}`;
        reject(new Error(`${command.name}: node ${command.args.join(' ')} ${how}\n${stderr.slice(0, STDERR_LIMIT).trimEnd()}`));
        return;
      }
      if (!rssFile) {
        resolve({ seconds });
        return;
      }
      try {
        // maxRSS is in KiB.
        const kib = Number(readFileSync(rssFile, 'utf8'));
        rmSync(rssFile, { force: true });
        if (!Number.isFinite(kib) || kib <= 0) throw new Error(`unreadable peak RSS: ${kib}`);
        resolve({ seconds, rssMB: (kib * 1024) / 1e6 });
      } catch (error) {
        reject(new Error(`${command.name}: no peak RSS from rss-probe.mjs (${error instanceof Error ? error.message : error})`));
      }
    });
  });
}

/**
 * @param {Command[]} commands
 * @param {{ runs: number, warmup: number, onRound?: (round: number) => unknown }} options
 *   `onRound(round)` is called before each round, counting from 0 over warm-up and counted rounds.
 * @returns {Promise<Map<string, Sample>>}
 */
export async function sample(commands, { runs, warmup, onRound }) {
  /** @type {Map<string, { seconds: number[], rss: number[] }>} */
  const raw = new Map(commands.map((command) => [command.name, { seconds: [], rss: [] }]));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'oomlint-rss-'));
  try {
    for (let round = 0; round < warmup + runs; round += 1) {
      onRound?.(round);
      for (const command of commands) {
        const rssFile = command.measureRss ? path.join(scratch, `${command.name}.kib`) : undefined;
        const result = await runOnce(command, rssFile);
        // Warm-up rounds only fill the page cache and the compile cache; their figures are dropped.
        if (round < warmup) continue;
        const into = /** @type {{ seconds: number[], rss: number[] }} */ (raw.get(command.name));
        into.seconds.push(result.seconds);
        if (result.rssMB !== undefined) into.rss.push(result.rssMB);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  /** @type {Map<string, Sample>} */
  const samples = new Map();
  for (const [name, { seconds, rss }] of raw) {
    /** @type {Sample} */
    const result = { seconds, median: median(seconds) };
    if (rss.length > 0) Object.assign(result, { rssMB: Math.max(...rss), rssSamplesMB: rss });
    samples.set(name, result);
  }
  return samples;
}
