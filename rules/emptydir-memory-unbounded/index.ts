import { floorMiB, roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { valueOf } from '../../src/model/resources.js';
import { lintedContainers, type Workload } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';

/**
 * The most memory any one container of the pod can hold before it is OOM-killed: its own
 * effective limit, capped by the pod-level limit; undefined when some container is unbounded.
 */
function largestWriterLimit(workload: Workload): { value: number; holder: string } | undefined {
  const podLimit = valueOf(workload.podResources.memory.limit);
  let largest: { value: number; holder: string } | undefined;
  for (const c of lintedContainers(workload)) {
    const own = c.effective.memory.limit?.value;
    const value = own === undefined ? podLimit : podLimit === undefined ? own : Math.min(own, podLimit);
    if (value === undefined) return undefined;
    const holder = own === undefined || (podLimit !== undefined && podLimit < own) ? 'the pod-level limit' : `${roleName(c.role)} "${c.name}"`;
    if (!largest || value > largest.value) largest = { value, holder };
  }
  return largest;
}

// A suggestion a person would write: half the limit, in whole MiB when it is that large.
const half = (limit: number) => (limit / 2 >= 2 ** 20 ? floorMiB(limit / 2) : Math.floor(limit / 2));

export default defineRule({
  id: 'emptydir-memory-unbounded',
  meta: { severity: 'warning', summary: 'A memory-backed emptyDir (tmpfs) has no useful sizeLimit' },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages: {
    noSizeLimit: (object: string, volume: string, podLimit: number | undefined, largest: number | undefined) =>
      `${object}: emptyDir "${volume}" is tmpfs (medium: Memory) with no sizeLimit; its files live in RAM, are charged ` +
      `to the memory limit of the container that writes them, and can grow to ` +
      (podLimit !== undefined
        ? `the pod's memory limit (${formatBytes(podLimit)}), so the writer is OOM-killed instead of seeing "no space left on device"; `
        : `the node's allocatable memory, since the pod has no memory limit; `) +
      (largest !== undefined
        ? `set emptyDir.sizeLimit to what the files need, below ${formatBytes(largest)} (the largest container memory limit)`
        : 'set emptyDir.sizeLimit to what the files need, and memory limits above it on the containers that write to it'),
    zeroSizeLimit: (object: string, volume: string) =>
      `${object}: emptyDir "${volume}" is tmpfs (medium: Memory) with sizeLimit 0, which the kubelet ignores, so the ` +
      `volume is as unbounded as with no sizeLimit; set sizeLimit to what the files need`,
    sizeLimitAboveLimit: (object: string, volume: string, sizeLimit: number, limit: number, holder: string) =>
      `${object}: emptyDir "${volume}" (medium: Memory) has sizeLimit ${formatBytes(sizeLimit)}, but the largest memory ` +
      `limit a writer can have is ${formatBytes(limit)} (${holder}), and tmpfs pages count against it, so the writer is ` +
      `OOM-killed before the volume is full; set sizeLimit below ${formatBytes(limit)} (e.g. ${formatBytes(half(limit))}) ` +
      `or raise that limit above ${formatBytes(sizeLimit)} plus the writer's own memory`,
  },
  check(workload, { problem }) {
    const volumes = workload.emptyDirs.filter((v) => v.medium === 'Memory');
    if (volumes.length === 0) return [];
    const largest = largestWriterLimit(workload);
    return volumes.flatMap((v) => {
      if (!v.sizeLimit) {
        return [problem('noSizeLimit', [workload.ref, v.name, workload.podMemory.limit, largest?.value], v.emptyDirSource)];
      }
      // An invalid quantity is memory-quantity-invalid's finding; a negative one is rejected by the API.
      const size = valueOf(v.sizeLimit);
      if (size === undefined || size < 0) return [];
      // The kubelet only applies a sizeLimit greater than zero (calculateEmptyDirMemorySize).
      if (size === 0) return [problem('zeroSizeLimit', [workload.ref, v.name], v.sizeLimit.source)];
      // A writer's own memory is never zero, so a tmpfs as big as its limit can never fill.
      if (largest && size >= largest.value) {
        return [problem('sizeLimitAboveLimit', [workload.ref, v.name, size, largest.value, largest.holder], v.sizeLimit.source)];
      }
      return [];
    });
  },
});
