import { roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { isMistypedMemory, valueOf, type QuantityField } from '../../src/model/resources.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';

// The API server's words (resource validation in pkg/apis/core/validation): "must be less than or equal to memory limit of 512Mi".
const API_ERROR = 'must be less than or equal to memory limit';

export default defineRule({
  id: 'memory-limit-below-request',
  meta: { severity: 'error', summary: 'Memory limit below the request: the API server rejects the pod' },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages: {
    limitBelowRequest: (object: string, container: string, role: string, limit: number, request: number) =>
      `${object}: ${role} "${container}" has a ${formatBytes(limit)} memory limit below its ${formatBytes(request)} request, so the API ` +
      `server rejects the manifest ("${API_ERROR}"); raise resources.limits.memory to at least ${formatBytes(request)} or lower the request to at most ${formatBytes(limit)}`,
    limitRangeBelowRequest: (object: string, container: string, role: string, request: number, limitRange: string, limit: number) =>
      `${object}: ${role} "${container}" requests ${formatBytes(request)} of memory with no limit, so admission gives it the ${formatBytes(limit)} ` +
      `default limit of ${limitRange}, below the request, and every pod is rejected ("${API_ERROR}"; a controller reports it as FailedCreate events); ` +
      `set resources.limits.memory to at least ${formatBytes(request)} in the manifest`,
    podLimitBelowRequest: (object: string, limit: number, request: number) =>
      `${object}: the pod-level memory limit (spec.resources.limits.memory) of ${formatBytes(limit)} is below the pod-level ${formatBytes(request)} ` +
      `request, so the API server rejects the pod; raise the limit to at least ${formatBytes(request)} or lower the request to at most ${formatBytes(limit)}`,
  },
  check(workload, { problem }) {
    // Pod-level resources (KEP-2837) go through the same request <= limit validation.
    const pod = written(workload.podResources.memory.request, workload.podResources.memory.limit);
    const podProblems = pod && pod.limit.value < pod.request ? [problem('podLimitBelowRequest', [workload.ref, pod.limit.value, pod.request], pod.limit.source)] : [];
    return podProblems.concat(
      lintedContainers(workload).flatMap((c) => {
        const role = roleName(c.role);
        const both = written(c.resources.memory.request, c.resources.memory.limit);
        if (both && both.limit.value < both.request) {
          return [problem('limitBelowRequest', [workload.ref, c.name, role, both.limit.value, both.request], both.limit.source, { container: c.name })];
        }
        // LimitRanger (a mutating admission plugin, pods only) fills the missing limit before the
        // pod is validated, so the pod fails; for a Deployment the apply succeeds and the
        // ReplicaSet's pod creations fail instead ("Limit Ranges", kubernetes.io).
        const request = valueOf(c.resources.memory.request);
        const limit = c.effective.memory.limit;
        if (c.resources.memory.request && request !== undefined && request >= 0 && limit?.origin.kind === 'limitrange' && limit.value < request) {
          const args: [string, string, string, number, string, number] = [workload.ref, c.name, role, request, limit.origin.limitRange, limit.value];
          return [problem('limitRangeBelowRequest', args, c.resources.memory.request.source, { container: c.name })];
        }
        return [];
      }),
    );
  },
});

/**
 * Both values written, valid and whole. A negative value or a fractional one (`512m` = 0.512
 * bytes) is a typo the quantity rules name with the intended value; comparing it here would
 * only suggest "lower the request to 0.512 bytes".
 */
function written(request: QuantityField | undefined, limit: QuantityField | undefined) {
  const r = valueOf(request);
  const l = valueOf(limit);
  if (r === undefined || l === undefined || !limit || isMistypedMemory(request) || isMistypedMemory(limit)) return undefined;
  return { request: r, limit: { value: l, source: limit.source } };
}
