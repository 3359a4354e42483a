import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const MI = 2 ** 20;

const guaranteed = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: api, namespace: shop}
  spec:
    selector: {matchLabels: {app: api}}
    template:
      metadata: {labels: {app: api}}
      spec:
        containers:
          - name: api
            image: shop/api:1.0
            resources:
              requests: {cpu: 500m, memory: 512Mi}
              limits: {cpu: 500m, memory: 512Mi}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'limit exactly minRatio × request',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 512Mi}
                limits: {memory: 768Mi}
      `,
    },
    {
      name: 'request without limit (memory-limit-missing reports it)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 512Mi}
      `,
    },
    {
      name: 'limit below request (memory-limit-below-request reports it)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 1Gi}
                limits: {memory: 512Mi}
      `,
    },
    {
      name: 'LimitRange defaults with 2× headroom',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults}
        spec:
          limits:
            - type: Container
              defaultRequest: {memory: 256Mi}
              default: {memory: 512Mi}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
      `,
    },
    {
      name: 'a zero limit sets no cgroup limit (nothing to compare)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                limits: {memory: "0"}
      `,
    },
    { name: 'ignoreGuaranteed skips a Guaranteed pod', yaml: guaranteed, options: { ignoreGuaranteed: true } },
  ],
  invalid: [
    {
      name: 'request == limit, reported by default even when the pod is Guaranteed',
      yaml: guaranteed,
      problems: [
        { messageId: 'noHeadroom', args: ['Deployment shop/api', 'api', 'container', 512 * MI, 1.5, 768 * MI, 341 * MI], line: 14, column: 41, endLine: 14, endColumn: 46, container: 'api' },
      ],
    },
    {
      name: 'limit only on an init container and a native sidecar: the request is copied from the limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: migrate
              image: flyway/flyway:10
              resources:
                limits:
                  memory: 256Mi
            - name: proxy
              image: envoyproxy/envoy:v1.31.0
              restartPolicy: Always
              resources:
                limits: {memory: "1Gi"}
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 256Mi}
                limits: {memory: 512Mi}
      `,
      problems: [
        { messageId: 'limitOnly', args: ['Pod web', 'migrate', 'init container', 256 * MI, 1.5, 384 * MI, 170 * MI], line: 10, column: 19, endLine: 10, endColumn: 24, container: 'migrate' },
        { messageId: 'limitOnly', args: ['Pod web', 'proxy', 'sidecar container', 1024 * MI, 1.5, 1536 * MI, 682 * MI], line: 15, column: 26, endLine: 15, endColumn: 31, container: 'proxy' },
      ],
    },
    {
      name: 'limit less than minRatio × request is a hint',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: cache}
        spec:
          containers:
            - name: redis
              image: redis:7.4
              resources:
                requests:
                  memory: 512Mi
                limits:
                  memory: 600Mi
      `,
      problems: [
        {
          messageId: 'lowHeadroom',
          args: ['Pod cache', 'redis', 'container', 512 * MI, 600 * MI, 1.5, 768 * MI, 400 * MI],
          line: 12,
          column: 19,
          endLine: 12,
          endColumn: 24,
          container: 'redis',
          severity: 'info',
        },
      ],
    },
    {
      name: 'minRatio 2 makes a 1.5× limit too small',
      options: { minRatio: 2 },
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: cache}
        spec:
          containers:
            - name: redis
              image: redis:7.4
              resources:
                requests: {memory: 512Mi}
                limits: {memory: 768Mi}
      `,
      problems: [
        {
          messageId: 'lowHeadroom',
          args: ['Pod cache', 'redis', 'container', 512 * MI, 768 * MI, 2, 1024 * MI, 384 * MI],
          line: 10,
          column: 26,
          endLine: 10,
          endColumn: 31,
          container: 'redis',
          severity: 'info',
        },
      ],
    },
    {
      name: 'minRatio 1 reports only equality (spelled differently) and suggests 1.5×',
      options: { minRatio: 1 },
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: batch}
        spec:
          containers:
            - name: a
              image: busybox:1.36
              resources:
                requests: {memory: 1Gi}
                limits: {memory: 1073741824}
            - name: b
              image: busybox:1.36
              resources:
                requests: {memory: 1Gi}
                limits: {memory: 1100Mi}
      `,
      problems: [
        { messageId: 'noHeadroom', args: ['Pod batch', 'a', 'container', 1024 * MI, 1.5, 1536 * MI, 682 * MI], line: 10, column: 26, endLine: 10, endColumn: 36, container: 'a' },
      ],
    },
    {
      name: 'LimitRange default as both values, or as the limit under a written request, is a hint (multi-document)',
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
            - name: worker
              image: shop/worker:2.1
              resources:
                requests: {memory: 512Mi}
      `,
      problems: [
        {
          messageId: 'fromLimitRange',
          args: ['Pod shop/web', 'web', 'container', 512 * MI, 512 * MI, 'request and limit', 'LimitRange shop/defaults', 1.5, 768 * MI],
          line: 14,
          column: 13,
          endLine: 14,
          endColumn: 16,
          container: 'web',
          severity: 'info',
        },
        {
          messageId: 'fromLimitRange',
          args: ['Pod shop/web', 'worker', 'container', 512 * MI, 512 * MI, 'limit', 'LimitRange shop/defaults', 1.5, 768 * MI],
          line: 18,
          column: 7,
          endLine: 18,
          endColumn: 16,
          container: 'worker',
          severity: 'info',
        },
      ],
    },
  ],
});
