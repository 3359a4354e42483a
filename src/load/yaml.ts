/**
 * Text → YAML documents with positions. Loaders never judge: a syntax error becomes an
 * InputProblem with file:line:column; the documents that did parse are still returned so the
 * rest of a multi-document file keeps being linted.
 */
import { Composer, Lexer, Parser, type CST, type Document, type YAMLError } from 'yaml';
import type { InputProblem } from '../result.js';
import { Positions } from './positions.js';
import { findTemplateAction } from './template.js';
import { toTree, type TreeProblem, type YValue } from './tree.js';

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

/** Tests lower the limits to exercise them cheaply; oomlint itself always uses the defaults. */
export interface YamlLimits {
  maxDepth?: number;
  maxTokens?: number;
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
    return { file, positions, documents, problems: [problem('json-syntax', comment, message)] };
  }

  const { list, limit } = parseDocuments(text, limits.maxDepth ?? MAX_DEPTH, limits.maxTokens ?? MAX_TOKENS);
  // Only the text that was parsed: past a limit, `{{` in unread strings is not known to be text.
  const parsed = limit ? text.slice(0, limit.offset) : text;
  const template = parsed.includes('{{') ? findTemplateAction(parsed, list) : undefined;
  if (template !== undefined) {
    const message =
      'unrendered Helm/Go template ({{ … }}); render it first (`helm template <chart> | oomlint -`) so oomlint sees what Kubernetes will';
    return { file, positions, documents: [], problems: [problem('helm-template', template, message)] };
  }
  // Anchor names by the document that defines them, to explain an alias to another document.
  const anchors = new Map<string, number>();
  const count = list.length + (limit ? 1 : 0);
  const where = (index: number): string => (count > 1 ? ` (document ${index + 1})` : '');
  list.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error) {
      problems.push(problem('yaml-syntax', error.pos[0], `${yamlErrorText(error)}${where(index)}`));
      return;
    }
    const tree = toTree(doc, text);
    for (const p of tree.problems) {
      const code = p.kind === 'duplicate-key' ? 'yaml-duplicate-key' : 'yaml-syntax';
      problems.push(problem(code, p.offset, `${treeProblemText(p, positions, anchors)}${where(index)}`));
    }
    // A document kubectl cannot decode has no tree; one with duplicate keys keeps the last values.
    if (tree.root !== null || tree.problems.length === 0) documents.push({ index, root: tree.root, start: doc.range[0] });
    for (const name of tree.anchors) if (!anchors.has(name)) anchors.set(name, index);
  });
  if (limit) problems.push(problem('yaml-syntax', limit.offset, `${limit.message}${where(list.length)}`));
  return { file, positions, documents, problems };
}

/**
 * The `yaml` parser fed one lexical token at a time, so nesting depth and size are checked
 * before the syntax tree grows: a 100,000-level `[[[…` or 16 MiB of `- - - …` stops at once.
 * The documents completed before a limit is hit are still composed and linted.
 */
function parseDocuments(text: string, maxDepth: number, maxTokens: number): { list: Document.Parsed[]; limit?: { offset: number; message: string } } {
  const parser = new Parser();
  // uniqueKeys off: `yaml` compares each key with every earlier one (20,000 keys took 3 s);
  // toTree finds duplicates with a hash map instead.
  const composer = new Composer({ merge: true, uniqueKeys: false });
  // Each document is composed as soon as it is complete, so its syntax tree can be freed.
  const list: Document.Parsed[] = [];
  const compose = (tokens: Iterable<CST.Token>): void => {
    for (const token of tokens) list.push(...composer.next(token));
  };
  let limit: { offset: number; message: string } | undefined;
  let lexemes = 0;
  for (const lexeme of new Lexer().lex(text)) {
    const offset = parser.offset;
    compose(parser.next(lexeme));
    // The parser's stack holds the document and every collection still open around this token.
    if (parser.stack.length - 1 > maxDepth) {
      limit = { offset, message: tooDeep(maxDepth) };
      break;
    }
    if (++lexemes > maxTokens) {
      limit = { offset, message: `too many YAML tokens (limit ${maxTokens.toLocaleString('en-US')}); split the file — oomlint stops reading it here` };
      break;
    }
  }
  // After a limit, the unfinished document is dropped: only complete ones are composed.
  if (!limit) compose(parser.end());
  list.push(...composer.end());
  return limit ? { list, limit } : { list };
}

const tooDeep = (limit: number): string =>
  `nesting too deep (more than ${limit} levels; real manifests stay below 40); oomlint stops reading the file here`;

function yamlErrorText(error: YAMLError): string {
  // The composer turns a stack overflow into an error of its own; only a caller already deep in
  // its own stack could still meet it below MAX_DEPTH.
  if (error.code === 'RESOURCE_EXHAUSTION') return tooDeep(MAX_DEPTH);
  const firstLine = error.message.split('\n')[0] ?? error.message;
  const detail = error.code === 'TAB_AS_INDENT' ? '; YAML forbids tabs for indentation; indent with spaces' : '';
  return `${firstLine.replace(/ at line \d+, column \d+:?$/, '')}${detail}`;
}

function treeProblemText(p: TreeProblem, positions: Positions, anchors: ReadonlyMap<string, number>): string {
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
      const other = anchors.get(p.anchor);
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
