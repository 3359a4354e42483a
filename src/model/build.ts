/**
 * Kubernetes objects → the model rules read. Runs after every file is loaded, because a
 * LimitRange or Namespace in one file applies to workloads in another.
 */
import type { KubeObject } from '../load/kubernetes.js';
import { getMap, getScalar, getSeq, getString, stringMap, type YMap } from '../load/tree.js';
import { effectiveResources } from './defaults.js';
import { readConfigMap, readEnv, type ConfigMapData } from './env.js';
import { readArgList, resolveProcess } from './process.js';
import { runtimeOf } from './runtime/index.js';
import { limitRangesFor, readLimitRange, type LimitRange } from './limitrange.js';
import { findPodTemplate } from './pod-spec.js';
import { computeQos, podMemory } from './qos.js';
import { QOS_RESOURCES, readQuantity, readResourcesBlock, valueOf, type EffectiveRequestLimit, type ResourceName } from './resources.js';
import type { Source } from './source.js';
import type { Container, ContainerRole, EmptyDirVolume, InputModel, LinkedImage, NamespaceInfo, Workload } from './workload.js';

export function objectRef(object: Pick<KubeObject, 'kind' | 'name' | 'namespace'>): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

export interface BuildOptions {
  /** The Dockerfile-built image a container runs, when one is linked to it. */
  imageOf?: (container: Container, object: KubeObject) => LinkedImage | undefined;
}

interface BuildInputs extends BuildOptions {
  configMaps: readonly ConfigMapData[];
}

export function buildModel(objects: readonly KubeObject[], options: BuildOptions = {}): InputModel {
  const context = readSharedContext(objects);
  return { workloads: buildWorkloads(objects, context, options), limitRanges: context.limitRanges, namespaces: context.namespaces };
}

/** What one object's workload may depend on from other objects, in any file. */
export interface SharedContext {
  limitRanges: LimitRange[];
  namespaces: NamespaceInfo[];
  configMaps: ConfigMapData[];
}

/** The kinds readSharedContext reads: every other kind is only ever a workload (or nothing). */
export const CONTEXT_KINDS: ReadonlySet<string> = new Set(['ConfigMap', 'LimitRange', 'Namespace']);

export function readSharedContext(objects: readonly KubeObject[], into: SharedContext = { limitRanges: [], namespaces: [], configMaps: [] }): SharedContext {
  for (const object of objects) {
    if (object.kind === 'ConfigMap') into.configMaps.push(readConfigMap(object.root, object.name, object.namespace, object.positions));
    if (object.kind === 'LimitRange') into.limitRanges.push(readLimitRange(object, objectRef(object), nameSource(object)));
    if (object.kind === 'Namespace') {
      const metadata = getMap(object.root, 'metadata');
      into.namespaces.push({
        name: object.name,
        labels: stringMap(getMap(metadata, 'labels')),
        annotations: stringMap(getMap(metadata, 'annotations')),
        source: nameSource(object),
      });
    }
  }
  return into;
}

/** The workloads among `objects`, with LimitRanges and ConfigMaps from the whole input. */
export function buildWorkloads(objects: readonly KubeObject[], context: SharedContext, options: BuildOptions = {}): Workload[] {
  const workloads: Workload[] = [];
  for (const object of objects) {
    const workload = buildWorkload(object, context.limitRanges, { ...options, configMaps: context.configMaps });
    if (workload) workloads.push(workload);
  }
  return workloads;
}

/** The object's `metadata.name` value, else its `kind` value. */
export function nameSource(object: KubeObject): Source {
  const node = getScalar(object.root, 'metadata', 'name') ?? getScalar(object.root, 'kind');
  return node ? object.positions.source(node.start, node.end) : object.positions.source(object.root.start, object.root.start);
}

/** Whether oomlint reads `object` as a workload: it has a pod template (context changes only its defaults). */
export function isWorkload(object: KubeObject): boolean {
  return findPodTemplate(object.kind, object.root) !== undefined;
}

function buildWorkload(object: KubeObject, allLimitRanges: readonly LimitRange[], inputs: BuildInputs): Workload | undefined {
  const template = findPodTemplate(object.kind, object.root);
  if (!template) return undefined;
  const { positions } = object;
  const limitRanges = limitRangesFor(object.namespace, allLimitRanges);
  const containers = readContainers(template.spec, object, limitRanges, inputs);
  const podResources = readResourcesBlock(template.spec, positions);
  const podEffective = effectiveResources(podResources, []);
  const overheadNode = getScalar(template.spec, 'overhead', 'memory');
  const overhead = overheadNode ? readQuantity(overheadNode, positions) : undefined;
  defaultPodRequests(podEffective, containers);
  const specEntry = template.specOwner.entries.get('spec');
  return {
    kind: object.kind,
    apiVersion: object.apiVersion,
    name: object.name,
    ...(object.namespace ? { namespace: object.namespace } : {}),
    ref: objectRef(object),
    file: object.file,
    source: nameSource(object),
    annotations: stringMap(getMap(object.root, 'metadata', 'annotations')),
    podAnnotations: stringMap(getMap(template.metadata, 'annotations')),
    podLabels: stringMap(getMap(template.metadata, 'labels')),
    podLabelSources: valueSources(getMap(template.metadata, 'labels'), positions),
    podAnnotationSources: valueSources(getMap(template.metadata, 'annotations'), positions),
    podSpecSource: specEntry ? positions.source(specEntry.keyStart, specEntry.keyEnd) : nameSource(object),
    containers,
    emptyDirs: readEmptyDirs(template.spec, object),
    podResources,
    ...(overhead ? { overhead } : {}),
    limitRanges,
    qos: computeQos(containers, podEffective),
    podMemory: podMemory(containers, podEffective.memory, valueOf(overhead) ?? 0),
  };
}

/**
 * Pod-level requests default only when pod-level limits are set (KEP-2837): to the limit when no
 * container requests that resource, else to the containers' effective requests.
 * effectiveResources already copied the limit; correct it in the second case.
 */
function defaultPodRequests(pod: Record<ResourceName, EffectiveRequestLimit>, containers: readonly Container[]): void {
  for (const name of QOS_RESOURCES) {
    const resource = pod[name];
    if (resource.request?.origin.kind !== 'defaulted-from-limit') continue;
    const running = containers.filter((c) => c.role !== 'ephemeral');
    if (!running.some((c) => c.effective[name].request)) continue;
    const summed = running.map((c) => ({ role: c.role, effective: { ...c.effective, memory: c.effective[name] } }));
    resource.request = { value: podMemory(summed, {}, 0).request, origin: { kind: 'container' } };
  }
}

/** key → the source of its value, for findings that point at a label or annotation. */
function valueSources(node: YMap | undefined, positions: KubeObject['positions']): Record<string, Source> {
  const out: Record<string, Source> = {};
  for (const [key, entry] of node?.entries ?? []) if (entry.value) out[key] = positions.source(entry.value.start, entry.value.end);
  return out;
}

const CONTAINER_LISTS: Array<[key: string, role: ContainerRole]> = [
  ['initContainers', 'init'],
  ['containers', 'app'],
  ['ephemeralContainers', 'ephemeral'],
];

function readContainers(spec: YMap, object: KubeObject, limitRanges: readonly LimitRange[], inputs: BuildInputs): Container[] {
  const { positions } = object;
  const containers: Container[] = [];
  const nodes: YMap[] = [];
  for (const [key, listRole] of CONTAINER_LISTS) {
    getSeq(spec, key)?.items.forEach((node, index) => {
      if (node.kind !== 'map') return;
      const nameNode = getScalar(node, 'name');
      const imageNode = getScalar(node, 'image');
      // Native sidecars: an init container with restartPolicy Always runs for the pod's life (1.29+).
      const role: ContainerRole = listRole === 'init' && getString(node, 'restartPolicy') === 'Always' ? 'sidecar' : listRole;
      const resources = readResourcesBlock(node, positions);
      nodes.push(node);
      containers.push({
        name: getString(node, 'name') ?? `${key}[${index}]`,
        role,
        index,
        ...(imageNode && typeof imageNode.value === 'string'
          ? { image: imageNode.value, imageSource: positions.source(imageNode.start, imageNode.end) }
          : {}),
        source: nameNode ? positions.source(nameNode.start, nameNode.end) : positions.source(node.start, node.start),
        resources,
        effective: role === 'ephemeral' ? { memory: {}, cpu: {} } : effectiveResources(resources, limitRanges),
        env: [],
        process: { assignments: new Map() },
        runtime: {},
      });
    });
  }
  // Environment and command need every container's effective memory (resourceFieldRef may name
  // another container of the pod), so they are read once all containers are known.
  const podLimit = valueOf(readResourcesBlock(spec, positions).memory.limit);
  containers.forEach((container, i) => {
    const node = nodes[i];
    if (!node) return;
    const image = inputs.imageOf?.(container, object);
    const env = readEnv(node, {
      positions,
      ...(object.namespace ? { namespace: object.namespace } : {}),
      configMaps: inputs.configMaps,
      memoryOf: (name) => containers.find((c) => c.name === (name ?? container.name))?.effective.memory,
      ...(podLimit !== undefined ? { podMemoryLimit: podLimit } : {}),
    });
    // Image ENV comes first: the container's env overrides it.
    const merged = image ? [...image.env.filter((e) => !env.some((v) => v.name === e.name)), ...env] : env;
    container.env = merged;
    container.process = resolveProcess(readArgList(node, 'command', positions), readArgList(node, 'args', positions), merged, image?.command);
    if (image) container.linkedImage = image;
    if (container.role !== 'ephemeral') container.runtime = runtimeOf(container);
  });
  return containers;
}

function readEmptyDirs(spec: YMap, object: KubeObject): EmptyDirVolume[] {
  const { positions } = object;
  const out: EmptyDirVolume[] = [];
  for (const node of getSeq(spec, 'volumes')?.items ?? []) {
    if (node.kind !== 'map') continue;
    const entry = node.entries.get('emptyDir');
    if (!entry) continue;
    const nameNode = getScalar(node, 'name');
    const sizeNode = getScalar(entry.value, 'sizeLimit');
    out.push({
      name: getString(node, 'name') ?? '(unnamed)',
      source: nameNode ? positions.source(nameNode.start, nameNode.end) : positions.source(node.start, node.start),
      medium: getString(entry.value, 'medium') ?? '',
      emptyDirSource: positions.source(entry.keyStart, entry.keyEnd),
      ...(sizeNode && sizeNode.value !== null ? { sizeLimit: readQuantity(sizeNode, positions) } : {}),
    });
  }
  return out;
}

