import { formatBytes, parseQuantity } from '../../src/model/quantity.js';
import { describeTrigger, injectedSidecars, manifestSidecars } from '../../src/model/sidecar.js';
import { defineRule } from '../../src/rule.js';

// Istio's upstream global.proxy.resources (manifests/charts/istio-control/istio-discovery/values.yaml).
const ISTIO_DEFAULT_LIMIT = '1Gi';
const ISTIO_DEFAULT_REQUEST = '128Mi';
// Linkerd's values-ha.yaml proxy.resources; the plain values.yaml leaves memory.limit "".
const LINKERD_HA_LIMIT = '250Mi';
const LINKERD_HA_REQUEST = '20Mi';

const sizeFix = (request: number | undefined, of = 'its') =>
  request !== undefined && request > 0
    ? `at least ${formatBytes(Math.ceil(request * 1.5))} (1.5× ${of} ${formatBytes(request)} request)`
    : '1.5–2× its observed peak';

export default defineRule({
  id: 'sidecar-memory-limit-missing',
  meta: {
    severity: 'error',
    summary: 'A sidecar (native, well-known image, or mesh-injected proxy) has no memory limit',
    // The same container would otherwise be reported twice, once as a plain container.
    supersedes: ['memory-limit-missing'],
  },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages: {
    missing: (object: string, container: string, kind: string, request: number | undefined) =>
      `${object}: sidecar "${container}" (${kind}) has no memory limit, so a leak in it is bounded only by the node and the ` +
      `eviction or OOM kill that follows can take down the app it serves; set resources.limits.memory to ${sizeFix(request)}`,
    istioMeshDefault: (object: string, trigger: string) =>
      `${object}: istio-proxy is injected (${trigger}) with the mesh-wide default memory limit (${ISTIO_DEFAULT_LIMIT} upstream, ` +
      `or whatever your mesh config sets), which this manifest cannot show; pin it on the pod template with ` +
      `sidecar.istio.io/proxyMemoryLimit (e.g. "${ISTIO_DEFAULT_LIMIT}", or 1.5–2× the proxy's observed peak) and ` +
      `sidecar.istio.io/proxyMemory for the request (upstream "${ISTIO_DEFAULT_REQUEST}")`,
    istioNoLimit: (object: string, trigger: string, annotations: string, request: number | undefined) =>
      `${object}: istio-proxy is injected (${trigger}) and ${annotations} replaces the mesh-wide default resources, so the ` +
      `proxy gets no memory limit at all; add sidecar.istio.io/proxyMemoryLimit to the pod template, ` +
      (request !== undefined && request > 0 ? sizeFix(request, 'the proxyMemory') : `e.g. "${ISTIO_DEFAULT_LIMIT}" (the upstream default)`),
    linkerdNoLimit: (object: string, trigger: string) =>
      `${object}: linkerd-proxy is injected (${trigger}) and a default Linkerd install gives the proxy no memory limit ` +
      `(only the HA values set ${LINKERD_HA_LIMIT}); add config.linkerd.io/proxy-memory-limit: "${LINKERD_HA_LIMIT}" and ` +
      `config.linkerd.io/proxy-memory-request: "${LINKERD_HA_REQUEST}" to the pod template or its Namespace`,
  },
  check(workload, { all, problem }) {
    // A pod-level memory limit (spec.resources, 1.34) bounds every container, injected ones too.
    if (workload.podResources.memory.limit) return [];
    const injected = injectedSidecars(workload, all.namespaces);
    const injectedNames = new Set<string>(injected.map((s) => s.container));
    const problems = [];
    for (const { container: c, native, image } of manifestSidecars(workload)) {
      // A written limit (even an invalid one, memory-quantity-invalid's finding) or a LimitRange
      // default (memory-limit-missing's info finding) is not a missing limit.
      if (injectedNames.has(c.name) || c.resources.memory.limit || c.effective.memory.limit) continue;
      const kind = image ? (native ? `${image.name}, native sidecar` : image.name) : 'native sidecar';
      const source = c.resources.limitsSource ?? c.resources.source ?? c.source;
      problems.push(problem('missing', [workload.ref, c.name, kind, c.effective.memory.request?.value], source, { container: c.name }));
    }
    for (const s of injected) {
      if (s.memoryLimit !== undefined || s.override?.resources.memory.limit) continue;
      const trigger = describeTrigger(s.trigger);
      // Point at the istio-proxy override container the injector merges its template with, else
      // at the pod's injection label/annotation, else (namespace-wide injection) at the object.
      const podTrigger = s.trigger.where === 'pod' ? (s.trigger.kind === 'label' ? workload.podLabelSources : workload.podAnnotationSources)[s.trigger.key] : undefined;
      const source = s.override?.source ?? podTrigger ?? workload.source;
      const extras = { container: s.container };
      if (s.mesh === 'linkerd') problems.push(problem('linkerdNoLimit', [workload.ref, trigger], source, extras));
      else if (s.resourceAnnotations.length > 0) {
        const request = s.memoryRequest === undefined ? undefined : parseQuantity(s.memoryRequest);
        const args = [workload.ref, trigger, s.resourceAnnotations.join(', '), request?.ok ? request.value : undefined] as const;
        problems.push(problem('istioNoLimit', [...args], source, extras));
      }
      // Istio's default does bound the proxy, at a number the manifest cannot show: a warning at most.
      else problems.push(problem('istioMeshDefault', [workload.ref, trigger], source, { ...extras, severity: 'warning' }));
    }
    return problems;
  },
});
