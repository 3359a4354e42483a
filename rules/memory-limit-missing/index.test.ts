import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    {
      name: 'limit set',
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
      name: 'pod-level limit bounds a container without its own',
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
      name: 'ephemeral containers are never judged',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              resources: {limits: {memory: 128Mi}}
          ephemeralContainers:
            - name: debugger
              image: busybox
      `,
    },
    {
      name: 'an invalid limit is written (reported by memory-quantity-invalid, not here)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              resources: {limits: {memory: 1g}}
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
      problems: [
        { messageId: 'missing', args: ['Deployment shop/api', 'api', 'container', undefined], line: 8, column: 17, endLine: 8, endColumn: 20, container: 'api' },
      ],
    },
    {
      name: 'request only points at resources; init and native sidecar reported too',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: migrate
              image: flyway
              resources:
                requests: {memory: 100Mi}
            - name: proxy
              image: envoyproxy/envoy
              restartPolicy: Always
          containers:
            - name: web
              resources:
                requests: {memory: 256Mi}
                limits: {cpu: 500m}
      `,
      problems: [
        { messageId: 'missing', args: ['Pod web', 'migrate', 'init container', 104857600], line: 8, column: 7, endLine: 8, endColumn: 16, container: 'migrate' },
        { messageId: 'missing', args: ['Pod web', 'proxy', 'sidecar container', undefined], line: 10, column: 13, endLine: 10, endColumn: 18, container: 'proxy' },
        { messageId: 'missing', args: ['Pod web', 'web', 'container', 268435456], line: 17, column: 9, endLine: 17, endColumn: 15, container: 'web' },
      ],
    },
    {
      name: 'a LimitRange default in the same namespace makes it info',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: shop}
        spec:
          limits:
            - type: Container
              default: {memory: 512Mi}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: shop}
        spec:
          schedule: "0 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: report
                      image: report:2
      `,
      problems: [
        {
          messageId: 'fromLimitRange',
          args: ['CronJob shop/report', 'report', 'container', 'LimitRange shop/defaults', 536870912],
          line: 19,
          column: 21,
          endLine: 19,
          endColumn: 27,
          container: 'report',
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
            - default: {memory: 512Mi}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          containers:
            - name: web
      `,
      problems: [{ messageId: 'missing', args: ['Pod shop/web', 'web', 'container', undefined], line: 13, column: 13, endLine: 13, endColumn: 16, container: 'web' }],
    },
  ],
});
