// @ts-check
// A node process whose footprint is set by its arguments (validate/profiles.mjs nodeProfile):
// live data in the old space up to heapFill of its limit, then Buffers outside the V8 heap.
// Prints one STEADY line and holds until killed.
//   node stress.mjs oldSpaceMiB=384 heapFill=0.95 bufferMiB=32    (expected: a fixed amount of Buffers)
//   node stress.mjs oldSpaceMiB=384 heapFill=0.95 reserveMiB=128  (worst: node's own memory outside
//                                                                  the old space, then Buffers, fill the reserve)
//   oldSpaceMiB: the old space's limit (--max-old-space-size); without it, V8's whole heap limit.
//   churn=1: garbage through the rest of the old space afterwards (see below).
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';

const MIB = 2 ** 20;
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const held = [];

/** Bytes of live objects in the old generation (every space but the young generation's), what --max-old-space-size bounds. */
function oldGenerationUsed() {
  return getHeapSpaceStatistics()
    .filter((s) => !s.space_name.startsWith('new_'))
    .reduce((sum, s) => sum + s.space_used_size, 0);
}

/** Anonymous resident memory: what the memory cgroup is charged for this process whatever else shares its files. */
function rssAnon() {
  const kb = /^RssAnon:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return kb ? Number(kb[1]) * 1024 : process.memoryUsage().rss;
}

const oldLimit = args.oldSpaceMiB ? Number(args.oldSpaceMiB) * MIB : getHeapStatistics().heap_size_limit;
const target = oldLimit * Number(args.heapFill ?? 0);
// Arrays of 2^16 doubles (512 KiB): fast elements below V8's dictionary threshold, so each costs
// what it holds; in the large-object space, so they stay in the old generation. fill() touches
// them. Counted, not measured: the array fill() replaces is garbage until the next collection.
// Node's own objects already in the old generation count toward the fill.
const CHUNK = 2 ** 16 * 8;
const startup = oldGenerationUsed();
let live = startup;
for (; live < target; live += CHUNK) held.push(new Array(2 ** 16).fill(1.5));

// The worst profile: what node itself holds outside the old generation's live data (young
// generation, code, V8's free pages, libuv, malloc) counts against the reserve before any Buffer.
const own = rssAnon() - live;
const bufferMiB = args.reserveMiB ? Math.max(0, Math.floor(Number(args.reserveMiB) - own / MIB)) : Number(args.bufferMiB ?? 0);
for (let i = 0; i < bufferMiB; i++) held.push(Buffer.alloc(MIB, 1)); // alloc fills: the pages are touched

// churn=1: then garbage through the old space. With its live data at heapFill, V8 lets the old
// generation grow to its limit before a full collection, so its pages up to the limit are touched
// once. Off in both profiles (validate/profiles.mjs): a probe of what the reserve's boundary holds.
const churned = Number(args.churn ?? 0) > 0 ? churn(oldLimit - live) : 0;

/** Allocates and drops `room` × 2 bytes of old-space arrays; returns the bytes allocated. */
function churn(room) {
  let sum = 0;
  let bytes = 0;
  for (; bytes < 2 * room; bytes += CHUNK) sum += new Array(2 ** 16).fill(1.5).length; // dropped at once: garbage
  return sum > 0 ? bytes : 0;
}

const usage = process.memoryUsage();
console.log(
  `STEADY heapLimitBytes=${getHeapStatistics().heap_size_limit} oldLimitBytes=${oldLimit} oldLiveBytes=${live} oldUsedBytes=${oldGenerationUsed()} heapUsedBytes=${usage.heapUsed} ` +
    `ownBytes=${own} bufferBytes=${bufferMiB * MIB} churnedBytes=${churned} externalBytes=${usage.external} rssBytes=${usage.rss} rssAnonBytes=${rssAnon()}`,
);
setTimeout(() => held.length, Number(args.holdSeconds ?? 600) * 1000);
