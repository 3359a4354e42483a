/**
 * `.pre-commit-hooks.yaml` as users meet it: the real `pre-commit` (Debian package `pre-commit`;
 * `.ci/run` installs it) installs this checkout as a hook repository and runs it on a temporary
 * git repository. Skipped, with the reason, where `pre-commit` is not on PATH.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fileKind } from '../src/discover.js';

const ROOT = join(import.meta.dirname, '..');
const HOOKS_FILE = join(ROOT, '.pre-commit-hooks.yaml');

function available(command: string): boolean {
  return spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0;
}
const HAS_PRE_COMMIT = available('pre-commit');
const NO_PRE_COMMIT = 'pre-commit is not on PATH (apt-get install pre-commit; .ci/run installs it)';
const HAS_PYTHON = available('python3');

/**
 * The environment of a developer's shell: none of the variables `npm test` or an enclosing git
 * hook set (they describe this project, not the temporary one), a fixed git identity, no user
 * or system git configuration (commit signing or hooks there would change the outcome).
 */
function shellEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^GIT_/.test(key) || (/^npm_/i.test(key) && !/^npm_config_/i.test(key)) || /^npm_config_local_prefix$/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    PRE_COMMIT_HOME: join(home, 'pre-commit-cache'),
    GIT_CONFIG_GLOBAL: join(home, 'gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'oomlint test',
    GIT_AUTHOR_EMAIL: 'test@oomlint.invalid',
    GIT_COMMITTER_NAME: 'oomlint test',
    GIT_COMMITTER_EMAIL: 'test@oomlint.invalid',
    NO_COLOR: '1',
  };
}

let home = '';
let env: NodeJS.ProcessEnv = {};
let project = '';

function exec(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}
function git(args: string[], cwd: string): string {
  const { code, output } = exec('git', args, cwd);
  if (code !== 0) throw new Error(`git ${args.join(' ')} exited ${code}: ${output}`);
  return output.trim();
}
function write(file: string, text: string): void {
  mkdirSync(dirname(join(project, file)), { recursive: true });
  writeFileSync(join(project, file), text);
}

/**
 * pre-commit clones the hook repository at `rev`, so the working tree (with whatever is not
 * committed yet, untracked files included) becomes one commit of a throw-away repository.
 */
function snapshotHookRepository(into: string): string {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed in ${ROOT}: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    // A tracked file deleted in the working tree is not part of the checkout being tested.
    if (!existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(into, file)), { recursive: true });
    cpSync(join(ROOT, file), join(into, file));
  }
  git(['init', '-q'], into);
  git(['add', '-A'], into);
  git(['commit', '-q', '--no-verify', '-m', 'snapshot of the oomlint working tree'], into);
  return git(['rev-parse', 'HEAD'], into);
}

const POD = (resources: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      resources:
${resources}`;
const NO_LIMIT = POD('        requests:\n          memory: 128Mi\n');
const WITH_LIMIT = POD('        requests:\n          memory: 128Mi\n        limits:\n          memory: 192Mi\n');

describe('pre-commit hook', { timeout: 120_000 }, () => {
  beforeAll(() => {
    if (!HAS_PRE_COMMIT) return;
    home = mkdtempSync(join(tmpdir(), 'oomlint-pre-commit-'));
    writeFileSync(join(home, 'gitconfig'), '');
    env = shellEnv(home);
    const hookRepo = join(home, 'hook-repo');
    mkdirSync(hookRepo);
    const rev = snapshotHookRepository(hookRepo);
    project = join(home, 'project');
    mkdirSync(project);
    git(['init', '-q'], project);
    write('.pre-commit-config.yaml', `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: oomlint\n`);
    write('README.md', 'a repository with manifests\n');
    git(['add', '-A'], project);
    git(['commit', '-q', '--no-verify', '-m', 'initial'], project);
    // Installs the hook environment once (npm install, npm pack, npm install -g: tens of seconds
    // with a warm npm cache, minutes with a cold one); every test below reuses it.
    const install = exec('pre-commit', ['install-hooks'], project);
    if (install.code !== 0) throw new Error(`pre-commit install-hooks exited ${install.code}:\n${install.output}`);
  }, 600_000);

  afterAll(() => {
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('uses the system Node, so no Node download is needed', (ctx) => {
    ctx.skip(!HAS_PRE_COMMIT, NO_PRE_COMMIT);
    const cache = join(home, 'pre-commit-cache');
    const environments = readdirSync(cache, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => readdirSync(join(cache, entry.name)).filter((name) => name.startsWith('node_env')));
    expect(environments).toEqual(['node_env-system']);
  });

  it('fails on a manifest without a memory limit, naming the rule and file:line:column', (ctx) => {
    ctx.skip(!HAS_PRE_COMMIT, NO_PRE_COMMIT);
    write('k8s/pod.yaml', NO_LIMIT);
    git(['add', 'k8s/pod.yaml'], project);
    const { code, output } = exec('pre-commit', ['run', '--files', 'k8s/pod.yaml'], project);
    expect(output).toMatch(/^oomlint\.+Failed$/m);
    expect(output).toContain('- exit code: 1');
    expect(output).toMatch(/k8s\/pod\.yaml:9:7 {2}Pod web: container "web" has no memory limit.* {2}memory-limit-missing$/m);
    expect(code).toBe(1);
  });

  it('passes a manifest with a memory limit', (ctx) => {
    ctx.skip(!HAS_PRE_COMMIT, NO_PRE_COMMIT);
    write('k8s/good.yaml', WITH_LIMIT);
    git(['add', 'k8s/good.yaml'], project);
    const { code, output } = exec('pre-commit', ['run', '--files', 'k8s/good.yaml'], project);
    expect(output).toMatch(/^oomlint\.+Passed$/m);
    expect(code).toBe(0);
  });

  it('lints Dockerfiles by name (a Containerfile, which identify does not tag)', (ctx) => {
    ctx.skip(!HAS_PRE_COMMIT, NO_PRE_COMMIT);
    // Line 3, column 21: the -Xmx1.5g HotSpot refuses (jvm-flag-invalid).
    write('images/api/Containerfile', [
      'FROM eclipse-temurin:21-jre',
      'COPY app.jar /app.jar',
      'ENTRYPOINT ["java", "-Xmx1.5g", "-jar", "/app.jar"]',
      '',
    ].join('\n'));
    git(['add', 'images/api/Containerfile'], project);
    const { code, output } = exec('pre-commit', ['run', '--files', 'images/api/Containerfile'], project);
    expect(output).toMatch(
      /images\/api\/Containerfile:3:21 {2}Dockerfile images\/api\/Containerfile: the image starts java with -Xmx1\.5g.* {2}jvm-flag-invalid$/m,
    );
    expect(code).toBe(1);
  });

  it('does not pass files oomlint would not read (they would be input errors, exit 2)', (ctx) => {
    ctx.skip(!HAS_PRE_COMMIT, NO_PRE_COMMIT);
    // Neither is valid input (a YAML syntax error, a Dockerfile without FROM): if the hook received
    // them, oomlint would report input errors, exit 2, and the hook would fail.
    write('notes.toml', '{ not: closed\n');
    write('images/api/Dockerfile.j2', '{ not: closed\n');
    write('k8s/also-good.yaml', WITH_LIMIT);
    const files = ['notes.toml', 'images/api/Dockerfile.j2', 'k8s/also-good.yaml'];
    git(['add', ...files], project);
    const { code, output } = exec('pre-commit', ['run', '--files', ...files], project);
    expect(output).toMatch(/^oomlint\.+Passed$/m);
    expect(code).toBe(0);
    const alone = exec('pre-commit', ['run', '--files', 'notes.toml', 'images/api/Dockerfile.j2'], project);
    expect(alone.output).toMatch(/^oomlint\.+\(no files to check\)Skipped$/m);
  });

  it('blocks `git commit` of a bad manifest and lets the fixed one through', (ctx) => {
    ctx.skip(!HAS_PRE_COMMIT, NO_PRE_COMMIT);
    git(['reset', '-q'], project);
    expect(exec('pre-commit', ['install'], project).code).toBe(0);
    const before = git(['rev-parse', 'HEAD'], project);
    write('deploy/web.yaml', NO_LIMIT);
    git(['add', 'deploy/web.yaml'], project);
    const rejected = exec('git', ['commit', '-m', 'add web'], project);
    expect(rejected.output).toMatch(/deploy\/web\.yaml:9:7 .* {2}memory-limit-missing$/m);
    expect(rejected.code).toBe(1);
    expect(git(['rev-parse', 'HEAD'], project)).toBe(before);

    write('deploy/web.yaml', WITH_LIMIT);
    git(['add', 'deploy/web.yaml'], project);
    const accepted = exec('git', ['commit', '-m', 'add web'], project);
    expect(accepted.output).toMatch(/^oomlint\.+Passed$/m);
    expect(accepted.code).toBe(0);
    expect(git(['show', '--name-only', '--format=', 'HEAD'], project)).toBe('deploy/web.yaml');
  });
});

/**
 * The hook's `files` pattern must select what `oomlint <dir>` reads while walking. pre-commit
 * applies it with Python's `re.search` to the path from the repository root, so Python checks it.
 */
describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(HOOKS_FILE, 'utf8')) as Array<Record<string, unknown>>;
  const hook = hooks.find((entry) => entry.id === 'oomlint');

  it('declares the oomlint hook as the issue asks', () => {
    expect(hooks).toHaveLength(1);
    expect(hook).toMatchObject({ id: 'oomlint', entry: 'oomlint', language: 'node', pass_filenames: true, types: ['file'] });
  });

  const paths = [
    'a.yaml', 'deploy/b.yml', 'c.json', 'UPPER/D.YAML', 'chart/values.Json', 'Dockerfile.yaml',
    'Dockerfile', 'dockerfile', 'svc/Dockerfile.prod', 'svc/api.Dockerfile', 'Containerfile', 'x/containerfile.dev',
    'rootfs/Dockerfile-chroot', 'tools/dockerfile-parser.js', 'svc/Dockerfile.dockerignore', 'Dockerfile.j2', 'Dockerfile.BAK', 'Dockerfile~', 'api.Dockerfile.md',
    'DockerFile', 'DOCKERFILE', 'Dockerfile/x', 'README.md', 'a.yaml.orig', 'values.toml', 'x.yamlx', 'Makefile',
  ];

  it('selects exactly the files oomlint picks up in a folder', (ctx) => {
    ctx.skip(!HAS_PYTHON, 'python3 is not on PATH (pre-commit needs it, so CI has it)');
    const script = [
      'import json, re, sys',
      'd = json.load(sys.stdin)',
      'r = re.compile(d["files"])',
      'print(json.dumps([bool(r.search(p)) for p in d["paths"]]))',
    ].join('\n');
    const result = spawnSync('python3', ['-c', script], { input: JSON.stringify({ files: hook?.files, paths }), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const selected = paths.filter((_, index) => (JSON.parse(result.stdout) as boolean[])[index]);
    expect(selected).toEqual(paths.filter((path) => fileKind(basename(path)) !== undefined));
    // And not by accident: the names the README promises, and none of the look-alikes.
    expect(selected).toEqual([
      'a.yaml', 'deploy/b.yml', 'c.json', 'UPPER/D.YAML', 'chart/values.Json', 'Dockerfile.yaml',
      'Dockerfile', 'dockerfile', 'svc/Dockerfile.prod', 'svc/api.Dockerfile', 'Containerfile', 'x/containerfile.dev',
      'rootfs/Dockerfile-chroot',
    ]);
  });
});
