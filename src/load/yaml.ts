/**
 * Text → YAML documents with positions. Loaders never judge: a syntax error becomes an
 * InputProblem with file:line:column; the documents that did parse are still returned so the
 * rest of a multi-document file keeps being linted.
 */
import type { Document, YAMLError } from 'yaml';
import type { InputProblem } from '../result.js';
import { splitDocuments, type DocumentChunk } from './documents.js';
import { parseDocuments, tooDeep, type DocumentReader, type ParseResult } from './parse.js';
import { Positions } from './positions.js';
import { isSkippable } from './prescan.js';
import { findTemplateAction, lexedTextRanges, scalarTextRanges, type TextRange } from './template.js';
import { toTree, type Tree, type TreeProblem, type YValue } from './tree.js';

export interface LoadedDocument {
  /** 0-based index of the document in its file. */
  index: number;
  root: YValue | null;
  /** Offset of the document's first content (for "document N" messages). */
  start: number;
}

export interface LoadedFile {
  file: string;
  positions: Positions;
  documents: LoadedDocument[];
  problems: InputProblem[];
  /**
   * Documents not composed because nothing oomlint reads can be in them (prescan.ts): each is
   * one Kubernetes object, counted in the summary but never linted.
   */
  uncomposedObjects: number;
}

/**
 * Deepest nesting read. The `yaml` composer recurses once per level and overflows the stack near
 * 780 levels; near that limit V8 can abort the whole process (a fatal "RegExpCompiler Allocation
 * failed" after documents of 1,000, 2,000, 5,000 and 100,000 levels), so stop well before it.
 * Real manifests stay below 40 (the deepest CRD in ../shared/corpus/real is 37); go-yaml allows 10,000.
 */
export const MAX_DEPTH = 256;
/**
 * Most lexical tokens read from one file. The parser's syntax tree costs ~200 bytes a token:
 * 16 MiB of real manifests is ~1.3 million tokens (370 MB peak), while 16 MiB of `[1,1,1,…` is 25
 * million and exhausted the heap after 99 s. With this budget the worst files measured (a 10 MiB
 * one-line JSON map of 490,000 keys, just under it) take about 1 GB and 5 s.
 */
export const MAX_TOKENS = 3_000_000;

/** For tests: lower limits to exercise them cheaply, or no skipping; oomlint itself always uses the defaults. */
export interface YamlLimits {
  maxDepth?: number;
  maxTokens?: number;
  /**
   * Compose every document with the `yaml` composer: even those prescan.ts proves cannot matter,
   * and the plain ones cst-tree.ts would build without it. The reference both shortcuts are
   * tested against (test/skip-parity.test.ts, test/cst-tree.test.ts).
   */
  composeAll?: boolean;
  /**
   * Compose only the documents whose text passes this test (when the file can be split): for a
   * reader that needs a few kinds from every file, such as the streaming lint's first pass.
   */
  composeOnly?: (documentText: string) => boolean;
}

export function loadYaml(file: string, source: string, limits: YamlLimits = {}): LoadedFile {
  // YAML (and go-yaml, so kubectl) breaks lines at a lone CR, as classic Mac OS wrote them; the
  // `yaml` package does not. Same length, so every offset still points into the file as written.
  const text = source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source;
  const positions = new Positions(file, text);
  const problems: InputProblem[] = [];
  const documents: LoadedDocument[] = [];
  const problem = (code: InputProblem['code'], offset: number, message: string): InputProblem => ({ code, file, ...positions.at(offset), message });

  const comment = /\.json$/i.test(file) ? findJsonComment(text) : undefined;
  if (comment !== undefined) {
    const message =
      'comments are not allowed in JSON; kubectl cannot read this file as JSON (and read as YAML the comment becomes part of a key): remove the comments, or write the manifest as YAML, which has # comments';
    return { file, positions, documents, problems: [problem('json-syntax', comment, message)], uncomposedObjects: 0 };
  }

  // `{{` may be an unrendered template, decided once every document's scalars are known.
  const braces = text.includes('{{');
  const read: DocumentReader<ReadDocument> = {
    composed: (doc) => {
      const error = doc.errors[0];
      const textRanges = braces ? scalarTextRanges(doc) : [];
      return error ? { error, start: doc.range[0], textRanges } : { tree: toTree(doc, text), start: doc.range[0], textRanges };
    },
    // A file that may hold a template needs the composed scalars' ranges (template.ts).
    ...(braces || limits.composeAll ? {} : { built: (tree: Tree, start: number): ReadDocument => ({ tree, start, textRanges: [] }) }),
  };
  const { parse, skipped, total } = readDocuments(text, limits, read);
  const { list, limit } = parse;
  // Only the text that was parsed: past a limit, `{{` in unread strings is not known to be text.
  const parsed = limit ? text.slice(0, limit.offset) : text;
  // Skipped documents are checked from their lexical tokens (template.ts lexedTextRanges).
  const textRanges = (): TextRange[] => [
    ...list.flatMap((d) => d.value.textRanges),
    ...skipped.filter((chunk) => text.slice(chunk.start, chunk.end).includes('{{')).flatMap((chunk) => lexedTextRanges(text, chunk)),
  ];
  const template = braces && parsed.includes('{{') ? findTemplateAction(parsed, textRanges()) : undefined;
  if (template !== undefined) {
    const message =
      'unrendered Helm/Go template ({{ … }}); render it first (`helm template <chart> | oomlint -`) so oomlint sees what Kubernetes will';
    return { file, positions, documents: [], problems: [problem('helm-template', template, message)], uncomposedObjects: 0 };
  }
  // Anchor names by the document that defines them, to explain an alias to another document.
  const anchors = new Map<string, number>();
  const count = limit ? limit.index + 1 : total;
  const where = (index: number): string => (count > 1 ? ` (document ${index + 1})` : '');
  // The first document defining the anchor, skipped or not.
  const anchorIndex = (name: string, before: number): number | undefined => {
    const composedAt = anchors.get(name);
    return anchorInSkipped(text, skipped, name, composedAt ?? before) ?? composedAt;
  };
  for (const { value, index } of list) {
    const { error, tree, start } = value;
    if (error || !tree) {
      if (error) problems.push(problem('yaml-syntax', error.pos[0], `${yamlErrorText(error)}${where(index)}`));
      continue;
    }
    for (const p of tree.problems) {
      const code = p.kind === 'duplicate-key' ? 'yaml-duplicate-key' : 'yaml-syntax';
      problems.push(problem(code, p.offset, `${treeProblemText(p, positions, (name) => anchorIndex(name, index))}${where(index)}`));
    }
    // A document kubectl cannot decode has no tree; one with duplicate keys keeps the last values.
    if (tree.root !== null || tree.problems.length === 0) documents.push({ index, root: tree.root, start });
    for (const name of tree.anchors) if (!anchors.has(name)) anchors.set(name, index);
  }
  if (limit) problems.push(problem('yaml-syntax', limit.offset, `${limit.message}${where(limit.index)}`));
  const uncomposedObjects = skipped.filter((chunk) => !limit || chunk.index < limit.index).length;
  return { file, positions, documents, problems, uncomposedObjects };
}

type IndexedChunk = DocumentChunk & { index: number };

/** A document as the loader keeps it: its tree, or the syntax error that leaves it without one. */
type ReadDocument = ({ error: YAMLError; tree?: undefined } | { error?: undefined; tree: Tree }) & { start: number; textRanges: TextRange[] };

/**
 * Parses the documents that can matter: all of them when the file is not split (documents.ts)
 * or `composeAll` is set, else those prescan.ts cannot prove irrelevant.
 */
function readDocuments<T>(text: string, limits: YamlLimits, read: DocumentReader<T>): { parse: ParseResult<T>; skipped: IndexedChunk[]; total: number } {
  const maxDepth = limits.maxDepth ?? MAX_DEPTH;
  const maxTokens = limits.maxTokens ?? MAX_TOKENS;
  const chunks = limits.composeAll ? undefined : splitDocuments(text);
  if (chunks) {
    const indexed = chunks.map((chunk, index) => ({ ...chunk, index }));
    const only = limits.composeOnly;
    const skips = indexed.map((chunk) => isSkippable(text, chunk) || (only !== undefined && !only(text.slice(chunk.start, chunk.end))));
    const skipped = indexed.filter((_, i) => skips[i]);
    // Consecutive composed documents are parsed as one stream: a Parser and Composer per
    // document cost more than the document when there are a million tiny ones.
    const runs: Array<IndexedChunk & { count: number }> = [];
    indexed.forEach((chunk, i) => {
      if (skips[i]) return;
      const last = runs.at(-1);
      if (last && last.end === chunk.start) {
        last.end = chunk.end;
        last.count++;
      } else runs.push({ ...chunk, count: 1 });
    });
    const parse = parseDocuments(text, { whole: false, chunks: runs }, maxDepth, maxTokens, read);
    // A chunk that may not be a document as the parser reads the file (parse.ts): parse it whole.
    if (!parse.misplit) return { parse, skipped, total: chunks.length };
  }
  const parse = parseDocuments(text, { whole: true }, maxDepth, maxTokens, read);
  return { parse, skipped: [], total: parse.list.length };
}

/**
 * The skipped document before `before` that defines anchor `name`, for the hint on an alias to
 * another document; composed only on this error path, so the hint reads as if nothing were skipped.
 */
function anchorInSkipped(text: string, skipped: readonly IndexedChunk[], name: string, before: number): number | undefined {
  for (const chunk of skipped) {
    if (chunk.index >= before || !text.slice(chunk.start, chunk.end).includes(`&${name}`)) continue;
    const composed = (doc: Document.Parsed) => doc.errors.length === 0 && toTree(doc, text).anchors.includes(name);
    if (parseDocuments(text, { whole: false, chunks: [chunk] }, MAX_DEPTH, MAX_TOKENS, { composed }).list[0]?.value) return chunk.index;
  }
  return undefined;
}

function yamlErrorText(error: YAMLError): string {
  // The composer turns a stack overflow into an error of its own; only a caller already deep in
  // its own stack could still meet it below MAX_DEPTH.
  if (error.code === 'RESOURCE_EXHAUSTION') return tooDeep(MAX_DEPTH);
  const firstLine = error.message.split('\n')[0] ?? error.message;
  const detail = error.code === 'TAB_AS_INDENT' ? '; YAML forbids tabs for indentation; indent with spaces' : '';
  return `${firstLine.replace(/ at line \d+, column \d+:?$/, '')}${detail}`;
}

function treeProblemText(p: TreeProblem, positions: Positions, anchorIndex: (name: string) => number | undefined): string {
  switch (p.kind) {
    case 'duplicate-key':
      // kubectl's YAML→JSON conversion keeps the last value without a word (kubernetes/kubernetes
      // #99286, #125885); strict decoders (yaml.v3, Flux, older kubectl validation) reject the file.
      return (
        `duplicate key "${p.key}" (first at line ${positions.at(p.firstOffset).line}): the last value wins when kubectl converts ` +
        'the file to JSON, so oomlint lints that one; strict decoders (yaml.v3, older kubectl client-side validation) reject the ' +
        'file (mapping key already defined). Keep one'
      );
    case 'unknown-anchor': {
      const other = anchorIndex(p.anchor);
      const hint =
        other !== undefined
          ? `; it is defined in document ${other + 1}, and anchors do not reach across documents (---): repeat the content`
          : ': an alias must come after its anchor (&' + p.anchor + ') in the same document';
      return `unknown anchor "${p.anchor}" referenced (kubectl fails the same way)${hint}`;
    }
    case 'self-alias':
      return `anchor "${p.anchor}" value contains itself; kubectl cannot decode a recursive document`;
    case 'excessive-aliasing':
      return (
        `document contains excessive aliasing (${p.aliased.toLocaleString('en-US')} of the first ${p.decodes.toLocaleString('en-US')} ` +
        "nodes come through aliases: an alias bomb); kubectl rejects it with the same message (go-yaml's alias limit)"
      );
    case 'bad-merge':
      return 'map merge requires map or sequence of maps as the value (a << merge key); kubectl rejects it';
  }
}

/**
 * Offset of the first `//` or `/*` outside a string in JSON text. JSON has no comments, and a
 * JSON-with-comments file read as YAML turns the comment into part of a key, so the object
 * silently loses its apiVersion or kind.
 */
function findJsonComment(text: string): number | undefined {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x2f && (text[i + 1] === '/' || text[i + 1] === '*')) return i;
  }
  return undefined;
}
