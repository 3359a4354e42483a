import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    {
      name: 'sidecar image with a memory limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
            - name: envoy
              image: envoyproxy/envoy:v1.31.0
              resources: {limits: {memory: 128Mi}}
      `,
    },
    {
      name: 'pod-level limit bounds sidecars, injected ones too',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web, labels: {sidecar.istio.io/inject: "true"}}
        spec:
          resources:
            limits: {memory: 1Gi}
          initContainers:
            - name: logs
              image: fluent/fluent-bit:3.1
              restartPolicy: Always
          containers:
            - name: web
              image: nginx:1.27
      `,
    },
    {
      name: 'an image that only contains a sidecar name is not a sidecar (memory-limit-missing reports it)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources: {limits: {memory: 256Mi}}
            - name: config
              image: myorg/envoy-config-loader:1.0
      `,
    },
    {
      name: 'a log shipper alone in its pod is the workload, not a sidecar',
      yaml: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: fluent-bit, namespace: logging}
        spec:
          template:
            spec:
              containers:
                - name: fluent-bit
                  image: fluent/fluent-bit:3.1
      `,
    },
    {
      name: 'already-injected Linkerd pod: linkerd-init runs the proxy image but is a plain init container',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web, annotations: {linkerd.io/inject: enabled}}
        spec:
          initContainers:
            - name: linkerd-init
              image: cr.l5d.io/linkerd/proxy:stable-2.14.10
          containers:
            - name: web
              resources: {limits: {memory: 128Mi}}
            - name: linkerd-proxy
              image: cr.l5d.io/linkerd/proxy:stable-2.14.10
              resources: {limits: {memory: 250Mi}}
      `,
    },
    {
      name: 'a LimitRange default bounds the sidecar (memory-limit-missing reports it as info)',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: shop}
        spec:
          limits:
            - type: Container
              default: {memory: 256Mi}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          initContainers:
            - name: proxy
              image: envoyproxy/envoy:v1.31.0
              restartPolicy: Always
          containers:
            - name: web
      `,
    },
    {
      name: 'an invalid limit is written (memory-quantity-invalid reports it)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: proxy
              restartPolicy: Always
              resources: {limits: {memory: 1g}}
          containers:
            - name: web
              resources: {limits: {memory: 128Mi}}
      `,
    },
  ],
  invalid: [
    {
      name: 'native sidecar without a limit; the plain init container is not a sidecar',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: migrate
              image: flyway/flyway:10
            - name: log-shipper
              image: busybox:1.36
              restartPolicy: Always
              resources:
                requests: {memory: 64Mi}
          containers:
            - name: web
              image: nginx:1.27
              resources:
                limits: {memory: 256Mi}
      `,
      problems: [{ messageId: 'missing', args: ['Pod web', 'log-shipper', 'native sidecar', 67108864], line: 11, column: 7, endLine: 11, endColumn: 16, container: 'log-shipper' }],
    },
    {
      name: 'two sidecar images beside the app: Envoy, and Fluent Bit behind a registry host and digest',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: shop/api:2.1
                  resources:
                    limits: {memory: 512Mi}
                - name: envoy
                  image: envoyproxy/envoy:v1.31.0
                  resources:
                    requests: {memory: 100Mi}
                    limits: {cpu: 500m}
                - name: logs
                  image: cr.fluentbit.io/fluent/fluent-bit:3.1@sha256:0f3e
      `,
      problems: [
        { messageId: 'missing', args: ['Deployment shop/api', 'envoy', 'Envoy', 104857600], line: 18, column: 13, endLine: 18, endColumn: 19, container: 'envoy' },
        { messageId: 'missing', args: ['Deployment shop/api', 'logs', 'Fluent Bit', undefined], line: 19, column: 17, endLine: 19, endColumn: 21, container: 'logs' },
      ],
    },
    {
      name: 'a native sidecar running a known image, in a CronJob',
      yaml: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: export, namespace: data}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  initContainers:
                    - name: cloud-sql-proxy
                      image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.0
                      restartPolicy: Always
                  containers:
                    - name: export
                      image: data/export:3
                      resources: {limits: {memory: 1Gi}}
      `,
      problems: [{ messageId: 'missing', args: ['CronJob data/export', 'cloud-sql-proxy', 'Cloud SQL Auth Proxy, native sidecar', undefined], line: 12, column: 21, endLine: 12, endColumn: 36, container: 'cloud-sql-proxy' }],
    },
    {
      name: 'a mirrored proxyv2 in an already-injected pod is judged as written',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          annotations: {sidecar.istio.io/status: '{"containers":["istio-proxy"]}'}
        spec:
          containers:
            - name: web
              resources: {limits: {memory: 128Mi}}
            - name: istio-proxy
              image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/hub/istio/proxyv2:1.22.3
      `,
      problems: [{ messageId: 'missing', args: ['Pod web', 'istio-proxy', 'Istio proxy', undefined], line: 10, column: 13, endLine: 10, endColumn: 24, container: 'istio-proxy' }],
    },
    {
      name: 'Linkerd namespace annotation, plus an OpenTelemetry Collector sidecar without a limit',
      yaml: yaml`
        apiVersion: v1
        kind: Namespace
        metadata: {name: emojivoto, annotations: {linkerd.io/inject: enabled}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: voting, namespace: emojivoto}
        spec:
          template:
            spec:
              containers:
                - name: voting
                  image: buoyantio/emojivoto-voting-svc:v10
                  resources: {limits: {memory: 128Mi}}
                - name: otel
                  image: otel/opentelemetry-collector-contrib:0.104.0
                  resources: {requests: {memory: 200Mi}}
      `,
      problems: [
        { messageId: 'missing', args: ['Deployment emojivoto/voting', 'otel', 'OpenTelemetry Collector', 209715200], line: 17, column: 11, endLine: 17, endColumn: 20, container: 'otel' },
        { messageId: 'linkerdNoLimit', args: ['Deployment emojivoto/voting', 'Namespace emojivoto annotation linkerd.io/inject: "enabled"'], line: 7, column: 18, endLine: 7, endColumn: 24, container: 'linkerd-proxy' },
      ],
    },
  ],
});
