// @ts-check
/**
 * Preloaded into a measured process (`node --import <this file> …`): on exit, writes the
 * process's peak resident set size, in KiB (`process.resourceUsage().maxRSS`), to the file named
 * by OOMLINT_BENCH_RSS_FILE. Node's child_process gives no rusage, and this needs no dependency
 * and no `/usr/bin/time`. The 'exit' event also fires after `process.exit()`.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.OOMLINT_BENCH_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
