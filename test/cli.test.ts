/** The built CLI, run as users run it: exit codes, JSON output, stdin, bad input, usage errors. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'oomlint.js');

function run(args: string[], options: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.input,
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(args: string[], options: Parameters<typeof run>[1] = {}) {
  const result = run([...args, '--format', 'json'], options);
  return { ...result, report: JSON.parse(result.stdout) as Report };
}

interface Report {
  version: number;
  findings: Array<{ ruleId: string; severity: string; file: string; line: number; column: number; object: string; container: string | null }>;
  errors: Array<{ code: string; file: string; line: number; column: number; message: string }>;
  summary: { files: number; objects: number; containers: number; findings: number; skipped: Array<{ file: string; reason: string }> };
}

const NO_LIMIT = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      resources: {requests: {memory: 64Mi}}\n';
const CLEAN = 'apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec:\n  containers:\n    - name: c\n      resources: {requests: {memory: 256Mi, cpu: 100m}, limits: {memory: 512Mi}}\n';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'oomlint-cli-'));
  mkdirSync(join(dir, 'bad'));
  writeFileSync(join(dir, 'bad', 'no-limit.yaml'), NO_LIMIT);
  mkdirSync(join(dir, 'good'));
  writeFileSync(join(dir, 'good', 'ok.yml'), CLEAN);
  mkdirSync(join(dir, 'broken'));
  writeFileSync(join(dir, 'broken', 'a.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n');
  writeFileSync(join(dir, 'broken', 'b.yaml'), NO_LIMIT);
  mkdirSync(join(dir, 'empty'));
});

describe('exit codes', () => {
  it('0 when clean', () => {
    const { code, report } = json(['good'], { cwd: dir });
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ files: 1, objects: 1, containers: 1, findings: 0 });
  });

  it('1 on an error finding, with file:line:column, object and container', () => {
    const { code, report } = json(['bad'], { cwd: dir });
    expect(code).toBe(1);
    expect(report.version).toBe(1);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'memory-limit-missing', severity: 'error', file: 'bad/no-limit.yaml', line: 7, column: 7, object: 'Pod p', container: 'c' }),
    );
  });

  it('warnings do not fail unless --fail-on warning; --rule changes severities', () => {
    expect(run(['bad', '--rule', 'memory-limit-missing=warning'], { cwd: dir }).code).toBe(0);
    expect(run(['bad', '--rule', 'memory-limit-missing=warning', '--fail-on', 'warning'], { cwd: dir }).code).toBe(1);
    const off = json(['bad', '--rule', 'memory-limit-missing=off'], { cwd: dir });
    expect(off.report.findings.filter((f) => f.ruleId === 'memory-limit-missing')).toEqual([]);
  });

  it('2 when any input cannot be parsed, while other files are still linted', () => {
    const { code, report } = json(['broken'], { cwd: dir });
    expect(code).toBe(2);
    expect(report.errors).toEqual([expect.objectContaining({ code: 'yaml-syntax', file: 'broken/a.yaml', line: 4 })]);
    expect(report.findings.map((f) => f.file)).toContain('broken/b.yaml');
  });

  it('2 for a path that does not exist, and for a folder without manifests', () => {
    expect(json(['nope'], { cwd: dir }).report.errors[0]).toMatchObject({ code: 'path-not-found' });
    expect(json(['nope'], { cwd: dir }).code).toBe(2);
    const empty = json(['empty'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.report.errors[0]).toMatchObject({ code: 'no-input' });
  });

  it('2 with a message on usage errors, never a stack trace', () => {
    for (const args of [['--format', 'xml'], ['--fail-on', 'fatal'], ['--rule', 'nope=error'], ['--rule', 'memory-limit-missing=loud'], ['--bogus']]) {
      const { code, stderr, stdout } = run(args, { cwd: dir });
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^oomlint: /);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).toBe('');
    }
  });
});

describe('stdin', () => {
  it('lints `-` under --stdin-filename', () => {
    const { code, report } = json(['-', '--stdin-filename', 'rendered.yaml'], { cwd: dir, input: NO_LIMIT });
    expect(code).toBe(1);
    expect(report.findings[0]).toMatchObject({ file: 'rendered.yaml', line: 7 });
  });

  it('reports unrendered Helm templates on stdin as input errors', () => {
    const { code, report } = json(['-'], { cwd: dir, input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n' });
    expect(code).toBe(2);
    expect(report.errors[0]).toMatchObject({ code: 'helm-template', file: '<stdin>', line: 4, column: 9 });
  });
});

describe('human output', () => {
  it('stylish names file:line:column, the rule, and the summary; no colour when asked', () => {
    const { stdout } = run(['bad', '--no-color'], { cwd: dir });
    expect(stdout).not.toContain('\u001b');
    expect(stdout).toContain('memory-limit-missing');
    expect(stdout).toContain('no-limit.yaml:7:7');
  });

  it('colours a terminal unless NO_COLOR is set (in-process, with a fake TTY)', async () => {
    const render = async (env: Record<string, string>) => {
      let out = '';
      const io = { stdout: (t: string) => (out += t), stderr: () => {}, readStdin: async () => new Uint8Array(), env, isTTY: true, cwd: dir };
      await main(['bad'], io);
      return out;
    };
    expect(await render({})).toContain('\u001b[');
    expect(await render({ NO_COLOR: '1' })).not.toContain('\u001b');
  });

  it('--color forces colour into a pipe', () => {
    expect(run(['bad', '--color'], { cwd: dir }).stdout).toContain('\u001b[');
  });

  it('--quiet hides findings below --fail-on', () => {
    const { stdout } = run(['bad', '--quiet', '--format', 'json', '--rule', 'memory-limit-missing=warning'], { cwd: dir });
    expect((JSON.parse(stdout) as Report).findings.filter((f) => f.severity === 'warning')).toEqual([]);
  });
});

describe('informational commands', () => {
  it('--version prints the package version', () => {
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('--help lists every flag', () => {
    const { stdout, code } = run(['--help']);
    expect(code).toBe(0);
    for (const flag of ['--format', '--fail-on', '--rule', '--list-rules', '--quiet', '--no-color', '--stdin-filename', '--max-file-size', '--version']) expect(stdout).toContain(flag);
  });

  it('--list-rules lists every rule with severity and docs link', () => {
    const { stdout } = run(['--list-rules']);
    expect(stdout).toMatch(/memory-limit-missing\s+error\s+/);
    expect(stdout).toContain('rules/memory-limit-missing/README.md');
  });
});

describe('--output-file', () => {
  it('writes the report to the file, not to standard output, and keeps the exit code', () => {
    const out = join(dir, 'report.json');
    const { code, stdout } = run(['bad', '--format', 'json', '--output-file', out], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).findings.length).toBeGreaterThan(0);
  });

  it('an unwritable path is a usage error (exit 2)', () => {
    const { code, stderr } = run(['bad', '--output-file', join(dir, 'missing-dir', 'r.json')], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^oomlint: cannot write/);
  });
});

describe('suppressions end to end', () => {
  it('a suppressed finding stays in JSON with its reason, and no longer fails the run', () => {
    // The finding is reported at `resources:` (there is no `limits` key), so the comment goes right above it.
    const text = NO_LIMIT.replace('      resources:', '      # oomlint-disable-next-line memory-limit-missing -- capped by the namespace LimitRange\n      resources:');
    const { code, report } = json(['-'], { cwd: dir, input: text });
    const finding = report.findings.find((f) => f.ruleId === 'memory-limit-missing') as unknown as { suppressions: Array<{ kind: string; justification: string }> };
    expect(finding.suppressions).toEqual([expect.objectContaining({ kind: 'comment', justification: 'capped by the namespace LimitRange' })]);
    expect(code).toBe(0);
  });

  it('--report-unused-disable-directives reports a suppression that silences nothing, as an error', () => {
    const text = CLEAN.replace('    - name: c\n', '    # oomlint-disable-next-line memory-limit-missing\n    - name: c\n');
    expect(run(['-'], { cwd: dir, input: text }).code).toBe(0);
    const { code, report } = json(['-', '--report-unused-disable-directives'], { cwd: dir, input: text });
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['unused-disable-directive']);
  });
});

describe('--help', () => {
  it('lists every option the parser accepts', async () => {
    const source = readFileSync(join(import.meta.dirname, '..', 'src', 'cli-options.ts'), 'utf8');
    const declared = [...source.matchAll(/^\s+'?([a-z-]+)'?: \{ type: '(?:string|boolean)'/gm)].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(10);
    const help = run(['--help']).stdout;
    for (const name of declared) expect(help, name).toContain(`--${name}`);
  });
});
