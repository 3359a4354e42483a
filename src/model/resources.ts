/**
 * Reading `resources` blocks (container, pod-level, LimitRange items) into quantities that keep
 * their source, and the effective values Kubernetes ends up with after defaulting.
 */
import type { Positions } from '../load/positions.js';
import type { YMap, YScalar, YValue } from '../load/tree.js';
import { parseQuantityJSON, type Quantity } from './quantity.js';
import type { Source } from './source.js';

export type ResourceName = 'memory' | 'cpu';
export const QOS_RESOURCES: readonly ResourceName[] = ['memory', 'cpu'];

export interface QuantityField {
  /** The text as written (YAML numbers as written, so `1e3` stays `1e3`). */
  raw: string;
  quantity: Quantity;
  /** The value node. */
  source: Source;
  /** Non-null YAML scalar that is not a string or number (e.g. `true`): the API rejects it. */
  wrongType?: boolean;
}

/** What one resources block says for one resource name. */
export interface RequestLimit {
  request?: QuantityField;
  limit?: QuantityField;
}

/** A part of a resources block whose YAML type the API rejects (`requests:` as a list, say). */
export interface MalformedResources {
  /** `resources`, `resources.limits`, `resources.requests.memory` … */
  path: string;
  /** What was written instead: `a list`, `a string`, `a map`. */
  found: string;
  source: Source;
}

export interface ResourcesBlock {
  memory: RequestLimit;
  cpu: RequestLimit;
  /** Parts the API server rejects for their type; read as absent, reported by memory-quantity-invalid. */
  malformed: MalformedResources[];
  /** The `resources` key, or undefined when the block is absent. */
  source?: Source;
  /** The `requests` / `limits` keys, for findings about what is missing inside them. */
  requestsSource?: Source;
  limitsSource?: Source;
}

/**
 * Manifests reach the API server as JSON, whose Quantity decoder trims surrounding spaces first.
 * A scalar kubectl sends as a JSON number is read as that number (`0x10` is 16, `1_000` is 1000),
 * and messages quote it as written.
 */
export function readQuantity(node: YScalar, positions: Positions): QuantityField {
  const raw = node.value === null ? '' : typeof node.value === 'string' ? node.value : node.text;
  const wrongType = typeof node.value === 'boolean';
  return { raw, quantity: parseQuantityJSON(node.jsonNumber ?? raw), source: positions.source(node.start, node.end), ...(wrongType ? { wrongType } : {}) };
}

/** A map of resource name → quantity (`requests`, `limits`, `default`, `max`, `overhead` …). */
export function readResourceList(
  node: YMap | undefined,
  positions: Positions,
  malformed: MalformedResources[] = [],
  path = '',
): Partial<Record<ResourceName, QuantityField>> {
  const out: Partial<Record<ResourceName, QuantityField>> = {};
  if (!node) return out;
  for (const name of QOS_RESOURCES) {
    const value = node.entries.get(name)?.value;
    if (value?.kind === 'scalar' && value.value !== null) out[name] = readQuantity(value, positions);
    // Only memory's shape is this linter's business; a malformed cpu value is read as absent.
    else if (value && value.kind !== 'scalar' && name === 'memory') malformed.push(shapeProblem(`${path}.${name}`, value, positions));
  }
  return out;
}

/** A non-null value that is not a map where the API expects one, as a MalformedResources entry. */
function mapExpected(owner: YMap | undefined, key: string, path: string, positions: Positions, into: MalformedResources[]): YMap | undefined {
  const value = owner?.entries.get(key)?.value;
  if (!value || value.kind === 'map') return value ?? undefined;
  if (!(value.kind === 'scalar' && value.value === null)) into.push(shapeProblem(path, value, positions));
  return undefined;
}

function shapeProblem(path: string, value: YValue, positions: Positions): MalformedResources {
  const found = value.kind === 'seq' ? 'a list' : value.kind === 'map' ? 'a map' : `the ${typeof value.value} ${value.text}`;
  return { path, found, source: positions.source(value.start, value.end) };
}

/** No resources written at all (a Dockerfile's image, say). */
export function emptyResources(): ResourcesBlock {
  return { memory: {}, cpu: {}, malformed: [] };
}

export function readResourcesBlock(owner: YMap | undefined, positions: Positions): ResourcesBlock {
  const malformed: MalformedResources[] = [];
  const entry = owner?.entries.get('resources');
  const block = mapExpected(owner, 'resources', 'resources', positions, malformed);
  const requestsEntry = block?.entries.get('requests');
  const limitsEntry = block?.entries.get('limits');
  const requests = readResourceList(mapExpected(block, 'requests', 'resources.requests', positions, malformed), positions, malformed, 'resources.requests');
  const limits = readResourceList(mapExpected(block, 'limits', 'resources.limits', positions, malformed), positions, malformed, 'resources.limits');
  const pick = (name: ResourceName): RequestLimit => ({
    ...(requests[name] ? { request: requests[name] } : {}),
    ...(limits[name] ? { limit: limits[name] } : {}),
  });
  return {
    memory: pick('memory'),
    cpu: pick('cpu'),
    malformed,
    ...(entry ? { source: positions.source(entry.keyStart, entry.keyEnd) } : {}),
    ...(requestsEntry ? { requestsSource: positions.source(requestsEntry.keyStart, requestsEntry.keyEnd) } : {}),
    ...(limitsEntry ? { limitsSource: positions.source(limitsEntry.keyStart, limitsEntry.keyEnd) } : {}),
  };
}

/** The exact numeric value (bytes for memory, cores for cpu), or undefined when absent, invalid or mistyped. */
export function valueOf(field: QuantityField | undefined): number | undefined {
  if (!field || field.wrongType || !field.quantity.ok) return undefined;
  return field.quantity.value;
}

/** The API server rejects the object because of this value (invalid, mistyped or negative): memory-quantity-invalid's finding. */
export function isRejected(field: QuantityField | undefined): boolean {
  return field !== undefined && (field.wrongType === true || !field.quantity.ok || field.quantity.negative);
}

/**
 * A memory value other rules should not compare: rejected, or not a whole number of bytes
 * (`512m` is 0.512 bytes), a typo that memory-quantity-suspicious names with the intended value.
 * Only for memory: fractional cpu (`500m`) is normal.
 */
export function isMistypedMemory(field: QuantityField | undefined): boolean {
  return isRejected(field) || (field !== undefined && field.quantity.ok && !field.quantity.isWhole);
}

/** Where an effective value came from, so messages can say "relies on LimitRange x". */
export type ValueOrigin =
  | { kind: 'container' }
  | { kind: 'defaulted-from-limit' }
  | { kind: 'limitrange'; limitRange: string; field: 'default' | 'defaultRequest' };

export interface EffectiveValue {
  /** Exact value (bytes for memory, cores for cpu). */
  value: number;
  origin: ValueOrigin;
}

export interface EffectiveRequestLimit {
  request?: EffectiveValue;
  limit?: EffectiveValue;
}
