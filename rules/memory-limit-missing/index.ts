import { ceilMiB, roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';

export default defineRule({
  id: 'memory-limit-missing',
  meta: { severity: 'error', summary: 'A container has no memory limit, so it can take the whole node' },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages: {
    missing: (object: string, container: string, role: string, request: number | undefined) =>
      `${object}: ${role} "${container}" has no memory limit, so it can grow until the node runs short and ` +
      `the kubelet evicts pods or the kernel OOM-kills processes across the node; set resources.limits.memory ` +
      `to 1.5–2× its peak usage` +
      (request !== undefined && request > 0 ? ` (at least ${formatBytes(ceilMiB(request * 1.5))} for its ${formatBytes(request)} request)` : ''),
    fromLimitRange: (object: string, container: string, role: string, limitRange: string, limit: number) =>
      `${object}: ${role} "${container}" sets no memory limit and relies on ${limitRange} (default ${formatBytes(limit)}); ` +
      `set resources.limits.memory in the manifest so the limit does not change with the namespace`,
  },
  check(workload, { problem }) {
    // A pod-level memory limit (spec.resources, 1.34) bounds every container in the pod cgroup.
    if (workload.podResources.memory.limit) return [];
    return lintedContainers(workload).flatMap((c) => {
      // A written but invalid limit is memory-quantity-invalid's finding, not a missing limit.
      if (c.resources.memory.limit) return [];
      const limit = c.effective.memory.limit;
      const role = roleName(c.role);
      const source = c.resources.limitsSource ?? c.resources.source ?? c.source;
      if (limit?.origin.kind === 'limitrange') {
        return [problem('fromLimitRange', [workload.ref, c.name, role, limit.origin.limitRange, limit.value], source, { container: c.name, severity: 'info' })];
      }
      return [problem('missing', [workload.ref, c.name, role, c.effective.memory.request?.value], source, { container: c.name })];
    });
  },
});
