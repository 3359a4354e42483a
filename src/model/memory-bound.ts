/** The memory bound a container's process lives under, for rules that compare runtime settings with it. */
import { formatBytes } from './quantity.js';
import { isMistypedMemory, valueOf } from './resources.js';
import type { Container, Workload } from './workload.js';

export interface MemoryBound {
  value: number;
  /** `container`, `pod` (pod-level spec.resources), or the `LimitRange ns/name` whose default applies. */
  from: string;
}

/**
 * The container's effective limit (a LimitRange default included), else the pod-level limit. A
 * mistyped limit (`512m`) is the quantity rules' finding and gives no bound (comparing with it
 * would mislead); 0 means "no limit" to the kubelet.
 */
export function memoryBoundOf(workload: Workload, c: Container): MemoryBound | undefined {
  const own = c.effective.memory.limit;
  if (own && isMistypedMemory(c.resources.memory.limit)) return undefined;
  const pod = workload.podResources.memory.limit;
  const bound = own
    ? { value: own.value, from: own.origin.kind === 'limitrange' ? own.origin.limitRange : 'container' }
    : pod && !isMistypedMemory(pod)
      ? { value: valueOf(pod) ?? 0, from: 'pod' }
      : undefined;
  return bound && bound.value > 0 && Number.isFinite(bound.value) ? bound : undefined;
}

/** `its 512Mi memory limit`, `the pod-level 1Gi memory limit`, `its 512Mi memory limit (the default of LimitRange ns/x)`. */
export function describeBound(limit: number, from: string): string {
  if (from === 'container') return `its ${formatBytes(limit)} memory limit`;
  if (from === 'pod') return `the pod-level ${formatBytes(limit)} memory limit`;
  return `its ${formatBytes(limit)} memory limit (the default of ${from})`;
}
