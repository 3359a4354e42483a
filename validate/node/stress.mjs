// @ts-check
// A node process whose footprint is set by its arguments (validate/profiles.mjs nodeProfile):
// Buffers outside the V8 heap first, then live data in the old space up to heapFill of V8's
// heap limit. Prints one STEADY line and holds until killed.
//   node stress.mjs bufferMiB=64 heapFill=0.95 holdSeconds=600
import { getHeapStatistics } from 'node:v8';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const held = [];
for (let i = 0; i < Number(args.bufferMiB ?? 0); i++) held.push(Buffer.alloc(2 ** 20, 1)); // alloc fills: the pages are touched
const limit = getHeapStatistics().heap_size_limit;
const target = limit * Number(args.heapFill ?? 0);
// 1 MiB arrays of doubles live in the old (large-object) space; fill() touches them.
while (getHeapStatistics().used_heap_size < target) held.push(new Array(2 ** 17).fill(1.5));
const usage = process.memoryUsage();
console.log(`STEADY heapLimitBytes=${limit} heapUsedBytes=${usage.heapUsed} externalBytes=${usage.external + usage.arrayBuffers} rssBytes=${usage.rss}`);
setTimeout(() => held.length, Number(args.holdSeconds ?? 600) * 1000);
