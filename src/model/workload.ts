/** The model rules read: workloads, their containers and volumes, each fact with its source. */
import type { EnvVar } from './env.js';
import type { LimitRange } from './limitrange.js';
import type { ContainerProcess, ImageCommand } from './process.js';
import type { RuntimeFacts } from './runtime/index.js';
import type { QosClass } from './qos.js';
import type { EffectiveRequestLimit, QuantityField, ResourcesBlock } from './resources.js';
import type { Source } from './source.js';

/**
 * app: `containers`; init: `initContainers` that run to completion; sidecar: `initContainers`
 * with `restartPolicy: Always` (native sidecars, 1.29+), which run for the pod's whole life;
 * ephemeral: `ephemeralContainers`, which the API forbids to have resources (never linted).
 */
export type ContainerRole = 'app' | 'init' | 'sidecar' | 'ephemeral';

export interface Container {
  name: string;
  role: ContainerRole;
  /** Position in its list (containers / initContainers / ephemeralContainers). */
  index: number;
  image?: string;
  imageSource?: Source;
  /** The container's `name` value (or its list item, when unnamed): where "missing" findings point. */
  source: Source;
  /** resources as written. */
  resources: ResourcesBlock;
  /** After API defaulting (request := limit) and LimitRange admission defaults. */
  effective: { memory: EffectiveRequestLimit; cpu: EffectiveRequestLimit };
  /** The environment the process sees: a linked image's ENV, then envFrom, then env. */
  env: EnvVar[];
  /** What runs: argv and, through `sh -c` scripts, the final program. */
  process: ContainerProcess;
  /** The Dockerfile that builds this container's image, when linked. */
  linkedImage?: LinkedImage;
  /** Runtime memory settings (JVM, Node, Go, .NET), parsed from env, command line and image. */
  runtime: RuntimeFacts;
}

export interface LinkedImage {
  /** The Dockerfile's path as shown to users. */
  file: string;
  /** How the link was made, for messages: `images: map in .oomlint.yaml`, `Dockerfile in a directory named like the container`. */
  link: string;
  env: EnvVar[];
  command: ImageCommand;
  /** The final stage's base image. */
  from?: { image: string; repository: string; tag?: string; source: Source };
}

export interface EmptyDirVolume {
  name: string;
  /** The volume's `name` value. */
  source: Source;
  medium: string;
  /** The `emptyDir` key. */
  emptyDirSource: Source;
  sizeLimit?: QuantityField;
}

export interface Workload {
  kind: string;
  apiVersion: string;
  name: string;
  namespace?: string;
  /** `Deployment shop/api`, or `Deployment api` when the manifest names no namespace. */
  ref: string;
  file: string;
  /** The object's `metadata.name` value (or `kind` when unnamed). */
  source: Source;
  /** The object's own annotations. */
  annotations: Record<string, string>;
  /** The pod template's annotations and labels (the object's own for a Pod). */
  podAnnotations: Record<string, string>;
  podLabels: Record<string, string>;
  /** Where each pod template label and annotation value is written. */
  podLabelSources: Record<string, Source>;
  podAnnotationSources: Record<string, Source>;
  /** The pod spec's source (the `spec` key of the pod template). */
  podSpecSource: Source;
  containers: Container[];
  emptyDirs: EmptyDirVolume[];
  /** Pod-level `spec.resources` (PodLevelResources, beta and on by default in 1.34). */
  podResources: ResourcesBlock;
  overhead?: QuantityField;
  /** LimitRanges in the input that admission would apply to this pod. */
  limitRanges: LimitRange[];
  qos: QosClass;
  /** Effective pod memory as the scheduler and kubelet size it; limit undefined = unbounded. */
  podMemory: { request: number; limit?: number };
}

export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  source: Source;
}

/** The whole input, read-only, for rules that look across objects. */
export interface InputModel {
  workloads: readonly Workload[];
  limitRanges: readonly LimitRange[];
  namespaces: readonly NamespaceInfo[];
}

/** Containers that rules judge: ephemeral containers cannot have resources. */
export function lintedContainers(workload: Workload): Container[] {
  return workload.containers.filter((c) => c.role !== 'ephemeral');
}
