import { ceilMiB, floorMiB, roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';


export default defineRule({
  id: 'memory-limit-request-ratio',
  meta: { severity: 'warning', summary: 'Memory limit far above the request: nodes are overcommitted and pods get evicted or OOM-killed together' },
  options: {
    schema: { type: 'object', additionalProperties: false, properties: { maxRatio: { type: 'number', minimum: 1 } } },
    // limit = 1.5–2× peak and request = typical use rarely differ by more than 4×; beyond that
    // the request no longer describes the container and the node is sized on fiction.
    defaults: { maxRatio: 4 },
  },
  messages: {
    highRatio: (object: string, container: string, role: string, request: number, limit: number, maxRatio: number, minRequest: number, maxLimit: number) =>
      `${object}: ${role} "${container}" has a ${formatBytes(limit)} memory limit ${ratioText(limit / request, maxRatio)}× its ${formatBytes(request)} request ` +
      `(more than ${maxRatio}×), so nodes are overcommitted: when pods burst together the node runs out, the kubelet evicts pods and the OOM killer ` +
      `strikes; raise resources.requests.memory to at least ${formatBytes(minRequest)} or lower the limit to at most ${formatBytes(maxLimit)}`,
    fromLimitRange: (object: string, container: string, role: string, request: number, limit: number, maxRatio: number, what: string, limitRange: string, minRequest: number, maxLimit: number) =>
      `${object}: ${role} "${container}" runs with a ${formatBytes(limit)} memory limit ${ratioText(limit / request, maxRatio)}× its ${formatBytes(request)} request ` +
      `(the ${what} from ${limitRange}; more than ${maxRatio}×), so nodes are overcommitted and pods that burst together get evicted or OOM-killed; ` +
      (what === 'limit'
        ? `set resources.limits.memory to at most ${formatBytes(maxLimit)} in the manifest, or raise the request to at least ${formatBytes(minRequest)}`
        : `set resources.requests.memory to at least ${formatBytes(minRequest)} in the manifest, or narrow the LimitRange's defaults`),
    zeroRequest: (object: string, container: string, role: string, limit: number, maxRatio: number, minRequest: number) =>
      `${object}: ${role} "${container}" requests 0 bytes of memory under a ${formatBytes(limit)} limit, so the scheduler reserves nothing ` +
      `for memory it may use and nodes are overcommitted; set resources.requests.memory to at least ${formatBytes(minRequest)} (the limit ÷ ${maxRatio})`,
  },
  check(workload, { options, problem }) {
    const { maxRatio } = options;
    return lintedContainers(workload).flatMap((c) => {
      const { request, limit } = c.effective.memory;
      // No limit is memory-limit-missing's finding; a 0 limit sets no cgroup limit in the kubelet.
      if (!request || !limit || !(limit.value > 0) || !Number.isFinite(limit.value) || request.value < 0) return [];
      if (limit.value <= request.value * maxRatio) return [];
      const role = roleName(c.role);
      const minRequest = ceilMiB(limit.value / maxRatio);
      const limitSource = c.resources.memory.limit?.source ?? c.resources.limitsSource ?? c.resources.source ?? c.source;
      if (request.value === 0) {
        return [problem('zeroRequest', [workload.ref, c.name, role, limit.value, maxRatio, minRequest], c.resources.memory.request?.source ?? limitSource, { container: c.name })];
      }
      const maxLimit = floorMiB(request.value * maxRatio);
      if (limit.origin.kind === 'limitrange') {
        // Both values from the namespace's LimitRange: a policy choice, so only a hint.
        const both = request.origin.kind === 'limitrange';
        const args: [string, string, string, number, number, number, string, string, number, number] =
          [workload.ref, c.name, role, request.value, limit.value, maxRatio, both ? 'request and limit' : 'limit', limit.origin.limitRange, minRequest, maxLimit];
        return [problem('fromLimitRange', args, limitSource, { container: c.name, ...(both ? { severity: 'info' as const } : {}) })];
      }
      return [problem('highRatio', [workload.ref, c.name, role, request.value, limit.value, maxRatio, minRequest, maxLimit], limitSource, { container: c.name })];
    });
  },
});

/** One decimal, or more when one decimal would print the threshold itself (4.04 → "4.04", not "4.0"). */
function ratioText(ratio: number, threshold: number): string {
  let digits = 1;
  while (digits < 4 && Number(ratio.toFixed(digits)) <= threshold) digits++;
  return ratio.toFixed(digits);
}

