/**
 * A container's environment as the kubelet builds it: `envFrom` first (in order), then `env`
 * (later names win), with `$(VAR)` references expanded from what is defined before them,
 * ConfigMap keys resolved from ConfigMaps in the input, and the downward API's
 * `resourceFieldRef` (`limits.memory` / `requests.memory` with its divisor) computed from the
 * container's effective resources. Values we cannot know (Secrets, fieldRef, a ConfigMap that is
 * not in the input) are kept with `value: undefined`.
 */
import type { Positions } from '../load/positions.js';
import { getMap, getScalar, getSeq, getString, type YMap } from '../load/tree.js';
import type { EffectiveRequestLimit } from './resources.js';
import { parseQuantityJSON } from './quantity.js';
import type { Source } from './source.js';

export interface EnvVar {
  name: string;
  /** undefined when the value cannot be known from the input. */
  value?: string;
  /** The value (or valueFrom) node; for a ConfigMap key, the key's value in the ConfigMap. */
  source: Source;
  /** How the value was obtained, for messages: `env`, `ConfigMap app-config key JAVA_OPTS`, `limits.memory (downward API, divisor 1Mi)`. */
  origin: string;
  /** A resourceFieldRef to a memory limit that is not set: the kubelet substitutes node allocatable memory. */
  unbounded?: boolean;
}

export interface ConfigMapData {
  name: string;
  namespace?: string;
  data: Map<string, { value: string; source: Source }>;
}

export interface EnvContext {
  positions: Positions;
  namespace?: string;
  configMaps: readonly ConfigMapData[];
  /** Effective memory of a container of the same pod, by name (resourceFieldRef may name another). */
  memoryOf: (containerName: string | undefined) => EffectiveRequestLimit | undefined;
  /** The pod-level memory limit (spec.resources), which the kubelet reports for a container without one. */
  podMemoryLimit?: number;
}

export function readEnv(container: YMap, ctx: EnvContext): EnvVar[] {
  const vars = new Map<string, EnvVar>();
  for (const item of getSeq(container, 'envFrom')?.items ?? []) {
    const ref = getMap(item, 'configMapRef');
    if (!ref) continue;
    const prefix = getString(item, 'prefix') ?? '';
    const configMap = findConfigMap(ctx, getString(ref, 'name'));
    for (const [key, entry] of configMap?.data ?? []) {
      vars.set(prefix + key, { name: prefix + key, value: entry.value, source: entry.source, origin: `envFrom ConfigMap ${configMap?.name} key ${key}` });
    }
  }
  // The values defined so far, for $(VAR) expansion: kept up to date rather than rebuilt for each
  // variable (that was quadratic, 2 % of a run on a corpus of workloads with long env lists).
  const known = new Map([...vars].map(([k, v]) => [k, v.value]));
  for (const item of getSeq(container, 'env')?.items ?? []) {
    const name = getString(item, 'name');
    if (!name || item.kind !== 'map') continue;
    const entry = envEntry(name, item, ctx, known);
    vars.set(name, entry);
    known.set(name, entry.value);
  }
  return [...vars.values()];
}

function envEntry(name: string, item: YMap, ctx: EnvContext, defined: ReadonlyMap<string, string | undefined>): EnvVar {
  const { positions } = ctx;
  const valueNode = getScalar(item, 'value');
  if (valueNode) {
    const raw = valueNode.value === null ? '' : typeof valueNode.value === 'string' ? valueNode.value : valueNode.text;
    const expanded = expandReferences(raw, defined);
    return { name, ...(expanded !== undefined ? { value: expanded } : {}), source: positions.source(valueNode.start, valueNode.end), origin: 'env' };
  }
  const from = getMap(item, 'valueFrom');
  const fromSource = from ? positions.source(from.start, from.end) : positions.source(item.start, item.end);
  const configMapRef = getMap(from, 'configMapKeyRef');
  if (configMapRef) {
    const key = getString(configMapRef, 'key') ?? '';
    const configMap = findConfigMap(ctx, getString(configMapRef, 'name'));
    const entry = configMap?.data.get(key);
    if (entry) return { name, value: entry.value, source: entry.source, origin: `ConfigMap ${configMap?.name} key ${key}` };
    return { name, source: fromSource, origin: `ConfigMap ${getString(configMapRef, 'name') ?? '?'} key ${key} (not in the input)` };
  }
  const fieldRef = getMap(from, 'resourceFieldRef');
  const resource = getString(fieldRef, 'resource');
  if (fieldRef && (resource === 'limits.memory' || resource === 'requests.memory')) {
    return downwardMemory(name, resource, fieldRef, fromSource, ctx);
  }
  return { name, source: fromSource, origin: from?.entries.has('secretKeyRef') ? 'Secret' : 'valueFrom' };
}

/**
 * The downward API rounds up: value = ceil(quantity / divisor) (ExtractContainerResourceValue).
 * An unset memory limit becomes the pod-level limit, else node allocatable memory (unknown here
 * and unbounded in effect).
 */
function downwardMemory(name: string, resource: string, fieldRef: YMap, source: Source, ctx: EnvContext): EnvVar {
  const divisorText = getString(fieldRef, 'divisor') ?? '1';
  const divisor = parseQuantityJSON(divisorText);
  const memory = ctx.memoryOf(getString(fieldRef, 'containerName'));
  // Without a container limit the kubelet reports the pod-level limit when there is one
  // (PodLevelResources), else node allocatable memory.
  const value = resource === 'limits.memory' ? (memory?.limit?.value ?? ctx.podMemoryLimit) : memory?.request?.value;
  const origin = `${resource} (downward API${divisorText !== '1' ? `, divisor ${divisorText}` : ''})`;
  if (value === undefined || !divisor.ok || divisor.value <= 0) {
    return { name, source, origin, ...(resource === 'limits.memory' ? { unbounded: true } : {}) };
  }
  return { name, value: String(Math.ceil(Math.ceil(value) / divisor.value)), source, origin };
}

function findConfigMap(ctx: EnvContext, name: string | undefined): ConfigMapData | undefined {
  return name === undefined ? undefined : ctx.configMaps.find((c) => c.name === name && c.namespace === ctx.namespace);
}

/**
 * Kubernetes' `$(VAR)` expansion (third_party/forked/golang/expansion): a defined variable is
 * replaced, `$$` is a literal `$`, an undefined reference stays as written. Returns undefined
 * when a referenced variable is defined but its value is unknown.
 */
export function expandReferences(text: string, defined: ReadonlyMap<string, string | undefined>): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '$' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const end = text.indexOf(')', i + 2);
      if (end === -1) {
        out += text.slice(i);
        break;
      }
      const name = text.slice(i + 2, end);
      if (defined.has(name)) {
        const value = defined.get(name);
        if (value === undefined) return undefined;
        out += value;
      } else out += text.slice(i, end + 1);
      i = end;
    } else out += c;
  }
  return out;
}

export function readConfigMap(root: YMap, name: string, namespace: string | undefined, positions: Positions): ConfigMapData {
  const data = new Map<string, { value: string; source: Source }>();
  for (const [key, entry] of getMap(root, 'data')?.entries ?? []) {
    const value = entry.value;
    if (value?.kind === 'scalar' && value.value !== null) {
      data.set(key, { value: typeof value.value === 'string' ? value.value : value.text, source: positions.source(value.start, value.end) });
    }
  }
  return { name, ...(namespace ? { namespace } : {}), data };
}
