/**
 * Odd but legal-looking YAML, loader level: duplicate keys, merge keys, anchors across documents,
 * tags, numbers as kubectl types them, and line endings. Each one is read as kubectl (go-yaml v2
 * through sigs.k8s.io/yaml) reads it, or reported with its position when kubectl cannot read it.
 */
import { describe, expect, it } from 'vitest';
import { kubernetesObjects } from '../src/load/kubernetes.js';
import { getMap, getScalar, getSeq, getString } from '../src/load/tree.js';
import { loadYaml } from '../src/load/yaml.js';
import { yaml } from './rule-tester.js';

function load(text: string, file = 'k.yaml') {
  const loaded = loadYaml(file, text);
  return { loaded, ...kubernetesObjects(loaded) };
}

describe('duplicate keys', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: dup}
    spec:
      containers:
        - name: c
          resources:
            limits: {memory: 1Gi}
            limits: {memory: 2Gi}
  `;

  it('are an input problem at the second key, saying what kubectl does with them', () => {
    expect(load(text).loaded.problems).toEqual([
      {
        code: 'yaml-duplicate-key',
        file: 'k.yaml',
        line: 9,
        column: 9,
        message:
          'duplicate key "limits" (first at line 8): the last value wins when kubectl converts the file to JSON, so oomlint lints that one; ' +
          'strict decoders (yaml.v3, older kubectl client-side validation) reject the file (mapping key already defined). Keep one',
      },
    ]);
  });

  it('the document is still linted, with the last value, as kubectl would apply it', () => {
    const containers = getSeq(load(text).objects[0]?.root, 'spec', 'containers');
    expect(getString(containers?.items[0], 'resources', 'limits', 'memory')).toBe('2Gi');
  });

  it('keys are compared by value, as YAML does: `1` and `"1"` differ, `1` and `1.0` do not', () => {
    expect(load('a: {1: x, "1": y}\n').loaded.problems).toEqual([]);
    expect(load('a: {1: x, 1.0: y}\n').loaded.problems).toMatchObject([{ code: 'yaml-duplicate-key', line: 1, column: 11 }]);
  });

  it('20,000 distinct keys in one map load in linear time (the parser\'s own check took 3 s)', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `  k${i}: v`).join('\n');
    const started = performance.now();
    const { loaded, objects } = load(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${keys}\n`);
    expect(loaded.problems).toEqual([]);
    expect(getMap(objects[0]?.root, 'data')?.entries.size).toBe(20_000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('merge keys (<<) and anchors', () => {
  it('a merge of an alias, and of a list of them: explicit keys win, then the earlier source', () => {
    const { loaded, objects } = load(yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: m}
      small: &small {memory: 256Mi, cpu: 100m}
      large: &large {memory: 2Gi, ephemeral: 1Gi}
      data:
        one: {<<: *small, cpu: 200m}
        both: {<<: [*large, *small]}
    `);
    expect(loaded.problems).toEqual([]);
    const data = getMap(objects[0]?.root, 'data');
    expect(['memory', 'cpu'].map((k) => getString(data, 'one', k))).toEqual(['256Mi', '200m']);
    expect(['memory', 'cpu', 'ephemeral'].map((k) => getString(data, 'both', k))).toEqual(['2Gi', '100m', '1Gi']);
  });

  it('a merge of something that is not a map is refused, as go-yaml refuses it', () => {
    expect(load('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata: {<<: 5}\n').loaded.problems).toEqual([
      { code: 'yaml-syntax', file: 'k.yaml', line: 4, column: 12, message: 'map merge requires map or sequence of maps as the value (a << merge key); kubectl rejects it' },
    ]);
  });

  it('an alias to an anchor of an earlier document is an error naming that document; the earlier one still loads', () => {
    const { loaded, objects } = load('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: &d {x: "1"}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: *d\n');
    expect(objects.map((o) => o.name)).toEqual(['a']);
    expect(loaded.problems).toEqual([
      {
        code: 'yaml-syntax',
        file: 'k.yaml',
        line: 9,
        column: 7,
        message:
          'unknown anchor "d" referenced (kubectl fails the same way); it is defined in document 1, and anchors do not reach across documents (---): repeat the content (document 2)',
      },
    ]);
  });

  it('an alias before its anchor, and an anchor that contains itself', () => {
    expect(load('a: *x\nb: &x 1\n').loaded.problems).toMatchObject([
      { code: 'yaml-syntax', line: 1, column: 4, message: 'unknown anchor "x" referenced (kubectl fails the same way): an alias must come after its anchor (&x) in the same document' },
    ]);
    expect(load('a: &x {b: *x}\n').loaded.problems).toMatchObject([
      { code: 'yaml-syntax', line: 1, column: 11, message: 'anchor "x" value contains itself; kubectl cannot decode a recursive document' },
    ]);
  });
});

describe('tags: read as go-yaml reads them, never a crash', () => {
  const { loaded, objects } = load(yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: tagged}
    spec:
      containers:
        - name: c
          image: !Ref MyImage
          resources:
            limits: {memory: !Ref 512Mi}
            requests: {memory: !!binary MjU2TWk=}
          env:
            - {name: OBJ, value: !!python/object:os.system {cmd: ls}}
            - {name: STR, value: !!str 0x10}
            - {name: INT, value: !!int "0x10"}
  `);
  const container = getSeq(objects[0]?.root, 'spec', 'containers')?.items[0];

  it('a custom tag keeps the value as written (go-yaml does not resolve unknown tags)', () => {
    expect(loaded.problems).toEqual([]);
    expect(getString(container, 'image')).toBe('MyImage');
    expect(getString(container, 'resources', 'limits', 'memory')).toBe('512Mi');
  });

  it('!!binary is decoded to its text, as go-yaml does (base64 of "256Mi")', () => {
    expect(getString(container, 'resources', 'requests', 'memory')).toBe('256Mi');
  });

  it('!!python/object on a map is just a map; !!str and !!int decide the type, not the look', () => {
    const env = getSeq(container, 'env')?.items ?? [];
    expect(getMap(env[0], 'value')?.entries.has('cmd')).toBe(true);
    expect(getScalar(env[1], 'value')).toMatchObject({ value: '0x10' });
    expect(getScalar(env[1], 'value')?.jsonNumber).toBeUndefined();
    expect(getScalar(env[2], 'value')).toMatchObject({ value: 16, jsonNumber: '16' });
  });
});

describe('numbers as kubectl sends them (jsonNumber: go-yaml v2 types, Go JSON spelling)', () => {
  const cases: Array<[string, string | undefined]> = [
    ['1073741824', '1073741824'],
    ['"1073741824"', undefined],
    ['1e3', '1000'],
    ['0x10', '16'],
    ['0o20', '16'],
    ['020', '16'],
    ['08', '8'],
    ['0b101', '5'],
    ['1_000', '1000'],
    ['.5', '0.5'],
    ['+12', '12'],
    ['-0', '0'],
    ['9223372036854775807', '9223372036854775807'],
    ['9223372036854775808', '9223372036854775808'],
    ['1e-7', '1e-7'],
    ['1e21', '1e+21'],
    ['1e400', undefined],
    ['.inf', undefined],
    ['.5Gi', undefined],
    ['512Mi', undefined],
    ['yes', undefined],
    ['0x', undefined],
  ];
  for (const [written, sent] of cases) {
    it(`memory: ${written} → ${sent ?? 'a string (or not a number)'}`, () => {
      const { objects } = load(`apiVersion: v1\nkind: LimitRange\nmetadata: {name: n}\nspec: {memory: ${written}}\n`);
      expect(getScalar(objects[0]?.root, 'spec', 'memory')?.jsonNumber).toBe(sent);
    });
  }
});

describe('line endings and indentation', () => {
  it('CR-only line endings (classic Mac OS) are line breaks, as in YAML and go-yaml; positions stay exact', () => {
    const { loaded, objects } = load('apiVersion: v1\rkind: Pod\rmetadata:\r  name: mac\r');
    expect(loaded.problems).toEqual([]);
    const name = getScalar(objects[0]?.root, 'metadata', 'name');
    expect(name && loaded.positions.source(name.start, name.end)).toMatchObject({ line: 4, column: 9, endLine: 4, endColumn: 12 });
  });

  it('CRLF: the same positions as LF, the CR never inside a range', () => {
    const lf = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: win\n';
    const at = (text: string) => {
      const { loaded, objects } = load(text);
      const name = getScalar(objects[0]?.root, 'metadata', 'name');
      return name && loaded.positions.source(name.start, name.end);
    };
    expect(at(lf.replace(/\n/g, '\r\n'))).toEqual(at(lf));
    expect(at(lf)).toMatchObject({ line: 4, column: 9, endLine: 4, endColumn: 12 });
  });

  it('a tab used for indentation is an error at the tab, saying to indent with spaces', () => {
    expect(load('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: t\n').loaded.problems).toMatchObject([
      { code: 'yaml-syntax', line: 4, column: 1, message: expect.stringMatching(/YAML forbids tabs for indentation; indent with spaces$/) },
    ]);
  });
});
