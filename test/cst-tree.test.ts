/**
 * cst-tree.ts builds plain documents' trees without the `yaml` composer. It must be exact or
 * decline: wherever it builds a tree, the composer reports no error and toTree(composed document)
 * is the same tree, node for node and offset for offset.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Composer, Parser, type CST } from 'yaml';
import { buildTree } from '../src/load/cst-tree.js';
import { loadYaml } from '../src/load/yaml.js';
import { toTree, type YValue } from '../src/load/tree.js';
import { documents } from './arbitraries/workload.js';
import { serialize, style } from './arbitraries/yaml-style.js';
import { CORPUS_DIRS, manifestFiles } from './prescan-files.js';

interface Comparison {
  documents: number;
  built: number;
  /** Built documents where the composer disagrees: what went wrong, for the failure message. */
  wrong: string[];
}

/** Every document of `text` both ways. */
function compare(text: string, label: string): Comparison {
  const tokens = [...new Parser().parse(text)];
  const composed = [...new Composer({ merge: true, uniqueKeys: false }).compose(tokens)];
  const cst = tokens.filter((t): t is CST.Document => t.type === 'document');
  // The loader builds a document only in a stream of documents, comments and line breaks up to
  // the next document (parse.ts): an error token, `...` or a directive changes what the
  // composer makes of the documents around it.
  const blank = (t: CST.Token) => t.type === 'comment' || t.type === 'newline' || t.type === 'space';
  const cleanAfter = (i: number) => {
    const at = tokens.indexOf(cst[i] as CST.Document);
    const next = tokens.slice(at + 1).find((t) => !blank(t));
    return tokens.slice(0, at).every((t) => blank(t) || t.type === 'document') && (next === undefined || next.type === 'document');
  };
  const result: Comparison = { documents: cst.length, built: 0, wrong: [] };
  expect(composed.length, label).toBe(cst.length);
  cst.forEach((doc, i) => {
    const built = buildTree(doc, text);
    if (!built || !cleanAfter(i)) return;
    result.built++;
    const reference = composed[i];
    if (!reference) return;
    if (reference.errors.length > 0) result.wrong.push(`${label} document ${i + 1}: built, but the composer says ${reference.errors[0]?.message}`);
    else if (!isDeepStrictEqual(built.tree, toTree(reference, text))) result.wrong.push(`${label} document ${i + 1}: ${firstDifference(built.tree.root, toTree(reference, text).root)}`);
    else if (built.start !== reference.range[0]) result.wrong.push(`${label} document ${i + 1}: starts at ${built.start}, composed at ${reference.range[0]}`);
  });
  return result;
}

function firstDifference(a: YValue | null, b: YValue | null, path = '$'): string {
  if (a === null || b === null || a.kind !== b.kind) return `${path}: ${a?.kind} vs ${b?.kind}`;
  if (a.kind === 'scalar' || b.kind === 'scalar') return `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  if (a.start !== b.start || a.end !== b.end) return `${path}: range ${a.start}-${a.end} vs ${b.start}-${b.end}`;
  if (a.kind === 'seq' && b.kind === 'seq') {
    for (let i = 0; i < Math.max(a.items.length, b.items.length); i++) {
      if (!isDeepStrictEqual(a.items[i], b.items[i])) return firstDifference(a.items[i] ?? null, b.items[i] ?? null, `${path}[${i}]`);
    }
  }
  if (a.kind === 'map' && b.kind === 'map') {
    if (!isDeepStrictEqual([...a.entries.keys()], [...b.entries.keys()])) return `${path}: keys ${[...a.entries.keys()]} vs ${[...b.entries.keys()]}`;
    for (const [key, entry] of a.entries) {
      const other = b.entries.get(key);
      if (!isDeepStrictEqual(entry, other)) {
        if (entry.keyStart !== other?.keyStart || entry.keyEnd !== other.keyEnd) return `${path}.${key}: key range`;
        return firstDifference(entry.value, other.value, `${path}.${key}`);
      }
    }
  }
  return `${path}: differs`;
}

function compareAll(files: ReadonlyArray<{ label: string; text: string }>): Comparison {
  const total: Comparison = { documents: 0, built: 0, wrong: [] };
  for (const { label, text } of files) {
    const one = compare(text, label);
    total.documents += one.documents;
    total.built += one.built;
    total.wrong.push(...one.wrong);
  }
  return total;
}

const read = (paths: string[]) => paths.map((path) => ({ label: path, text: readFileSync(path, 'utf8') }));

describe('cst-tree: the corpora', () => {
  it.each(Object.entries(CORPUS_DIRS))('%s: every built document is the composed one, and most are built', (_, dir) => {
    const result = compareAll(read(manifestFiles(dir)));
    expect(result.wrong).toEqual([]);
    // Real manifests are plain: if most stop being built, the fast path has silently gone.
    expect(result.built / result.documents).toBeGreaterThan(0.9);
  });

  it('the synthetic benchmark corpus: every document built, and the same', () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'oomlint-cst-'));
    try {
      execFileSync(process.execPath, [join(import.meta.dirname, '..', 'bench', 'generate.mjs'), '--out', dir, '--objects', '300', '--seed', '3']);
      const result = compareAll(read(manifestFiles(dir)));
      expect(result.wrong).toEqual([]);
      expect(result.built).toBe(result.documents);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Edits that break documents in the ways people do, and in the ways the subset's edges are. */
const EDITS = [' ', '\t', '\n', '#', ' #c', ':', ': ', '- ', '"', "'", '[', ']', '{', '}', ',', '&a ', '*a', '!t ', '|', '>', '? ', '@', '`', '\\', '---\n', '...\n', '<<: ', '~', '1e3', '0x1f', '"\\x"', '|-\n  x\n', '\n  ', '[a, b]', '[a,\n b]', '{a: 1}', '- a: 1\n', 'k: v\n', 'k:\n'];
const edited = fc
  .tuple(
    fc.constantFrom(...read(manifestFiles(CORPUS_DIRS.peers)).filter((f) => f.text.length < 4000)),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...EDITS), fc.boolean()), { minLength: 1, maxLength: 3 }),
  )
  .map(([file, edits]) => {
    let text = file.text;
    for (const [at, piece, insert] of edits) {
      const i = at % (text.length + 1);
      text = insert ? text.slice(0, i) + piece + text.slice(i) : text.slice(0, i) + text.slice(i + 1 + (at % 3));
    }
    return text;
  });

describe('cst-tree: generated documents', () => {
  it('in every style the generators write (block, flow, JSON, comments, anchors, CRLF)', () => {
    fc.assert(
      fc.property(documents, style, (docs, s) => {
        expect(compare(serialize(docs, s), 'generated').wrong).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('after random edits to real manifests: built only when the composer reads the same tree', () => {
    let built = 0;
    fc.assert(
      fc.property(edited, (text) => {
        const result = compare(text, JSON.stringify(text));
        built += result.built;
        expect(result.wrong).toEqual([]);
      }),
      { numRuns: 3000 },
    );
    // The property means something only if edited documents are still built.
    expect(built).toBeGreaterThan(1000);
  });
});

describe('cst-tree in the loader', () => {
  it('reads edited files as the composer does: the same problems, and the same tree for every document read', () => {
    fc.assert(
      fc.property(edited, (text) => {
        const fast = loadYaml('edited.yaml', text);
        const reference = loadYaml('edited.yaml', text, { composeAll: true });
        // A document prescan.ts skips is not read at all, errors included: compared where none was.
        if (fast.uncomposedObjects === 0) expect(fast.problems).toEqual(reference.problems);
        const byIndex = new Map(reference.documents.map((d) => [d.index, d]));
        for (const document of fast.documents) expect(document).toStrictEqual(byIndex.get(document.index));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('cst-tree: what it builds and what it leaves to the composer', () => {
  const first = (text: string) => {
    const doc = [...new Parser().parse(text)].find((t): t is CST.Document => t.type === 'document');
    if (!doc) throw new Error('no document');
    return buildTree(doc, text);
  };

  it.each([
    ['block maps, sequences and scalars of every style', 'a: 1\nb:\n  - "x"\n  - \'y\'\n  - |\n    z\nc: >\n  folded\n'],
    ['an empty value, and an empty sequence item', 'a:\nb:\n  -\n  - x\n'],
    [
      'plain scalars of every core type, and look-alikes that stay strings',
      `v: [~, null, Null, NULL, "", true, True, FALSE, 0o17, 0x1F, -12, +3, 012, .5, 1., 1e3, -2.5E-3, .inf, -.Inf, .NaN, 1_000, yes, on, nul, 0x, .e3, 1e, "1", '2']\n~: a\n1: c\n1.5: d\ntrue: e\n`,
    ],
    ['flow collections on one line', 'args: ["-Xmx1g", a, 3]\nresources: {}\nempty: []\nlabels: {app: web, "tier": 2}\nlimits: {memory: {x: [1Gi]}}\n'],
    ['comments everywhere a manifest has them', '# head\n---\na: 1 # after\n# between\nb: # before\n  c: 2\n'],
  ])('builds %s', (_, text) => {
    expect(first(text)).toBeDefined();
    expect(compare(text, text).wrong).toEqual([]);
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a merge key', 'a: {x: 1}\nb:\n  <<: {y: 2}\n'],
    ['a repeated key (reported by the composed path)', 'a: 1\na: 2\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['a tab in the indentation', 'a:\n\tb: 1\n'],
    ['a block map on the `---` line', '--- a: 1\n'],
    ['a comment touching a quoted key’s colon', '"a":#c\n  1\n'],
    ['a multi-line flow collection', 'a: [1,\n  2]\n'],
    ['a flow map key without a value', 'a: {b}\n'],
    ['a pair in a flow sequence', 'a: [b: 1]\n'],
    ['a key repeated in a flow map', 'a: {b: 1, b: 2}\n'],
    ['a comment in a flow collection', 'a: [1, # one\n  2]\n'],
    ['a bad escape in a double-quoted scalar', 'a: "\\q"\n'],
    ['a nested compact mapping', 'a: b: c\n'],
    ['an empty document', '---\n'],
  ])('leaves %s to the composer', (_, text) => {
    expect(first(text)).toBeUndefined();
  });
});
