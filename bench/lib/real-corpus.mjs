// @ts-check
/**
 * The real-world corpus: the shared manifests and Dockerfiles, unmodified, copied as often as it
 * takes to reach a size where per-byte costs dominate Node's start-up (issue 6 asks for ≥ 8 MB).
 * Whole copies rather than a partial one keep the mix of files the same at every size.
 */
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { treeBytes } from './tree.mjs';

/**
 * Writes `out/copy-1/`, `out/copy-2/` … until the copies hold at least `minBytes`.
 * @param {{ source: string, out: string, minBytes: number }} options
 * @returns {{ copies: number, bytes: number }}
 */
export function buildRealCorpus({ source, out, minBytes }) {
  if (!existsSync(source)) throw new Error(`real-world corpus not found: ${source}`);
  const sourceBytes = treeBytes(source);
  // An empty source would never reach minBytes.
  if (sourceBytes === 0) throw new Error(`real-world corpus is empty: ${source}`);
  let copies = 0;
  let bytes = 0;
  do {
    copies += 1;
    cpSync(source, path.join(out, `copy-${copies}`), { recursive: true });
    bytes += sourceBytes;
  } while (bytes < minBytes);
  return { copies, bytes };
}
