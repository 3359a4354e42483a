// @ts-check
/**
 * Runs one stress process in a fresh memory cgroup and reports what happened: killed by the
 * kernel (the cgroup's oom_kill counter moved), survived to its steady state (then we stop it),
 * exited on its own (a Java OutOfMemoryError with ExitOnOutOfMemoryError, V8's heap abort), or
 * timed out. At the steady state it takes the JVM's NMT summary with jcmd (which runs outside
 * the cgroup), the heap's resident bytes and the cgroup's usage at that moment (so native memory
 * NMT does not see shows up: validate/rss.mjs). The cgroup is removed in every outcome.
 */
import { execFile, spawn } from 'node:child_process';
import { createCgroup, enterCommand, readStats, removeCgroup } from './cgroup.mjs';
import { parseNmt } from './nmt.mjs';
import { heapRangeOf, residentIn } from './rss.mjs';

/** Long enough for a 4 GiB heap on a shared machine; only a hang reaches it. */
const CASE_TIMEOUT_MS = 180_000;
/** The steady state held this long after NMT, so late growth still counts toward the peak. */
const HOLD_MS = 1000;

/** The cgroup in use, so a signal handler can remove it (see run.mjs). */
export const current = { cgroup: /** @type {string | undefined} */ (undefined), child: /** @type {import('node:child_process').ChildProcess | undefined} */ (undefined) };

/**
 * @param {{ hierarchy: import('./cgroup.mjs').Hierarchy, name: string, limit: number, argv: string[], env: Record<string, string>, nmt: boolean }} run
 */
export async function runInCgroup(run) {
  const cgroup = createCgroup(run.hierarchy, run.name, run.limit);
  current.cgroup = cgroup;
  const started = Date.now();
  try {
    const child = spawn('sh', ['-c', enterCommand(cgroup), 'sh', ...run.argv], { env: run.env, stdio: ['ignore', 'pipe', 'pipe'] });
    current.child = child;
    let stdout = '';
    let stderr = '';
    /** @type {Record<string, string> | undefined} */
    let steady;
    let nmtText = '';
    /** @type {ReturnType<typeof readStats> | undefined} */
    let atSteady;
    /** @type {{ heapRss: number, usage: number, cache: number } | undefined} */
    let atNmt;
    let stoppedByUs = false;
    const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    const reachedSteady = new Promise((resolve) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const line = stdout.split('\n').find((l) => l.startsWith('STEADY '));
        if (line && !steady) {
          steady = Object.fromEntries(line.slice(7).trim().split(' ').map((kv) => kv.split('=')));
          resolve(undefined);
        }
      });
    });
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 20_000) stderr += chunk;
    });
    /** @type {NodeJS.Timeout | undefined} */
    let hangGuard;
    const timer = new Promise((resolve) => {
      hangGuard = setTimeout(() => resolve('timeout'), CASE_TIMEOUT_MS);
    });
    const first = await Promise.race([exit.then(() => 'exit'), reachedSteady.then(() => 'steady'), timer]);
    clearTimeout(hangGuard);
    if (first === 'steady') {
      if (run.nmt && child.pid) {
        nmtText = await jcmd(child.pid, 'VM.native_memory', 'summary');
        atNmt = heapResidence(child.pid, await jcmd(child.pid, 'GC.heap_info'), run.hierarchy, cgroup);
      }
      await new Promise((r) => setTimeout(r, HOLD_MS));
      atSteady = readStats(run.hierarchy, cgroup);
      stoppedByUs = child.exitCode === null && child.signalCode === null;
      child.kill('SIGKILL');
    } else if (first === 'timeout') {
      child.kill('SIGKILL');
    }
    const { code, signal } = /** @type {{ code: number | null, signal: string | null }} */ (await exit);
    const stats = readStats(run.hierarchy, cgroup);
    const oomKilled = stats.oomKills > 0;
    const outcome = oomKilled ? 'killed' : first === 'timeout' ? 'timeout' : stoppedByUs ? 'survived' : 'exited';
    return {
      outcome,
      exit: signal ?? code,
      seconds: (Date.now() - started) / 1000,
      peak: stats.peak,
      oomKills: stats.oomKills,
      atSteady,
      steady,
      nmt: nmtText ? parseNmt(nmtText) : undefined,
      atNmt,
      killedAfterSteady: oomKilled && steady !== undefined,
      stderrTail: stderr.split('\n').filter(Boolean).slice(-3).join(' | ').slice(0, 400),
    };
  } finally {
    if (current.child && current.child.exitCode === null) current.child.kill('SIGKILL');
    removeCgroup(cgroup);
    current.cgroup = undefined;
    current.child = undefined;
  }
}

/** `jcmd <pid> <command…>` (VM.native_memory summary, GC.heap_info), or '' when it fails (the JVM died meanwhile). */
function jcmd(/** @type {number} */ pid, /** @type {string[]} */ ...command) {
  return new Promise((resolve) => {
    execFile('jcmd', [String(pid), ...command], { timeout: 30_000, env: cleanEnv() }, (error, out) => resolve(error ? '' : out));
  });
}

/** The heap's resident bytes and the cgroup's usage and page cache, read together; undefined when the heap's range or smaps cannot be read. */
function heapResidence(/** @type {number} */ pid, /** @type {string} */ heapInfo, /** @type {import('./cgroup.mjs').Hierarchy} */ hierarchy, /** @type {string} */ cgroup) {
  const range = heapRangeOf(heapInfo);
  if (!range) return undefined;
  try {
    const stats = readStats(hierarchy, cgroup);
    return { heapRss: residentIn(pid, range), usage: stats.usage, cache: stats.cache };
  } catch {
    return undefined; // the process ended between jcmd and smaps
  }
}

/** The harness's environment without the variables a JVM or node reads: a case sets its own. */
export function cleanEnv() {
  const env = { ...process.env };
  for (const name of ['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS', 'NODE_OPTIONS']) delete env[name];
  return /** @type {Record<string, string>} */ (env);
}
