/**
 * The GitHub Action as the runner runs it: the committed bundle, a simulated runner environment
 * (GITHUB_*, INPUT_*, step-summary and output files), and assertions on the annotations, the log,
 * the job summary, the outputs and the exit code. (Only-changed, SARIF and action.yml: action-*.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { runAction, workspace } from './action-runner.js';

const NO_LIMIT = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      resources: {requests: {memory: 64Mi}}\n';
const NO_HEADROOM =
  'apiVersion: v1\nkind: Pod\nmetadata: {name: tight}\nspec:\n  containers:\n    - name: app\n      resources: {requests: {memory: 512Mi, cpu: 100m}, limits: {memory: 512Mi}}\n';
const CLEAN = 'apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec:\n  containers:\n    - name: c\n      resources: {requests: {memory: 256Mi, cpu: 100m}, limits: {memory: 512Mi}}\n';
const BROKEN = 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n';
// A container name with every character the runner treats specially, in a file name with `%`, `,` and `:`.
const ODD_NAME = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: "50%,a:b\\r\\nc"\n      resources: {requests: {memory: 64Mi}}\n';

const LIMIT_MISSING_TAIL =
  'has no memory limit, so it can grow until the node runs short and the kubelet evicts pods or the kernel OOM-kills processes across the node; set resources.limits.memory to 1.5–2× its peak usage (at least 96Mi for its 64Mi request)';
const HELP = (rule: string): string => `https://github.com/oomlint/oomlint/blob/main/rules/${rule}/README.md`;

describe('annotations and exit code', () => {
  it('annotates each finding on its exact range, error and warning, and fails on the error (exit 1)', () => {
    const dir = workspace({ 'k8s/no-limit.yaml': NO_LIMIT, 'k8s/tight.yaml': NO_HEADROOM, 'k8s/ok.yaml': CLEAN });
    const run = runAction(dir, { paths: 'k8s' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.commands).toEqual([
      `::error file=k8s/no-limit.yaml,line=7,col=7,endLine=7,endColumn=16,title=oomlint memory-limit-missing::Pod p: container "c" ${LIMIT_MISSING_TAIL}%0A${HELP('memory-limit-missing')}`,
      `::warning file=k8s/tight.yaml,line=7,col=74,endLine=7,endColumn=79,title=oomlint memory-no-headroom::Pod tight: container "app" has memory request = limit = 512Mi, so there is no headroom between what the scheduler reserves and where the kernel OOM-kills it; raise resources.limits.memory to 768Mi (1.5× the request) or lower the request to 341Mi%0A${HELP('memory-no-headroom')}`,
    ]);
    expect(run.outputs).toEqual({ findings: '2', errors: '0', 'sarif-file': '' });
  });

  it('escapes %, CR and LF in the message and also : and , in properties', () => {
    const dir = workspace({ 'odd%,name:1.yaml': ODD_NAME });
    const run = runAction(dir, { paths: '.' });
    expect(run.code).toBe(1);
    expect(run.commands).toEqual([
      `::error file=odd%25%2Cname%3A1.yaml,line=7,col=7,endLine=7,endColumn=16,title=oomlint memory-limit-missing::Pod p: container "50%25,a:b%0D%0Ac" ${LIMIT_MISSING_TAIL}%0A${HELP('memory-limit-missing')}`,
    ]);
  });

  it('a warning passes with the default fail-on and fails with fail-on: warning', () => {
    const dir = workspace({ 'tight.yaml': NO_HEADROOM });
    expect(runAction(dir, {}).code).toBe(0);
    expect(runAction(dir, { 'fail-on': 'warning' }).code).toBe(1);
    expect(runAction(dir, { 'fail-on': 'info' }).code).toBe(1);
  });

  it("without the fail-on input, the configuration file's failOn decides; the input wins over it", () => {
    const dir = workspace({ 'tight.yaml': NO_HEADROOM, '.oomlint.yaml': 'failOn: warning\n' });
    expect(runAction(dir, {}).code).toBe(1);
    expect(runAction(dir, { 'fail-on': 'error' }).code).toBe(0);
  });

  it('clean input: exit 0, no annotations, zero outputs', () => {
    const run = runAction(workspace({ 'ok.yaml': CLEAN }), { paths: '.' });
    expect(run.code).toBe(0);
    expect(run.commands).toEqual([]);
    expect(run.outputs).toEqual({ findings: '0', errors: '0', 'sarif-file': '' });
  });

  it('an unreadable input is an error annotation at its position and exit 2, the other files still linted', () => {
    const dir = workspace({ 'broken.yaml': BROKEN, 'no-limit.yaml': NO_LIMIT });
    const run = runAction(dir, { paths: '.' });
    expect(run.code).toBe(2);
    expect(run.commands[0]).toBe(
      '::error file=broken.yaml,line=4,col=1,title=oomlint input error (yaml-syntax)::Tabs are not allowed as indentation; YAML forbids tabs for indentation; indent with spaces',
    );
    expect(run.commands.slice(1).map((c) => c.slice(0, c.indexOf('::', 2)))).toEqual([
      '::error file=no-limit.yaml,line=7,col=7,endLine=7,endColumn=16,title=oomlint memory-limit-missing',
    ]);
    expect(run.outputs).toEqual({ findings: '1', errors: '1', 'sarif-file': '' });
  });

  it('annotations: false prints the log but no annotation', () => {
    const run = runAction(workspace({ 'no-limit.yaml': NO_LIMIT }), { annotations: 'false' });
    expect(run.code).toBe(1);
    expect(run.commands).toEqual([]);
    expect(run.log).toContain('no-limit.yaml:7:7');
  });

  it('working-directory: paths are found from there, annotations name the file from the repository root', () => {
    const dir = workspace({ 'deploy/prod/no-limit.yaml': NO_LIMIT, 'deploy/ok.yaml': CLEAN, 'other/no-limit.yaml': NO_LIMIT });
    const run = runAction(dir, { 'working-directory': 'deploy', paths: 'prod' });
    expect(run.code).toBe(1);
    expect(run.commands.map((c) => c.slice(0, c.indexOf('::', 2)))).toEqual([
      '::error file=deploy/prod/no-limit.yaml,line=7,col=7,endLine=7,endColumn=16,title=oomlint memory-limit-missing',
    ]);
    expect(run.log).toContain('deploy/prod/no-limit.yaml:7:7');
  });

  it('config is read relative to working-directory; its mistakes are input errors where they are written', () => {
    const dir = workspace({ 'deploy/ok.yaml': CLEAN, 'deploy/ci/oomlint.yaml': 'images: {}\nbogus: 1\n' });
    const run = runAction(dir, { 'working-directory': 'deploy', config: 'ci/oomlint.yaml' });
    expect(run.code).toBe(2);
    // The position and title are the action's; the wording is the configuration loader's.
    expect(run.commands).toHaveLength(1);
    expect(run.commands[0]).toMatch(/^::error file=deploy\/ci\/oomlint\.yaml,line=2,col=1,title=oomlint input error \(config-invalid\)::.*"bogus"/);
  });
});

describe('the log', () => {
  it('is the chosen format, fenced with stop-commands so manifest text is never obeyed as a command', () => {
    const run = runAction(workspace({ 'no-limit.yaml': NO_LIMIT }), { format: 'json' });
    const token = /^::stop-commands::([0-9a-f-]{36})$/m.exec(run.stdout)?.[1];
    expect(token).toBeDefined();
    expect(run.stdout).toContain(`\n::${token}::\n`);
    const report = JSON.parse(run.log) as { findings: Array<{ ruleId: string; file: string; line: number }> };
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['memory-limit-missing', 'no-limit.yaml', 7]]);
  });

  it('is plain on the runner (which supports colour) unless FORCE_COLOR asks for it', () => {
    const dir = workspace({ 'no-limit.yaml': NO_LIMIT });
    expect(runAction(dir, {}, { NO_COLOR: '', CI: 'true' }).log).not.toContain('\u001b[');
    expect(runAction(dir, {}, { NO_COLOR: '', CI: 'true', FORCE_COLOR: '1' }).log).toContain('\u001b[');
  });

  it('defaults to stylish, with file:line:column', () => {
    const run = runAction(workspace({ 'no-limit.yaml': NO_LIMIT }), {});
    expect(run.log).toMatch(/^ {2}✖ {2}no-limit\.yaml:7:7 {2}Pod p: container "c" has no memory limit/m);
  });
});

describe('setup mistakes (exit 2, nothing linted)', () => {
  it.each([
    [{ 'fail-on': 'fatal' }, 'input "fail-on" must be one of error, warning, info (got "fatal")'],
    [{ annotations: 'yes' }, 'input "annotations" must be true or false (got "yes")'],
    [{ format: 'xml' }, 'input "format" must be one of '],
  ])('%o', (inputs, message) => {
    const run = runAction(workspace({ 'no-limit.yaml': NO_LIMIT }), inputs);
    expect(run.code).toBe(2);
    expect(run.commands).toHaveLength(1);
    expect(run.commands[0]?.startsWith(`::error title=oomlint::${message}`)).toBe(true);
    expect(run.log).toBe('');
    expect(run.outputs).toEqual({});
  });

  it('a working-directory that does not exist', () => {
    const dir = workspace({ 'no-limit.yaml': NO_LIMIT });
    const run = runAction(dir, { 'working-directory': 'nope' });
    expect(run.code).toBe(2);
    expect(run.commands).toEqual([`::error title=oomlint::working-directory ${dir}/nope is not a directory`]);
  });
});

describe('suppressed findings', () => {
  it('are not annotated, do not fail the step, do not count in `findings`, and the summary says so', () => {
    const suppressed = NO_LIMIT.replace('      resources:', '      # oomlint-disable-next-line memory-limit-missing -- capped by the LimitRange\n      resources:');
    const dir = workspace({ 'k8s/p.yaml': suppressed });
    const run = runAction(dir, { paths: 'k8s' });
    expect(run.code).toBe(0);
    expect(run.commands).toEqual([]);
    expect(run.outputs).toMatchObject({ findings: '0', errors: '0' });
    expect(run.summary).toContain('1 suppressed');
  });
});
