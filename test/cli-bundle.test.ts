/**
 * The CLI as shipped: bin/oomlint.js runs dist/oomlint.js, one committed file holding src/cli.ts
 * and every dependency. The file must be what scripts/build-cli.mjs builds from the current
 * sources, must need nothing but Node (no node_modules), must behave exactly as the sources do, and
 * must leave the costly parts (the stylish formatter, ajv) uninitialised on runs that do not use them.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { loadReporterFor } from '../src/report/index.js';
import { stylish } from '../src/report/stylish.js';
import type { LintResult } from '../src/result.js';
import * as fx from './report-results.js';

const ROOT = join(import.meta.dirname, '..');
const BUNDLE = join(ROOT, 'dist', 'oomlint.js');
const BIN = join(ROOT, 'bin', 'oomlint.js');

const NO_LIMIT = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: eclipse-temurin:21\n      env: [{name: JAVA_TOOL_OPTIONS, value: "-Xmx600m"}]\n      resources: {requests: {memory: 64Mi}}\n';
const CLEAN = 'apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec:\n  containers:\n    - name: c\n      resources: {requests: {memory: 256Mi, cpu: 100m}, limits: {memory: 512Mi}}\n';
const DOCKERFILE = 'FROM eclipse-temurin:21\nENV JAVA_TOOL_OPTIONS="-Xmx2g"\n';
// Sets a rule's severity and an option, so the run goes through ajv and the schema.
const CONFIG = 'failOn: warning\nrules:\n  memory-request-missing: info\n  memory-no-headroom: {options: {minRatio: 1.3}}\n';

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oomlint-cli-bundle-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

// The colour is the command line's business here, not the environment's (vitest sets FORCE_COLOR).
const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, ...ENV } = process.env;

function node(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: ENV });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The CLI from the sources, in this process, as users would see it in a pipe. */
async function fromSources(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), readStdin: async () => new Uint8Array(), env: {}, isTTY: false, cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('dist/oomlint.js', () => {
  it('is what scripts/build-cli.mjs builds from the current sources (else run `npm run bundle` and commit it)', () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'oomlint-bundle-')), 'oomlint.js');
    const build = node([join(ROOT, 'scripts', 'build-cli.mjs'), '--outfile', outfile], ROOT);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    // Compared as a boolean first: a 1 MB string diff would drown the message.
    expect(readFileSync(outfile, 'utf8') === readFileSync(BUNDLE, 'utf8'), 'dist/oomlint.js is stale: run `npm run bundle` and commit dist/').toBe(true);
  });

  it('holds no absolute path of the machine that built it', () => {
    expect(readFileSync(BUNDLE, 'utf8')).not.toContain(ROOT);
  });

  it('imports and requires nothing but Node built-ins', () => {
    const text = readFileSync(BUNDLE, 'utf8');
    const specifiers = [
      ...[...text.matchAll(/^import\s[^'"]*?\sfrom\s+["']([^"']+)["'];?$/gm)].map((m) => m[1]),
      ...[...text.matchAll(/\b__require\(["']([^"']+)["']\)/g)].map((m) => m[1]),
    ];
    expect(specifiers.length).toBeGreaterThan(5);
    expect(specifiers.filter((s) => !isBuiltin(s ?? ''))).toEqual([]);
    // No dynamic import() of a package either: every import() in the bundle was inlined.
    expect(text.match(/\bimport\(["'][^"'.][^"']*["']\)/g)).toBeNull();
  });

  it('does nothing when imported: no output, no exit code', () => {
    const run = node(['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(BUNDLE).href)});`], ROOT);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('bin/oomlint.js and the package', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; main: string; types: string; files: string[] };

  it('the command runs the bundle; the library entry stays lib/ (tsc output)', () => {
    expect(pkg.bin).toEqual({ oomlint: 'bin/oomlint.js' });
    expect(readFileSync(BIN, 'utf8')).toMatch(/^import \{ main \} from '\.\.\/dist\/oomlint\.js';$/m);
    expect(readFileSync(BIN, 'utf8')).not.toContain('lib/');
    expect(pkg.main).toBe('lib/src/index.js');
    expect(pkg.types).toBe('lib/src/index.d.ts');
    expect(pkg.files).toEqual(expect.arrayContaining(['bin', 'dist/oomlint.js', 'lib']));
  });
});

describe('the bundle on its own (no node_modules) behaves as the sources do', () => {
  let workspace = '';
  let bin = '';
  beforeAll(() => {
    // The three files a user's install needs to run the command, and nothing else.
    const install = mkdtempSync(join(tmpdir(), 'oomlint-install-'));
    for (const file of ['package.json', 'bin/oomlint.js', 'dist/oomlint.js']) {
      mkdirSync(dirname(join(install, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(install, file));
    }
    bin = join(install, 'bin', 'oomlint.js');
    workspace = tempDir({ 'deploy/pod.yaml': NO_LIMIT, 'deploy/ok.yaml': CLEAN, 'deploy/Dockerfile': DOCKERFILE, '.oomlint.yaml': CONFIG });
  });

  const cases: string[][] = [
    ['deploy', '--no-color'],
    ['deploy/ok.yaml'],
    ['deploy', '--format', 'json'],
    ['deploy', '--format', 'sarif'],
    ['deploy', '--format', 'gitlab'],
    ['deploy', '--format', 'github'],
    ['deploy', '--format', 'junit'],
    ['deploy', '--quiet', '--fail-on', 'error'],
    ['--print-config'],
    ['--list-rules'],
    ['--version'],
    ['--rule', 'nope=error'],
  ];
  for (const args of cases) {
    it(`oomlint ${args.join(' ')}`, async () => {
      const bundled = node([bin, ...args], workspace);
      expect(bundled).toEqual(await fromSources(args, workspace));
      expect(bundled.stdout + bundled.stderr).not.toBe('');
    });
  }

  it('--color forces colour into a pipe, as in the sources', () => {
    const { stdout } = node([bin, 'deploy', '--color'], workspace);
    expect(stdout).toContain('\u001b[31m');
    expect(stdout).toContain('memory-limit-missing');
  });
});

/** Names of the functions a run of the bundled command was seen in (V8's sampling profiler). */
function functionsRun(args: string[], cwd: string): Set<string> {
  const profiles = mkdtempSync(join(tmpdir(), 'oomlint-profile-'));
  const run = node(['--cpu-prof', '--cpu-prof-dir', profiles, '--cpu-prof-interval', '50', BIN, ...args], cwd);
  expect(run.stderr).toBe('');
  const [file] = readdirSync(profiles);
  const profile = JSON.parse(readFileSync(join(profiles, file ?? ''), 'utf8')) as { nodes: Array<{ callFrame: { functionName: string } }> };
  return new Set(profile.nodes.map((n) => n.callFrame.functionName));
}

// esbuild names each lazily initialised module's init function after the module's path.
const FORMATTER = 'node_modules/eslint-formatter-pretty/index.js';
const STYLISH = 'src/report/stylish.ts';

describe('start-up: the stylish formatter is initialised only when it draws something', () => {
  let dir = '';
  beforeAll(() => {
    dir = tempDir({ 'ok.yaml': CLEAN, 'bad.yaml': NO_LIMIT });
  });

  it('a run with findings initialises it (so the checks below can see it)', () => {
    const seen = functionsRun(['bad.yaml'], dir);
    expect(seen.has(STYLISH)).toBe(true);
    expect(seen.has(FORMATTER)).toBe(true);
  });

  it('a clean run, and any JSON run, never does', () => {
    for (const args of [['ok.yaml'], ['bad.yaml', '--format', 'json']]) {
      const seen = functionsRun(args, dir);
      expect(seen.has('lint'), args.join(' ')).toBe(true);
      expect(seen.has(STYLISH), args.join(' ')).toBe(false);
      expect(seen.has(FORMATTER), args.join(' ')).toBe(false);
    }
  });
});

describe('start-up: ajv is initialised only when there is a configuration file to validate', () => {
  const AJV = 'node_modules/ajv/dist/ajv.js';

  it('a run with a configuration file initialises it (so the check below can see it)', () => {
    expect(functionsRun(['pod.yaml', '--format', 'json'], tempDir({ 'pod.yaml': CLEAN, '.oomlint.yaml': CONFIG })).has(AJV)).toBe(true);
  });

  it('a run without one never does', () => {
    const seen = functionsRun(['pod.yaml', '--format', 'json'], tempDir({ 'pod.yaml': CLEAN }));
    expect(seen.has('lint')).toBe(true);
    expect(seen.has(AJV)).toBe(false);
  });
});

describe('loadReporterFor: a stylish report with nothing to draw skips the formatter, not a byte', () => {
  const nothingToDraw: Record<string, LintResult> = {
    clean: fx.empty,
    'only suppressed findings': { ...fx.empty, findings: [fx.suppressedLimit], summary: { ...fx.empty.summary, findings: 0 } },
    'skipped files, one named with control characters': {
      ...fx.empty,
      summary: { ...fx.empty.summary, skipped: [{ file: 'odd\u001b[31m\u0007.yaml', line: 3, column: 1, reason: 'a `kustomization` file' }] },
    },
  };
  for (const [name, result] of Object.entries(nothingToDraw)) {
    for (const color of [false, true]) {
      it(`${name}, ${color ? 'colour' : 'plain'}`, async () => {
        const reporter = await loadReporterFor('stylish', result);
        expect(reporter).not.toBe(stylish);
        expect(await reporter(result, { color })).toBe(stylish(result, { color }));
      });
    }
  }

  it('anything to draw (a finding, an input error) gets the full reporter; other formats are untouched', async () => {
    expect(await loadReporterFor('stylish', { ...fx.empty, findings: [fx.limitMissing] })).toBe(stylish);
    expect(await loadReporterFor('stylish', { ...fx.empty, errors: [fx.yamlError] })).toBe(stylish);
    const { json } = await import('../src/report/json.js');
    expect(await loadReporterFor('json', fx.empty)).toBe(json);
  });
});
