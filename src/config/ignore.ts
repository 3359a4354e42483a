/**
 * Which paths the configuration's `ignore:` globs exclude. A pattern that matches a directory
 * excludes everything below it (as in .gitignore), so discovery may skip the whole directory.
 * Patterns are relative to the configuration file's directory; a path outside it is never ignored.
 */
import path from 'node:path';
import type { Glob } from './glob.js';

export interface IgnoreSettings {
  /** The configuration file's directory (absolute); undefined when there is no file. */
  directory?: string;
  ignore: readonly Glob[];
}

/**
 * The pattern that excludes `absolutePath` (as written in the configuration), or undefined.
 * `isDirectory` says the path itself is a directory (discovery pruning a walk), so that patterns
 * written with a trailing `/` can match it too.
 */
export function ignoredBy(config: IgnoreSettings, absolutePath: string, isDirectory = false): string | undefined {
  if (config.directory === undefined || config.ignore.length === 0) return undefined;
  const relative = path.relative(config.directory, absolutePath);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  const segments = relative.split(path.sep);
  for (let n = 1; n <= segments.length; n++) {
    const candidate = segments.slice(0, n).join('/');
    // Every proper prefix is a directory; the path itself is one only when the caller says so.
    const directory = n < segments.length || isDirectory;
    const glob = config.ignore.find((g) => (directory || !g.directoryOnly) && g.regex.test(candidate));
    if (glob) return glob.pattern;
  }
  return undefined;
}

export function isIgnored(config: IgnoreSettings, absolutePath: string, isDirectory = false): boolean {
  return ignoredBy(config, absolutePath, isDirectory) !== undefined;
}
