#!/usr/bin/env node
// @ts-check
/**
 * Baseline (a) of the benchmark: the least any YAML linter must do — read every manifest under
 * a folder and turn each document into plain JavaScript with `yaml`, the parser oomlint uses.
 * Dockerfiles are not read: there is no YAML in them. Run as its own process, like oomlint, so
 * both timings include Node's start and the file reading.
 *
 *   node bench/parse-all.mjs <dir>
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const MANIFEST = /\.(ya?ml|json)$/i;

/** @param {string} dir @returns {string[]} */
function manifests(dir) {
  /** @type {string[]} */
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...manifests(full));
    else if (entry.isFile() && MANIFEST.test(entry.name)) found.push(full);
  }
  return found;
}

const root = process.argv[2];
if (!root) {
  process.stderr.write('usage: node bench/parse-all.mjs <dir>\n');
  process.exit(2);
}
let documents = 0;
for (const file of manifests(root)) {
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    // Keep the result reachable until the next document, so the work cannot be optimised away.
    if (doc.toJS() !== undefined) documents += 1;
  }
}
process.stdout.write(`${documents} documents\n`);
