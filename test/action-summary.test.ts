/** The job summary: through the bundle for what a run writes, and jobSummary() for limits the fixtures cannot reach. */
import { describe, expect, it } from 'vitest';
import { jobSummary, cell } from '../src/action/summary.js';
import type { Finding, LintResult } from '../src/result.js';
import { runAction, workspace } from './action-runner.js';

const NO_LIMIT = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      resources: {requests: {memory: 64Mi}}\n';
const BROKEN = 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n';
const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec:\n  template:\n    spec:\n      containers:\n' +
  '        - name: "a|b<i>"\n          resources: {requests: {memory: 64Mi}}\n';
const TAIL =
  'has no memory limit, so it can grow until the node runs short and the kubelet evicts pods or the kernel OOM-kills processes across the node; set resources.limits.memory to 1.5–2× its peak usage (at least 96Mi for its 64Mi request)';
const HELP = 'https://github.com/oomlint/oomlint/blob/main/rules/memory-limit-missing/README.md';
const BLOB = 'https://github.com/acme/deploy/blob/0123456789abcdef0123456789abcdef01234567/';
const RUNNER = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/deploy', GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567' };

describe('the job summary a run writes', () => {
  it('verdict, counts, input errors, then one table per object with linked places and escaped manifest text', () => {
    const dir = workspace({ 'k8s/api.yaml': DEPLOYMENT, 'k8s/broken (1).yaml': BROKEN, 'k8s/pod.yaml': NO_LIMIT });
    const run = runAction(dir, { paths: 'k8s' }, RUNNER);
    expect(run.code).toBe(2);
    expect(run.summary).toBe(
      [
        '## oomlint: failed: some input could not be read',
        '',
        '**2 errors, 0 warnings, 0 info, 1 input error** in 3 files, 2 objects, 2 containers.',
        '',
        '### Input errors',
        '',
        '| place | code | message |',
        '|---|---|---|',
        `| [k8s/broken (1).yaml:4:1](${BLOB}k8s/broken%20%281%29.yaml#L4) | \`yaml-syntax\` | Tabs are not allowed as indentation; YAML forbids tabs for indentation; indent with spaces |`,
        '',
        '### Findings',
        '',
        '#### Deployment shop/api',
        '',
        '| severity | rule | container | place | message |',
        '|---|---|---|---|---|',
        `| error | [\`memory-limit-missing\`](${HELP}) | a\\|b&lt;i&gt; | [k8s/api.yaml:9:11](${BLOB}k8s/api.yaml#L9) | container "a\\|b&lt;i&gt;" ${TAIL} |`,
        '',
        '#### Pod p',
        '',
        '| severity | rule | container | place | message |',
        '|---|---|---|---|---|',
        `| error | [\`memory-limit-missing\`](${HELP}) | c | [k8s/pod.yaml:7:7](${BLOB}k8s/pod.yaml#L7) | container "c" ${TAIL} |`,
        '',
        '',
      ].join('\n'),
    );
  });

  it('a clean run says it passed, with the fail-on level; places are plain text without the repository variables', () => {
    const run = runAction(workspace({ 'tight.yaml': NO_LIMIT.replace('{requests: {memory: 64Mi}}', '{requests: {memory: 64Mi, cpu: 1}, limits: {memory: 64Mi}}') }), {
      'fail-on': 'error',
    });
    expect(run.code).toBe(0);
    expect(run.summary.split('\n').slice(0, 3)).toEqual(['## oomlint: passed (fail-on: `error`)', '', '**0 errors, 1 warning, 0 info** in 1 file, 1 object, 1 container.']);
    expect(run.summary).toContain('| tight.yaml:7:70 |');
  });
});

const finding = (object: string, line: number, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'memory-limit-missing',
  severity: 'error',
  message: `${object}: container "c" has no memory limit`,
  file: 'a.yaml',
  line,
  column: 7,
  endLine: line + 2,
  endColumn: 16,
  object,
  container: 'c',
  helpUri: HELP,
  ...extra,
});
const result = (findings: Finding[]): LintResult => ({ findings, errors: [], summary: { files: 1, objects: findings.length, containers: 1, findings: findings.length, skipped: [] } });

describe('jobSummary()', () => {
  it('stops adding tables before the size limit and says how many findings it left out', () => {
    const findings = [finding('Pod a', 1), finding('Pod b', 10), finding('Pod c', 20)];
    const full = jobSummary(result(findings), { failOn: 'error', exitCode: 1 });
    const cut = jobSummary(result(findings), { failOn: 'error', exitCode: 1, maxBytes: full.indexOf('#### Pod c') + 10 });
    expect(cut).toContain('#### Pod b');
    expect(cut).not.toContain('#### Pod c');
    expect(cut.endsWith('1 more finding not shown: a step summary is limited to 1 MiB; the log and the SARIF file list them all.\n\n')).toBe(true);
  });

  it('counts suppressed findings apart and leaves them out of the tables', () => {
    const suppressed = finding('Pod b', 10, { suppressions: [{ kind: 'comment', file: 'a.yaml', line: 9, justification: 'batch job' }] });
    const text = jobSummary(result([finding('Pod a', 1), suppressed]), { failOn: 'error', exitCode: 1 });
    expect(text).toContain('**1 error, 0 warnings, 0 info, 1 suppressed** in');
    expect(text).not.toContain('Pod b');
    expect(text.endsWith('1 suppressed finding (by annotation or comment) not shown; they are kept in the JSON and SARIF output.\n')).toBe(true);
  });

  it('links a multi-line range to all its lines, and the scope sentence follows the counts', () => {
    const text = jobSummary(result([finding('Pod a', 4)]), { failOn: 'warning', exitCode: 1, blobUrl: 'https://x/blob/s/', scope: 'only-changed: 1 file' });
    expect(text).toContain('[a.yaml:4:7](https://x/blob/s/a.yaml#L4-L6)');
    expect(text.split('\n').slice(0, 5)).toEqual(['## oomlint: failed: findings at or above `warning`', '', '**1 error, 0 warnings, 0 info** in 1 file, 1 object, 1 container.', '', 'only-changed: 1 file']);
  });

  it('cell(): table, HTML and emphasis characters are literal; line breaks stay in the cell', () => {
    expect(cell('a|b <b>x</b> & *y* _z_ `c` [l](u) ~s~ \\')).toBe('a\\|b &lt;b&gt;x&lt;/b&gt; &amp; \\*y\\* \\_z\\_ \\`c\\` \\[l\\](u) \\~s\\~ \\\\');
    expect(cell('one\ntwo\r\nthree')).toBe('one<br>two<br>three');
  });
});
