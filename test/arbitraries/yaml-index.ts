/**
 * An independent reading of a generated file, to judge the positions findings point at: where
 * every YAML node starts and ends (offsets), where each workload object and each container is,
 * and the line table. Built with the `yaml` package's own ranges, not with oomlint's loader.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node, type YAMLMap } from 'yaml';

export interface Span {
  start: number;
  end: number;
}
export interface ContainerSpan extends Span {
  /** The workload's name; the container's name, or `<list>[<index>]` when it has none (as oomlint names it). */
  object: string | undefined;
  id: string;
}

export interface YamlIndex {
  lineStarts: number[];
  /** Offsets where a node (key or value) starts, and where one ends (trailing white space excluded). */
  starts: Set<number>;
  ends: Set<number>;
  /** Workload objects by metadata.name, and the names more than one workload has (not judged). */
  workloads: Map<string, Span>;
  ambiguous: Set<string>;
  /** Objects a finding may point into besides its own: LimitRange, ConfigMap, Namespace. */
  shared: Span[];
  containers: ContainerSpan[];
}

const TEMPLATE_PATHS: Record<string, string[]> = { Pod: ['spec'], CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] };
const SHARED_KINDS = new Set(['LimitRange', 'ConfigMap', 'Namespace']);

export function indexYaml(text: string): YamlIndex {
  const index: YamlIndex = { lineStarts: [0], starts: new Set(), ends: new Set(), workloads: new Map(), ambiguous: new Set(), shared: [], containers: [] };
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) index.lineStarts.push(i + 1);
  const trimEnd = (end: number, start: number) => {
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    return end;
  };
  const walk = (node: unknown): void => {
    if (!(isScalar(node) || isMap(node) || isSeq(node) || isAlias(node)) || !node.range) return;
    const [start, valueEnd] = node.range;
    const end = trimEnd(valueEnd, start);
    index.starts.add(start);
    index.ends.add(end);
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          walk(item.key);
          walk(item.value);
        } else walk(item);
      }
    }
  };
  for (const doc of parseAllDocuments(text, { merge: true, uniqueKeys: true })) {
    walk(doc.contents);
    if (!isMap(doc.contents)) continue;
    const kind: unknown = doc.contents.get('kind');
    const items = doc.contents.get('items');
    const objects = kind === 'List' && isSeq(items) ? items.items : [doc.contents];
    for (const object of objects) if (isMap(object)) addObject(object, index, text, trimEnd);
  }
  return index;
}

function addObject(object: YAMLMap, index: YamlIndex, text: string, trimEnd: (end: number, start: number) => number): void {
  const [start, valueEnd] = object.range ?? [0, 0];
  const span = { start, end: trimEnd(valueEnd, start) };
  const kind: unknown = object.get('kind');
  if (typeof kind === 'string' && SHARED_KINDS.has(kind)) return void index.shared.push(span);
  const name: unknown = object.getIn(['metadata', 'name']);
  const objectName = typeof name === 'string' ? name : undefined;
  if (objectName !== undefined && index.workloads.has(objectName)) index.ambiguous.add(objectName);
  if (objectName !== undefined) index.workloads.set(objectName, span);
  const spec = object.getIn(typeof kind === 'string' && TEMPLATE_PATHS[kind] ? TEMPLATE_PATHS[kind] : ['spec', 'template', 'spec']);
  if (!isMap(spec)) return;
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    const seq = spec.get(list);
    if (!isSeq(seq)) continue;
    seq.items.forEach((item, i) => {
      if (!isMap(item) || !(item as Node).range) return;
      const [s, e] = item.range as [number, number, number];
      // A name that is not a string (`name: -1`) is named by its text, as oomlint does.
      const cname = item.get('name', true);
      const written = isScalar(cname) && cname.value !== null && cname.range ? (typeof cname.value === 'string' ? cname.value : text.slice(cname.range[0], cname.range[1])) : undefined;
      index.containers.push({ object: objectName, id: written ?? `${list}[${i}]`, start: s, end: trimEnd(e, s) });
    });
  }
}

/** 1-based line and column → offset, or undefined when the position is outside the text. */
export function offsetOf(index: YamlIndex, text: string, line: number, column: number): number | undefined {
  const lineStart = index.lineStarts[line - 1];
  if (lineStart === undefined || !Number.isInteger(column) || column < 1) return undefined;
  const next = index.lineStarts[line];
  const lineEnd = next === undefined ? text.length : next - 1; // the '\n' is not part of the line
  return lineStart + column - 1 <= lineEnd ? lineStart + column - 1 : undefined;
}
