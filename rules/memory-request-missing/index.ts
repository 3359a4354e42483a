import { roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';

export default defineRule({
  id: 'memory-request-missing',
  meta: { severity: 'warning', summary: 'A container has no memory request, so the scheduler reserves no memory for it' },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages: {
    missing: (object: string, container: string, role: string) =>
      `${object}: ${role} "${container}" has no memory request (and no limit to copy one from), so the scheduler places the pod ` +
      `as if it needed no memory and nodes get overcommitted; set resources.requests.memory to its typical observed working set ` +
      `(e.g. the p90 of container_memory_working_set_bytes over a week)`,
    fromLimitRange: (object: string, container: string, role: string, limitRange: string, request: number) =>
      `${object}: ${role} "${container}" sets no memory request and relies on ${limitRange}, which fills in ${formatBytes(request)}; ` +
      `set resources.requests.memory in the manifest to its typical observed working set so scheduling does not depend on the namespace`,
  },
  check(workload, { problem }) {
    // KEP-2837 (beta, on by default in 1.34): a pod-level request, or a pod-level limit that the
    // API copies into it, is what the scheduler reserves for the whole pod.
    const pod = workload.podResources.memory;
    if (pod.request || pod.limit) return [];
    return lintedContainers(workload).flatMap((c) => {
      const written = c.resources.memory;
      // A limit alone is fine: API defaulting copies it into the request. A written but invalid
      // value is memory-quantity-invalid's finding, not a missing one.
      if (written.request || written.limit) return [];
      // A run-to-completion init container runs alone, inside the reservation the pod already
      // gets: the scheduler reserves max(app + sidecars, each init + earlier sidecars). When the
      // rest of the pod requests memory, its missing request changes nothing.
      if (c.role === 'init' && workload.podMemory.request > 0) return [];
      const source = c.resources.requestsSource ?? c.resources.source ?? c.source;
      const request = c.effective.memory.request;
      if (request?.origin.kind === 'limitrange') {
        return [problem('fromLimitRange', [workload.ref, c.name, roleName(c.role), request.origin.limitRange, request.value], source, { container: c.name, severity: 'info' })];
      }
      return [problem('missing', [workload.ref, c.name, roleName(c.role)], source, { container: c.name })];
    });
  },
});
