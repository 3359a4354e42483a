/** oomlint's own version, read from package.json once (lib/src/*.js and src/*.ts sit at different depths below it). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedVersion: string | undefined;

export function packageVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  cachedVersion = 'unknown';
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'oomlint' && pkg.version) {
        cachedVersion = pkg.version;
        break;
      }
    } catch {
      // not here; keep walking up
    }
  }
  return cachedVersion;
}
