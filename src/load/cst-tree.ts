/**
 * The tree of a plain document built straight from the `yaml` parser's syntax tree (CST), without
 * composing a `yaml` Document first. Composing and then converting (tree.ts) cost as much again
 * as lexing and parsing; most manifests are block maps and sequences of scalars, which need
 * neither the composer's node classes nor its comment bookkeeping (issue 6).
 *
 * Exact or nothing: `buildTree` returns undefined for any document outside the subset it knows
 * the composer's reading of, and the loader then composes that document as before. The subset is
 * block maps with single-line scalar keys, block sequences, scalars of every style, and flow
 * collections of scalars on one line; no anchors, aliases, tags, explicit keys, merge keys,
 * repeated keys, tabs in indentation, or anything the composer would report as an error. Within
 * it, values and ranges are computed by the composer's own rules (resolveProps,
 * resolveBlockMap, resolveBlockSeq, resolveFlowCollection, composeDoc in yaml/dist/compose) and
 * scalars by `yaml` itself (CST.resolveAsScalar and the core schema's tags).
 * test/cst-tree.test.ts checks every document of the corpora, and generated ones, against
 * toTree(composed document).
 */
import { CST, Document, isScalar, type ScalarTag } from 'yaml';

type ComposerOptions = Document['options'];
import { kubectlNumber } from './kubectl-number.js';
import type { Tree, YEntry, YMap, YScalar, YSeq, YValue } from './tree.js';

/** Thrown to leave the fast path: the document is composed instead. */
class Decline {}
const DECLINE = new Decline();

type Built = { node: YValue; end: number };
type Item = CST.CollectionItem;

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
  const props = readProps(doc.start, 'doc-start', true);
  if (props.found && !props.newline && (value.type === 'block-map' || value.type === 'block-seq')) throw DECLINE;
  const built = node(value, text, false);
  for (const token of doc.end ?? []) if (!isBlank(token)) throw DECLINE;
  return built.node;
}

function node(token: CST.Token, text: string, atKey: boolean): Built {
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
      return scalar(token, text, atKey);
    default:
      throw DECLINE;
  }
}

function blockMap(map: CST.BlockMap, text: string): Built {
  const entries = new Map<string, YEntry>();
  let offset = map.offset;
  for (const { start, key, sep, value } of map.items) {
    // resolveBlockMap: an item without a key is a comment line; with `?` it is an explicit key.
    if (!key || !sep) throw DECLINE;
    const keyProps = readProps(start, undefined, true);
    // resolveBlockMap: an implicit key is on one line, at the map's indentation.
    if (!isFlowScalar(key) || key.indent !== map.indent || key.source.includes('\n') || key.end?.some((t) => t.type === 'newline')) throw DECLINE;
    const keyStart = keyProps.end ?? offset;
    const keyNode = scalar(key, text, true);
    const valueProps = readProps(sep, 'map-value-ind', false);
    if (!valueProps.found) throw DECLINE;
    if (value?.type === 'block-map' && !valueProps.newline) throw DECLINE;
    // The composer is strict: an implicit key may be at most 1024 characters before its `:`.
    if (keyStart < valueProps.found.offset - 1024) throw DECLINE;
    const built = value ? node(value, text, false) : empty(sep, valueProps, text);
    offset = built.end;
    const k = keyNode.node as YScalar;
    const keyText = k.value === null ? '' : String(k.value);
    // A repeated key is a problem to report: left to the composed path, which reports it.
    if (entries.has(keyText)) throw DECLINE;
    entries.set(keyText, { keyStart: k.start, keyEnd: k.end, value: built.node });
  }
  const built: YMap = { kind: 'map', entries, start: map.offset, end: offset };
  return { node: built, end: offset };
}

function blockSeq(seq: CST.BlockSequence, text: string): Built {
  const items: YValue[] = [];
  let offset = seq.offset;
  for (const { start, value } of seq.items) {
    const props = readProps(start, 'seq-item-ind', true);
    if (!props.found) throw DECLINE;
    const built = value ? node(value, text, false) : empty(start, props, text);
    offset = built.end;
    items.push(built.node);
  }
  const built: YSeq = { kind: 'seq', items, start: seq.offset, end: offset };
  return { node: built, end: offset };
}

/**
 * Flow collections on one line, of scalars and of such collections: `[]`, `{}`, `["-Xmx1g", a]`,
 * `{app: web}`, `{limits: {memory: 1Gi}}`, as manifests write them (resolveFlowCollection).
 * Line breaks and comments inside one, `? keys`, `{a}` and `[a: b]` are left to the composer.
 */
function flowCollection(flow: CST.FlowCollection, text: string, nested: boolean): Built {
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
      items.push(flowValue(value, text).node);
      return;
    }
    if (!key || !sep || !isFlowScalar(key) || !onOneLine(key)) throw DECLINE;
    let indicators = 0;
    for (const token of sep) {
      if (token.type === 'map-value-ind') indicators++;
      else if (token.type !== 'space') throw DECLINE;
    }
    if (indicators !== 1) throw DECLINE;
    const k = scalar(key, text, true).node as YScalar;
    const keyText = k.value === null ? '' : String(k.value);
    if (entries.has(keyText)) throw DECLINE;
    entries.set(keyText, { keyStart: k.start, keyEnd: k.end, value: flowValue(value, text).node });
  });
  const [close, ...rest] = flow.end;
  if (close?.source !== (isMap ? '}' : ']')) throw DECLINE;
  const closeEnd = close.offset + close.source.length;
  // resolveEnd, strict: a comment after the bracket needs white space before it. Inside another
  // flow collection, only spaces.
  let end = closeEnd;
  let space = false;
  for (const token of rest) {
    if (nested ? token.type !== 'space' : token.type === 'comment' ? !space : !isBlank(token)) throw DECLINE;
    if (token.type === 'space' || token.type === 'newline') space = true;
    end += token.source.length;
  }
  const built: YValue = isMap ? { kind: 'map', entries, start: flow.offset, end: closeEnd } : { kind: 'seq', items, start: flow.offset, end: closeEnd };
  return { node: built, end };
}

/** A value inside a flow collection: a scalar or a collection, on one line. */
function flowValue(value: CST.Token, text: string): Built {
  if (value.type === 'flow-collection') return flowCollection(value, text, true);
  if (!isFlowScalar(value) || !onOneLine(value)) throw DECLINE;
  return scalar(value, text, false);
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

function scalar(token: CST.FlowScalar | CST.BlockScalar, text: string, atKey: boolean): Built {
  const resolved = CST.resolveAsScalar(token, true, () => {
    throw DECLINE;
  });
  if (!resolved) throw DECLINE;
  const { value: source, type, range } = resolved;
  const plain = type === 'PLAIN';
  let value: string | number | boolean | null = source;
  if (plain) {
    // The merge key `<<` resolves to a symbol when merge is on: left to tree.ts.
    if (atKey && source === '<<') throw DECLINE;
    const { tags, options } = coreSchema();
    const tag = tags.find((t) => t.test?.test(source));
    if (tag) {
      const raw = resolveTag(tag, source, options);
      if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean' && raw !== null) throw DECLINE;
      value = raw;
    }
  }
  const [start, end, nodeEnd] = range;
  const written = plain ? text.slice(start, end) : typeof value === 'string' ? value : String(value);
  const built: YScalar = { kind: 'scalar', value, text: written, start, end };
  const jsonNumber = kubectlNumber(written, undefined, plain);
  if (jsonNumber !== undefined) built.jsonNumber = jsonNumber;
  return { node: built, end: nodeEnd };
}

/** A plain scalar's value by its tag; any error the composer would report declines. */
function resolveTag(tag: ScalarTag, source: string, options: ComposerOptions): unknown {
  let result: unknown;
  try {
    result = tag.resolve(source, () => {
      throw DECLINE;
    }, options);
  } catch {
    throw DECLINE;
  }
  return isScalar(result) ? result.value : result;
}

/** composeEmptyNode: `key:` or `-` with nothing after it is a null scalar placed after the indicator. */
function empty(before: CST.SourceToken[], props: Props, text: string): Built {
  let offset = props.end ?? 0;
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
  const built = scalar({ type: 'scalar', offset, indent: -1, source: '' }, text, false);
  // A comment after the indicator extends the node to the props' end.
  return props.comment ? { node: built.node, end: props.end ?? built.end } : built;
}

interface Props {
  /** The indicator (`---`, `:` or `-`) when present. */
  found?: CST.SourceToken;
  /** A line break among the tokens. */
  newline: boolean;
  comment: boolean;
  /** End offset of the last token; undefined when there are none. */
  end?: number;
}

/**
 * resolveProps restricted to the subset: spaces without tabs, line breaks, comments after white
 * space, and at most one `indicator`; anything else (anchors, tags, `?`, errors) declines.
 */
function readProps(tokens: readonly CST.SourceToken[], indicator: 'doc-start' | 'map-value-ind' | 'seq-item-ind' | undefined, startOnNewline: boolean): Props {
  const props: Props = { newline: false, comment: false };
  let hasSpace = startOnNewline;
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
        if (token.source.includes('\t')) throw DECLINE;
        hasSpace = true;
        break;
      case 'newline':
        props.newline = true;
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) throw DECLINE;
        props.comment = true;
        break;
      default:
        if (token.type !== indicator || props.found) throw DECLINE;
        props.found = token;
        hasSpace = false;
    }
  }
  const last = tokens[tokens.length - 1];
  if (last) props.end = last.offset + last.source.length;
  return props;
}

function isBlank(token: CST.SourceToken): boolean {
  return token.type === 'space' || token.type === 'newline' || token.type === 'comment';
}
