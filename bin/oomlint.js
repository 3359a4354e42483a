#!/usr/bin/env node
// Thin launcher for the bundled CLI: dist/oomlint.js is src/cli.ts and all its dependencies in one
// committed file (scripts/build-cli.mjs), so a run loads one module instead of ~150.
import { main } from '../dist/oomlint.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // Only a bug in oomlint gets here; say so plainly, without a stack trace unless asked.
    process.stderr.write(`oomlint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.OOMLINT_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    process.exitCode = 2;
  },
);
