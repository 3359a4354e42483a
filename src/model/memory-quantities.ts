/**
 * Every memory quantity written in a workload, with what it sizes and how to name it in a
 * message. Shared by memory-quantity-invalid and memory-quantity-suspicious so that both rules
 * judge exactly the same values (and the second can skip what the first reports).
 */
import { roleName } from './describe.js';
import type { QuantityField } from './resources.js';
import { lintedContainers, type Workload } from './workload.js';

/** What the value sizes: a container's or the pod's request/limit, RuntimeClass overhead, an emptyDir. */
export type QuantityRole = 'limit' | 'request' | 'podLimit' | 'podRequest' | 'overhead' | 'sizeLimit';

export interface MemoryQuantity {
  field: QuantityField;
  role: QuantityRole;
  /** `container "web" memory limit`, `pod-level memory request`, `emptyDir volume "cache" sizeLimit` … */
  subject: string;
  /** Set when the value belongs to a container. */
  container?: string;
  /** For a container limit: the request written beside it, if any. */
  request?: QuantityField;
}


export function memoryQuantities(workload: Workload): MemoryQuantity[] {
  const out: MemoryQuantity[] = [];
  // Ephemeral containers are skipped: the API forbids resources on them.
  for (const c of lintedContainers(workload)) {
    const who = `${roleName(c.role)} "${c.name}"`;
    const { request, limit } = c.resources.memory;
    if (request) out.push({ field: request, role: 'request', subject: `${who} memory request`, container: c.name });
    if (limit) out.push({ field: limit, role: 'limit', subject: `${who} memory limit`, container: c.name, ...(request ? { request } : {}) });
  }
  // Pod-level resources (spec.resources, beta and on by default in 1.34).
  const pod = workload.podResources.memory;
  if (pod.request) out.push({ field: pod.request, role: 'podRequest', subject: 'pod-level memory request' });
  if (pod.limit) out.push({ field: pod.limit, role: 'podLimit', subject: 'pod-level memory limit' });
  if (workload.overhead) out.push({ field: workload.overhead, role: 'overhead', subject: 'pod overhead memory' });
  // sizeLimit is bytes of RAM for medium: Memory (tmpfs) and bytes of node disk otherwise.
  for (const volume of workload.emptyDirs) {
    if (!volume.sizeLimit) continue;
    const medium = volume.medium === 'Memory' ? ' (medium: Memory)' : '';
    out.push({ field: volume.sizeLimit, role: 'sizeLimit', subject: `emptyDir volume "${volume.name}"${medium} sizeLimit` });
  }
  return out;
}
