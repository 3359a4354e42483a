/**
 * Pod QoS class and effective pod memory, computed as Kubernetes does
 * (pkg/apis/core/helper/qos ComputePodQOS; KEP-753 for native sidecars; KEP-2837 pod-level
 * resources).
 */
import type { ContainerRole } from './workload.js';
import { QOS_RESOURCES, type EffectiveRequestLimit, type ResourceName } from './resources.js';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

export interface QosContainer {
  role: ContainerRole;
  effective: Record<ResourceName, EffectiveRequestLimit>;
}

/**
 * Guaranteed: every container (init included) has cpu and memory limits and the summed
 * requests equal the summed limits. BestEffort: no container has any positive cpu/memory
 * request or limit. Otherwise Burstable. With pod-level resources, only they count.
 */
export function computeQos(containers: readonly QosContainer[], pod?: Record<ResourceName, EffectiveRequestLimit>): QosClass {
  const requests = new Map<ResourceName, number>();
  const limits = new Map<ResourceName, number>();
  let limitsCoverAll = true;
  const add = (map: Map<ResourceName, number>, name: ResourceName, value: number | undefined) => {
    if (value !== undefined && value > 0) map.set(name, (map.get(name) ?? 0) + value);
  };
  const podLevelSet = pod !== undefined && QOS_RESOURCES.some((n) => pod[n].request || pod[n].limit);
  const sources = podLevelSet ? [pod] : containers.filter((c) => c.role !== 'ephemeral').map((c) => c.effective);
  for (const effective of sources) {
    for (const name of QOS_RESOURCES) {
      add(requests, name, effective[name].request?.value);
      add(limits, name, effective[name].limit?.value);
    }
    if (!QOS_RESOURCES.every((name) => (effective[name].limit?.value ?? 0) > 0)) limitsCoverAll = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (!limitsCoverAll || requests.size !== limits.size) return 'Burstable';
  for (const [name, value] of requests) if (limits.get(name) !== value) return 'Burstable';
  return 'Guaranteed';
}

type Amount = (c: QosContainer) => number | undefined;

/**
 * The pod's memory as the scheduler (request) and the kubelet's pod cgroup (limit) size it:
 * max(app + sidecars, each init container + the sidecars started before it) + overhead.
 * The limit is unbounded (undefined) unless every container has one, or the pod sets one.
 */
export function podMemory(
  containers: readonly QosContainer[],
  pod: EffectiveRequestLimit,
  overhead: number,
): { request: number; limit?: number } {
  const request = pod.request?.value ?? combine(containers, (c) => c.effective.memory.request?.value ?? 0);
  const limit = pod.limit?.value ?? combine(containers, (c) => c.effective.memory.limit?.value);
  return { request: (request ?? 0) + overhead, ...(limit !== undefined ? { limit: limit + overhead } : {}) };
}

function combine(containers: readonly QosContainer[], amount: Amount): number | undefined {
  let sidecarsSoFar = 0;
  let initPeak = 0;
  let running = 0;
  for (const c of containers) {
    if (c.role === 'ephemeral') continue;
    const value = amount(c);
    if (value === undefined) return undefined;
    if (c.role === 'init') initPeak = Math.max(initPeak, value + sidecarsSoFar);
    else if (c.role === 'sidecar') {
      sidecarsSoFar += value;
      initPeak = Math.max(initPeak, sidecarsSoFar);
    } else running += value;
  }
  return Math.max(running + sidecarsSoFar, initPeak);
}
