/**
 * Which containers of a pod are sidecars: native sidecars (KEP-753), app containers running a
 * well-known sidecar image next to the app they serve, and mesh proxies that an admission
 * webhook will inject although the manifest does not show them.
 */
import { imageRepository } from './image-ref.js';
import type { Container, NamespaceInfo, Workload } from './workload.js';

export interface SidecarImage {
  /** What messages call it. */
  name: string;
  /**
   * Repository paths with the registry host, tag and digest stripped (`library/` too, for
   * Docker Hub). A path with a `/` also matches behind a mirror prefix
   * (`mirror.example.com/hub/envoyproxy/envoy`); a one-segment path matches only exactly.
   */
  repositories: readonly string[];
}

export const SIDECAR_IMAGES: readonly SidecarImage[] = [
  // Istio's Envoy-based sidecar (istioctl kube-inject output, or pinned by hand): docker.io/istio/proxyv2, gcr.io/istio-release/proxyv2.
  { name: 'Istio proxy', repositories: ['istio/proxyv2', 'istio-release/proxyv2'] },
  // Plain Envoy as a sidecar proxy (front proxy, gRPC-Web bridge); -distroless/-alpine are its other official builds.
  { name: 'Envoy', repositories: ['envoyproxy/envoy', 'envoyproxy/envoy-distroless', 'envoyproxy/envoy-alpine'] },
  // The Linkerd2 proxy: cr.l5d.io/linkerd/proxy and ghcr.io/linkerd/proxy; gcr.io/linkerd-io/proxy before 2.9.
  { name: 'Linkerd proxy', repositories: ['linkerd/proxy', 'linkerd-io/proxy'] },
  // Fluentd log shipper: the Docker official image, the project's own images, Bitnami's build.
  { name: 'Fluentd', repositories: ['fluentd', 'fluent/fluentd', 'fluent/fluentd-kubernetes-daemonset', 'bitnami/fluentd'] },
  // Fluent Bit log shipper: fluent/fluent-bit (also cr.fluentbit.io), Bitnami, and AWS for Fluent Bit (FireLens/EKS).
  {
    name: 'Fluent Bit',
    repositories: ['fluent/fluent-bit', 'bitnami/fluent-bit', 'amazon/aws-for-fluent-bit', 'aws-observability/aws-for-fluent-bit'],
  },
  // Cloud SQL Auth Proxy, which Google documents as a sidecar: v1 gce-proxy and v2 cloud-sql-proxy.
  { name: 'Cloud SQL Auth Proxy', repositories: ['cloudsql-docker/gce-proxy', 'cloud-sql-connectors/cloud-sql-proxy'] },
  // Vault Agent run by hand next to an app (the injector's own vault-agent has a 128Mi limit by default);
  // a Vault server pod has no other app container, so it is never counted (see manifestSidecars).
  { name: 'Vault Agent', repositories: ['hashicorp/vault', 'vault'] },
  // OpenTelemetry Collector in sidecar mode (the operator's sidecar.opentelemetry.io/inject, or by hand).
  {
    name: 'OpenTelemetry Collector',
    repositories: [
      'otel/opentelemetry-collector',
      'otel/opentelemetry-collector-contrib',
      'otel/opentelemetry-collector-k8s',
      'open-telemetry/opentelemetry-collector-releases/opentelemetry-collector',
      'open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-contrib',
      'open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-k8s',
    ],
  },
  // oauth2-proxy in front of an app in the same pod (quay.io/oauth2-proxy, formerly quay.io/pusher).
  { name: 'OAuth2 Proxy', repositories: ['oauth2-proxy/oauth2-proxy', 'pusher/oauth2_proxy', 'bitnami/oauth2-proxy'] },
  // Datadog Agent: a DaemonSet on nodes (never counted: no other app container), but a sidecar
  // on EKS Fargate, where Datadog documents running it inside the app's pod.
  { name: 'Datadog Agent', repositories: ['datadog/agent', 'datadoghq/agent'] },
  // Jaeger agent, designed to run as a sidecar (the operator's sidecar.jaegertracing.io/inject).
  { name: 'Jaeger agent', repositories: ['jaegertracing/jaeger-agent'] },
  // Filebeat log shipper: docker.elastic.co/beats/filebeat, and the Docker Hub mirror.
  { name: 'Filebeat', repositories: ['beats/filebeat', 'elastic/filebeat'] },
  // Vector log/metrics agent (Datadog's, formerly Timber's).
  { name: 'Vector', repositories: ['timberio/vector'] },
  // Promtail, Loki's log shipper.
  { name: 'Promtail', repositories: ['grafana/promtail'] },
];

export function matchSidecarImage(image: string | undefined): SidecarImage | undefined {
  const path = image === undefined ? undefined : imageRepository(image);
  if (!path) return undefined;
  return SIDECAR_IMAGES.find((entry) =>
    entry.repositories.some((repo) => path === repo || (repo.includes('/') && path.endsWith(`/${repo}`))),
  );
}

export interface ManifestSidecar {
  container: Container;
  /** `restartPolicy: Always` init container (KEP-753). */
  native: boolean;
  image?: SidecarImage;
}

/**
 * Native sidecars, plus app containers whose image is a well-known sidecar *when the pod also
 * runs an app container that is not one*: a pod of fluent-bit alone (a DaemonSet) or Envoy
 * alone (a gateway) is the workload itself, not a sidecar. Plain init containers are never
 * sidecars (linkerd-init runs the proxy image to completion).
 */
export function manifestSidecars(workload: Workload): ManifestSidecar[] {
  const apps = workload.containers.filter((c) => c.role === 'app');
  const hasMainApp = apps.some((c) => !matchSidecarImage(c.image));
  const out: ManifestSidecar[] = [];
  for (const c of workload.containers) {
    const image = matchSidecarImage(c.image);
    if (c.role === 'sidecar') out.push({ container: c, native: true, ...(image ? { image } : {}) });
    else if (c.role === 'app' && image && hasMainApp) out.push({ container: c, native: false, image });
  }
  return out;
}

export interface InjectionTrigger {
  where: 'pod' | 'namespace';
  kind: 'label' | 'annotation';
  key: string;
  value: string;
  /** The Namespace's name, when `where` is namespace. */
  namespace?: string;
}

export interface InjectedSidecar {
  mesh: 'istio' | 'linkerd';
  container: 'istio-proxy' | 'linkerd-proxy';
  trigger: InjectionTrigger;
  /** The proxy memory limit the injector will set from annotations, as written. */
  memoryLimit?: string;
  /** Istio: the per-pod resource annotations present (any of them replaces the mesh default). */
  resourceAnnotations: string[];
  /** Istio: `sidecar.istio.io/proxyMemory`, as written. */
  memoryRequest?: string;
  /** Istio: a container named istio-proxy in the manifest, which the injector merges over its template. */
  override?: Container;
}

export const ISTIO_RESOURCE_ANNOTATIONS = [
  'sidecar.istio.io/proxyCPU',
  'sidecar.istio.io/proxyMemory',
  'sidecar.istio.io/proxyCPULimit',
  'sidecar.istio.io/proxyMemoryLimit',
] as const;

/** Mesh proxies that a webhook will add to this pod at admission. */
export function injectedSidecars(workload: Workload, namespaces: readonly NamespaceInfo[]): InjectedSidecar[] {
  const ns = workload.namespace === undefined ? undefined : namespaces.find((n) => n.name === workload.namespace);
  const istio = istioInjection(workload, ns);
  // Webhooks run in name order (istio-* before linkerd-*), and Linkerd skips a pod that already
  // has an istio-proxy container (HasExistingSidecars), so at most one mesh injects.
  const sidecar = istio ?? linkerdInjection(workload, ns);
  return sidecar ? [sidecar] : [];
}

// Istio's injectRequired: y/yes/true/on (any case) inject; any other non-empty value opts out.
const ISTIO_TRUE = new Set(['y', 'yes', 'true', 'on']);

/**
 * Istio's policy ("Controlling the injection policy"): if the namespace label `istio-injection`
 * or the pod's `sidecar.istio.io/inject` (label, else the older annotation) disables it, no
 * injection; else a pod value of true, the namespace label `enabled`, or an `istio.io/rev`
 * label (revision-based injection) injects. A pod already injected carries
 * `sidecar.istio.io/status` and is not injected again.
 */
function istioInjection(workload: Workload, ns: NamespaceInfo | undefined): InjectedSidecar | undefined {
  const ann = workload.podAnnotations;
  if (ann['sidecar.istio.io/status'] !== undefined) return undefined;
  const key = 'sidecar.istio.io/inject';
  const pod: InjectionTrigger | undefined =
    workload.podLabels[key] !== undefined
      ? { where: 'pod', kind: 'label', key, value: workload.podLabels[key] as string }
      : ann[key] !== undefined
        ? { where: 'pod', kind: 'annotation', key, value: ann[key] as string }
        : undefined;
  if (pod && pod.value !== '' && !ISTIO_TRUE.has(pod.value.toLowerCase())) return undefined;
  const nsInjection = ns?.labels['istio-injection'];
  // The webhooks select namespaces labelled istio-injection=enabled, or without that label.
  if (nsInjection !== undefined && nsInjection !== 'enabled') return undefined;
  const nsRev = ns?.labels['istio.io/rev'];
  const podRev = workload.podLabels['istio.io/rev'];
  // Only the label selects a pod for injection (the webhooks' objectSelector); the older
  // annotation can still opt a pod out, but `"true"` there no longer injects by itself.
  const trigger: InjectionTrigger | undefined =
    pod && pod.value !== '' && pod.kind === 'label'
      ? pod
      : podRev !== undefined && nsInjection === undefined
        ? { where: 'pod', kind: 'label', key: 'istio.io/rev', value: podRev }
        : ns && nsInjection === 'enabled'
          ? { where: 'namespace', kind: 'label', key: 'istio-injection', value: nsInjection, namespace: ns.name }
          : ns && nsRev !== undefined
            ? { where: 'namespace', kind: 'label', key: 'istio.io/rev', value: nsRev, namespace: ns.name }
            : undefined;
  if (!trigger) return undefined;
  const override = workload.containers.find((c) => c.name === 'istio-proxy' && c.role !== 'ephemeral');
  const limit = ann['sidecar.istio.io/proxyMemoryLimit'];
  const request = ann['sidecar.istio.io/proxyMemory'];
  return {
    mesh: 'istio',
    container: 'istio-proxy',
    trigger,
    ...(limit !== undefined ? { memoryLimit: limit } : {}),
    resourceAnnotations: ISTIO_RESOURCE_ANNOTATIONS.filter((a) => ann[a] !== undefined),
    ...(request !== undefined ? { memoryRequest: request } : {}),
    ...(override ? { override } : {}),
  };
}

/**
 * Linkerd injects when the pod template's `linkerd.io/inject` annotation is enabled/ingress, or
 * its Namespace's is and the pod does not say disabled; not when the pod already has a
 * linkerd-proxy container. Config annotations are read from the pod, then the Namespace.
 */
function linkerdInjection(workload: Workload, ns: NamespaceInfo | undefined): InjectedSidecar | undefined {
  const key = 'linkerd.io/inject';
  if (workload.containers.some((c) => c.name === 'linkerd-proxy')) return undefined;
  const podValue = workload.podAnnotations[key];
  const nsValue = ns?.annotations[key];
  const injects = (v: string | undefined) => v === 'enabled' || v === 'ingress';
  const trigger: InjectionTrigger | undefined = injects(podValue)
    ? { where: 'pod', kind: 'annotation', key, value: podValue as string }
    : (podValue === undefined || podValue === '') && ns && injects(nsValue)
      ? { where: 'namespace', kind: 'annotation', key, value: nsValue as string, namespace: ns.name }
      : undefined;
  if (!trigger) return undefined;
  const limitKey = 'config.linkerd.io/proxy-memory-limit';
  const limit = workload.podAnnotations[limitKey] ?? ns?.annotations[limitKey];
  return { mesh: 'linkerd', container: 'linkerd-proxy', trigger, ...(limit !== undefined ? { memoryLimit: limit } : {}), resourceAnnotations: [] };
}

/** `pod label sidecar.istio.io/inject: "true"`, `Namespace shop label istio-injection: enabled`. */
export function describeTrigger(t: InjectionTrigger): string {
  const owner = t.where === 'pod' ? 'pod' : `Namespace ${t.namespace}`;
  return `${owner} ${t.kind} ${t.key}: ${JSON.stringify(t.value)}`;
}
