/** The configuration file: found upward, every setting read, every mistake named with its position. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig, withOverrides } from '../src/config.js';
import { lint } from '../src/index.js';
import { DEFAULT_JVM_BUDGET } from '../src/model/runtime/jvm-budget.js';
import { DEFAULT_RULE_SETTINGS } from '../src/rule.js';

const MIB = 2 ** 20;

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'oomlint-config-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The problem of a configuration file holding `text`, as `line:column message`. */
function problemOf(text: string, name = '.oomlint.yaml'): string {
  const outcome = loadConfig(project({ [name]: text }));
  if (outcome.ok) return 'ok';
  expect(outcome.problem).toMatchObject({ code: 'config-invalid', file: name });
  return `${outcome.problem.line}:${outcome.problem.column} ${outcome.problem.message}`;
}

describe('loadConfig finds the file', () => {
  it('is optional: without a file every setting has its default', () => {
    expect(loadConfig(project({}))).toEqual({
      ok: true,
      config: { images: new Map(), rules: {}, failOn: 'error', ignore: [], settings: DEFAULT_RULE_SETTINGS },
    });
    expect(defaultConfig().settings.jvmBudget).toBe(DEFAULT_JVM_BUDGET);
  });

  it('is found upward and resolves images: paths relative to the file', () => {
    const root = project({ '.oomlint.yaml': 'images:\n  ghcr.io/example/api: services/api/Dockerfile\n', 'deploy/x': '' });
    const outcome = loadConfig(join(root, 'deploy'));
    expect(outcome.ok && outcome.config.images.get('example/api')).toBe(join(root, 'services/api/Dockerfile'));
    expect(outcome.ok && outcome.config.file).toBe('../.oomlint.yaml');
    expect(outcome.ok && outcome.config.directory).toBe(root);
  });

  it('reads oomlint.config.json and .oomlint.yml too; .oomlint.yaml comes first in one directory', () => {
    expect(loadConfig(project({ 'oomlint.config.json': '{"failOn": "info"}' }))).toMatchObject({ ok: true, config: { failOn: 'info', file: 'oomlint.config.json' } });
    expect(loadConfig(project({ '.oomlint.yml': 'failOn: warning\n' }))).toMatchObject({ ok: true, config: { failOn: 'warning', file: '.oomlint.yml' } });
    const both = project({ '.oomlint.yaml': 'failOn: info\n', '.oomlint.yml': 'failOn: warning\n' });
    expect(loadConfig(both)).toMatchObject({ ok: true, config: { failOn: 'info', file: '.oomlint.yaml' } });
  });

  it('--config names a file explicitly; a missing one is an error', () => {
    const root = project({ 'conf/o.yaml': 'failOn: warning\n' });
    expect(loadConfig(root, 'conf/o.yaml')).toMatchObject({ ok: true, config: { failOn: 'warning', file: 'conf/o.yaml', directory: join(root, 'conf') } });
    expect(loadConfig(root, 'nope.yaml')).toMatchObject({ ok: false, problem: { code: 'config-invalid', file: 'nope.yaml', line: 1, column: 1 } });
  });

  it('a yaml-language-server $schema comment is only a comment', () => {
    const text = '# yaml-language-server: $schema=https://raw.githubusercontent.com/oomlint/oomlint/main/schema/oomlint.schema.json\nfailOn: warning\n';
    expect(loadConfig(project({ '.oomlint.yaml': text }))).toMatchObject({ ok: true, config: { failOn: 'warning' } });
  });

  it('an empty file is the defaults', () => {
    expect(loadConfig(project({ '.oomlint.yaml': '# nothing yet\n' }))).toMatchObject({ ok: true, config: { rules: {}, failOn: 'error', ignore: [] } });
  });
});

describe('loadConfig reads every setting', () => {
  const root = project({
    '.oomlint.yaml': [
      'failOn: warning',
      'ignore:',
      '  - vendor/**',
      '  - "**/testdata/"',
      'images:',
      '  ghcr.io/example/api: services/api/Dockerfile',
      'runtime:',
      '  jvm:',
      '    expectedThreads: 300',
      '    expectedDirectMiB: 256',
      '    worstCaseThreads: 400',
      '    headroomPercent: 5',
      'rules:',
      '  pod-qos-best-effort: off',
      '  memory-no-headroom:',
      '    severity: info',
      '    options: {minRatio: 1.25}',
      '  memory-limit-request-ratio:',
      '    options: {maxRatio: 3}',
      '',
    ].join('\n'),
  });
  const outcome = loadConfig(root);
  const config = outcome.ok ? outcome.config : defaultConfig();

  it('is valid', () => expect(outcome.ok).toBe(true));
  it('failOn', () => expect(config.failOn).toBe('warning'));
  it('ignore: the patterns as written, compiled', () => {
    expect(config.ignore.map((g) => [g.pattern, g.directoryOnly])).toEqual([
      ['vendor/**', false],
      ['**/testdata/', true],
    ]);
  });
  it('images', () => expect([...config.images]).toEqual([['example/api', join(root, 'services/api/Dockerfile')]]));
  it('rules: a bare severity, severity with options, and options alone (the default severity stays)', () => {
    expect(config.rules).toEqual({
      'pod-qos-best-effort': { setting: 'off' },
      'memory-no-headroom': { setting: 'info', options: { minRatio: 1.25 } },
      'memory-limit-request-ratio': { options: { maxRatio: 3 } },
    });
  });
  it('runtime.jvm: in bytes for the budget; the measured numbers it replaces are labelled with the setting', () => {
    const budget = config.settings.jvmBudget;
    expect(budget).toEqual({
      ...DEFAULT_JVM_BUDGET,
      expectedThreads: 300,
      expectedDirect: 256 * MIB,
      worstThreads: 400,
      headroomPercent: 5,
      configured: { expectedThreads: 'runtime.jvm.expectedThreads', expectedDirect: 'runtime.jvm.expectedDirectMiB' },
    });
    expect(Object.isFrozen(budget)).toBe(true);
  });
});

describe('a mistake in the file is one error naming the setting, what it must be, and where (exit 2)', () => {
  it.each([
    ['an unknown setting (at its key)', 'images: {}\nrulez:\n  x: 1\n', '2:1 unknown setting "rulez" (did you mean "rules"?); the settings are rules, failOn, ignore, images, runtime'],
    ['the CLI spelling fail-on', 'fail-on: warning\n', '1:1 unknown setting "fail-on" (did you mean "failOn"?); the settings are rules, failOn, ignore, images, runtime'],
    ['failOn not a severity', 'failOn: fatal\n', '1:9 "failOn" must be one of error, warning, info (got "fatal")'],
    ['failOn of the wrong type', 'failOn: 3\n', '1:9 "failOn" must be one of error, warning, info (got 3)'],
    ['an unknown rule', 'rules:\n  memory-limit-mising: off\n', '2:3 unknown rule "memory-limit-mising" (did you mean "memory-limit-missing"?); see --list-rules'],
    ['an unknown rule with no near name', 'rules:\n  heap-check: off\n', '2:3 unknown rule "heap-check"; see --list-rules'],
    ['a rule severity that is not one', 'rules:\n  memory-limit-missing: warn\n', '2:25 "rules.memory-limit-missing" must be one of off, info, warning, error (got "warn")'],
    ['a rule set to a number', 'rules:\n  memory-limit-missing: 5\n', '2:25 "rules.memory-limit-missing" must be one of off, info, warning, error, or a mapping with severity and/or options (got 5)'],
    ['a bad severity in the long form', 'rules:\n  memory-no-headroom:\n    severity: high\n', '3:15 "rules.memory-no-headroom.severity" must be one of off, info, warning, error (got "high")'],
    ['a misspelt key in the long form', 'rules:\n  memory-no-headroom:\n    sevrity: error\n', '3:5 unknown setting "rules.memory-no-headroom.sevrity" (did you mean "severity"?); the settings here are severity, options'],
    ['a rule option out of range (the rule\'s own schema)', 'rules:\n  memory-no-headroom:\n    options:\n      minRatio: 0.5\n', '4:17 "rules.memory-no-headroom.options.minRatio" must be >= 1 (got 0.5)'],
    ['a rule option of the wrong type', 'rules:\n  jvm-heap-exceeds-limit:\n    options: {worstCase: "yes"}\n', '3:26 "rules.jvm-heap-exceeds-limit.options.worstCase" must be true or false (got "yes")'],
    ['an unknown rule option', 'rules:\n  memory-no-headroom:\n    options:\n      minRatoi: 2\n', '4:7 rule "memory-no-headroom" has no option "minRatoi" (did you mean "minRatio"?); its options are minRatio, ignoreGuaranteed'],
    ['an option for a rule without options', 'rules:\n  memory-limit-missing:\n    options: {x: 1}\n', '3:15 rule "memory-limit-missing" takes no options (got "x")'],
    ['ignore not a list', 'ignore: vendor\n', '1:9 "ignore" must be a list (got "vendor")'],
    ['an empty ignore pattern', 'ignore:\n  - ""\n', '2:5 "ignore[0]" must not be empty'],
    ['a bad glob (at the pattern)', 'ignore:\n  - vendor/**\n  - "[abc"\n', '3:5 "ignore[1]" is not a valid glob: "[" at position 1 is never closed (write "\\[" for a literal bracket) (got "[abc")'],
    ['an absolute glob', 'ignore: [/vendor/**]\n', '1:10 "ignore[0]" is not a valid glob: patterns are relative to the configuration file\'s directory and cannot start with "/"; write "vendor/**" (got "/vendor/**")'],
    ['an image without a Dockerfile', 'images:\n  api:\n', '2:7 "images.api" must be a string (got an empty value)'],
    ['an image key that is no reference', 'images:\n  ghcr.io//api: Dockerfile\n', '2:3 "images" key "ghcr.io//api" is not an image reference (expected e.g. ghcr.io/example/api)'],
    ['a runtime number written as a string', 'runtime:\n  jvm:\n    expectedThreads: "200"\n', '3:22 "runtime.jvm.expectedThreads" must be a whole number (got "200")'],
    ['a fractional thread count', 'runtime:\n  jvm:\n    expectedThreads: 1.5\n', '3:22 "runtime.jvm.expectedThreads" must be a whole number (got 1.5)'],
    ['a runtime value out of range', 'runtime:\n  jvm:\n    headroomPercent: 100\n', '3:22 "runtime.jvm.headroomPercent" must be <= 99 (got 100)'],
    ['a runtime size without its unit', 'runtime:\n  jvm:\n    expectedMetaspace: 100\n', '3:5 unknown setting "runtime.jvm.expectedMetaspace" (did you mean "expectedMetaspaceMiB"?); the settings here are expectedMetaspaceMiB, expectedCodeCacheMiB, expectedDirectMiB, expectedThreads, expectedNonHeapMiB, worstCaseLoadedClasses, worstCaseThreads, headroomPercent'],
    ['an unknown runtime', 'runtime:\n  jdk: {}\n', '2:3 unknown setting "runtime.jdk"; the settings here are jvm'],
    ['a list instead of a mapping', '- failOn\n', '1:1 the configuration must be a mapping of settings (got a list)'],
    ['the first of several mistakes in the file', 'rules:\n  memory-limit-missing: off\n  memory-no-headroom: {options: {minRatio: 0}}\nfailOn: nope\n', '3:44 "rules.memory-no-headroom.options.minRatio" must be >= 1 (got 0)'],
    ['a YAML syntax error', 'failOn: [warning\n', '2:1 configuration is not valid YAML/JSON: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['a duplicate key', 'failOn: info\nfailOn: error\n', '2:1 configuration is not valid YAML/JSON: Map keys must be unique'],
  ])('%s', (_name, text, expected) => {
    expect(problemOf(text)).toBe(expected);
  });

  it('in JSON too, with its position', () => {
    expect(problemOf('{\n  "failOn": "x"\n}\n', 'oomlint.config.json')).toBe('2:13 "failOn" must be one of error, warning, info (got "x")');
  });
});

describe('withOverrides: the command line wins over the file', () => {
  const file = loadConfig(project({ '.oomlint.yaml': 'failOn: warning\nrules:\n  memory-no-headroom: {severity: info, options: {minRatio: 2}}\n' }));
  const config = file.ok ? file.config : defaultConfig();

  it('--fail-on replaces failOn; absent, the file decides', () => {
    expect(withOverrides(config, { failOn: 'info' }).failOn).toBe('info');
    expect(withOverrides(config, { failOn: undefined }).failOn).toBe('warning');
  });

  it('--rule replaces the severity and keeps the file\'s options; other rules are untouched', () => {
    const merged = withOverrides(config, { rules: { 'memory-no-headroom': { setting: 'error' }, 'memory-limit-missing': { setting: 'off' } } });
    expect(merged.rules).toEqual({
      'memory-no-headroom': { setting: 'error', options: { minRatio: 2 } },
      'memory-limit-missing': { setting: 'off' },
    });
    expect(config.rules).toEqual({ 'memory-no-headroom': { setting: 'info', options: { minRatio: 2 } } });
  });
});

describe('lint with a configuration', () => {
  it('an invalid configuration stops the run with that one error', async () => {
    const root = project({ '.oomlint.yaml': 'nope: 1\n', 'a.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n' });
    const result = await lint(['.'], { cwd: root });
    expect(result.errors.map((e) => e.code)).toEqual(['config-invalid']);
    expect(result.summary.files).toBe(0);
  });

  it('links a Dockerfile through images: even when it lies outside the linted paths', async () => {
    const root = project({
      '.oomlint.yaml': 'images:\n  ghcr.io/example/api: build/Dockerfile\n',
      'build/Dockerfile': 'FROM eclipse-temurin:17-jre\nENV JAVA_TOOL_OPTIONS=-Xmx1g\n',
      'deploy/a.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: api, image: ghcr.io/example/api:1}]\n',
    });
    const result = await lint(['deploy'], { cwd: root });
    expect(result.errors).toEqual([]);
    expect(result.summary.files).toBe(2);
  });
});

describe('configuration end to end (the CLI)', () => {
  const bin = join(import.meta.dirname, '..', 'bin', 'oomlint.js');
  const cli = (cwd: string, args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  const WARN_ONLY = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      resources: {requests: {memory: 512Mi, cpu: 100m}, limits: {memory: 512Mi}}\n';

  it('rules: off removes findings; ignore: skips paths; failOn: decides the exit code, and --fail-on wins', () => {
    const root = project({
      '.oomlint.yaml': 'failOn: warning\nignore:\n  - vendor/**\nrules:\n  pod-qos-best-effort: off\n',
      'k8s/a.yaml': WARN_ONLY,
      'vendor/bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: v}\nspec:\n  containers: [{name: x}]\n',
    });
    const run = cli(root, ['.', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string }>; summary: { files: number } };
    expect(report.summary.files).toBe(1);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['memory-no-headroom']);
    expect(run.status).toBe(1); // failOn: warning in the file
    expect(cli(root, ['.', '--fail-on', 'error']).status).toBe(0);
  });

  it('--print-config prints the effective configuration and exits 0', () => {
    const root = project({ '.oomlint.yaml': 'rules:\n  memory-no-headroom: info\n' });
    const run = cli(root, ['--print-config', '--rule', 'memory-limit-missing=warning']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^# oomlint effective configuration/);
    expect(run.stdout).toMatch(/memory-no-headroom:\n\s+severity: info/);
    expect(run.stdout).toMatch(/memory-limit-missing:\n\s+severity: warning/);
  });
});
