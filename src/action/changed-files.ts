/**
 * `only-changed: true`: the files a pull request changes, from the event payload's base and head
 * commits and `git diff base...head` (the three dots compare head with the merge base, which is
 * what the pull request's "Files changed" tab shows). The action runs git; oomlint itself never does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileKind } from '../discover.js';

export type ChangedFiles =
  /** Paths relative to the working directory, in git's order; may be empty. */
  | { ok: true; files: string[]; range: string }
  /** Not a pull request (or no payload): everything is linted, and `reason` says why. */
  | { ok: true; files: undefined; reason: string }
  | { ok: false; error: string };

type Env = Readonly<Record<string, string | undefined>>;
export type Git = (args: string[], cwd: string) => string;

const runGit: Git = (args, cwd) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });

// A commit id (SHA-1, or SHA-256 repositories); anything else never reaches git's command line.
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i;

interface PullRequestPayload {
  pull_request?: { base?: { sha?: unknown }; head?: { sha?: unknown } };
}

/**
 * The changed files under the working directory that oomlint would read while walking `paths`
 * (manifests and Dockerfiles by name, outside node_modules and .git); deleted files are left out.
 */
export function changedFiles(env: Env, workingDirectory: string, paths: readonly string[], git: Git = runGit): ChangedFiles {
  const eventPath = env.GITHUB_EVENT_PATH;
  if (!eventPath) return { ok: true, files: undefined, reason: 'no event payload (GITHUB_EVENT_PATH is not set)' };
  let payload: PullRequestPayload;
  try {
    payload = JSON.parse(readFileSync(eventPath, 'utf8')) as PullRequestPayload;
  } catch (error) {
    return { ok: false, error: `cannot read the event payload ${eventPath}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const base = payload.pull_request?.base?.sha;
  const head = payload.pull_request?.head?.sha;
  if (payload.pull_request === undefined) {
    return { ok: true, files: undefined, reason: `the ${env.GITHUB_EVENT_NAME ?? 'triggering'} event is not a pull request` };
  }
  if (typeof base !== 'string' || typeof head !== 'string' || !SHA.test(base) || !SHA.test(head)) {
    return { ok: false, error: 'the pull request payload has no valid base.sha and head.sha' };
  }
  const range = `${base}...${head}`;
  let output: string;
  try {
    // -z: names verbatim (no quoting of unusual characters); --relative: only changes below the
    // working directory, named relative to it, as lint() takes them; --diff-filter=d: not deleted.
    output = git(['diff', '--name-only', '-z', '--diff-filter=d', '--relative', range, '--'], workingDirectory);
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    const why = (typeof stderr === 'string' && stderr.trim() !== '' ? stderr.trim() : error instanceof Error ? error.message : String(error)).split('\n')[0];
    return {
      ok: false,
      error: `cannot list the files changed by the pull request (git diff ${range}): ${why}; both commits must be in the checkout: use actions/checkout with fetch-depth: 0`,
    };
  }
  const roots = paths.map((p) => resolve(workingDirectory, p));
  const files = output
    .split('\0')
    .filter((file) => file !== '')
    .filter((file) => {
      const absolute = resolve(workingDirectory, file);
      const segments = file.split('/');
      return (
        fileKind(basename(file)) !== undefined &&
        !segments.includes('node_modules') &&
        !segments.includes('.git') &&
        roots.some((root) => isWithin(root, absolute)) &&
        existsSync(absolute)
      );
    });
  return { ok: true, files, range };
}

function isWithin(parent: string, child: string): boolean {
  const path = relative(parent, child);
  return path === '' || (path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path));
}
