/**
 * The prescan (src/load/prescan.ts) says "skip" only for a document that the `yaml` parser reads
 * as one allow-listed object, or as a syntax error: checked on a table of traps, on every
 * document of the corpora, and on generated documents built from the lines that could fool a
 * line scanner.
 */
import fc from 'fast-check';
import type { Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { splitDocuments, type DocumentChunk } from '../src/load/documents.js';
import { parseDocuments } from '../src/load/parse.js';
import { isSkippable } from '../src/load/prescan.js';
import { findTemplateAction, lexedTextRanges, scalarTextRanges } from '../src/load/template.js';
import { runs, TIMEOUT } from './arbitraries/runs.js';
import { allManifests } from './prescan-files.js';

const whole = (text: string): DocumentChunk => ({ start: 0, end: text.length });
const skippable = (text: string): boolean => isSkippable(text, whole(text));

/**
 * What the parser makes of a document the prescan skips: fine when it has a syntax error (the
 * accepted difference) or is a map with these apiVersion and kind; returns the pair read.
 */
function parsedHeader(text: string, chunk: DocumentChunk): { error: boolean; apiVersion?: unknown; kind?: unknown } {
  const { list } = parseDocuments(text, { whole: false, chunks: [{ ...chunk, index: 0 }] }, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, { composed: (doc) => doc });
  const doc = list[0]?.value;
  if (!doc || list.length !== 1) return { error: true };
  if (doc.errors.length > 0) return { error: true };
  const value = doc.toJS({ maxAliasCount: -1 }) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: false };
  const map = value as Record<string, unknown>;
  return { error: false, apiVersion: map.apiVersion, kind: map.kind };
}

describe('isSkippable', () => {
  it.each([
    ['a core Service', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n'],
    ['a CRD, kind first, comments', '# c\n---\nkind: CustomResourceDefinition # crd\napiVersion: apiextensions.k8s.io/v1\nspec:\n  x: 1\n'],
    ['RBAC with a block scalar holding kind lines', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nx: |\n  kind: Deployment\n'],
    ['CRLF', 'apiVersion: v1\r\nkind: Secret\r\n'],
    ['a sequence flush with its key', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nrules:\n- apiGroups:\n  - ""\n  kind: Deployment\n'],
    ['`{{` in a string (yaml.ts checks it with the lexer)', 'apiVersion: v1\nkind: Service\nx: "{{ .Values.x }}"\n'],
  ])('skips %s', (_name, text) => {
    expect(skippable(text)).toBe(true);
  });

  it.each([
    ['Knative Service (a pod template)', 'apiVersion: serving.knative.dev/v1\nkind: Service\n'],
    ['a Deployment', 'apiVersion: apps/v1\nkind: Deployment\n'],
    ['a ConfigMap (env reads them)', 'apiVersion: v1\nkind: ConfigMap\n'],
    ['a List', 'apiVersion: v1\nkind: List\nitems: []\n'],
    ['a ServiceList', 'apiVersion: v1\nkind: ServiceList\nitems: []\n'],
    ['an oomlint annotation', 'apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    oomlint.io/ignore: "*"\n'],
    ['a block scalar root', '--- |\napiVersion: v1\nkind: Service\n'],
    ['a tagged root', '--- !!map\napiVersion: v1\nkind: Service\n'],
    ['two kinds (the last wins)', 'apiVersion: v1\nkind: Service\nkind: Deployment\n'],
    ['a quoted kind key', 'apiVersion: v1\nkind: Service\n"kind": Deployment\n'],
    ['an explicit key', 'apiVersion: v1\nkind: Service\n? kind\n: Deployment\n'],
    ['a merge key', 'apiVersion: v1\nkind: Service\n<<: *x\n'],
    ['a kind continued on the next line', 'apiVersion: v1\nkind: Service\n\n  Foo\n'],
    ['a kind on the next line', 'apiVersion: v1\nkind:\n  Service\n'],
    ['a quoted kind value', 'apiVersion: v1\nkind: "Service"\n'],
    ['a kind with a tag', 'apiVersion: v1\nkind: !!str Service\n'],
    ['an aliased kind', 'apiVersion: v1\nkind: *k\n'],
    ['an indented root map', '  apiVersion: v1\n  kind: Service\n'],
    ['a flow root map', '{apiVersion: v1, kind: Service}\n'],
    ['a sequence at the root', '- x\napiVersion: v1\nkind: Service\n'],
    ['a line indented with a tab', 'apiVersion: v1\nkind: Service\n\tx: 1\n'],
    ['no apiVersion', 'kind: Service\n'],
    ['an odd apiVersion', 'apiVersion: v1/x\nkind: Service\n'],
  ])('composes %s', (_name, text) => {
    expect(skippable(text)).toBe(false);
  });
});

describe('isSkippable on the corpora', () => {
  it('skips only documents the parser reads as the same allow-listed object', () => {
    let skipped = 0;
    for (const { text } of allManifests()) {
      for (const chunk of splitDocuments(text) ?? []) {
        if (!isSkippable(text, chunk)) continue;
        skipped++;
        const header = parsedHeader(text, chunk);
        expect(header.error).toBe(false);
        expect(typeof header.apiVersion === 'string' && typeof header.kind === 'string').toBe(true);
        expect(text.slice(chunk.start, chunk.end)).toContain(`kind: ${String(header.kind)}`);
      }
    }
    // CRDs, RBAC, Services and Secrets: hundreds of documents in ../shared/corpus/real alone.
    expect(skipped).toBeGreaterThan(250);
  });
});

/**
 * The template verdict on a document from its composed scalars, and from its lexical tokens only;
 * undefined for a document with a syntax error (the composer may then drop scalars the lexer
 * saw: part of the accepted difference, see skip-parity.test.ts).
 */
function templateVerdicts(text: string): [number | undefined, number | undefined] | undefined {
  const read = (doc: Document.Parsed) => ({ errors: doc.errors.length, ranges: scalarTextRanges(doc) });
  const { list } = parseDocuments(text, { whole: true }, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, { composed: read });
  if (list.some((d) => d.value.errors > 0)) return undefined;
  return [findTemplateAction(text, list.flatMap((d) => d.value.ranges)), findTemplateAction(text, lexedTextRanges(text, whole(text)))];
}

describe('lexedTextRanges', () => {
  it('finds the unrendered templates the composed scalars find, in every corpus document with `{{`', () => {
    let checked = 0;
    for (const { text } of allManifests()) {
      for (const chunk of splitDocuments(text) ?? []) {
        const source = text.slice(chunk.start, chunk.end);
        if (!source.includes('{{')) continue;
        const verdicts = templateVerdicts(source);
        if (!verdicts) continue;
        checked++;
        expect(verdicts[1]).toBe(verdicts[0]);
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it.each([
    ['a plain value', 'x: {{ .Values.x }}\n', 3],
    ['inside a plain scalar', 'x: a {{ b }}\n', undefined],
    ['quoted', 'x: "{{ b }}"\ny: \'{{ c }}\'\n', undefined],
    ['a block scalar', 'x: |\n  {{ b }}\n', undefined],
    ['a comment', 'x: 1 # {{ b }}\n', undefined],
    ['a block header comment, then a template', 'x: | # {{ c }}\n  a\ny: {{ .x }}\n', 22],
  ])('%s', (_name, text, offset) => {
    expect(templateVerdicts(text)).toEqual([offset, offset]);
  });

  it(
    'agrees with the composed scalars on generated text (property)',
    () => {
      const piece = fc.constantFrom(
        'x: {{ a }}', 'x: a {{ b }}', 'x: "{{ c }}"', "x: '{{ d }}'", 'x: |', 'x: >-', 'x: | # {{ e }}', '  {{ f }}', '  text', '{{- if .g }}', '{{ end }}',
        '- {{ h }}', '- a {{ i }}', 'y: [{{ j }}]', 'y: [a, "{{ k }}"]', 'z: {a: "{{ l }}"}', '# {{ m }}', 'w: "multi', '  {{ n }} line"', '', 'k: v',
        '{{ o }}: v', '"{{ p }}": v', '? {{ q }}', '  - {{ r }}', 'x: !!str {{ s }}', 'x: &a {{ t }}',
      );
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 12 }), (lines) => {
          const verdicts = templateVerdicts(`${lines.join('\n')}\n`);
          if (verdicts) expect(verdicts[1]).toBe(verdicts[0]);
        }),
        runs(3000),
      );
    },
    TIMEOUT,
  );
});

/** Lines that could fool a line scanner about a document's root, apiVersion and kind. */
const line = fc.constantFrom(
  'apiVersion: v1', 'apiVersion: apps/v1', 'kind: Service', 'kind: Deployment', 'kind: Secret', 'kind: ServiceList', '"kind": Deployment', "'kind': Pod",
  '? kind', ': Deployment', '<<: {kind: Deployment}', 'kind: !!str Deployment', 'kind: &k Deployment', 'kind: *k', 'kind:', '  Deployment', '  Foo', '',
  '# comment', '  # indented comment', 'spec:', '  template:', '    kind: Deployment', 'x: |', 'kind: Service # c', 'y: "a', 'kind: Deployment"', "z: 'b",
  "kind: Pod'", 'w: [1,', 'kind: Deployment]', 'v: {a: 1,', 'kind: Deployment}', '- item', '\tkind: Deployment', 'kind: Service\tx', 'kind:  Service  ',
  '--- |', '--- !!map', '--- # c', 'u: >-', 'kind: Ser vice', 'kind: Service#x', 'apiVersion: monitoring.coreos.com/v1', 'kind: PrometheusRule',
);

describe('isSkippable (property)', () => {
  it(
    'a skipped document is a syntax error or exactly the allow-listed object the prescan read',
    () => {
      fc.assert(
        fc.property(fc.array(line, { maxLength: 14 }), fc.boolean(), (lines, crlf) => {
          let text = `${lines.join('\n')}\n`;
          if (crlf) text = text.replace(/\n/g, '\r\n');
          if (!skippable(text)) return;
          const header = parsedHeader(text, whole(text));
          if (header.error) return; // the accepted difference: not reported when skipped
          expect(['v1', 'monitoring.coreos.com/v1']).toContain(header.apiVersion);
          expect(['Service', 'Secret', 'PrometheusRule']).toContain(header.kind);
          expect(text).toMatch(new RegExp(`^kind: +${String(header.kind)}\\b`, 'm'));
        }),
        runs(3000),
      );
    },
    TIMEOUT,
  );
});
