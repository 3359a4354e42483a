/**
 * A small, position-keeping view of a YAML document: maps, sequences and scalars with their
 * source offsets. Aliases resolve to the anchored node and `<<` merge keys are applied, as
 * Kubernetes' YAML decoder (go-yaml) does, so rules see what the API server will see; what
 * go-yaml refuses (unknown or self-containing anchors, alias bombs, bad merges) is reported.
 */
import { isAlias, isMap, isScalar, isSeq, visit, type Alias, type Document, type Node as YamlNode } from 'yaml';
import { kubectlNumber } from './kubectl-number.js';

export interface YBase {
  /** Start and end offsets of the node in the file's text (end exclusive). */
  start: number;
  end: number;
}
export interface YScalar extends YBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** The text as written for plain scalars (`1e3`, `9223372036854775807`); the string value otherwise. */
  text: string;
  /**
   * When kubectl sends this scalar as a JSON number: that number as the API server receives it
   * (`0x10` → `16`, `1_000` → `1000`, `1e3` → `1000`); see kubectl-number.ts.
   */
  jsonNumber?: string;
}
export interface YSeq extends YBase {
  kind: 'seq';
  items: YValue[];
}
export interface YEntry {
  keyStart: number;
  keyEnd: number;
  value: YValue | null;
}
export interface YMap extends YBase {
  kind: 'map';
  entries: Map<string, YEntry>;
}
export type YValue = YScalar | YSeq | YMap;

/** What go-yaml (and so kubectl) would say about a document; the loader turns it into words. */
export type TreeProblem =
  /** A key written twice in one map: the later value is kept, as kubectl's decoder keeps it. */
  | { kind: 'duplicate-key'; offset: number; key: string; firstOffset: number }
  /** The rest are fatal: kubectl cannot decode the document, so it has no tree. */
  | { kind: 'unknown-anchor'; offset: number; anchor: string }
  | { kind: 'self-alias'; offset: number; anchor: string }
  | { kind: 'excessive-aliasing'; offset: number; aliased: number; decodes: number }
  | { kind: 'bad-merge'; offset: number };

export interface Tree {
  root: YValue | null;
  problems: TreeProblem[];
  /** The anchor names the document defines (to explain an alias to another document). */
  anchors: string[];
}

/**
 * go-yaml's defence against alias bombs ("billion laughs", CVE-2019-11253), decode.go
 * `allowedAliasRatio`: once more than 100 of over 1000 decoded nodes came through aliases, the
 * share of alias-driven decodes may be at most 99 % up to 400,000 decodes, falling linearly to
 * 10 % at 4,000,000. Applying the same budget keeps every consumer of the tree bounded.
 */
export function allowedAliasRatio(decodes: number): number {
  if (decodes <= 400_000) return 0.99;
  if (decodes >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodes - 400_000) / 3_600_000);
}

/** Ends the conversion at the first fatal problem (caught in toTree, never escapes). */
class Fatal {
  constructor(readonly problem: TreeProblem) {}
}

/**
 * Converts a parsed document. Shared aliases convert once (memoised), so an alias bomb builds a
 * small DAG instead of an exponential tree, and go-yaml's decode counts are kept on the way (in
 * document order, as go-yaml decodes) so a document kubectl rejects as an alias bomb is
 * rejected here too.
 */
export function toTree(doc: Document.Parsed, text: string): Tree {
  // Walking the document for anchors costs a tenth of the load: only when it may have some.
  const source = text.slice(doc.range[0], doc.range[2]);
  const { targets, anchors } = source.includes('&') || source.includes('*') ? aliasTargets(doc) : { targets: new Map<Alias, YamlNode>(), anchors: [] };
  /** Converted nodes with the number of go-yaml decodes their subtree costs. */
  const memo = new Map<YamlNode, { value: YValue | null; decodes: number }>();
  const inProgress = new Set<YamlNode>();
  const problems: TreeProblem[] = [];
  let decodes = 0;
  let aliased = 0;

  const count = (offset: number, total: number, viaAlias: number): void => {
    decodes += total;
    aliased += viaAlias;
    if (aliased > 100 && decodes > 1000 && aliased / decodes > allowedAliasRatio(decodes)) {
      throw new Fatal({ kind: 'excessive-aliasing', offset, aliased, decodes });
    }
  };

  // Only nodes an alias points to need their conversion kept and their nesting watched.
  const targetNodes = new Set(targets.values());
  const convert = (node: unknown): YValue | null => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return convertAlias(node);
    const yamlNode = node as YamlNode;
    if (!targetNodes.has(yamlNode)) {
      count(yamlNode.range?.[0] ?? 0, 1, 0);
      return convertNode(yamlNode);
    }
    const before = decodes;
    inProgress.add(yamlNode);
    count(yamlNode.range?.[0] ?? 0, 1, 0);
    const value = convertNode(yamlNode);
    inProgress.delete(yamlNode);
    memo.set(yamlNode, { value, decodes: decodes - before });
    return value;
  };

  const convertAlias = (alias: Alias): YValue | null => {
    const offset = alias.range?.[0] ?? 0;
    const target = targets.get(alias);
    if (target === undefined) throw new Fatal({ kind: 'unknown-anchor', offset, anchor: alias.source });
    if (inProgress.has(target)) throw new Fatal({ kind: 'self-alias', offset, anchor: alias.source });
    // The anchor comes first in document order, so it is already converted: go-yaml decodes
    // its whole subtree again for each alias, which is what the budget counts.
    const converted = memo.get(target);
    count(offset, 1 + (converted?.decodes ?? 0), converted?.decodes ?? 0);
    const [start, end] = alias.range ?? [offset, offset];
    return converted?.value ? relocate(converted.value, start, end) : null;
  };

  const convertNode = (node: YamlNode): YValue | null => {
    const [start, end] = node.range ?? [0, 0, 0];
    if (isScalar(node)) {
      const raw = node.value;
      // go-yaml decodes !!binary to the bytes' text; other non-primitive values are stringified.
      const value =
        typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' || raw === null
          ? raw
          : raw instanceof Uint8Array
            ? new TextDecoder().decode(raw)
            : String(raw);
      const plain = node.type === 'PLAIN';
      const written = plain ? text.slice(start, end) : typeof value === 'string' ? value : String(value);
      const scalar: YScalar = { kind: 'scalar', value, text: written, start, end };
      const jsonNumber = kubectlNumber(written, node.tag, plain);
      if (jsonNumber !== undefined) scalar.jsonNumber = jsonNumber;
      return scalar;
    }
    if (isSeq(node)) {
      return { kind: 'seq', items: node.items.map(convert).filter((v): v is YValue => v !== null), start, end };
    }
    if (isMap(node)) return convertMap(node.items, start, end);
    return null;
  };

  const convertMap = (pairs: ReadonlyArray<{ key: unknown; value: unknown }>, start: number, end: number): YMap => {
    const entries = new Map<string, YEntry>();
    /**
     * First offset of each scalar key value, compared as `yaml`'s uniqueKeys does (===). Keys
     * whose text differs cannot be equal, so it is built only when a key's text repeats: most
     * maps never need it.
     */
    let seen: Map<unknown, number> | undefined;
    const merged: YMap[] = [];
    pairs.forEach((pair, index) => {
      const key = pair.key;
      const scalarKey = isScalar(key);
      const keyValue = scalarKey ? key.value : key;
      // With `merge: true` the parser turns a plain `<<` key into Symbol('<<').
      if (typeof keyValue === 'symbol' && keyValue.description === '<<' && scalarKey && key.type === 'PLAIN') {
        collectMerge(pair.value, convert(pair.value), merged);
        return;
      }
      const keyText = keyValue === null ? '' : String(keyValue);
      const [keyStart, keyEnd] = (scalarKey && key.range) || [start, start];
      if (scalarKey) {
        // A scalar key is one node to go-yaml's alias budget; its tree is needed only when an
        // alias refers to it.
        if (targetNodes.has(key)) convert(key);
        else count(keyStart, 1, 0);
        if (seen === undefined && entries.has(keyText)) seen = scalarKeyOffsets(pairs, index);
        const first = seen?.get(keyValue);
        if (first !== undefined) problems.push({ kind: 'duplicate-key', offset: keyStart, key: keyText, firstOffset: first });
        else seen?.set(keyValue, keyStart);
      } else convert(key);
      entries.set(keyText, { keyStart, keyEnd, value: convert(pair.value) });
    });
    // Explicit keys win over merged ones; earlier merge sources win over later ones (YAML merge spec).
    for (const source of merged) {
      for (const [k, entry] of source.entries) if (!entries.has(k)) entries.set(k, entry);
    }
    return { kind: 'map', entries, start, end };
  };

  try {
    // go-yaml counts the document node too.
    count(0, 1, 0);
    return { root: convert(doc.contents), problems, anchors };
  } catch (error) {
    if (error instanceof Fatal) return { root: null, problems: [...problems, error.problem], anchors };
    throw error;
  }
}

/** The first offset of each scalar key value among `pairs[0, before)` (the merge key `<<` aside). */
function scalarKeyOffsets(pairs: ReadonlyArray<{ key: unknown }>, before: number): Map<unknown, number> {
  const offsets = new Map<unknown, number>();
  for (const { key } of pairs.slice(0, before)) {
    if (!isScalar(key) || (typeof key.value === 'symbol' && key.type === 'PLAIN')) continue;
    if (!offsets.has(key.value)) offsets.set(key.value, key.range?.[0] ?? 0);
  }
  return offsets;
}

/**
 * A copy of an aliased value placed at the alias (`resources: *r`), every node and key of it: a
 * finding about this object must point into this object, where a suppression comment for it also
 * goes, not at the `&r` anchor in another container. The copies cost what go-yaml's own decoding
 * of the alias costs, which the alias budget above already bounds.
 */
function relocate(value: YValue, start: number, end: number): YValue {
  if (value.kind === 'scalar') return { ...value, start, end };
  if (value.kind === 'seq') return { kind: 'seq', items: value.items.map((item) => relocate(item, start, end)), start, end };
  const entries = new Map<string, YEntry>();
  for (const [key, entry] of value.entries) {
    entries.set(key, { keyStart: start, keyEnd: end, value: entry.value && relocate(entry.value, start, end) });
  }
  return { kind: 'map', entries, start, end };
}

/**
 * Each alias's anchored node, found in one pass: the last node with that anchor before the alias
 * in document order (what `Alias.resolve` does, but it walks the whole document once per alias,
 * which is quadratic: 20,000 aliases took 26 s).
 */
function aliasTargets(doc: Document.Parsed): { targets: Map<Alias, YamlNode>; anchors: string[] } {
  const targets = new Map<Alias, YamlNode>();
  const anchors = new Map<string, YamlNode>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target !== undefined) targets.set(node, target);
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return { targets, anchors: [...anchors.keys()] };
}

/** go-yaml: a merge value is a map, an alias of one, or a sequence of those (else "map merge requires map…"). */
function collectMerge(node: unknown, value: YValue | null, into: YMap[]): void {
  const isMapLike = (n: unknown, v: YValue | null | undefined) => (isMap(n) || isAlias(n)) && v?.kind === 'map';
  if (isMapLike(node, value) && value?.kind === 'map') {
    into.push(value);
    return;
  }
  if (isSeq(node) && value?.kind === 'seq' && node.items.length === value.items.length) {
    if (node.items.every((item, i) => isMapLike(item, value.items[i]))) {
      for (const item of value.items) if (item.kind === 'map') into.push(item);
      return;
    }
  }
  const offset = (node as YamlNode | null)?.range?.[0] ?? 0;
  throw new Fatal({ kind: 'bad-merge', offset });
}

/** `get(node, 'spec', 'template', 'spec')`: follows map keys, undefined when any step is missing. */
export function get(node: YValue | null | undefined, ...path: string[]): YValue | undefined {
  let current: YValue | null | undefined = node;
  for (const key of path) {
    if (current?.kind !== 'map') return undefined;
    current = current.entries.get(key)?.value;
  }
  return current ?? undefined;
}

export function getMap(node: YValue | null | undefined, ...path: string[]): YMap | undefined {
  const value = get(node, ...path);
  return value?.kind === 'map' ? value : undefined;
}

export function getSeq(node: YValue | null | undefined, ...path: string[]): YSeq | undefined {
  const value = get(node, ...path);
  return value?.kind === 'seq' ? value : undefined;
}

export function getScalar(node: YValue | null | undefined, ...path: string[]): YScalar | undefined {
  const value = get(node, ...path);
  return value?.kind === 'scalar' ? value : undefined;
}

/** A scalar's value as a string (numbers and booleans as written), or undefined. */
export function getString(node: YValue | null | undefined, ...path: string[]): string | undefined {
  const scalar = getScalar(node, ...path);
  if (!scalar || scalar.value === null) return undefined;
  return typeof scalar.value === 'string' ? scalar.value : scalar.text;
}

/** A string→string map such as labels or annotations (non-string values as written). */
export function stringMap(node: YValue | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (node?.kind !== 'map') return out;
  for (const [key, entry] of node.entries) {
    if (entry.value?.kind === 'scalar' && entry.value.value !== null) {
      out[key] = typeof entry.value.value === 'string' ? entry.value.value : entry.value.text;
    }
  }
  return out;
}
