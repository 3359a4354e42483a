import { isRejected, type ResourcesBlock } from '../../src/model/resources.js';
import { injectedSidecars } from '../../src/model/sidecar.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';

export default defineRule({
  id: 'pod-qos-best-effort',
  meta: {
    severity: 'error',
    summary: 'No container requests or limits any cpu or memory: the pod is BestEffort, evicted early and OOM-killed first',
    // One finding that names every container replaces a missing-limit, missing-request and
    // sidecar-without-limit finding per container: same cause, same fix. Injected proxies are not
    // written containers, so their findings stay (the fix for them is an annotation).
    supersedes: ['memory-limit-missing', 'memory-request-missing', 'sidecar-memory-limit-missing'],
  },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages: {
    bestEffort: (object: string, containers: readonly string[]) =>
      `${object} is in the BestEffort QoS class (no container requests or limits any cpu or memory), so under node memory ` +
      `pressure the kubelet evicts it before pods that stay within their requests and the kernel OOM killer picks it first ` +
      `(oom_score_adj 1000); set resources.requests.memory (its typical working set) and resources.limits.memory (1.5–2× its peak) ` +
      `on ${containers.length === 1 ? 'its container' : 'every container'} (${containers.map((c) => `"${c}"`).join(', ')})`,
  },
  check(workload, { all, problem }) {
    // ComputePodQOS: BestEffort when no container (init included, ephemeral excluded) has a
    // positive cpu or memory request or limit, after API defaulting and LimitRange admission
    // defaults; the model has already applied both, so a LimitRange that fills anything in
    // makes the pod Burstable or Guaranteed and this rule silent.
    const containers = lintedContainers(workload);
    if (workload.qos !== 'BestEffort' || containers.length === 0) return [];
    // An invalid or negative quantity means the author did set resources and the API server
    // rejects the pod: the quantity rules report that, and the pod never runs as BestEffort.
    if ([workload.podResources, ...containers.map((c) => c.resources)].some(hasRejectedValue)) return [];
    // A mesh proxy injected at admission brings resources of its own, so the pod that runs is
    // Burstable: Istio's default proxy requests 100m CPU and 128Mi; Linkerd's only when the
    // proxy resource annotations set them (its defaults are empty).
    if (injectedSidecars(workload, all.namespaces).some((s) => s.mesh === 'istio' || s.memoryLimit !== undefined)) return [];
    return [problem('bestEffort', [workload.ref, containers.map((c) => c.name)], workload.podSpecSource)];
  },
});

function hasRejectedValue(block: ResourcesBlock): boolean {
  return [block.memory.request, block.memory.limit, block.cpu.request, block.cpu.limit].some(isRejected);
}
