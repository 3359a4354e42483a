/**
 * Hostile YAML, loader level: alias bombs, absurd nesting, token floods, one huge line. Each is an
 * input problem with its position, found in bounded time and memory, and what parsed before it
 * is still loaded. Budgets are generous for a 2-core CI machine; the fixed-up quadratic and
 * exponential cases took tens of seconds to hours (or aborted the process) before.
 */
import { describe, expect, it } from 'vitest';
import { kubernetesObjects } from '../src/load/kubernetes.js';
import { getScalar, getSeq } from '../src/load/tree.js';
import { loadYaml, MAX_DEPTH, MAX_TOKENS, type YamlLimits } from '../src/load/yaml.js';

function load(text: string, limits?: YamlLimits) {
  const loaded = loadYaml('h.yaml', text, limits);
  return { loaded, ...kubernetesObjects(loaded) };
}

/** Runs `work`, returning its result with the wall time and heap growth it took. */
function measured<T>(work: () => T): { result: T; ms: number; heapMiB: number } {
  const heap = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started, heapMiB: (process.memoryUsage().heapUsed - heap) / 2 ** 20 };
}

const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n';

/** "Billion laughs": `levels` levels, each a list of `fanout` aliases of the level below. */
function laughs(levels: number, fanout: number): string {
  const lines = ['data:', '  l0: &l0 "lol"'];
  for (let i = 1; i <= levels; i++) lines.push(`  l${i}: &l${i} [${Array(fanout).fill(`*l${i - 1}`).join(', ')}]`);
  return `${CONFIGMAP}${lines.join('\n')}\n`;
}

describe('alias bombs: go-yaml\'s alias budget, in bounded time and memory', () => {
  it('a 9-level, 10× bomb (10^9 nodes) is refused as kubectl refuses it, at the alias that crosses the budget', () => {
    const { result, ms, heapMiB } = measured(() => load(laughs(9, 10)));
    expect(result.objects).toEqual([]);
    expect(result.loaded.problems).toEqual([
      {
        code: 'yaml-syntax',
        file: 'h.yaml',
        // 36 decodes up to `l1`; then a key, a list and 10 aliases a level: `l2` 2 + 10 × 22, `l3`
        // 2 + 10 × 222, `l4` 2 + 2 × 2,222: 6,872 of 6,926 (99.2 %) came through aliases, over 99 %.
        line: 9,
        column: 17,
        message:
          "document contains excessive aliasing (6,872 of the first 6,926 nodes come through aliases: an alias bomb); kubectl rejects it with the same message (go-yaml's alias limit)",
      },
    ]);
    expect(ms).toBeLessThan(5000);
    expect(heapMiB).toBeLessThan(64);
  });

  it('3 levels of 10 (1,000 nodes) stay within the budget and load; 4 levels do not', () => {
    const three = load(laughs(3, 10));
    expect(three.loaded.problems).toEqual([]);
    expect(getSeq(three.objects[0]?.root, 'data', 'l3')?.items).toHaveLength(10);
    expect(load(laughs(4, 10)).loaded.problems[0]?.message).toMatch(/^document contains excessive aliasing/);
  });

  it('20,000 aliases of one small anchor load in linear time (Alias.resolve made this 26 s)', () => {
    const text = `${CONFIGMAP}data:\n  list:\n    - &a x\n${'    - *a\n'.repeat(20_000)}`;
    const { result, ms } = measured(() => load(text));
    expect(result.loaded.problems).toEqual([]);
    expect(getSeq(result.objects[0]?.root, 'data', 'list')?.items).toHaveLength(20_001);
    expect(ms).toBeLessThan(3000);
  });

  it('a merge bomb (one 2,000-key map merged into 2,000 maps) is refused at the 100th merge', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `k${i}: v`).join(', ');
    const merges = Array.from({ length: 2000 }, (_, i) => `  m${i}: {<<: *big}`).join('\n');
    const { result, ms } = measured(() => load(`${CONFIGMAP}big: &big {${keys}}\ndata:\n${merges}\n`));
    // `  m99: {<<: *big}`: 100 merges of 4,001 nodes cross go-yaml's 400,000-decode mark.
    expect(result.loaded.problems).toMatchObject([{ code: 'yaml-syntax', line: 105, column: 13 }]);
    expect(result.loaded.problems[0]?.message).toMatch(/^document contains excessive aliasing/);
    expect(ms).toBeLessThan(5000);
  });
});

describe('absurd nesting: refused at a fixed depth, before the parser can overflow its stack', () => {
  const deep = (open: string, close: string, levels: number) => `${CONFIGMAP}data:\n  x: ${open.repeat(levels)}${close.repeat(levels)}\n`;

  for (const [name, open, close] of [
    ['flow sequences', '[', ']'],
    ['flow mappings', '{a: ', '}'],
  ] as const) {
    it(`100,000 nested ${name}: a problem at the level past the limit, at once (a hang guard, not a benchmark)`, () => {
      const { result, ms } = measured(() => load(deep(open, close, 100_000)));
      // Levels: the document, the top map, `data`'s map, then the flow collections from column 6.
      const column = 6 + (MAX_DEPTH - 2) * open.length;
      expect(result.loaded.problems).toEqual([
        {
          code: 'yaml-syntax',
          file: 'h.yaml',
          line: 5,
          column,
          message: 'nesting too deep (more than 256 levels; real manifests stay below 40); oomlint stops reading the file here',
        },
      ]);
      expect(result.objects).toEqual([]);
      expect(ms).toBeLessThan(5000);
    });
  }

  it('100,000 compact block sequences (`- - - …` on one line) and 300 levels of indentation', () => {
    const compact = load(`${CONFIGMAP}items:\n${'- '.repeat(100_000)}x\n`);
    expect(compact.loaded.problems).toMatchObject([{ code: 'yaml-syntax', line: 5, column: 1 + (MAX_DEPTH - 1) * 2 }]);
    const indented = load(`${CONFIGMAP}data:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(2 + i)}k:`).join('\n')} 1\n`);
    // The first `k:` (line 5, column 3) is at level 3 (document, top map, its own map).
    expect(indented.loaded.problems).toMatchObject([{ code: 'yaml-syntax', line: 4 + MAX_DEPTH, column: MAX_DEPTH + 2 }]);
  });

  it('just under the limit loads, and its deepest value is reachable', () => {
    const { loaded, objects } = load(deep('[', ']', MAX_DEPTH - 3).replace('[]', '[leaf]'));
    expect(loaded.problems).toEqual([]);
    let node = getSeq(objects[0]?.root, 'data', 'x');
    for (let level = 1; level < MAX_DEPTH - 3; level++) node = getSeq(node?.items[0]);
    expect(node?.items[0]).toMatchObject({ kind: 'scalar', value: 'leaf' });
  });

  it('the documents before a too-deep one are still loaded, and it is named by number', () => {
    const { loaded, objects } = load(`${CONFIGMAP}---\n${deep('[', ']', 1000)}`);
    expect(objects.map((o) => o.name)).toEqual(['x']);
    expect(loaded.problems).toMatchObject([{ line: 9, message: expect.stringMatching(/^nesting too deep .*\(document 2\)$/) }]);
  });

  it('deep documents in a row do not abort the process (V8 did: a fatal error near the stack limit)', () => {
    // Without the limit, this sequence ended the process with "RegExpCompiler Allocation failed".
    for (const levels of [1000, 2000, 5000, 100_000]) {
      expect(load(deep('[', ']', levels)).loaded.problems).toMatchObject([{ line: 5, column: 6 + MAX_DEPTH - 2 }]);
    }
  });
});

describe('token floods: memory stays bounded whatever the density', () => {
  it('16 MiB of `[1,1,1,…` stops at the default token budget in seconds (it exhausted the heap before)', () => {
    const text = `[${'1,'.repeat(8 * 2 ** 20 - 1)}1]`;
    const { result, ms } = measured(() => load(text));
    // Three tokens per item (`1`, `,` and the scalar marker), after the opening `[`.
    expect(result.loaded.problems).toEqual([
      {
        code: 'yaml-syntax',
        file: 'h.yaml',
        line: 1,
        column: 2_000_000,
        message: `too many YAML tokens (limit ${MAX_TOKENS.toLocaleString('en-US')}); split the file — oomlint stops reading it here`,
      },
    ]);
    expect(ms).toBeLessThan(15_000);
  });

  it('the budget counts the whole file; the documents read before it are kept', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\n';
    const { loaded, objects } = load(pod.repeat(50), { maxTokens: 1000 });
    // About 29 tokens a document: the 1,001st is the line break after `kind: Pod` in the 35th.
    expect(objects).toHaveLength(34);
    expect(loaded.problems).toEqual([
      {
        code: 'yaml-syntax',
        file: 'h.yaml',
        line: 138,
        column: 10,
        message: 'too many YAML tokens (limit 1,000); split the file — oomlint stops reading it here (document 35)',
      },
    ]);
  });
});

describe('one 10 MB line', () => {
  it('a 10 MB single-line JSON object with `{{` in every value loads in bounded time (no per-`{{` rescans)', () => {
    const pad = 'x'.repeat(70);
    const values = Array.from({ length: 100_000 }, (_, i) => `"k${i}": "{{ .Values.v${i} }} ${pad}"`).join(', ');
    const text = `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "line"}, "data": {${values}}}`;
    expect(text.length).toBeGreaterThan(10_000_000);
    const { result, ms } = measured(() => load(text));
    expect(result.loaded.problems).toEqual([]);
    expect(getScalar(result.objects[0]?.root, 'data', 'k99999')?.value).toBe(`{{ .Values.v99999 }} ${pad}`);
    expect(ms).toBeLessThan(20_000);
  });

  it('a 10 MB comment full of `{{` is skipped in one pass (it was quadratic: minutes)', () => {
    const { result, ms } = measured(() => load(`${CONFIGMAP}# ${'{{ '.repeat(3_500_000)}\n`));
    expect(result.loaded.problems).toEqual([]);
    expect(result.objects).toHaveLength(1);
    expect(ms).toBeLessThan(5000);
  });
});
