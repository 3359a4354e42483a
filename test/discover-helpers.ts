/** The temp-directory fixture shared by discover.test.ts and discover-links.test.ts. A helper module, not a test file. */
import { chmod, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { discover } from '../src/discover.js';

/** The test's temp directory, fresh for each test once `useTempRoot()` is called at the top of a test file. */
export let root: string;

export function useTempRoot(): void {
  beforeEach(async () => {
    // realpath: on macOS the temp dir is behind a symlink, which would make every path "outside" cwd.
    root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'oomlint-discover-')));
  });

  afterEach(async () => {
    await chmod(path.join(root, 'locked'), 0o755).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  });
}

export async function touch(relative: string, content = 'kind: ConfigMap\n'): Promise<string> {
  const absolute = path.join(root, relative);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, content);
  return absolute;
}

export async function run(...paths: string[]) {
  return discover(paths, { cwd: root });
}

export const paths = (result: Awaited<ReturnType<typeof run>>) => result.files.map((file) => file.path);
