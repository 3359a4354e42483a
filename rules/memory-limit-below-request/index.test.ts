import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const MI = 2 ** 20;

ruleTester(rule, {
  valid: [
    {
      name: 'limit equal to the request',
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
                limits: {memory: 512Mi}
      `,
    },
    {
      name: 'limit above the request, spelled in another unit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 1G}
                limits: {memory: 1Gi}
      `,
    },
    {
      name: 'limit only (the request is copied from it)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                limits: {memory: 512Mi}
      `,
    },
    {
      name: 'an invalid or negative value is the quantity rules\' finding',
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
                limits: {memory: 512mb}
            - name: worker
              image: shop/worker:2.1
              resources:
                requests: {memory: 1Gi}
                limits: {memory: -512Mi}
      `,
    },
    {
      name: 'a fractional limit (512m = 0.512 bytes) is memory-quantity-suspicious\'s finding, not a comparison',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: c
              resources: {requests: {memory: 256Mi}, limits: {memory: 512m}}
      `,
    },
    {
      name: 'a written limit wins over a smaller LimitRange default; a larger default is fine',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults}
        spec:
          limits:
            - type: Container
              default: {memory: 512Mi}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 1Gi}
                limits: {memory: 1Gi}
            - name: worker
              image: shop/worker:2.1
              resources:
                requests: {memory: 256Mi}
      `,
    },
  ],
  invalid: [
    {
      name: 'limit below request points at the limit',
      yaml: yaml`
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
                    requests:
                      memory: 1Gi
                    limits:
                      memory: 512Mi
      `,
      problems: [
        { messageId: 'limitBelowRequest', args: ['Deployment shop/api', 'api', 'container', 512 * MI, 1024 * MI], line: 16, column: 23, endLine: 16, endColumn: 28, container: 'api' },
      ],
    },
    {
      name: 'init container and native sidecar (1G is less than 1Gi)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: migrate
              image: flyway/flyway:10
              resources:
                requests: {memory: 200Mi}
                limits: {memory: 100Mi}
            - name: proxy
              image: envoyproxy/envoy:v1.31.0
              restartPolicy: Always
              resources:
                requests: {memory: 1Gi}
                limits: {memory: 1G}
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 256Mi}
                limits: {memory: 256Mi}
      `,
      problems: [
        { messageId: 'limitBelowRequest', args: ['Pod web', 'migrate', 'init container', 100 * MI, 200 * MI], line: 10, column: 26, endLine: 10, endColumn: 31, container: 'migrate' },
        { messageId: 'limitBelowRequest', args: ['Pod web', 'proxy', 'sidecar container', 1e9, 1024 * MI], line: 16, column: 26, endLine: 16, endColumn: 28, container: 'proxy' },
      ],
    },
    {
      name: 'a LimitRange default limit below the written request points at the request (multi-document)',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: shop}
        spec:
          limits:
            - type: Container
              default: {memory: 512Mi}
              defaultRequest: {memory: 256Mi}
        ---
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
                    requests: {memory: 1Gi}
      `,
      problems: [
        {
          messageId: 'limitRangeBelowRequest',
          args: ['Deployment shop/api', 'api', 'container', 1024 * MI, 'LimitRange shop/defaults', 512 * MI],
          line: 22,
          column: 32,
          endLine: 22,
          endColumn: 35,
          container: 'api',
        },
      ],
    },
    {
      name: 'a LimitRange with only max: the API defaults its default limit to max',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: caps}
        spec:
          limits:
            - type: Container
              max: {memory: 512Mi}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests:
                  memory: 768Mi
      `,
      problems: [
        { messageId: 'limitRangeBelowRequest', args: ['Pod web', 'web', 'container', 768 * MI, 'LimitRange caps', 512 * MI], line: 18, column: 19, endLine: 18, endColumn: 24, container: 'web' },
      ],
    },
    {
      name: 'pod-level limit below the pod-level request, and a zero container limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          resources:
            requests: {memory: 2Gi}
            limits: {memory: 1Gi}
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 64Mi}
                limits: {memory: 0}
      `,
      problems: [
        { messageId: 'podLimitBelowRequest', args: ['Pod web', 1024 * MI, 2048 * MI], line: 7, column: 22, endLine: 7, endColumn: 25 },
        { messageId: 'limitBelowRequest', args: ['Pod web', 'web', 'container', 0, 64 * MI], line: 13, column: 26, endLine: 13, endColumn: 27, container: 'web' },
      ],
    },
  ],
});
