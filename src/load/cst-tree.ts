/**
 * The tree of a plain document built straight from the `yaml` parser's syntax tree (CST), without
 * composing a `yaml` Document first. Composing and then converting (tree.ts) cost as much again
 * as lexing and parsing; most manifests are block maps and sequences of scalars, which need
 * neither the composer's node classes nor its comment bookkeeping (issue 6).
 *
 * Exact or nothing: `buildTree` returns undefined for any document outside the subset it knows
 * the composer's reading of, and the loader then composes that document as before. The subset is
 * block maps with single-line scalar keys, block sequences, scalars of every style, and flow
 * collections on one line; no anchors, aliases, tags, explicit keys, merge keys,
 * repeated keys, tabs in indentation, or anything the composer would report as an error. Within
 * it, values and ranges are computed by the composer's own rules (resolveProps,
 * resolveBlockMap, resolveBlockSeq, resolveFlowCollection, composeDoc in yaml/dist/compose) and
 * scalars by `yaml` itself (CST.resolveAsScalar and the core schema's tags).
 * test/cst-tree.test.ts checks every document of the corpora, and generated ones, against
 * toTree(composed document).
 */
import { CST, Document, isScalar, type ScalarTag } from 'yaml';
import { kubectlNumber } from './kubectl-number.js';
import type { Tree, YEntry, YMap, YScalar, YSeq, YValue } from './tree.js';

type ComposerOptions = Document['options'];

/** Thrown to leave the fast path: the document is composed instead. */
class Decline {}
const DECLINE = new Decline();

type Item = CST.CollectionItem;

/**
 * Results passed back in module state rather than in objects: returning an object per node and
 * per token list made building the synthetic corpus's trees take 400 ms instead of 255 ms.
 * Each is read by the caller right after the call that sets it, before any other.
 */
/** Where the node just built ends, comments and line breaks after it included (range[2]). */
let nodeEnd = 0;
/** The scalar just resolved: its value, style and range. */
let scalarValue: string | number | boolean | null = null;
let scalarPlain = false;
let scalarStart = 0;
let scalarEnd = 0;
/** readProps: the indicator found, a line break or comment seen, the end of the last token (-1: none). */
let propsFound: CST.SourceToken | undefined;
let propsNewline = false;
let propsComment = false;
let propsEnd = -1;

/** The core schema's tags that plain scalars are tested against, in the composer's order. */
let core: { tags: ScalarTag[]; options: ComposerOptions } | undefined;
function coreSchema() {
  // On first use, not at import: a cold start on one small file must not pay for it.
  if (!core) {
    const doc = new Document(undefined, { merge: true, uniqueKeys: false });
    const tags = doc.schema.tags.filter((tag): tag is ScalarTag => tag.default === true && !tag.collection && 'test' in tag && tag.test !== undefined);
    core = { tags, options: doc.options };
  }
  return core;
}

/**
 * The first characters a plain scalar must start with for a core tag (null, bool, int, float)
 * to match it, or be empty; any other plain scalar is a string without testing the eight
 * patterns. The corpus tests compare every scalar with the composer's reading.
 */
const MAY_BE_TYPED = /^[~nNtTfF0-9+.-]/;

/** The document's tree, or undefined when it is outside the subset (see above). */
export function buildTree(doc: CST.Document, text: string): { tree: Tree; start: number } | undefined {
  try {
    return { tree: { root: document(doc, text), problems: [], anchors: [] }, start: doc.offset };
  } catch (error) {
    if (error === DECLINE) return undefined;
    throw error;
  }
}

function document(doc: CST.Document, text: string): YValue {
  const value = doc.value;
  if (!value) throw DECLINE;
  // composeDoc: `--- a: 1` is an error; comments need white space before them.
  readProps(doc.start, 'doc-start', true);
  if (propsFound && !propsNewline && (value.type === 'block-map' || value.type === 'block-seq')) throw DECLINE;
  const root = node(value, text);
  for (const token of doc.end ?? []) if (!isBlank(token)) throw DECLINE;
  return root;
}

function node(token: CST.Token, text: string): YValue {
  switch (token.type) {
    case 'block-map':
      return blockMap(token, text);
    case 'block-seq':
      return blockSeq(token, text);
    case 'flow-collection':
      return flowCollection(token, text, false);
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
    case 'block-scalar':
      return scalar(token, text);
    default:
      throw DECLINE;
  }
}

function blockMap(map: CST.BlockMap, text: string): YMap {
  const entries = new Map<string, YEntry>();
  let offset = map.offset;
  for (const { start, key, sep, value } of map.items) {
    // resolveBlockMap: an item without a key is a comment line; with `?` it is an explicit key.
    if (!key || !sep) throw DECLINE;
    readProps(start, undefined, true);
    const keyStart = propsEnd === -1 ? offset : propsEnd;
    // resolveBlockMap: an implicit key is on one line, at the map's indentation.
    if (!isFlowScalar(key) || key.indent !== map.indent || key.source.includes('\n') || hasNewline(key.end)) throw DECLINE;
    const keyText = resolveKey(key);
    const keyRangeStart = scalarStart;
    const keyRangeEnd = scalarEnd;
    readProps(sep, 'map-value-ind', false);
    if (!propsFound) throw DECLINE;
    if (value?.type === 'block-map' && !propsNewline) throw DECLINE;
    // The composer is strict: an implicit key may be at most 1024 characters before its `:`.
    if (keyStart < propsFound.offset - 1024) throw DECLINE;
    const built = value ? node(value, text) : empty(sep, text);
    offset = nodeEnd;
    // A repeated key is a problem to report: left to the composed path, which reports it.
    const size = entries.size;
    entries.set(keyText, { keyStart: keyRangeStart, keyEnd: keyRangeEnd, value: built });
    if (entries.size === size) throw DECLINE;
  }
  nodeEnd = offset;
  return { kind: 'map', entries, start: map.offset, end: offset };
}

function blockSeq(seq: CST.BlockSequence, text: string): YSeq {
  const items: YValue[] = [];
  let offset = seq.offset;
  for (const { start, value } of seq.items) {
    readProps(start, 'seq-item-ind', true);
    if (!propsFound) throw DECLINE;
    items.push(value ? node(value, text) : empty(start, text));
    offset = nodeEnd;
  }
  nodeEnd = offset;
  return { kind: 'seq', items, start: seq.offset, end: offset };
}

/**
 * Flow collections on one line, of scalars and of such collections: `[]`, `{}`, `["-Xmx1g", a]`,
 * `{app: web}`, `{limits: {memory: 1Gi}}`, as manifests write them (resolveFlowCollection).
 * Line breaks and comments inside one, `? keys`, `{a}` and `[a: b]` are left to the composer.
 */
function flowCollection(flow: CST.FlowCollection, text: string, nested: boolean): YValue {
  const isMap = flow.start.source === '{';
  const entries = new Map<string, YEntry>();
  const items: YValue[] = [];
  flow.items.forEach((item: Item, i) => {
    const { start, key, sep, value } = item;
    let commas = 0;
    for (const token of start) {
      if (token.type === 'comma') commas++;
      else if (token.type !== 'space') throw DECLINE;
    }
    if (commas !== (i === 0 ? 0 : 1) || !value) throw DECLINE;
    if (!isMap) {
      if (key || sep) throw DECLINE;
      items.push(flowValue(value, text));
      return;
    }
    if (!key || !sep || !isFlowScalar(key) || !onOneLine(key)) throw DECLINE;
    let indicators = 0;
    for (const token of sep) {
      if (token.type === 'map-value-ind') indicators++;
      else if (token.type !== 'space') throw DECLINE;
    }
    if (indicators !== 1) throw DECLINE;
    const keyText = resolveKey(key);
    const keyStart = scalarStart;
    const keyEnd = scalarEnd;
    const size = entries.size;
    entries.set(keyText, { keyStart, keyEnd, value: flowValue(value, text) });
    if (entries.size === size) throw DECLINE;
  });
  const [close, ...rest] = flow.end;
  if (close?.source !== (isMap ? '}' : ']')) throw DECLINE;
  const closeEnd = close.offset + close.source.length;
  // After the bracket as after a scalar (resolveEnd); inside another flow collection, only spaces.
  if (nested && rest.some((token) => token.type !== 'space')) throw DECLINE;
  nodeEnd = closeEnd + endLength(rest);
  return isMap ? { kind: 'map', entries, start: flow.offset, end: closeEnd } : { kind: 'seq', items, start: flow.offset, end: closeEnd };
}

/** A value inside a flow collection: a scalar or a collection, on one line. */
function flowValue(value: CST.Token, text: string): YValue {
  if (value.type === 'flow-collection') return flowCollection(value, text, true);
  if (!isFlowScalar(value) || !onOneLine(value)) throw DECLINE;
  return scalar(value, text);
}

function isFlowScalar(token: CST.Token): token is CST.FlowScalar {
  return token.type === 'scalar' || token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar';
}

/** No line break in the scalar, and only spaces after it (before `,`, `:` or the bracket). */
function onOneLine(token: CST.FlowScalar): boolean {
  if (token.source.includes('\n')) return false;
  for (const after of token.end ?? []) if (after.type !== 'space') return false;
  return true;
}

function hasNewline(tokens: readonly CST.SourceToken[] | undefined): boolean {
  for (const token of tokens ?? []) if (token.type === 'newline') return true;
  return false;
}

/** A map key's text, as toTree keys entries; `<<`, the merge key when merge is on, declines. */
function resolveKey(key: CST.FlowScalar): string {
  resolveScalar(key);
  if (scalarPlain && scalarValue === '<<') throw DECLINE;
  return scalarValue === null ? '' : String(scalarValue);
}

function scalar(token: CST.FlowScalar | CST.BlockScalar, text: string): YScalar {
  resolveScalar(token);
  const value = scalarValue;
  const written = scalarPlain ? text.slice(scalarStart, scalarEnd) : typeof value === 'string' ? value : String(value);
  const built: YScalar = { kind: 'scalar', value, text: written, start: scalarStart, end: scalarEnd };
  const jsonNumber = kubectlNumber(written, undefined, scalarPlain);
  if (jsonNumber !== undefined) built.jsonNumber = jsonNumber;
  return built;
}

/**
 * A scalar's value and range as composeScalar gives them. Scalars on one line without escapes,
 * nearly all of a manifest's, are read here as resolveFlowScalar reads them; the rest by `yaml`
 * itself (CST.resolveAsScalar).
 */
function resolveScalar(token: CST.FlowScalar | CST.BlockScalar): void {
  const { source } = token;
  let value: string | undefined;
  let after: readonly CST.SourceToken[] | undefined;
  if (token.type !== 'block-scalar' && !source.includes('\n')) {
    after = token.end;
    const last = source.length - 1;
    if (token.type === 'scalar') {
      // plainValue: these may not start a plain scalar.
      if (!PLAIN_BAD_START.has(source[0] ?? '')) value = source;
    } else if (token.type === 'double-quoted-scalar') {
      if (last > 0 && source[last] === '"' && !source.includes('\\') && !source.includes('\r')) value = source.slice(1, last);
    } else if (token.type === 'single-quoted-scalar' && last > 0 && source[last] === "'") value = source.slice(1, last).replaceAll("''", "'");
  }
  if (value !== undefined) {
    scalarStart = token.offset;
    scalarEnd = token.offset + source.length;
    nodeEnd = scalarEnd + endLength(after);
  } else {
    const resolved = CST.resolveAsScalar(token, true, () => {
      throw DECLINE;
    });
    if (!resolved) throw DECLINE;
    value = resolved.value;
    [scalarStart, scalarEnd, nodeEnd] = resolved.range;
  }
  scalarPlain = token.type === 'scalar';
  scalarValue = scalarPlain ? typedValue(value) : value;
}

/** `plainValue` in resolve-flow-scalar.js: a tab, `,`, `%`, `|`, `>`, `@` or a backtick cannot start a plain scalar. */
const PLAIN_BAD_START = new Set(['\t', ',', '%', '|', '>', '@', '`']);

/** resolveEnd, strict: spaces, line breaks, and comments after white space; their total length. */
function endLength(tokens: readonly CST.SourceToken[] | undefined): number {
  let length = 0;
  let space = false;
  for (const token of tokens ?? []) {
    if (token.type === 'space' || token.type === 'newline') space = true;
    else if (token.type !== 'comment' || !space) throw DECLINE;
    length += token.source.length;
  }
  return length;
}

/** A plain scalar's value by the first core tag whose pattern it matches (findScalarTagByTest). */
function typedValue(source: string): string | number | boolean | null {
  if (source !== '' && !MAY_BE_TYPED.test(source)) return source;
  const { tags, options } = coreSchema();
  const tag = tags.find((t) => t.test?.test(source));
  if (!tag) return source;
  const raw = resolveTag(tag, source, options);
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean' && raw !== null) throw DECLINE;
  return raw;
}

/** A plain scalar's value by its tag; any error the composer would report declines. */
function resolveTag(tag: ScalarTag, source: string, options: ComposerOptions): unknown {
  let result: unknown;
  try {
    result = tag.resolve(
      source,
      () => {
        throw DECLINE;
      },
      options,
    );
  } catch {
    throw DECLINE;
  }
  return isScalar(result) ? result.value : result;
}

/** composeEmptyNode: `key:` or `-` with nothing after it is a null scalar placed after the indicator. */
function empty(before: readonly CST.SourceToken[], text: string): YScalar {
  const comment = propsComment;
  const end = propsEnd;
  let offset = end;
  // emptyScalarPosition: back over trailing blanks and comments, then forward over spaces.
  for (let i = before.length - 1; i >= 0; --i) {
    const token = before[i] as CST.SourceToken;
    if (token.type === 'space' || token.type === 'comment' || token.type === 'newline') {
      offset -= token.source.length;
      continue;
    }
    for (let next = before[++i]; next?.type === 'space'; next = before[++i]) offset += next.source.length;
    break;
  }
  const built = scalar({ type: 'scalar', offset, indent: -1, source: '' }, text);
  // A comment after the indicator extends the node to the props' end.
  if (comment) nodeEnd = end;
  return built;
}

/**
 * resolveProps restricted to the subset: spaces without tabs, line breaks, comments after white
 * space, and at most one `indicator`; anything else (anchors, tags, `?`, errors) declines.
 */
function readProps(tokens: readonly CST.SourceToken[], indicator: 'doc-start' | 'map-value-ind' | 'seq-item-ind' | undefined, startOnNewline: boolean): void {
  propsFound = undefined;
  propsNewline = false;
  propsComment = false;
  let hasSpace = startOnNewline;
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
        if (token.source.includes('\t')) throw DECLINE;
        hasSpace = true;
        break;
      case 'newline':
        propsNewline = true;
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) throw DECLINE;
        propsComment = true;
        break;
      default:
        if (token.type !== indicator || propsFound) throw DECLINE;
        propsFound = token;
        hasSpace = false;
    }
  }
  const last = tokens[tokens.length - 1];
  propsEnd = last ? last.offset + last.source.length : -1;
}

/** White space and comments, which the composer keeps only as comments. */
export function isBlank(token: CST.Token): boolean {
  return token.type === 'space' || token.type === 'newline' || token.type === 'comment';
}
