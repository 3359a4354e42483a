#!/usr/bin/env node
/**
 * Bundles the command line (src/cli.ts and everything it imports, dependencies included) into one
 * committed file, dist/oomlint.js, which bin/oomlint.js runs. One file because a cold start is
 * mostly module loading: Node resolving, reading and compiling ~150 modules took longer than
 * linting a small manifest. test/cli-bundle.test.ts rebuilds with these same options and fails
 * when the committed file differs.
 *
 * Same esbuild options as the Action's bundle (bundleOptions in ./build-action.mjs).
 *
 * Usage: node scripts/build-cli.mjs [--outfile <path>]   (default: dist/oomlint.js)
 *        npm run bundle   rebuilds both bundles
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFromCommandLine, bundleOptions } from './build-action.mjs';

/** @param {string} outfile @returns {import('esbuild').BuildOptions} */
export function cliBuildOptions(outfile) {
  return bundleOptions({ entryPoint: 'src/cli.ts', outfile, script: 'scripts/build-cli.mjs' });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildFromCommandLine('dist/oomlint.js', cliBuildOptions);
}
