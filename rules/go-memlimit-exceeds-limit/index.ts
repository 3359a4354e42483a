import { floorMiB, roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { describeBound, memoryBoundOf } from '../../src/model/memory-bound.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';

const MiB = 2 ** 20;

/**
 * GOMEMLIMIT covers only what the Go runtime manages (heap, goroutine stacks, runtime metadata;
 * runtime/debug.SetMemoryLimit). cgo/C allocations, the binary's mappings and kernel memory
 * charged to the cgroup come on top, and the limit is soft: the Go GC guide suggests leaving
 * 5-10 % headroom below the container limit. 90 % is the common setting.
 */
const DEFAULT_MAX_PERCENT = 90;


const originText = (origin: string) => (origin === 'env' ? 'in env' : `from ${origin}`);
const percent = (bytes: number, limit: number) => Math.round((bytes / limit) * 1000) / 10;
const whyNot =
  'GOMEMLIMIT is a soft limit on Go-managed memory only, so cgo allocations, the binary\'s mappings and kernel memory ' +
  'come on top: the container can reach its limit while the Go runtime still sees room, and the kernel OOM-kills it ' +
  '(exit 137) instead of the GC working harder';

type Args = [object: string, container: string, role: string, text: string, origin: string, bytes: number, limit: number, limitFrom: string, maxPercent: number, fixMiB: number];

export default defineRule({
  id: 'go-memlimit-exceeds-limit',
  meta: { severity: 'warning', summary: 'GOMEMLIMIT leaves no room below the memory limit for memory the Go runtime does not manage' },
  options: {
    schema: { type: 'object', additionalProperties: false, properties: { maxPercentOfLimit: { type: 'integer', minimum: 10, maximum: 100 } } },
    defaults: { maxPercentOfLimit: DEFAULT_MAX_PERCENT },
  },
  messages: {
    tooHigh: (...[object, container, role, text, origin, bytes, limit, limitFrom, maxPercent, fixMiB]: Args) =>
      `${object}: ${role} "${container}" sets GOMEMLIMIT="${text}" ${originText(origin)}, ${percent(bytes, limit)} % of ` +
      `${describeBound(limit, limitFrom)}: ${whyNot}; set GOMEMLIMIT=${fixMiB}MiB (${maxPercent} % of the limit)`,
    fullLimit: (...[object, container, role, , origin, bytes, limit, limitFrom, maxPercent, fixMiB]: Args) =>
      `${object}: ${role} "${container}" takes GOMEMLIMIT from ${origin}, so it is ${formatBytes(bytes)}, ${percent(bytes, limit)} % of ` +
      `${describeBound(limit, limitFrom)}: ${whyNot}; set a literal GOMEMLIMIT=${fixMiB}MiB (${maxPercent} % of the limit), or pass ` +
      `limits.memory in another variable and export ${maxPercent} % of it as GOMEMLIMIT in the entrypoint script`,
    unbounded: (object: string, container: string, role: string, origin: string) =>
      `${object}: ${role} "${container}" takes GOMEMLIMIT from ${origin} but has no memory limit, so the kubelet passes the ` +
      `node's allocatable memory and the soft limit never makes the GC work harder; set resources.limits.memory and GOMEMLIMIT ` +
      `to about 90 % of it (GOMEMLIMIT=460MiB for a 512Mi limit)`,
  },
  check(workload, { options, problem }) {
    const max = options.maxPercentOfLimit;
    return lintedContainers(workload).flatMap((c) => {
      const go = c.runtime.go;
      if (!go || !go.memLimit.ok) return []; // malformed: go-memlimit-invalid
      const role = roleName(c.role);
      const bound = memoryBoundOf(workload, c);
      const at = { container: c.name };
      const fromLimits = go.origin.startsWith('limits.memory (downward API');
      let bytes = go.memLimit.bytes;
      let text = go.memLimit.text;
      if (go.unbounded) {
        // kubelet defaultPodLimitsForDownwardAPI: a container without a limit gets the pod-level
        // limit (PodLevelResources), else the node's allocatable memory.
        if (bound?.from !== 'pod') return [problem('unbounded', [workload.ref, c.name, role, go.origin], go.source, at)];
        bytes = bound.value;
        text = String(Math.ceil(bound.value));
      }
      // GOMEMLIMIT=off (or empty), or no limit to compare with: nothing to judge here.
      if (!bound || !Number.isFinite(bytes) || bytes <= (bound.value * max) / 100) return [];
      const args: Args = [workload.ref, c.name, role, text, go.origin, bytes, bound.value, bound.from, max, Math.max(1, floorMiB((bound.value * max) / 100) / MiB)];
      return [problem(fromLimits ? 'fullLimit' : 'tooHigh', args, go.source, at)];
    });
  },
});
