/**
 * Where each kind keeps its pod template. Any other object (Argo Rollout, OpenShift
 * DeploymentConfig, Knative…) counts when its `spec.template.spec` has containers.
 */
import { getMap, getSeq, type YMap } from '../load/tree.js';

export interface PodTemplate {
  /** The object that carries the pod's metadata (a Pod's own, a template's otherwise). */
  metadata?: YMap;
  spec: YMap;
  /** The map holding `spec` (for its key position). */
  specOwner: YMap;
}

const POD_TEMPLATE_PATHS: Record<string, string[]> = {
  Pod: [],
  PodTemplate: ['template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};
const DEFAULT_PATH = ['spec', 'template'];

export function findPodTemplate(kind: string, root: YMap): PodTemplate | undefined {
  const path = POD_TEMPLATE_PATHS[kind] ?? DEFAULT_PATH;
  const owner = path.length === 0 ? root : getMap(root, ...path);
  const spec = getMap(owner, 'spec');
  if (!owner || !spec) return undefined;
  const known = kind in POD_TEMPLATE_PATHS || BUILTIN_TEMPLATE_KINDS.has(kind);
  if (!known && !getSeq(spec, 'containers')) return undefined;
  const metadata = getMap(owner, 'metadata');
  return { spec, specOwner: owner, ...(metadata ? { metadata } : {}) };
}

const BUILTIN_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job']);
