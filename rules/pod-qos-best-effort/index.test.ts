import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    {
      name: 'an Istio-injected pod is Burstable: the proxy brings the mesh default requests',
      yaml: yaml`
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {istio-injection: enabled}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            spec:
              containers:
                - name: web
      `,
    },
    {
      name: 'a memory request makes the pod Burstable',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 128Mi}
            - name: log
              image: fluent/fluent-bit:3.1
      `,
    },
    {
      name: 'a cpu request alone also makes the pod Burstable (ComputePodQOS counts cpu)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {cpu: 100m}
      `,
    },
    {
      name: 'a LimitRange default in the namespace fills the containers in',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: shop}
        spec:
          limits:
            - type: Container
              default: {memory: 512Mi}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          containers:
            - name: web
              image: nginx:1.27
      `,
    },
    {
      name: 'pod-level resources decide the class',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          resources:
            requests: {memory: 512Mi}
            limits: {memory: 1Gi}
          containers:
            - name: web
              image: nginx:1.27
      `,
    },
    {
      name: 'a sidecar with resources is enough',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: proxy
              image: envoyproxy/envoy:v1.31.0
              restartPolicy: Always
              resources:
                limits: {memory: 128Mi}
          containers:
            - name: web
              image: nginx:1.27
      `,
    },
    {
      name: 'an invalid or negative quantity is rejected by the API server, not BestEffort',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 256MB}
            - name: log
              image: fluent/fluent-bit:3.1
              resources:
                limits: {cpu: -1}
      `,
    },
  ],
  invalid: [
    {
      name: 'a default Linkerd proxy brings no resources, so the pod stays BestEffort',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            metadata:
              annotations: {linkerd.io/inject: enabled}
            spec:
              containers:
                - name: web
      `,
      problems: [{ messageId: 'bestEffort', args: ['Deployment shop/web', ['web']], line: 8, column: 5, endLine: 8, endColumn: 9 }],
    },
    {
      name: 'two workloads without resources, one problem each, at the pod spec (multi-document)',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          replicas: 2
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              containers:
                - name: api
                  image: shop/api:1.0
                - name: metrics
                  image: prom/statsd-exporter:v0.27.1
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: cleanup, namespace: shop}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                    - name: cleanup
                      image: busybox:1.36
      `,
      problems: [
        { messageId: 'bestEffort', args: ['Deployment shop/api', ['api', 'metrics']], line: 9, column: 5, endLine: 9, endColumn: 9 },
        { messageId: 'bestEffort', args: ['CronJob shop/cleanup', ['cleanup']], line: 24, column: 9, endLine: 24, endColumn: 13 },
      ],
    },
    {
      name: 'init and native sidecar containers without resources count too',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: migrate
              image: flyway/flyway:10
            - name: proxy
              image: envoyproxy/envoy:v1.31.0
              restartPolicy: Always
          containers:
            - name: web
              image: nginx:1.27
          ephemeralContainers:
            - name: debugger
              image: busybox:1.36
      `,
      problems: [{ messageId: 'bestEffort', args: ['Pod web', ['migrate', 'proxy', 'web']], line: 4, column: 1, endLine: 4, endColumn: 5 }],
    },
    {
      name: 'zero requests do not count (ComputePodQOS ignores quantities that are not positive)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: "0", cpu: "0"}
      `,
      problems: [{ messageId: 'bestEffort', args: ['Pod web', ['web']], line: 4, column: 1, endLine: 4, endColumn: 5 }],
    },
    {
      name: 'a LimitRange in another namespace supplies nothing',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: other}
        spec:
          limits:
            - type: Container
              default: {memory: 512Mi}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: monitoring}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers:
                - name: agent
                  image: grafana/alloy:v1.4.0
      `,
      problems: [{ messageId: 'bestEffort', args: ['DaemonSet monitoring/agent', ['agent']], line: 16, column: 5, endLine: 16, endColumn: 9 }],
    },
  ],
});
