import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    {
      name: 'request set',
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
      `,
    },
    {
      name: 'limit only: the API server copies the limit into the request',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                limits: {memory: 256Mi}
      `,
    },
    {
      name: 'pod-level request covers the containers',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          resources:
            requests: {memory: 512Mi}
          containers:
            - name: web
              image: nginx:1.27
            - name: log
              image: fluent/fluent-bit:3.1
      `,
    },
    {
      name: 'pod-level limit only (copied into the pod-level request)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          resources:
            limits: {memory: 1Gi}
          containers:
            - name: web
              image: nginx:1.27
      `,
    },
    {
      name: 'an invalid request is written (memory-quantity-invalid reports it)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 1g}
      `,
    },
    {
      name: 'ephemeral containers are never judged',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources: {requests: {memory: 128Mi}}
          ephemeralContainers:
            - name: debugger
              image: busybox:1.36
      `,
    },
    {
      name: 'a plain init container runs inside the reservation the app containers already make',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: wait-for-db
              image: busybox:1.36
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 256Mi}
                limits: {memory: 512Mi}
      `,
    },
  ],
  invalid: [
    {
      name: 'no resources at all points at the container name',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: shop/api:1.0
      `,
      problems: [{ messageId: 'missing', args: ['Deployment shop/api', 'api', 'container'], line: 8, column: 17, endLine: 8, endColumn: 20, container: 'api' }],
    },
    {
      name: 'init container, native sidecar with a cpu request only, app container with a cpu limit only',
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
              resources:
                requests: {cpu: 100m}
          containers:
            - name: web
              image: nginx:1.27
              resources:
                limits: {cpu: "1"}
      `,
      problems: [
        { messageId: 'missing', args: ['Pod web', 'migrate', 'init container'], line: 6, column: 13, endLine: 6, endColumn: 20, container: 'migrate' },
        { messageId: 'missing', args: ['Pod web', 'proxy', 'sidecar container'], line: 12, column: 9, endLine: 12, endColumn: 17, container: 'proxy' },
        { messageId: 'missing', args: ['Pod web', 'web', 'container'], line: 16, column: 7, endLine: 16, endColumn: 16, container: 'web' },
      ],
    },
    {
      name: 'a LimitRange defaultRequest in the same namespace makes it info (multi-document)',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: shop}
        spec:
          limits:
            - type: Container
              defaultRequest: {memory: 256Mi}
              default: {memory: 512Mi}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: shop}
        spec:
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers:
                - name: postgres
                  image: postgres:16
      `,
      problems: [
        {
          messageId: 'fromLimitRange',
          args: ['StatefulSet shop/db', 'postgres', 'container', 'LimitRange shop/defaults', 268435456],
          line: 20,
          column: 17,
          endLine: 20,
          endColumn: 25,
          container: 'postgres',
          severity: 'info',
        },
      ],
    },
    {
      name: 'a LimitRange with only max: the API defaults default and defaultRequest to it',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: caps}
        spec:
          limits:
            - type: Container
              max: {memory: 1Gi}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: backup}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: backup
                  image: restic/restic:0.17.0
                  resources:
                    limits: {cpu: 500m}
      `,
      problems: [
        {
          messageId: 'fromLimitRange',
          args: ['Job backup', 'backup', 'container', 'LimitRange caps', 1073741824],
          line: 19,
          column: 11,
          endLine: 19,
          endColumn: 20,
          container: 'backup',
          severity: 'info',
        },
      ],
    },
    {
      name: 'a LimitRange in another namespace does not apply',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: other}
        spec:
          limits:
            - defaultRequest: {memory: 256Mi}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          containers:
            - name: web
              image: nginx:1.27
      `,
      problems: [{ messageId: 'missing', args: ['Pod shop/web', 'web', 'container'], line: 13, column: 13, endLine: 13, endColumn: 16, container: 'web' }],
    },
  ],
});
