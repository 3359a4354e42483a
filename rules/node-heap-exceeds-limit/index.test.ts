import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const MiB = 2 ** 20;

ruleTester(rule, {
  valid: [
    {
      name: 'old space at exactly 75 % of the limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: node:20
              env:
                - {name: NODE_OPTIONS, value: --max-old-space-size=384}
              resources:
                limits: {memory: 512Mi}
      `,
    },
    {
      name: 'no limit: the flag is the only bound of the heap',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: node:20
              command: [node, --max-old-space-size=4096, server.js]
      `,
    },
    {
      name: 'a mistyped limit is not compared (memory-quantity-suspicious reports it)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: node:20
              env:
                - {name: NODE_OPTIONS, value: --max-old-space-size=512}
              resources:
                limits: {memory: 512m}
      `,
    },
  ],
  invalid: [
    {
      name: 'old space equal to the limit (NODE_OPTIONS)',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: node:20
                  env:
                    - name: NODE_OPTIONS
                      value: --max-old-space-size=512
                  resources:
                    limits: {memory: 512Mi}
      `,
      problems: [
        {
          messageId: 'aboveLimit',
          args: ['Deployment shop/web', 'web', 'container', '--max-old-space-size=512', 'NODE_OPTIONS', 512 * MiB, 512 * MiB, 'container', '--max-old-space-size=384', 25],
          line: 12,
          column: 22,
          endLine: 12,
          endColumn: 46,
          container: 'web',
        },
      ],
    },
    {
      name: 'multi-document: NODE_OPTIONS from a ConfigMap, in an init container and a native sidecar',
      yaml: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: node-env}
        data:
          NODE_OPTIONS: --max-old-space-size=200
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: migrate
              image: node:20
              command: [node, --max-old-space-size=256, migrate.js]
              resources: {limits: {memory: 256Mi}}
            - name: log-shipper
              image: node:20
              restartPolicy: Always
              envFrom:
                - configMapRef: {name: node-env}
              resources: {limits: {memory: 256Mi}}
          containers:
            - name: web
              image: node:20
              resources: {limits: {memory: 256Mi}}
      `,
      problems: [
        {
          messageId: 'aboveLimit',
          args: ['Pod web', 'migrate', 'init container', '--max-old-space-size=256', 'command line', 256 * MiB, 256 * MiB, 'container', '--max-old-space-size=192', 25],
          line: 14,
          column: 23,
          endLine: 14,
          endColumn: 47,
          container: 'migrate',
        },
        {
          messageId: 'noRoom',
          args: ['Pod web', 'log-shipper', 'sidecar container', '--max-old-space-size=200', 'NODE_OPTIONS', 200 * MiB, 256 * MiB, 'container', '--max-old-space-size=192', 25],
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 41,
          container: 'log-shipper',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a LimitRange default limit and a pod-level limit are named',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: shop}
        spec:
          limits:
            - type: Container
              default: {memory: 1Gi}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          containers:
            - name: web
              image: node:20
              command: [node, --max-old-space-size=1000, server.js]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          resources:
            limits: {memory: 2Gi}
          containers:
            - name: api
              image: node:20
              command: [node, --max-heap-size=2048, server.js]
      `,
      problems: [
        {
          messageId: 'noRoom',
          args: ['Pod shop/web', 'web', 'container', '--max-old-space-size=1000', 'command line', 1000 * MiB, 2 ** 30, 'LimitRange shop/defaults', '--max-old-space-size=768', 25],
          line: 16,
          column: 23,
          endLine: 16,
          endColumn: 48,
          container: 'web',
          severity: 'warning',
        },
        {
          messageId: 'aboveLimit',
          args: ['Pod api', 'api', 'container', '--max-heap-size=2048', 'command line', 2 ** 31, 2 ** 31, 'pod', '--max-heap-size=1536', 25],
          line: 27,
          column: 23,
          endLine: 27,
          endColumn: 43,
          container: 'api',
        },
      ],
    },
    {
      name: 'the percentage flag (Node 22.21+) is judged against the limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: node:22
              env:
                - {name: NODE_OPTIONS, value: --max-old-space-size-percentage=90}
              resources:
                limits: {memory: 1Gi}
      `,
      problems: [
        {
          messageId: 'noRoom',
          args: ['Pod web', 'web', 'container', '--max-old-space-size-percentage=90', 'NODE_OPTIONS', 0.9 * 2 ** 30, 2 ** 30, 'container', '--max-old-space-size-percentage=75', 25],
          line: 9,
          column: 39,
          endLine: 9,
          endColumn: 73,
          container: 'web',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'option minNonHeapPercent: 40 for a Buffer-heavy service',
      options: { minNonHeapPercent: 40 },
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: node:20
              env:
                - {name: NODE_OPTIONS, value: --max-old-space-size=384}
              resources:
                limits: {memory: 512Mi}
      `,
      problems: [
        {
          messageId: 'noRoom',
          args: ['Pod web', 'web', 'container', '--max-old-space-size=384', 'NODE_OPTIONS', 384 * MiB, 512 * MiB, 'container', '--max-old-space-size=307', 40],
          line: 9,
          column: 39,
          endLine: 9,
          endColumn: 63,
          container: 'web',
          severity: 'warning',
        },
      ],
    },
  ],
});
