/**
 * Skipping documents that cannot matter (src/load/prescan.ts) never changes a result: lint() with
 * and without `composeAll` gives the same findings (every field), errors, skipped list and
 * summary on the corpora, the examples and generated files that mix skippable objects with
 * workloads. The accepted differences are asserted on their own: what is wrong inside a skipped
 * document (YAML syntax, duplicate keys, aliases, parser limits) is not reported, and an
 * allow-listed kind is never read as a workload, even with a pod template it cannot have.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config.js';
import { lint, type LintResult } from '../src/index.js';
import { runs, TIMEOUT } from './arbitraries/runs.js';
import { documents, type Doc } from './arbitraries/workload.js';
import { serialize, style } from './arbitraries/yaml-style.js';
import { CORPUS_DIRS } from './prescan-files.js';

async function bothWays(paths: string[], cwd: string): Promise<[LintResult, LintResult]> {
  const options = { cwd, config: defaultConfig(), reportUnusedDisableDirectives: 'warning' as const };
  return [await lint(paths, options), await lint(paths, { ...options, composeAll: true })];
}

function lintTextBothWays(text: string): Promise<[LintResult, LintResult]> {
  const stdin = { bytes: new TextEncoder().encode(text), filename: 'mixed.yaml' };
  const options = { stdin, config: defaultConfig(), reportUnusedDisableDirectives: 'warning' as const };
  return Promise.all([lint(['-'], options), lint(['-'], { ...options, composeAll: true })]);
}

describe('skipping gives the same result as composing everything', () => {
  it.each(Object.entries(CORPUS_DIRS))('on %s', async (_name, dir) => {
    const [skipping, composing] = await bothWays(['.'], dir);
    expect(skipping).toEqual(composing);
    expect(composing.summary.objects).toBeGreaterThan(0);
  });

  it('on linkerd rendered output (named on the command line: .golden)', async () => {
    const [skipping, composing] = await bothWays(['linkerd__linkerd2/cli/cmd/testdata/install_default.golden'], CORPUS_DIRS.real);
    expect(skipping).toEqual(composing);
    expect(composing.summary.containers).toBeGreaterThan(0);
  });
});

/** Objects the prescan skips, some with tricks it must see through (they are then composed). */
const skippable: fc.Arbitrary<Doc> = fc.oneof(
  fc.constantFrom<Doc>(
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app-config' }, stringData: { JAVA_OPTS: '-Xmx4g' } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ verbs: ['*'] }] },
    { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'c' }, spec: { description: 'kind: Deployment\n---\n' } },
    { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'k' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'x' }] } } } },
    { apiVersion: 'v1', kind: 'ServiceList', items: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'in-list' }, spec: { template: { spec: { containers: [{ name: 'c' }] } } } }] },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ann', annotations: { 'oomlint.io/ignore': '*' } } },
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'p' }, spec: { groups: [{ rules: [{ annotations: { summary: '{{ $labels.pod }}' } }] }] } },
  ),
);

describe('skipping (property)', () => {
  it(
    'gives the same result on files mixing skippable objects and workloads, in every YAML style',
    async () => {
      await fc.assert(
        fc.asyncProperty(documents, fc.array(skippable, { maxLength: 4 }), fc.nat(), style, async (docs, extra, at, s) => {
          const mixed = [...docs];
          extra.forEach((doc, i) => mixed.splice((at + i) % (mixed.length + 1), 0, doc));
          const [skipping, composing] = await lintTextBothWays(serialize(mixed, s));
          expect(skipping).toEqual(composing);
        }),
        runs(150),
      );
    },
    TIMEOUT,
  );
});

describe('what skipped documents still report', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n';

  it('an unrendered Helm template in a skipped document (found with the lexer)', async () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n---\n${deployment}`;
    const [skipping, composing] = await lintTextBothWays(text);
    expect(skipping).toEqual(composing);
    expect(skipping.errors.map((e) => `${e.code} ${e.line}:${e.column}`)).toEqual(['helm-template 4:9']);
  });

  it('a syntax error in a composed document, with skippable documents after it (the file is then parsed whole)', async () => {
    const text = `${deployment}  bad: [unclosed\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\n${deployment.replace('name: web', 'name: api')}`;
    const [skipping, composing] = await lintTextBothWays(text);
    expect(skipping).toEqual(composing);
    expect(skipping.errors.map((e) => e.code)).toEqual(['yaml-syntax']);
    expect(skipping.summary.objects).toBe(2);
  });

  it('the hint on an alias to an anchor defined in a skipped document', async () => {
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: &n s\n---\n${deployment.replace('name: web', 'name: *n')}`;
    const [skipping, composing] = await lintTextBothWays(text);
    expect(skipping).toEqual(composing);
    expect(skipping.errors[0]?.message).toContain('it is defined in document 1');
  });
});

describe('the accepted difference', () => {
  const broken = [
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: dup\n  name: dup2\n',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nrules: *nowhere\n',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx\n',
  ].join('---\n');

  it('is that problems inside a skipped document are not reported', async () => {
    const [skipping, composing] = await lintTextBothWays(broken);
    expect(composing.errors.map((e) => e.code)).toEqual(['yaml-duplicate-key', 'yaml-syntax', 'yaml-syntax']);
    expect(skipping.errors).toEqual([]);
    // The Deployment is linted the same way, and every document still counts as an object,
    // except those kubectl could not decode (today: the unclosed quote and the unknown alias).
    expect(skipping.findings).toEqual(composing.findings);
    expect(skipping.summary.objects).toBe(4);
    expect(composing.summary.objects).toBe(2);
  });

  it('and an allow-listed kind carrying a pod template (which the API server rejects: unknown field) is not linted', async () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n';
    const [skipping, composing] = await lintTextBothWays(text);
    expect(composing.summary).toMatchObject({ objects: 1, containers: 1 });
    expect(composing.findings.length).toBeGreaterThan(0);
    expect(skipping.summary).toMatchObject({ objects: 1, containers: 0, findings: 0 });
  });

  it('so a broken skipped document no longer hides the documents after it', async () => {
    // The yaml parser reads an unclosed quoted scalar on to the end of the file, over `---`.
    const text = broken.replace('name: [unclosed', 'name: "unclosed');
    const [skipping, composing] = await lintTextBothWays(text);
    expect(composing.summary).toMatchObject({ objects: 1, containers: 0 });
    expect(skipping.summary).toMatchObject({ objects: 4, containers: 1 });
  });
});
