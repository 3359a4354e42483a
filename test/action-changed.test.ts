/**
 * only-changed: a real git repository with a pull request's base and head, the event payload the
 * runner writes, and the bundled action deciding what to lint from `git diff base...head`.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { changedFiles } from '../src/action/changed-files.js';
import { runAction, workspace } from './action-runner.js';

const NO_LIMIT = (name: string): string => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n    - name: c\n      resources: {requests: {memory: 64Mi}}\n`;
const CLEAN = 'apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec:\n  containers:\n    - name: c\n      resources: {requests: {memory: 256Mi, cpu: 100m}, limits: {memory: 512Mi}}\n';
const TIGHT = CLEAN.replace('limits: {memory: 512Mi}', 'limits: {memory: 256Mi}');

/** `::level file=…` heads of the annotations: which files were linted, at which level. */
const heads = (commands: string[]): string[] => commands.map((c) => c.slice(0, c.indexOf(',')));

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=oomlint test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
}

function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

let dir: string;
let base: string;
let head: string;
let docsOnly: string;

function event(payload: object, name = 'pull_request'): Record<string, string> {
  const path = join(dir, '..', `${name}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(payload));
  return { GITHUB_EVENT_PATH: path, GITHUB_EVENT_NAME: name };
}
const pullRequest = (baseSha: string, headSha: string) => event({ pull_request: { number: 7, base: { sha: baseSha }, head: { sha: headSha } } });

beforeAll(() => {
  dir = workspace({
    'k8s/old.yaml': NO_LIMIT('old'),
    'k8s/keep.yaml': CLEAN,
    'k8s/gone.yaml': NO_LIMIT('gone'),
    'README.md': '# deploy\n',
  });
  git(dir, 'init', '-q', '-b', 'main');
  commitAll(dir, 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(dir, 'k8s', 'new.yaml'), NO_LIMIT('new'));
  writeFileSync(join(dir, 'k8s', 'keep.yaml'), TIGHT);
  writeFileSync(join(dir, 'k8s', 'NOTES.md'), 'not a manifest\n');
  writeFileSync(join(dir, 'outside.yaml'), NO_LIMIT('outside'));
  rmSync(join(dir, 'k8s', 'gone.yaml'));
  head = commitAll(dir, 'the pull request');
  // main moves on after the branch point: three dots leave its change out, as GitHub's diff does.
  git(dir, 'checkout', '-q', 'main');
  writeFileSync(join(dir, 'k8s', 'old.yaml'), NO_LIMIT('old-changed-on-main'));
  base = commitAll(dir, 'main moves on');
  git(dir, 'checkout', '-q', '-b', 'docs', base);
  writeFileSync(join(dir, 'README.md'), '# deploy, documented\n');
  docsOnly = commitAll(dir, 'docs only');
  git(dir, 'checkout', '-q', head);
});

describe('only-changed on a pull request', () => {
  it('lints only the manifests the pull request adds or modifies under paths, never deleted or other files', () => {
    const run = runAction(dir, { paths: 'k8s', 'only-changed': 'true' }, pullRequest(base, head));
    expect(run.stderr).toBe('');
    expect(heads(run.commands)).toEqual(['::warning file=k8s/keep.yaml', '::error file=k8s/new.yaml']);
    expect(run.code).toBe(1);
    expect(run.summary).toContain(
      `\nonly-changed: only the 2 files the pull request (${base.slice(0, 7)}...${head.slice(0, 7)}) changes under the given paths were linted.\n`,
    );
    expect(run.summary).toContain('**1 error, 1 warning, 0 info** in 2 files, 2 objects, 2 containers.');
  });

  it('paths outside the given ones are left out; with paths . the changed file at the root is linted too', () => {
    const run = runAction(dir, { 'only-changed': 'true' }, pullRequest(base, head));
    expect(heads(run.commands)).toEqual(['::warning file=k8s/keep.yaml', '::error file=k8s/new.yaml', '::error file=outside.yaml']);
  });

  it('with working-directory, git lists changes below it and annotations still name files from the root', () => {
    const run = runAction(dir, { 'working-directory': 'k8s', 'only-changed': 'true' }, pullRequest(base, head));
    expect(heads(run.commands)).toEqual(['::warning file=k8s/keep.yaml', '::error file=k8s/new.yaml']);
  });

  it('a pull request that changes no manifest lints nothing and passes, and says so', () => {
    git(dir, 'checkout', '-q', docsOnly);
    try {
      const run = runAction(dir, { 'only-changed': 'true' }, pullRequest(base, docsOnly));
      expect(run.code).toBe(0);
      expect(run.commands).toEqual([]);
      expect(run.outputs).toEqual({ findings: '0', errors: '0', 'sarif-file': '' });
      expect(run.summary).toContain(`only-changed: the pull request (${base.slice(0, 7)}...${docsOnly.slice(0, 7)}) changes no manifest or Dockerfile under the given paths, so nothing was linted.`);
    } finally {
      git(dir, 'checkout', '-q', head);
    }
  });

  it('commits missing from the checkout (a shallow clone) are a setup error that names the fix', () => {
    const run = runAction(dir, { 'only-changed': 'true' }, pullRequest('f'.repeat(40), head));
    expect(run.code).toBe(2);
    expect(run.commands).toHaveLength(1);
    expect(run.commands[0]).toMatch(
      new RegExp(`^::error title=oomlint::cannot list the files changed by the pull request \\(git diff f{40}\\.\\.\\.${head}\\): .+; both commits must be in the checkout: use actions/checkout with fetch-depth: 0$`),
    );
  });

  it('a payload whose SHAs are not commit ids never reaches git', () => {
    const run = runAction(dir, { 'only-changed': 'true' }, pullRequest('--output=/tmp/x', head));
    expect(run.code).toBe(2);
    expect(run.commands).toEqual(['::error title=oomlint::the pull request payload has no valid base.sha and head.sha']);
  });

  it('on another event, every path is linted, with a notice saying why', () => {
    const run = runAction(dir, { paths: 'k8s', 'only-changed': 'true' }, event({ after: head }, 'push'));
    expect(run.commands[0]).toBe('::notice title=oomlint::only-changed: the push event is not a pull request, so every path is linted');
    expect(heads(run.commands.slice(1))).toEqual(['::warning file=k8s/keep.yaml', '::error file=k8s/new.yaml', '::error file=k8s/old.yaml']);
  });

  it('is off by default: everything under paths is linted', () => {
    const run = runAction(dir, { paths: 'k8s' }, pullRequest(base, head));
    expect(heads(run.commands)).toEqual(['::warning file=k8s/keep.yaml', '::error file=k8s/new.yaml', '::error file=k8s/old.yaml']);
  });
});

describe('changedFiles() filtering', () => {
  it('keeps what a walk of paths would read: manifests and Dockerfiles that exist, outside node_modules and .git', () => {
    const root = workspace({
      'k8s/a.yaml': CLEAN,
      'k8s/Dockerfile': 'FROM scratch\n',
      'k8s/Dockerfile.md': '# notes\n',
      'k8s/node_modules/x.yaml': CLEAN,
      'k8s/values.json': '{}',
      'docs/b.yml': CLEAN,
    });
    const listed = ['k8s/a.yaml', 'k8s/Dockerfile', 'k8s/Dockerfile.md', 'k8s/node_modules/x.yaml', 'k8s/values.json', 'docs/b.yml', 'k8s/missing.yaml', ''];
    const calls: Array<[string[], string]> = [];
    const fakeGit = (args: string[], cwd: string): string => {
      calls.push([args, cwd]);
      return listed.join('\0');
    };
    const sha = 'a'.repeat(40);
    const env = event({ pull_request: { base: { sha }, head: { sha: 'b'.repeat(40) } } });
    expect(changedFiles(env, root, ['k8s'], fakeGit)).toEqual({ ok: true, files: ['k8s/a.yaml', 'k8s/Dockerfile', 'k8s/values.json'], range: `${sha}...${'b'.repeat(40)}` });
    expect(calls).toEqual([[['diff', '--name-only', '-z', '--diff-filter=d', '--relative', `${sha}...${'b'.repeat(40)}`, '--'], root]]);
  });
});
