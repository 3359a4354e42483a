import { describe, expect, it } from 'vitest';
import { modelOf, yaml } from '../../test/rule-tester.js';
import { imageRepository } from './image-ref.js';
import { describeTrigger, injectedSidecars, manifestSidecars, matchSidecarImage, SIDECAR_IMAGES } from './sidecar.js';

describe('imageRepository', () => {
  it.each([
    ['envoyproxy/envoy:v1.31.0', 'envoyproxy/envoy'],
    ['docker.io/envoyproxy/envoy', 'envoyproxy/envoy'],
    ['docker.io/library/fluentd:v1.17', 'fluentd'],
    ['library/vault', 'vault'],
    ['cr.l5d.io/linkerd/proxy:edge-24.1.1', 'linkerd/proxy'],
    ['gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.0@sha256:abc', 'cloud-sql-connectors/cloud-sql-proxy'],
    ['localhost:5000/istio/proxyv2:1.22.0', 'istio/proxyv2'],
    ['localhost/promtail', 'promtail'],
    ['registry.example.com:5000/Mirror/Fluent/Fluent-Bit:3.0', 'mirror/fluent/fluent-bit'],
    ['nginx@sha256:0123', 'nginx'],
  ])('%s → %s', (image, path) => {
    expect(imageRepository(image)).toBe(path);
  });

  it.each(['', ':latest', 'a//b', 'quay.io/'])('%j has no repository', (image) => {
    expect(imageRepository(image)).toBeUndefined();
  });
});

describe('matchSidecarImage', () => {
  it.each([
    ['docker.io/istio/proxyv2:1.22.0', 'Istio proxy'],
    ['gcr.io/istio-release/proxyv2:1.19.3', 'Istio proxy'],
    ['envoyproxy/envoy-distroless:v1.31-latest', 'Envoy'],
    ['ghcr.io/linkerd/proxy:stable-2.14.10', 'Linkerd proxy'],
    ['fluentd', 'Fluentd'],
    ['cr.fluentbit.io/fluent/fluent-bit:3.1', 'Fluent Bit'],
    ['public.ecr.aws/aws-observability/aws-for-fluent-bit:stable', 'Fluent Bit'],
    ['gcr.io/cloudsql-docker/gce-proxy:1.33.2', 'Cloud SQL Auth Proxy'],
    ['hashicorp/vault:1.17', 'Vault Agent'],
    ['otel/opentelemetry-collector-contrib:0.104.0', 'OpenTelemetry Collector'],
    ['ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-k8s:0.104.0', 'OpenTelemetry Collector'],
    ['quay.io/oauth2-proxy/oauth2-proxy:v7.6.0', 'OAuth2 Proxy'],
    ['gcr.io/datadoghq/agent:7', 'Datadog Agent'],
    ['jaegertracing/jaeger-agent:1.62.0', 'Jaeger agent'],
    ['docker.elastic.co/beats/filebeat:8.14.0', 'Filebeat'],
    ['timberio/vector:0.39.0-debian', 'Vector'],
    ['grafana/promtail:3.0.0', 'Promtail'],
    // A mirror keeps the upstream path behind its own prefix.
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/envoyproxy/envoy:v1.31.0', 'Envoy'],
  ])('%s is %s', (image, name) => {
    expect(matchSidecarImage(image)?.name).toBe(name);
  });

  it.each([
    'myorg/envoy-config-loader:1.0', // contains "envoy", is not Envoy
    'myorg/fluentd', // a one-segment name matches only the official image, not behind a prefix
    'myorg/vault-backup',
    'otel/opentelemetry-collector-builder', // ocb, a build tool
    'istio/pilot:1.22.0',
    'linkerd/controller',
    'nginx:1.27',
    undefined,
  ])('%s is not a sidecar image', (image) => {
    expect(matchSidecarImage(image)).toBeUndefined();
  });

  it('every table entry is a repository path, and no path is listed twice', () => {
    const all = SIDECAR_IMAGES.flatMap((e) => e.repositories);
    expect(new Set(all).size).toBe(all.length);
    for (const repo of all) expect(imageRepository(repo)).toBe(repo);
  });
});

const pod = (containers: string, initContainers = '') => yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    ${initContainers ? `initContainers: ${initContainers}` : ''}
    containers: ${containers}
`;

describe('manifestSidecars', () => {
  const sidecarNames = (text: string) => manifestSidecars(modelOf(text).workloads[0]!).map((s) => `${s.container.name}:${s.native ? 'native' : s.image?.name}`);

  it('counts native sidecars and sidecar images next to an app container', () => {
    const text = pod(
      '[{name: app, image: shop/app}, {name: envoy, image: envoyproxy/envoy:v1.31.0}]',
      '[{name: init, image: linkerd/proxy}, {name: logs, image: busybox, restartPolicy: Always}]',
    );
    expect(sidecarNames(text)).toEqual(['logs:native', 'envoy:Envoy']);
  });

  it('a pod that only runs sidecar images is the workload itself (a log DaemonSet, a gateway)', () => {
    expect(sidecarNames(pod('[{name: fluent-bit, image: fluent/fluent-bit:3.1}]'))).toEqual([]);
    expect(sidecarNames(pod('[{name: envoy, image: envoyproxy/envoy}, {name: logs, image: fluent/fluent-bit}]'))).toEqual([]);
  });

  it('ephemeral containers are never sidecars', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: [{name: app, image: shop/app}]
        ephemeralContainers: [{name: dbg, image: envoyproxy/envoy}]
    `;
    expect(sidecarNames(text)).toEqual([]);
  });
});

const deployment = (podMeta: string, extra = '') =>
  extra +
  yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api, namespace: shop}
    spec:
      template:
        metadata: ${podMeta}
        spec:
          containers: [{name: api, image: shop/api}]
  `;
const namespace = (meta: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, ${meta}}\n---\n`;

function injected(text: string) {
  const model = modelOf(text);
  const workload = model.workloads.find((w) => w.kind === 'Deployment')!;
  return injectedSidecars(workload, model.namespaces).map((s) => `${s.container} by ${describeTrigger(s.trigger)}`);
}

describe('injectedSidecars', () => {
  it.each([
    ['{labels: {sidecar.istio.io/inject: "true"}}', '', 'istio-proxy by pod label sidecar.istio.io/inject: "true"'],
    ['{labels: {sidecar.istio.io/inject: "yes"}}', '', 'istio-proxy by pod label sidecar.istio.io/inject: "yes"'],
    ['{labels: {istio.io/rev: canary}}', '', 'istio-proxy by pod label istio.io/rev: "canary"'],
    ['{}', namespace('labels: {istio-injection: enabled}'), 'istio-proxy by Namespace shop label istio-injection: "enabled"'],
    ['{}', namespace('labels: {istio.io/rev: 1-22}'), 'istio-proxy by Namespace shop label istio.io/rev: "1-22"'],
    ['{annotations: {linkerd.io/inject: enabled}}', '', 'linkerd-proxy by pod annotation linkerd.io/inject: "enabled"'],
    ['{annotations: {linkerd.io/inject: ingress}}', '', 'linkerd-proxy by pod annotation linkerd.io/inject: "ingress"'],
    ['{}', namespace('annotations: {linkerd.io/inject: enabled}'), 'linkerd-proxy by Namespace shop annotation linkerd.io/inject: "enabled"'],
  ])('%s %s → %s', (meta, extra, expected) => {
    expect(injected(deployment(meta, extra))).toEqual([expected]);
  });

  it.each([
    ['pod opts out of a namespace-wide Istio injection', '{labels: {sidecar.istio.io/inject: "false"}}', namespace('labels: {istio-injection: enabled}')],
    ['any value but y/yes/true/on opts out', '{annotations: {sidecar.istio.io/inject: enabled}}', namespace('labels: {istio-injection: enabled}')],
    ['the annotation "true" alone selects nothing (the webhooks select on the label)', '{annotations: {sidecar.istio.io/inject: "true"}}', ''],
    ['namespace disabled wins over the pod', '{labels: {sidecar.istio.io/inject: "true"}}', namespace('labels: {istio-injection: disabled}')],
    ['already injected', '{annotations: {sidecar.istio.io/status: "{}"}, labels: {sidecar.istio.io/inject: "true"}}', ''],
    ['pod opts out of namespace Linkerd injection', '{annotations: {linkerd.io/inject: disabled}}', namespace('annotations: {linkerd.io/inject: enabled}')],
    ['Linkerd reads annotations, not labels', '{labels: {linkerd.io/inject: enabled}}', ''],
    ['no markers', '{labels: {app: api}}', ''],
  ])('%s', (_name, meta, extra) => {
    expect(injected(deployment(meta, extra))).toEqual([]);
  });

  it('a namespace-less workload never matches a Namespace object', () => {
    const text = yaml`
      apiVersion: v1
      kind: Namespace
      metadata: {name: default, labels: {istio-injection: enabled}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: [{name: app, image: shop/app}]
    `;
    const model = modelOf(text);
    expect(injectedSidecars(model.workloads[0]!, model.namespaces)).toEqual([]);
  });

  it('reads the Istio resource annotations from the pod template', () => {
    const text = deployment('{labels: {sidecar.istio.io/inject: "true"}, annotations: {sidecar.istio.io/proxyMemory: 64Mi}}');
    const model = modelOf(text);
    const [istio] = injectedSidecars(model.workloads[0]!, model.namespaces);
    expect(istio).toMatchObject({ mesh: 'istio', memoryRequest: '64Mi', resourceAnnotations: ['sidecar.istio.io/proxyMemory'] });
    expect(istio?.memoryLimit).toBeUndefined();
  });

  it('reads the Linkerd proxy limit from the pod template, then from the Namespace', () => {
    const ns = namespace('annotations: {config.linkerd.io/proxy-memory-limit: 300Mi}');
    const limitOf = (meta: string) => {
      const model = modelOf(deployment(meta, ns));
      return injectedSidecars(model.workloads[0]!, model.namespaces)[0]?.memoryLimit;
    };
    expect(limitOf('{annotations: {linkerd.io/inject: enabled}}')).toBe('300Mi');
    expect(limitOf('{annotations: {linkerd.io/inject: enabled, config.linkerd.io/proxy-memory-limit: 200Mi}}')).toBe('200Mi');
  });

  it('when both meshes would inject, Istio runs first and Linkerd skips the pod', () => {
    expect(injected(deployment('{labels: {sidecar.istio.io/inject: "true"}, annotations: {linkerd.io/inject: enabled}}'))).toEqual([
      'istio-proxy by pod label sidecar.istio.io/inject: "true"',
    ]);
  });

  it('an existing linkerd-proxy container means the pod is already injected', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, annotations: {linkerd.io/inject: enabled}}
      spec:
        containers: [{name: app, image: shop/app}, {name: linkerd-proxy, image: cr.l5d.io/linkerd/proxy:stable}]
    `;
    const model = modelOf(text);
    expect(injectedSidecars(model.workloads[0]!, model.namespaces)).toEqual([]);
  });
});
