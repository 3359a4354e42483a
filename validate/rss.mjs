// @ts-check
/**
 * How much of a JVM's heap is really in memory. NMT reports the heap as committed, but the
 * kernel charges the cgroup only for touched pages, and the stress program holds 95 % of the
 * heap: the difference would hide native memory NMT does not see (the JVM's own code pages,
 * malloc's arenas) in "committed heap never touched". The heap's address range comes from
 * `jcmd <pid> GC.heap_info`, its resident pages from /proc/<pid>/smaps.
 */
import { readFileSync } from 'node:fs';

/**
 * The heap's address range from GC.heap_info (Serial: the generations' lines; G1: the
 * "garbage-first heap" line), or undefined when the text has none.
 * @param {string} text
 */
export function heapRangeOf(text) {
  const addresses = [];
  for (const line of text.split('\n')) {
    // Metaspace lines follow the heap's and carry no addresses of it.
    if (/^\s*(Metaspace|class space)/.test(line)) break;
    for (const m of line.matchAll(/0x([0-9a-f]+)/g)) addresses.push(BigInt(`0x${m[1]}`));
  }
  if (addresses.length < 2) return undefined;
  return { from: addresses.reduce((a, b) => (b < a ? b : a)), to: addresses.reduce((a, b) => (b > a ? b : a)) };
}

/**
 * Resident bytes of the mappings inside [from, to) in /proc/<pid>/smaps (HotSpot commits the
 * reserved heap piecewise, so the range is split exactly at mapping boundaries).
 * @param {number} pid @param {{ from: bigint, to: bigint }} range
 */
export function residentIn(pid, range) {
  let inside = false;
  let bytes = 0;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) /.exec(line);
    if (head) {
      inside = BigInt(`0x${head[1]}`) >= range.from && BigInt(`0x${head[2]}`) <= range.to;
      continue;
    }
    const rss = inside && /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) bytes += Number(rss[1]) * 1024;
  }
  return bytes;
}
