// @ts-check
/**
 * Size and fingerprint of a corpus folder, so a report names exactly what was measured and two
 * generations of the synthetic corpus can be compared byte for byte.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Regular files under `dir`, as '/'-separated relative paths sorted by code unit (not by locale),
 * so the order — and therefore the hash — is the same on every machine. Symlinks are skipped.
 * @param {string} dir
 * @returns {string[]}
 */
export function listFiles(dir) {
  /** @type {string[]} */
  const found = [];
  /** @param {string} relative */
  const walk = (relative) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  walk('');
  return found.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/**
 * @param {string} dir
 * @returns {{ files: number, bytes: number, sha256: string }}
 */
export function summarizeTree(dir) {
  const hash = createHash('sha256');
  const files = listFiles(dir);
  let bytes = 0;
  for (const relative of files) {
    const content = readFileSync(path.join(dir, relative));
    bytes += content.length;
    // Path and length are framed so that moving bytes between a name and a file, or from one
    // file to the next, changes the hash.
    hash.update(`${relative}\0${content.length}\0`);
    hash.update(content);
  }
  return { files: files.length, bytes, sha256: hash.digest('hex') };
}

/** Total size of the regular files under `dir`, without reading them. @param {string} dir */
export function treeBytes(dir) {
  return listFiles(dir).reduce((total, relative) => total + statSync(path.join(dir, relative)).size, 0);
}
