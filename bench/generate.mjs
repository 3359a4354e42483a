#!/usr/bin/env node
// @ts-check
/**
 * Writes the synthetic benchmark corpus: N Kubernetes objects (workloads and some LimitRanges)
 * spread over files of 1–25 documents, plus one Dockerfile per ~100 objects. The output is a pure
 * function of (objects, seed) — same bytes on every run — so timings are comparable over time.
 *
 *   node bench/generate.mjs --out <dir> [--objects 5000] [--seed 1]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { dockerfile } from './synthetic/dockerfile.mjs';
import { createRandom } from './synthetic/random.mjs';
import { limitRange, serviceName, workload } from './synthetic/workloads.mjs';

export const DEFAULT_OBJECTS = 5000;
export const DEFAULT_SEED = 1;
/** ≈ one LimitRange per 30 workloads: a namespace or two per team, as in real clusters. */
const LIMIT_RANGE_SHARE = 1 / 30;
const OBJECTS_PER_DOCKERFILE = 100;

/**
 * @typedef {object} CorpusSummary
 * @property {number} objects Kubernetes objects written
 * @property {number} files files written (manifests and Dockerfiles)
 * @property {number} bytes total size
 */

/**
 * @param {{ out: string, objects?: number, seed?: number }} options
 * @returns {CorpusSummary}
 */
export function generateCorpus({ out, objects = DEFAULT_OBJECTS, seed = DEFAULT_SEED }) {
  const random = createRandom(seed);
  let written = 0;
  let files = 0;
  let bytes = 0;
  /** @param {string} relative @param {string} text */
  const write = (relative, text) => {
    const file = path.join(out, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    files += 1;
    bytes += Buffer.byteLength(text);
  };
  while (written < objects) {
    // Most files hold one app (a few documents); some are big rendered charts, like real repos.
    const count = Math.min(objects - written, random.weighted([[30, random.int(1, 5)], [45, random.int(6, 14)], [25, random.int(15, 25)]]));
    const documents = [];
    for (let i = 0; i < count; i++) {
      const index = written + i;
      const object = random.chance(LIMIT_RANGE_SHARE) ? limitRange(random, index) : workload(random, index);
      const header = `# Source: ${String(object.kind).toLowerCase()}s/templates/${index}.yaml\n`;
      documents.push(header + YAML.stringify(object, { lineWidth: 0, aliasDuplicateObjects: false }));
    }
    const team = `team-${files % 8}`;
    write(path.join(team, `manifests-${String(files).padStart(5, '0')}.${random.chance(0.2) ? 'yml' : 'yaml'}`), documents.join('---\n'));
    const before = Math.floor(written / OBJECTS_PER_DOCKERFILE);
    written += count;
    for (let d = before; d < Math.floor(written / OBJECTS_PER_DOCKERFILE); d++) {
      const service = serviceName(random, d);
      write(path.join(team, 'images', service, 'Dockerfile'), dockerfile(random, service));
    }
  }
  return { objects: written, files, bytes };
}

function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      objects: { type: 'string', default: String(DEFAULT_OBJECTS) },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
    },
  });
  if (!values.out) {
    process.stderr.write('usage: node bench/generate.mjs --out <dir> [--objects N] [--seed S]\n');
    process.exitCode = 2;
    return;
  }
  const summary = generateCorpus({ out: values.out, objects: Number(values.objects), seed: Number(values.seed) });
  process.stdout.write(`${summary.objects} objects, ${summary.files} files, ${(summary.bytes / 1e6).toFixed(1)} MB in ${values.out}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
