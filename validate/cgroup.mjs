// @ts-check
/**
 * One memory cgroup per case, on cgroup v1 (`/sys/fs/cgroup/memory`) or v2 (the unified
 * hierarchy): create it with a limit and no swap, start a process inside it, read what the
 * kernel recorded (peak usage, OOM kills), and remove it, killing whatever still runs in it.
 *
 * Case cgroups are created under the harness's own cgroup (read from /proc/self/cgroup), so
 * the cases stay inside whatever bounds the harness itself runs under; `parent` overrides it.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const V1_ROOT = '/sys/fs/cgroup/memory';
const V2_ROOTS = ['/sys/fs/cgroup', '/sys/fs/cgroup/unified'];
export const NAME_PREFIX = 'oomlint-validate-';

/** @typedef {{ version: 1 | 2, parent: string }} Hierarchy */

const read = (/** @type {string} */ path) => readFileSync(path, 'utf8');

/** The hierarchy to create case cgroups in, or the reason there is none (the harness then skips). */
export function findHierarchy(/** @type {string | undefined} */ parentOverride) {
  /** @type {string[]} */
  const own = existsSync('/proc/self/cgroup') ? read('/proc/self/cgroup').split('\n') : [];
  const v1Path = own.map((l) => l.split(':')).find((f) => f[1]?.split(',').includes('memory'))?.[2];
  if (existsSync(join(V1_ROOT, 'memory.limit_in_bytes'))) {
    const parent = parentOverride ?? join(V1_ROOT, v1Path ?? '/');
    if (!existsSync(join(V1_ROOT, 'memory.memsw.limit_in_bytes'))) {
      return { ok: false, reason: `cgroup v1 memory controller without swap accounting (${V1_ROOT}/memory.memsw.limit_in_bytes missing): cannot forbid swap` };
    }
    return writable(parent) ? { ok: true, hierarchy: /** @type {Hierarchy} */ ({ version: 1, parent }) } : { ok: false, reason: `cannot create cgroups in ${parent} (not root?)` };
  }
  const v2Path = own.find((l) => l.startsWith('0::'))?.slice(3) ?? '/';
  for (const root of V2_ROOTS) {
    if (!existsSync(join(root, 'cgroup.controllers')) || !read(join(root, 'cgroup.controllers')).split(/\s+/).includes('memory')) continue;
    // A v2 cgroup that holds processes cannot give its children controllers ("no internal
    // processes"), so the harness's own cgroup works only when memory is already delegated to it.
    const candidates = parentOverride ? [parentOverride] : [join(root, v2Path), root];
    for (const parent of candidates) {
      if (enableMemoryV2(parent) && writable(parent)) return { ok: true, hierarchy: /** @type {Hierarchy} */ ({ version: 2, parent }) };
    }
    return { ok: false, reason: `cgroup v2 at ${root}, but the memory controller cannot be enabled for children of ${candidates.join(' or ')}` };
  }
  return { ok: false, reason: 'no cgroup memory controller mounted (neither /sys/fs/cgroup/memory nor a v2 hierarchy with "memory" in cgroup.controllers)' };
}

function enableMemoryV2(/** @type {string} */ parent) {
  try {
    if (read(join(parent, 'cgroup.subtree_control')).split(/\s+/).includes('memory')) return true;
    writeFileSync(join(parent, 'cgroup.subtree_control'), '+memory');
    return true;
  } catch {
    return false;
  }
}

function writable(/** @type {string} */ parent) {
  const probe = join(parent, `${NAME_PREFIX}probe-${process.pid}`);
  try {
    mkdirSync(probe);
    rmdirSync(probe);
    return true;
  } catch {
    return false;
  }
}

/** A fresh cgroup limited to `limit` bytes with swap forbidden. */
export function createCgroup(/** @type {Hierarchy} */ h, /** @type {string} */ name, /** @type {number} */ limit) {
  const path = join(h.parent, `${NAME_PREFIX}${name}`);
  mkdirSync(path);
  try {
    if (h.version === 1) {
      writeFileSync(join(path, 'memory.limit_in_bytes'), String(limit));
      // memsw = memory + swap: equal to the limit means no swap at all.
      writeFileSync(join(path, 'memory.memsw.limit_in_bytes'), String(limit));
      writeFileSync(join(path, 'memory.swappiness'), '0');
    } else {
      writeFileSync(join(path, 'memory.max'), String(limit));
      if (existsSync(join(path, 'memory.swap.max'))) writeFileSync(join(path, 'memory.swap.max'), '0');
      // Kill the whole group on OOM, as the kubelet's cgroups do (memory.oom.group=1 since 1.28).
      if (existsSync(join(path, 'memory.oom.group'))) writeFileSync(join(path, 'memory.oom.group'), '1');
    }
  } catch (error) {
    removeCgroup(path);
    throw error;
  }
  return path;
}

/** The shell prefix that moves a process into `path` before it execs the program (so its first byte is charged there). */
export function enterCommand(/** @type {string} */ path) {
  return `echo $$ > '${join(path, 'cgroup.procs')}' && exec "$@"`;
}

/** What the kernel recorded: peak usage, OOM kills, and the current usage split. */
export function readStats(/** @type {Hierarchy} */ h, /** @type {string} */ path) {
  const num = (/** @type {string} */ file) => (existsSync(join(path, file)) ? Number(read(join(path, file)).trim()) : undefined);
  const keyed = (/** @type {string} */ file) =>
    existsSync(join(path, file)) ? Object.fromEntries(read(join(path, file)).trim().split('\n').map((l) => l.split(/\s+/)).map(([k, v]) => [k, Number(v)])) : {};
  if (h.version === 1) {
    const stat = keyed('memory.stat');
    return { peak: num('memory.max_usage_in_bytes'), usage: num('memory.usage_in_bytes'), oomKills: keyed('memory.oom_control').oom_kill ?? 0, failcnt: num('memory.failcnt'), rss: stat.total_rss, cache: stat.total_cache };
  }
  const stat = keyed('memory.stat');
  return { peak: num('memory.peak'), usage: num('memory.current'), oomKills: keyed('memory.events').oom_kill ?? 0, failcnt: keyed('memory.events').max, rss: stat.anon, cache: stat.file };
}

export function pidsIn(/** @type {string} */ path) {
  try {
    return read(join(path, 'cgroup.procs')).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Kills every process in the cgroup, waits for it to empty (bounded), then removes it. Never throws. */
export function removeCgroup(/** @type {string} */ path) {
  if (!existsSync(path)) return true;
  for (let attempt = 0; attempt < 200; attempt++) {
    const pids = pidsIn(path);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    try {
      rmdirSync(path);
      return true;
    } catch {
      // An exiting process keeps the cgroup busy for a moment.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
  return false;
}

/** Removes case cgroups an earlier, interrupted run left behind (their owner is gone). */
export function removeStale(/** @type {Hierarchy} */ h) {
  const stale = readdirSync(h.parent).filter((n) => n.startsWith(NAME_PREFIX)).filter((n) => !isOwnerAlive(n));
  for (const name of stale) removeCgroup(join(h.parent, name));
  return stale;
}

function isOwnerAlive(/** @type {string} */ name) {
  const owner = Number(/^oomlint-validate-(\d+)-/.exec(name)?.[1]);
  if (!owner) return false;
  try {
    process.kill(owner, 0);
    return true;
  } catch {
    return false;
  }
}
