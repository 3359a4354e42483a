/**
 * Files that are not (yet) manifests, end to end: Kustomize overlays and unrendered Helm templates
 * (render them first), JSON with comments (kubectl cannot read it), and YAML for other tools
 * (skipped with a reason). None of them is mistaken for Kubernetes objects.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';
import type { LintResult } from '../src/result.js';

const KUSTOMIZE = 'a Kustomize overlay: run `kustomize build` (or `kubectl kustomize`) and pipe it to `oomlint -`';

const FILES: Record<string, string> = {
  'overlays/prod/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\n',
  'components/small/kustomization.yml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: memory.yaml\n',
  // Kustomize reads a kustomization without apiVersion and kind, by its file name.
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\nnamePrefix: prod-\n',
  'base/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          resources: {requests: {memory: 64Mi}}\n',
  'chart/templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n',
  'json/line-comment.json': '{\n  // the API server never sees this\n  "apiVersion": "v1",\n  "kind": "Pod"\n}\n',
  'json/block-comment.json': '{"apiVersion": "v1", /* inline */ "kind": "Pod"}\n',
  'json/url.json': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "u"}, "data": {"url": "http://x/*y*/"}}\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n',
  'compose/docker-compose.yml': 'services:\n  web:\n    image: nginx\n  db:\n    image: postgres\n    mem_limit: 512m\n',
  'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 1.0.0\n',
  'chart/values.yaml': 'replicaCount: 1\nresources: {}\n',
};

let dir: string;
let result: LintResult;
beforeAll(async () => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'oomlint-kinds-')));
  for (const [file, content] of Object.entries(FILES)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  result = await lint(['.'], { cwd: dir });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const skipped = (file: string) => result.summary.skipped.filter((s) => s.file === file).map((s) => s.reason);

describe('Kustomize overlays', () => {
  it('a Kustomization, a Component and a kustomization.yaml without apiVersion are skipped: build them first', () => {
    expect(skipped('overlays/prod/kustomization.yaml')).toEqual([KUSTOMIZE]);
    expect(skipped('components/small/kustomization.yml')).toEqual([KUSTOMIZE]);
    expect(skipped('base/kustomization.yaml')).toEqual([KUSTOMIZE]);
  });

  it('the resources beside them are still linted', () => {
    expect(result.findings.filter((f) => f.file === 'base/deployment.yaml').map((f) => f.ruleId)).toEqual(['memory-limit-missing']);
  });
});

describe('JSON with comments: an error at the comment, the object is not linted', () => {
  it('a // line comment and a /* */ block comment', () => {
    const message =
      'comments are not allowed in JSON; kubectl cannot read this file as JSON (and read as YAML the comment becomes part of a key): remove the comments, or write the manifest as YAML, which has # comments';
    expect(result.errors.filter((e) => e.file.startsWith('json/'))).toEqual([
      { code: 'json-syntax', file: 'json/block-comment.json', line: 1, column: 22, message },
      { code: 'json-syntax', file: 'json/line-comment.json', line: 2, column: 3, message },
    ]);
  });

  it('// and /* inside a JSON string are text', () => {
    expect(result.errors.find((e) => e.file === 'json/url.json')).toBeUndefined();
    expect(result.summary.objects).toBe(2); // the Deployment and this ConfigMap
  });
});

describe('YAML for other tools', () => {
  it('an unrendered Helm template is an error at its first action, saying how to render it', () => {
    expect(result.errors.filter((e) => e.file.startsWith('chart/'))).toEqual([
      {
        code: 'helm-template',
        file: 'chart/templates/pod.yaml',
        line: 4,
        column: 9,
        message: 'unrendered Helm/Go template ({{ … }}); render it first (`helm template <chart> | oomlint -`) so oomlint sees what Kubernetes will',
      },
    ]);
  });

  it('GitHub workflows, docker-compose (with a mem_limit hint), Chart.yaml and values.yaml are skipped with a reason', () => {
    expect(skipped('.github/workflows/ci.yml')).toEqual(['a GitHub Actions workflow, not a Kubernetes object']);
    expect(skipped('compose/docker-compose.yml')).toEqual([
      'a docker-compose file, not a Kubernetes object (hint: services without a memory limit: web; set mem_limit or deploy.resources.limits.memory)',
    ]);
    expect(skipped('chart/Chart.yaml')).toEqual(['not a Kubernetes object (missing kind)']);
    expect(skipped('chart/values.yaml')).toEqual(['not a Kubernetes object (no apiVersion and kind)']);
  });
});
