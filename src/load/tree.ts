/**
 * A small, position-keeping view of a YAML document: maps, sequences and scalars with their
 * source offsets. Aliases resolve to the anchored node and `<<` merge keys are applied, as
 * Kubernetes' YAML decoder (go-yaml) does, so rules see what the API server will see.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';

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

/**
 * Converts a parsed document. Shared aliases convert once (memoised), so an alias bomb builds a
 * small DAG instead of an exponential tree; a self-referencing alias becomes null.
 */
export function toTree(doc: Document.Parsed, text: string): YValue | null {
  const memo = new Map<YamlNode, YValue | null>();
  const inProgress = new Set<YamlNode>();

  const convert = (node: unknown): YValue | null => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return convert(node.resolve(doc));
    const yamlNode = node as YamlNode;
    const cached = memo.get(yamlNode);
    if (cached !== undefined) return cached;
    if (inProgress.has(yamlNode)) return null;
    inProgress.add(yamlNode);
    const result = convertNode(yamlNode);
    inProgress.delete(yamlNode);
    memo.set(yamlNode, result);
    return result;
  };

  const convertNode = (node: YamlNode): YValue | null => {
    const [start, end] = node.range ?? [0, 0, 0];
    if (isScalar(node)) {
      const value = node.value;
      const simple =
        typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null
          ? value
          : String(value);
      const text = node.type === 'PLAIN' ? text_(start, end) : typeof simple === 'string' ? simple : String(simple);
      return { kind: 'scalar', value: simple, text, start, end };
    }
    if (isSeq(node)) {
      return { kind: 'seq', items: node.items.map(convert).filter((v): v is YValue => v !== null), start, end };
    }
    if (isMap(node)) {
      const entries = new Map<string, YEntry>();
      const merged: YMap[] = [];
      for (const pair of node.items) {
        const key = pair.key;
        const keyValue = isScalar(key) ? key.value : key;
        // With `merge: true` the parser turns a plain `<<` key into Symbol('<<').
        const keyText = typeof keyValue === 'symbol' ? (keyValue.description ?? '') : keyValue === null ? '' : String(keyValue);
        if (keyText === '<<' && isScalar(key) && key.type === 'PLAIN') {
          collectMerge(convert(pair.value), merged);
          continue;
        }
        const [keyStart, keyEnd] = (isScalar(key) && key.range) || [start, start];
        entries.set(keyText, { keyStart, keyEnd, value: convert(pair.value) });
      }
      // Explicit keys win over merged ones; earlier merge sources win over later ones (YAML merge spec).
      for (const source of merged) {
        for (const [k, entry] of source.entries) if (!entries.has(k)) entries.set(k, entry);
      }
      return { kind: 'map', entries, start, end };
    }
    return null;
  };

  const text_ = (start: number, end: number): string => text.slice(start, end);
  return convert(doc.contents);
}

function collectMerge(value: YValue | null, into: YMap[]): void {
  if (value?.kind === 'map') into.push(value);
  else if (value?.kind === 'seq') for (const item of value.items) if (item.kind === 'map') into.push(item);
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
