/** The YAML and JSON files of the corpora and examples, for the prescan and skip-parity tests. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SHARED = join(ROOT, '..', 'shared', 'corpus');

export const CORPUS_DIRS = {
  real: join(SHARED, 'real'),
  peers: join(SHARED, 'peers'),
  examples: join(ROOT, 'examples'),
};

/** Every *.yaml, *.yml, *.json and *.golden (linkerd's rendered manifests) under `dir`. */
export function manifestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...manifestFiles(path));
    else if (/\.(ya?ml|json|golden)$/.test(name)) out.push(path);
  }
  return out;
}

export function allManifests(): Array<{ path: string; text: string }> {
  return Object.values(CORPUS_DIRS)
    .flatMap(manifestFiles)
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}
