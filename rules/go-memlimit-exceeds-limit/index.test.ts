import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const MiB = 2 ** 20;

ruleTester(rule, {
  valid: [
    {
      name: '90 % of the limit or less, off, and a literal without a limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: a
              image: api:1
              env: [{name: GOMEMLIMIT, value: 460MiB}]
              resources: {limits: {memory: 512Mi}}
            - name: b
              image: api:1
              env: [{name: GOMEMLIMIT, value: 1843MiB}]
              resources: {limits: {memory: 2Gi}}
            - name: c
              image: api:1
              env: [{name: GOMEMLIMIT, value: "off"}]
              resources: {limits: {memory: 512Mi}}
            - name: d
              image: api:1
              env: [{name: GOMEMLIMIT, value: 8GiB}]
      `,
    },
    {
      name: 'requests.memory through the downward API, well below the limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: api:1
              env:
                - name: GOMEMLIMIT
                  valueFrom:
                    resourceFieldRef: {resource: requests.memory}
              resources:
                requests: {memory: 256Mi}
                limits: {memory: 512Mi}
      `,
    },
    {
      name: 'malformed and unit-less values are go-memlimit-invalid findings',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: a
              image: api:1
              env: [{name: GOMEMLIMIT, value: 512M}]
              resources: {limits: {memory: 512Mi}}
            - name: b
              image: api:1
              env:
                - name: GOMEMLIMIT
                  valueFrom:
                    resourceFieldRef: {resource: limits.memory, divisor: 1Mi}
              resources: {limits: {memory: 512Mi}}
      `,
    },
  ],
  invalid: [
    {
      name: 'a literal equal to the limit',
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
                  env:
                    - name: GOMEMLIMIT
                      value: 512MiB
                  resources:
                    limits: {memory: 512Mi}
      `,
      problems: [
        {
          messageId: 'tooHigh',
          args: ['Deployment shop/api', 'api', 'container', '512MiB', 'env', 512 * MiB, 512 * MiB, 'container', 90, 460],
          line: 12,
          column: 22,
          endLine: 12,
          endColumn: 28,
          container: 'api',
        },
      ],
    },
    {
      name: 'limits.memory through the downward API: the common chart pattern',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: api:1
              env:
                - name: GOMEMLIMIT
                  valueFrom:
                    resourceFieldRef: {resource: limits.memory}
              resources: {limits: {memory: 512Mi}}
      `,
      problems: [
        {
          messageId: 'fullLimit',
          args: ['Pod api', 'api', 'container', '536870912', 'limits.memory (downward API)', 512 * MiB, 512 * MiB, 'container', 90, 460],
          line: 11,
          column: 13,
          endLine: 11,
          endColumn: 56,
          container: 'api',
        },
      ],
    },
    {
      name: 'limits.memory with no limit: node allocatable memory; with a pod-level limit: the pod limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: api:1
              env:
                - name: GOMEMLIMIT
                  valueFrom:
                    resourceFieldRef: {resource: limits.memory}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: batch}
        spec:
          resources:
            limits: {memory: 1Gi}
          containers:
            - name: batch
              image: batch:1
              env:
                - name: GOMEMLIMIT
                  valueFrom:
                    resourceFieldRef: {resource: limits.memory}
      `,
      problems: [
        {
          messageId: 'unbounded',
          args: ['Pod api', 'api', 'container', 'limits.memory (downward API)'],
          line: 11,
          column: 13,
          endLine: 11,
          endColumn: 56,
          container: 'api',
        },
        {
          messageId: 'fullLimit',
          args: ['Pod batch', 'batch', 'container', '1073741824', 'limits.memory (downward API)', 2 ** 30, 2 ** 30, 'pod', 90, 921],
          line: 25,
          column: 13,
          endLine: 25,
          endColumn: 56,
          container: 'batch',
        },
      ],
    },
    {
      name: 'multi-document: a ConfigMap value in an init container, a LimitRange default in a native sidecar',
      yaml: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: go-env, namespace: shop}
        data:
          GOMEMLIMIT: 600MiB
        ---
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
        metadata: {name: api, namespace: shop}
        spec:
          initContainers:
            - name: migrate
              image: migrate:4
              env:
                - name: GOMEMLIMIT
                  valueFrom:
                    configMapKeyRef: {name: go-env, key: GOMEMLIMIT}
              resources: {limits: {memory: 512Mi}}
            - name: proxy
              image: proxy:2
              restartPolicy: Always
              env:
                - name: GOMEMLIMIT
                  valueFrom:
                    resourceFieldRef: {resource: limits.memory}
          containers:
            - name: api
              image: api:1
              resources: {limits: {memory: 1Gi}}
      `,
      problems: [
        {
          messageId: 'tooHigh',
          args: ['Pod shop/api', 'migrate', 'init container', '600MiB', 'ConfigMap go-env key GOMEMLIMIT', 600 * MiB, 512 * MiB, 'container', 90, 460],
          line: 5,
          column: 15,
          endLine: 5,
          endColumn: 21,
          container: 'migrate',
        },
        {
          messageId: 'fullLimit',
          args: ['Pod shop/api', 'proxy', 'sidecar container', '268435456', 'limits.memory (downward API)', 256 * MiB, 256 * MiB, 'LimitRange shop/defaults', 90, 230],
          line: 33,
          column: 13,
          endLine: 33,
          endColumn: 56,
          container: 'proxy',
        },
      ],
    },
    {
      name: 'option maxPercentOfLimit: 80 for a cgo-heavy service',
      options: { maxPercentOfLimit: 80 },
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: api:1
              env: [{name: GOMEMLIMIT, value: 460MiB}]
              resources: {limits: {memory: 512Mi}}
      `,
      problems: [
        {
          messageId: 'tooHigh',
          args: ['Pod api', 'api', 'container', '460MiB', 'env', 460 * MiB, 512 * MiB, 'container', 80, 409],
          line: 8,
          column: 39,
          endLine: 8,
          endColumn: 45,
          container: 'api',
        },
      ],
    },
  ],
});
