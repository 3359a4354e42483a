/** Loader: YAML/JSON → Kubernetes objects with exact positions; bad input → InputProblems. */
import { describe, expect, it } from 'vitest';
import { kubernetesObjects } from '../src/load/kubernetes.js';
import { getScalar } from '../src/load/tree.js';
import { loadYaml } from '../src/load/yaml.js';
import { yaml } from './rule-tester.js';

function load(text: string) {
  const loaded = loadYaml('m.yaml', text);
  return { loaded, ...kubernetesObjects(loaded) };
}

describe('multi-document YAML', () => {
  const text = yaml`
    # leading comment
    apiVersion: v1
    kind: Pod
    metadata: {name: a}
    ---
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: b
      namespace: ns
  `;

  it('yields every object, skipping empty documents', () => {
    const { objects, skipped, loaded } = load(text);
    expect(objects.map((o) => `${o.kind}/${o.namespace ?? '-'}/${o.name}`)).toEqual(['Pod/-/a', 'Pod/ns/b']);
    expect(skipped).toEqual([]);
    expect(loaded.problems).toEqual([]);
  });

  it('keeps exact positions of values in later documents', () => {
    const { objects } = load(text);
    const b = objects[1];
    const name = getScalar(b?.root, 'metadata', 'name');
    expect(name && b?.positions.source(name.start, name.end)).toEqual({ file: 'm.yaml', line: 10, column: 9, endLine: 10, endColumn: 10 });
  });

  it('keeps positions exact with CRLF line endings', () => {
    const { objects } = load(text.replace(/\n/g, '\r\n'));
    const name = getScalar(objects[1]?.root, 'metadata', 'name');
    expect(name && objects[1]?.positions.source(name.start, name.end)).toMatchObject({ line: 10, column: 9, endColumn: 10 });
  });
});

describe('kind: List and JSON', () => {
  it('expands List items', () => {
    const { objects } = load(yaml`
      apiVersion: v1
      kind: List
      items:
        - {apiVersion: v1, kind: Pod, metadata: {name: a}}
        - {apiVersion: apps/v1, kind: Deployment, metadata: {name: b}}
    `);
    expect(objects.map((o) => o.kind)).toEqual(['Pod', 'Deployment']);
  });

  it('reads a JSON manifest with positions', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "j"}\n}\n';
    const { objects } = load(text);
    const name = getScalar(objects[0]?.root, 'metadata', 'name');
    expect(objects[0]?.name).toBe('j');
    expect(name && objects[0]?.positions.source(name.start, name.end)).toMatchObject({ line: 4, column: 24, endColumn: 27 }) // the quoted scalar, quotes included;
  });
});

describe('anchors and merge keys (go-yaml semantics)', () => {
  it('resolves aliases and << merges, explicit keys winning', () => {
    const { objects } = load(yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: a}
      spec:
        containers:
          - &base
            name: one
            resources: {limits: {memory: 1Gi}}
          - <<: *base
            name: two
    `);
    const second = objects[0]?.root;
    expect(second).toBeDefined();
    const containers = second?.entries.get('spec')?.value;
    const items = containers?.kind === 'map' ? containers.entries.get('containers')?.value : undefined;
    expect(items?.kind).toBe('seq');
    if (items?.kind !== 'seq') return;
    expect(getScalar(items.items[1], 'name')?.value).toBe('two');
    expect(getScalar(items.items[1], 'resources', 'limits', 'memory')?.value).toBe('1Gi');
    // Reached through the alias, the value sits at `*base` (line 9), not at the anchor in container one.
    const merged = getScalar(items.items[1], 'resources', 'limits', 'memory');
    expect(merged && objects[0]?.positions.source(merged.start, merged.end)).toMatchObject({ line: 9, column: 11, endColumn: 16 });
    const own = getScalar(items.items[0], 'resources', 'limits', 'memory');
    expect(own && objects[0]?.positions.source(own.start, own.end)).toMatchObject({ line: 8 });
  });

  it('reports a finding on an aliased value at the alias, inside the container it is about', async () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: a}
      spec:
        containers:
          - name: one
            resources: &r {limits: {memory: 512m}}
          - name: two
            resources: *r
    `;
    const { lint } = await import('../src/index.js');
    const result = await lint(['-'], { stdin: { bytes: new TextEncoder().encode(text), filename: 'a.yaml' } });
    const suspicious = result.findings.filter((f) => f.ruleId === 'memory-quantity-suspicious');
    expect(suspicious.map((f) => [f.container, f.line, f.column])).toEqual([
      ['one', 7, 39],
      ['two', 9, 18],
    ]);
  });

  it('rejects an alias bomb, as kubectl does, without expanding it', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  l0: &l0 "x"\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    const started = Date.now();
    const { loaded, objects } = load(text);
    expect(objects).toHaveLength(0);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatchObject({ code: 'yaml-syntax', line: 9 });
    expect(loaded.problems[0]?.message).toContain('excessive aliasing');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('bad input becomes a problem with a position', () => {
  it('tabs used for indentation', () => {
    const { loaded } = load('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: a\n');
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatchObject({ code: 'yaml-syntax', file: 'm.yaml', line: 4 });
  });

  it('duplicate keys, with what kubectl does', () => {
    const { loaded } = load('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n');
    expect(loaded.problems[0]).toMatchObject({ code: 'yaml-duplicate-key', line: 5, column: 3 });
    expect(loaded.problems[0]?.message).toContain('the last value wins');
  });

  it('a broken document does not hide the good ones', () => {
    const { loaded, objects } = load('apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\n---\nkind: [unclosed\n');
    expect(objects.map((o) => o.name)).toEqual(['ok']);
    // The parser notices the unclosed flow sequence at the end of the input.
    expect(loaded.problems[0]).toMatchObject({ code: 'yaml-syntax', line: 6, column: 1 });
    expect(loaded.problems[0]?.message).toContain('(document 2)');
  });

  it('unrendered Helm templates: points at the first action and says how to render', () => {
    const { loaded, objects } = load(yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: {{ include "app.fullname" . }}
      spec:
        {{- if .Values.replicas }}
        replicas: {{ .Values.replicas }}
        {{- end }}
    `);
    expect(objects).toEqual([]);
    expect(loaded.problems).toEqual([
      expect.objectContaining({ code: 'helm-template', line: 4, column: 9 }),
    ]);
    expect(loaded.problems[0]?.message).toContain('helm template');
  });

  it('a template that YAML parses as valid text is still caught', () => {
    const { loaded } = load('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n');
    expect(loaded.problems[0]).toMatchObject({ code: 'helm-template', line: 5, column: 1 });
  });
});

describe('rendered text that merely contains {{ is not a template', () => {
  it('block scalars, quoted strings, mid-plain scalars and comments', () => {
    const { loaded, objects } = load(yaml`
      apiVersion: monitoring.coreos.com/v1
      kind: PrometheusRule
      metadata:
        name: rules # {{ not a template }}
      spec:
        groups:
          - name: g
            rules:
              - alert: PodDown
                annotations:
                  summary: Pod {{ $labels.pod }} is down
                  description: "{{ $labels.namespace }}/{{ $labels.pod }}"
                  runbook: |
                    {{ range .Alerts }}{{ .Labels.x }}{{ end }}
    `);
    expect(loaded.problems).toEqual([]);
    // A PrometheusRule is counted without being composed (src/load/prescan.ts): its `{{` were
    // judged from the lexer's tokens (template.ts lexedTextRanges).
    expect(objects).toHaveLength(0);
    expect(loaded.uncomposedObjects).toBe(1);
  });
});

describe('composeOnly: a reader that needs a few kinds', () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\napiVersion: v1\nkind: LimitRange\nmetadata: {name: lr}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n';

  it('composes only the documents whose text passes, keeping positions in the file', () => {
    const loaded = loadYaml('m.yaml', text, { composeOnly: (t) => t.includes('LimitRange') });
    const { objects } = kubernetesObjects(loaded);
    expect(objects.map((o) => [o.kind, o.name])).toEqual([['LimitRange', 'lr']]);
    expect(loaded.documents.map((d) => d.index)).toEqual([1]);
    // Offsets stay the file's: the document starts at its `---`, line 4.
    expect(loaded.positions.at(loaded.documents[0]?.start ?? -1).line).toBe(4);
    expect(loaded.uncomposedObjects).toBe(2);
  });

  it('is ignored when every document is composed (composeAll), the reference', () => {
    const loaded = loadYaml('m.yaml', text, { composeAll: true, composeOnly: () => false });
    expect(kubernetesObjects(loaded).objects).toHaveLength(3);
  });
});

describe('YAML that is not a Kubernetes object is skipped with a reason', () => {
  it('a GitHub workflow', () => {
    const { skipped } = load('name: ci\non: [push]\njobs:\n  build: {runs-on: ubuntu-latest}\n');
    expect(skipped).toEqual([{ file: 'm.yaml', line: 1, column: 1, reason: 'a GitHub Actions workflow, not a Kubernetes object' }]);
  });

  it('docker-compose, with a memory hint', () => {
    const { skipped } = load('services:\n  web: {image: nginx}\n  db: {image: postgres, mem_limit: 1g}\n');
    expect(skipped[0]?.reason).toBe(
      'a docker-compose file, not a Kubernetes object (hint: services without a memory limit: web; set mem_limit or deploy.resources.limits.memory)',
    );
  });

  it('a top-level list, and a map without kind', () => {
    expect(load('- a\n- b\n').skipped[0]?.reason).toContain('a YAML list at the top level');
    expect(load('apiVersion: v1\nmetadata: {name: x}\n').skipped[0]?.reason).toBe('not a Kubernetes object (missing kind)');
  });

  it('a file with only comments', () => {
    expect(load('# nothing here\n').skipped[0]?.reason).toBe('no YAML documents (only comments or blank)');
  });
});

describe('absurd nesting', () => {
  it('100,000 nested flow sequences are an input problem with a position, not a crash', () => {
    const started = Date.now();
    const { loaded } = load(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(loaded.problems[0]).toMatchObject({ code: 'yaml-syntax', file: 'm.yaml', line: 5 });
    expect(loaded.problems[0]?.message).toBe('nesting too deep (more than 256 levels; real manifests stay below 40); oomlint stops reading the file here');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
