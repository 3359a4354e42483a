#!/usr/bin/env node
// Thin launcher: the CLI is compiled to lib/ by `npm run build` (run by `npm ci` via prepare).
import { main } from '../lib/src/cli.js';

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
