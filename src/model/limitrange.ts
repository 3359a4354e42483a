/**
 * LimitRange objects of the input, with the API server's defaulting applied
 * (SetDefaults_LimitRangeItem): for `type: Container`, a missing `default` takes `max`, and a
 * missing `defaultRequest` takes `default`, then `min`.
 */
import { groupBy } from '../group-by.js';
import type { KubeObject } from '../load/kubernetes.js';
import { getMap, getSeq, getString } from '../load/tree.js';
import { QOS_RESOURCES, readResourceList, type QuantityField, type ResourceName } from './resources.js';
import type { Source } from './source.js';

type ResourceLimits = Partial<Record<ResourceName, QuantityField>>;

export interface LimitRangeItem {
  type: 'Container' | 'Pod' | string;
  default: ResourceLimits;
  defaultRequest: ResourceLimits;
  min: ResourceLimits;
  max: ResourceLimits;
  maxLimitRequestRatio: ResourceLimits;
}

export interface LimitRange {
  name: string;
  namespace?: string;
  /** `LimitRange ns/name`, as findings name it. */
  ref: string;
  source: Source;
  items: LimitRangeItem[];
}

export function readLimitRange(object: KubeObject, ref: string, source: Source): LimitRange {
  const items: LimitRangeItem[] = [];
  for (const node of getSeq(object.root, 'spec', 'limits')?.items ?? []) {
    const list = (key: string): ResourceLimits => readResourceList(getMap(node, key), object.positions);
    const item: LimitRangeItem = {
      type: getString(node, 'type') ?? 'Container',
      default: list('default'),
      defaultRequest: list('defaultRequest'),
      min: list('min'),
      max: list('max'),
      maxLimitRequestRatio: list('maxLimitRequestRatio'),
    };
    if (item.type === 'Container') applyApiDefaults(item);
    items.push(item);
  }
  return { name: object.name, ...(object.namespace ? { namespace: object.namespace } : {}), ref, source, items };
}

function applyApiDefaults(item: LimitRangeItem): void {
  for (const name of QOS_RESOURCES) {
    item.default[name] ??= item.max[name];
    item.defaultRequest[name] ??= item.default[name] ?? item.min[name];
    if (item.default[name] === undefined) delete item.default[name];
    if (item.defaultRequest[name] === undefined) delete item.defaultRequest[name];
  }
}

/**
 * The LimitRanges that admission would apply to an object. Manifests without a namespace are
 * applied to whatever namespace kubectl targets, so they match LimitRanges that also have no
 * namespace (the same "current namespace"), never a named one.
 */
export function limitRangesFor(namespace: string | undefined, all: readonly LimitRange[]): LimitRange[] {
  return [...(byNamespace(all).get(namespace) ?? [])];
}

/**
 * The LimitRanges grouped by namespace, kept for each list while it does not grow: every
 * workload looks its namespace up, and filtering the whole list each time made a run over many
 * namespaces quadratic (2,400 LimitRanges × 77,000 workloads in the benchmark's 16× corpus).
 */
const indexes = new WeakMap<readonly LimitRange[], { length: number; index: Map<string | undefined, LimitRange[]> }>();
function byNamespace(all: readonly LimitRange[]): Map<string | undefined, LimitRange[]> {
  const cached = indexes.get(all);
  if (cached?.length === all.length) return cached.index;
  const index = groupBy(all, (lr) => lr.namespace);
  indexes.set(all, { length: all.length, index });
  return index;
}
