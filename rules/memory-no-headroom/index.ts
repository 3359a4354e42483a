import { ceilMiB, floorMiB, roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';

// Rule of thumb: limit = 1.5–2× the observed peak working set, request = the typical one.
const DEFAULT_MIN_RATIO = 1.5;

export default defineRule({
  id: 'memory-no-headroom',
  meta: { severity: 'warning', summary: 'Memory limit equals (or barely exceeds) the request: no room for spikes before the OOM kill' },
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { minRatio: { type: 'number', minimum: 1 }, ignoreGuaranteed: { type: 'boolean' } },
    },
    defaults: { minRatio: DEFAULT_MIN_RATIO, ignoreGuaranteed: false },
  },
  messages: {
    noHeadroom: (object: string, container: string, role: string, bytes: number, factor: number, limit: number, request: number) =>
      `${object}: ${role} "${container}" has memory request = limit = ${formatBytes(bytes)}, so there is no headroom between what the ` +
      `scheduler reserves and where the kernel OOM-kills it; raise resources.limits.memory to ${formatBytes(limit)} (${factor}× the request) ` +
      `or lower the request to ${formatBytes(request)}`,
    limitOnly: (object: string, container: string, role: string, bytes: number, factor: number, limit: number, request: number) =>
      `${object}: ${role} "${container}" sets a ${formatBytes(bytes)} memory limit and no request (limit only: Kubernetes sets the request ` +
      `to the limit), so there is no headroom between what the scheduler reserves and where the kernel OOM-kills it; add ` +
      `resources.requests.memory of about ${formatBytes(request)} (the limit ÷ ${factor}) or raise the limit to ${formatBytes(limit)}`,
    lowHeadroom: (object: string, container: string, role: string, request: number, limit: number, minRatio: number, newLimit: number, newRequest: number) =>
      `${object}: ${role} "${container}" has a ${formatBytes(limit)} memory limit only ${formatBytes(limit - request)} ` +
      `(${Math.floor(((limit - request) / request) * 100)} %) above its ${formatBytes(request)} request, less than ${minRatio}×; ` +
      `raise resources.limits.memory to ${formatBytes(newLimit)} or lower the request to ${formatBytes(newRequest)}`,
    fromLimitRange: (object: string, container: string, role: string, request: number, limit: number, what: string, limitRange: string, factor: number, newLimit: number) =>
      `${object}: ${role} "${container}" runs with a ${formatBytes(request)} memory request and a ${formatBytes(limit)} limit ` +
      `(the ${what} from ${limitRange}), leaving ${limit === request ? 'no' : `only ${formatBytes(limit - request)} of`} headroom before ` +
      `the OOM kill; set requests.memory: ${formatBytes(request)} and limits.memory: ${formatBytes(newLimit)} (${factor}×) in the manifest`,
  },
  check(workload, { options, problem }) {
    // Guaranteed QoS (request == limit for cpu and memory in every container) is often deliberate:
    // the static CPU manager pins cores only for Guaranteed pods, and they get oom_score_adj -997.
    if (options.ignoreGuaranteed && workload.qos === 'Guaranteed') return [];
    // With minRatio 1 only equality is reported, and the fix falls back to the rule of thumb.
    const factor = options.minRatio > 1 ? options.minRatio : DEFAULT_MIN_RATIO;
    return lintedContainers(workload).flatMap((c) => {
      const { request, limit } = c.effective.memory;
      // Missing values are other rules' findings; a 0 limit means no cgroup limit to the kubelet.
      if (!request || !limit || !(request.value > 0) || !(limit.value > 0) || !Number.isFinite(limit.value)) return [];
      const ratio = limit.value / request.value;
      // ratio < 1 is memory-limit-below-request's finding (the API rejects it).
      if (ratio < 1 || (ratio > 1 && ratio >= options.minRatio)) return [];
      const role = roleName(c.role);
      if (limit.origin.kind === 'limitrange') {
        const what = request.origin.kind === 'limitrange' ? 'request and limit' : 'limit';
        const source = c.resources.limitsSource ?? c.resources.source ?? c.source;
        const args: [string, string, string, number, number, string, string, number, number] =
          [workload.ref, c.name, role, request.value, limit.value, what, limit.origin.limitRange, factor, ceilMiB(request.value * factor)];
        return [problem('fromLimitRange', args, source, { container: c.name, severity: 'info' })];
      }
      const source = c.resources.memory.limit?.source ?? c.resources.limitsSource ?? c.source;
      if (ratio > 1) {
        const { minRatio } = options;
        const args: [string, string, string, number, number, number, number, number] =
          [workload.ref, c.name, role, request.value, limit.value, minRatio, ceilMiB(request.value * minRatio), floorMiB(limit.value / minRatio)];
        return [problem('lowHeadroom', args, source, { container: c.name, severity: 'info' })];
      }
      // API defaulting (SetDefaults_Pod) copies a limit without a request into the request.
      const id = request.origin.kind === 'defaulted-from-limit' ? 'limitOnly' : 'noHeadroom';
      return [problem(id, [workload.ref, c.name, role, limit.value, factor, ceilMiB(limit.value * factor), floorMiB(limit.value / factor)], source, { container: c.name })];
    });
  },
});

