import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { InputProblem, Skipped } from './result.js';

export interface InputFile {
  /** As shown to users: relative to cwd when inside it, using '/'. */
  path: string;
  absolutePath: string;
  /** Named on the command line (as opposed to found by walking a directory). */
  explicit: boolean;
  /** How to read it: Kubernetes manifests (YAML/JSON) or a Dockerfile; see `fileKind`. */
  kind: InputKind;
}

export type InputKind = 'manifest' | 'dockerfile';

export interface DiscoverOptions {
  cwd: string;
  /** The configuration's `ignore:` pattern that matches this path, if any. */
  ignored?: (absolutePath: string, isDirectory: boolean) => string | undefined;
}

export interface Discovery {
  files: InputFile[];
  problems: InputProblem[];
  skipped: Skipped[];
}

const MANIFEST_EXTENSION = /\.(ya?ml|json)$/i;
/**
 * `Dockerfile`, `Containerfile` (Podman/Buildah), their variants `Dockerfile.prod` and
 * `api.Dockerfile`, and the all-lowercase spellings `docker build` also accepts. Case-sensitive:
 * `DOCKERFILE` or `DockerFile` are not picked up by the tools either.
 */
// `Dockerfile-chroot`, `Dockerfile_dev` are common too (ingress-nginx ships one); without a dot,
// so `dockerfile-parser.js` stays a script.
const DOCKERFILE_NAME = /^(?:(?:Dockerfile|dockerfile|Containerfile|containerfile)(?:\..+|[-_][A-Za-z0-9_-]+)?|.+\.(?:Dockerfile|dockerfile|Containerfile|containerfile))$/;
/**
 * Names that match the Dockerfile patterns but are not Dockerfiles, skipped while walking:
 * BuildKit's per-Dockerfile ignore files (`Dockerfile.dockerignore`), editor and patch leftovers,
 * docs, and templates (`Dockerfile.j2` is Jinja, not Dockerfile syntax).
 */
const NOT_A_DOCKERFILE = /(?:\.(?:dockerignore|bak|orig|rej|swp|swo|tmp|md|txt|j2|jinja2?|tpl|tmpl|template|in|erb|mustache|hbs)|~)$/i;

/**
 * How to read a file, from its name: `*.yaml`/`*.yml`/`*.json` are manifests (even
 * `Dockerfile.yaml`), Dockerfile names are Dockerfiles. While walking, any other name is not an
 * input (undefined); a file named on the command line is read as a manifest unless named like a
 * Dockerfile (then even `Dockerfile.bak` is one: the user asked for it).
 */
export function fileKind(name: string, explicit = false): InputKind | undefined {
  if (MANIFEST_EXTENSION.test(name)) return 'manifest';
  if (DOCKERFILE_NAME.test(name) && (explicit || !NOT_A_DOCKERFILE.test(name))) return 'dockerfile';
  return explicit ? 'manifest' : undefined;
}

/** Never manifests, and often huge: walking them would only waste time. */
const IGNORED_DIRECTORIES = new Set(['node_modules', '.git']);

/** Byte-order comparison of the UTF-8 encodings, so the order is the same as `LC_ALL=C sort`. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** By path segment: `..foo/x.yaml` is a child named `..foo`, not a way out of `parent`. */
function isWithin(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** Turns a Node fs error into words a user can act on (never a stack trace). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ELOOP: 'too many levels of symbolic links (symlink loop)',
    EMFILE: 'too many open files',
    ENAMETOOLONG: 'file name too long',
    EIO: 'input/output error',
  };
  if (code !== undefined && words[code] !== undefined) return `${words[code]} (${code})`;
  if (code !== undefined) return code;
  return error instanceof Error ? error.message : String(error);
}

/** The kind of a non-regular file, in the words `ls -l`/`stat` users know. */
export function describeFileKind(stats: Stats | Dirent): string {
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'symlink';
  return 'unknown file type';
}

export async function discover(paths: string[], options: DiscoverOptions): Promise<Discovery> {
  const cwd = path.resolve(options.cwd);
  // rank: 0 named by the user, 1 found on disk, 2 found through a symlink. Of several paths to the
  // same real file the lowest rank is shown, so `base/x.yaml` wins over `overlays/prod/base/x.yaml`.
  const files: Array<InputFile & { realPath: string; rank: number }> = [];
  const problems: InputProblem[] = [];
  const skipped: Skipped[] = [];
  // Real paths of every directory walked in this call: a directory reached twice (two symlinks, or
  // `oomlint dir dir/sub`) is walked once, so symlink fan-out can't blow up the walk.
  const visited = new Set<string>();
  // Symlinks are followed only after every named path was walked on disk, for the same reason as rank.
  const pending: Array<{ link: string; name: string; realDir: string; ancestors: Set<string> }> = [];

  const display = (absolute: string): string => {
    const shown = isWithin(cwd, absolute) ? path.relative(cwd, absolute) || '.' : absolute;
    return shown.split(path.sep).join('/');
  };
  const problem = (code: InputProblem['code'], absolute: string, message: string): void => {
    problems.push({ code, file: display(absolute), line: 1, column: 1, message });
  };
  const notRegular = (absolute: string, kind: Stats | Dirent): void => {
    skipped.push({ file: display(absolute), reason: `not a regular file (${describeFileKind(kind)})` });
  };

  // `ancestors` holds the real paths of the directories on the current walk stack: reaching one of
  // them again is a loop, while reaching a directory visited on another branch is only a duplicate.
  const walk = async (dir: string, realDir: string, ancestors: Set<string>, rank: number): Promise<void> => {
    visited.add(realDir);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      problem('file-unreadable', dir, `cannot read directory: ${describeFsError(error)}`);
      return;
    }
    // Sorted so that which of two duplicate paths is kept never depends on the file system's order.
    entries.sort((a, b) => compareBytes(a.name, b.name));
    const inside = new Set(ancestors).add(realDir);
    for (const entry of entries) {
      const child = path.join(dir, entry.name);
      const kind = fileKind(entry.name);
      const wanted = kind !== undefined;
      // Ignored paths are skipped silently while walking, as ESLint does.
      if (options.ignored?.(child, entry.isDirectory())) continue;
      if (entry.isDirectory()) {
        const realChild = path.join(realDir, entry.name);
        if (!IGNORED_DIRECTORIES.has(entry.name) && !visited.has(realChild)) await walk(child, realChild, inside, rank);
      } else if (entry.isFile()) {
        if (kind) files.push({ path: display(child), absolutePath: child, explicit: false, kind, realPath: path.join(realDir, entry.name), rank });
      } else if (entry.isSymbolicLink()) {
        pending.push({ link: child, name: entry.name, realDir, ancestors: inside });
      } else if (wanted) {
        // FIFOs, sockets, devices: never opened (a FIFO would block us forever), only reported
        // when their name says they were meant to be read.
        notRegular(child, entry);
      }
    }
  };

  const followSymlink = async (link: string, name: string, realDir: string, ancestors: Set<string>): Promise<void> => {
    let target: Stats;
    let realTarget: string;
    try {
      target = await stat(link);
      realTarget = await realpath(link);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Not inputs the user named, so not errors: say why they were left out and carry on.
      if (code === 'ENOENT' || code === 'ENOTDIR') skipped.push({ file: display(link), reason: 'dangling symlink' });
      else if (code === 'ELOOP') skipped.push({ file: display(link), reason: 'symlink loop' });
      else problem('file-unreadable', link, `cannot follow symlink: ${describeFsError(error)}`);
      return;
    }
    if (options.ignored?.(link, target.isDirectory())) return;
    if (target.isDirectory()) {
      if (IGNORED_DIRECTORIES.has(name)) return;
      // A link to a directory that contains it (`up -> ..`) loops even when the walk began below it.
      if (ancestors.has(realTarget) || isWithin(realTarget, realDir)) skipped.push({ file: display(link), reason: 'symlink loop' });
      else if (!visited.has(realTarget)) await walk(link, realTarget, ancestors, 2);
    } else {
      const kind = fileKind(name);
      if (kind === undefined) return;
      if (target.isFile()) files.push({ path: display(link), absolutePath: link, explicit: false, kind, realPath: realTarget, rank: 2 });
      else notRegular(link, target);
    }
  };

  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    if (given === '') {
      problems.push({ code: 'path-not-found', file: given, line: 1, column: 1, message: 'empty path given' });
      continue;
    }
    let stats: Stats;
    try {
      stats = await stat(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        const isLink = await lstat(absolute).then((s) => s.isSymbolicLink(), () => false);
        const what = isLink ? 'broken symlink: its target does not exist' : 'path does not exist';
        problem('path-not-found', absolute, `${what}: ${given}`);
      } else {
        problem('file-unreadable', absolute, `cannot read ${given}: ${describeFsError(error)}`);
      }
      continue;
    }
    if (stats.isDirectory()) {
      let real: string;
      try {
        real = await realpath(absolute);
      } catch (error) {
        problem('file-unreadable', absolute, `cannot read directory: ${describeFsError(error)}`);
        continue;
      }
      if (!visited.has(real)) await walk(absolute, real, new Set(), 1);
    } else if (stats.isFile()) {
      // Named explicitly but ignored by the configuration: say so rather than lose it silently.
      const pattern = options.ignored?.(absolute, false);
      if (pattern) {
        skipped.push({ file: display(absolute), reason: `ignored by "${pattern}" in the configuration` });
        continue;
      }
      const real = await realpath(absolute).catch(() => absolute);
      const kind = fileKind(path.basename(absolute), true) ?? 'manifest';
      files.push({ path: display(absolute), absolutePath: absolute, explicit: true, kind, realPath: real, rank: 0 });
    } else {
      // Named explicitly, so the user expects it to be read: that it can't be is an error.
      problem('file-unreadable', absolute, `not a regular file (${describeFileKind(stats)}); oomlint reads only regular files`);
    }
  }

  // A queue, not recursion: links found while walking a link's target are followed in turn.
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    await followSymlink(next.link, next.name, next.realDir, next.ancestors);
  }

  // One entry per real file: the lowest rank, then the first in byte order.
  const byRealPath = new Map<string, (typeof files)[number]>();
  for (const file of files) {
    const kept = byRealPath.get(file.realPath);
    if (kept === undefined || file.rank < kept.rank || (file.rank === kept.rank && compareBytes(file.path, kept.path) < 0)) {
      byRealPath.set(file.realPath, file);
    }
  }
  const unique = [...byRealPath.values()]
    .map(({ path: shown, absolutePath, explicit, kind }) => ({ path: shown, absolutePath, explicit, kind }))
    .sort((a, b) => compareBytes(a.path, b.path));
  skipped.sort((a, b) => compareBytes(a.file, b.file));
  return { files: unique, problems, skipped };
}
