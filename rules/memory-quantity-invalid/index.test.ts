import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const REASON_1G = '"1g" is not a Kubernetes quantity: suffixes are case-sensitive; use Gi (gibibytes) or G (gigabytes)';
const REASON_512MB = '"512MB" is not a Kubernetes quantity: Kubernetes does not accept byte units like MB; use Mi (mebibytes) or M (megabytes)';

ruleTester(rule, {
  valid: [
    {
      name: 'every memory quantity valid, in every place',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          runtimeClassName: kata
          overhead: {memory: 120Mi}
          resources:
            requests: {memory: 1Gi}
            limits: {memory: 2Gi}
          initContainers:
            - name: migrate
              resources: {limits: {memory: 1e9}}
          containers:
            - name: web
              resources:
                requests: {memory: 536870912}
                limits: {memory: 0.5Gi}
          volumes:
            - name: cache
              emptyDir: {medium: Memory, sizeLimit: 64Mi}
      `,
    },
    {
      name: 'surrounding spaces are trimmed by the JSON decoder, and null means unset',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              resources:
                requests: {memory: ~}
                limits: {memory: " 1Gi "}
      `,
    },
    {
      name: 'legal but suspicious values are memory-quantity-suspicious findings, not this rule',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              resources:
                requests: {memory: "0"}
                limits: {memory: 512m}
          volumes:
            - name: tmp
              emptyDir: {sizeLimit: 64}
      `,
    },
  ],
  invalid: [
    {
      name: 'resources, requests or memory of the wrong YAML type (checkov-style malformed fixtures)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          resources: [memory]
          containers:
            - name: a
              resources:
                - limits: {memory: 1Gi}
            - name: b
              resources:
                requests: [{memory: 64Mi}]
                limits:
                  memory: {value: 128Mi}
      `,
      problems: [
        { messageId: 'wrongShape', args: ['Pod p', 'pod-level spec.', 'resources', 'a list'], line: 5, column: 14, endLine: 5, endColumn: 22 },
        { messageId: 'wrongShape', args: ['Pod p', 'container "a" ', 'resources', 'a list'], line: 9, column: 9, endLine: 9, endColumn: 32, container: 'a' },
        { messageId: 'wrongShape', args: ['Pod p', 'container "b" ', 'resources.requests', 'a list'], line: 12, column: 19, endLine: 12, endColumn: 35, container: 'b' },
        { messageId: 'wrongShape', args: ['Pod p', 'container "b" ', 'resources.limits.memory', 'a map'], line: 14, column: 19, endLine: 14, endColumn: 33, container: 'b' },
      ],
    },
    {
      name: 'two typos with suggestions in one container',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests:
                  memory: 512MB
                limits:
                  memory: 1g
      `,
      problems: [
        { messageId: 'invalidDidYouMean', args: ['Pod web', 'container "web" memory request', REASON_512MB, '512Mi'], line: 10, column: 19, endLine: 10, endColumn: 24, container: 'web' },
        { messageId: 'invalidDidYouMean', args: ['Pod web', 'container "web" memory limit', REASON_1G, '1Gi'], line: 12, column: 19, endLine: 12, endColumn: 21, container: 'web' },
      ],
    },
    {
      name: 'no confident guess: init container and native sidecar, second document',
      yaml: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data: {memory: abc}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            spec:
              initContainers:
                - name: migrate
                  resources: {limits: {memory: abc}}
                - name: proxy
                  restartPolicy: Always
                  resources: {requests: {memory: 1e}}
              containers:
                - name: api
                  resources: {limits: {memory: 1Gi}}
      `,
      problems: [
        {
          messageId: 'invalid',
          args: ['Deployment shop/api', 'init container "migrate" memory limit', '"abc" is not a Kubernetes quantity: it contains no number; write a number with an optional suffix, like 512Mi'],
          line: 14,
          column: 40,
          endLine: 14,
          endColumn: 43,
          container: 'migrate',
        },
        {
          messageId: 'invalid',
          args: [
            'Deployment shop/api',
            'sidecar container "proxy" memory request',
            '"1e" is not a Kubernetes quantity: the exponent after "e" has no digits; write it like 1e3, or use E alone for exa (10^18)',
          ],
          line: 17,
          column: 42,
          endLine: 17,
          endColumn: 44,
          container: 'proxy',
        },
      ],
    },
    {
      name: 'a boolean, inner whitespace at pod level, and a byte unit in the overhead',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: batch}
        spec:
          runtimeClassName: kata
          overhead:
            memory: 1Gb
          resources:
            limits:
              memory: "1 Gi"
          containers:
            - name: worker
              resources:
                limits:
                  memory: true
      `,
      problems: [
        { messageId: 'wrongType', args: ['Pod batch', 'container "worker" memory limit', 'true'], line: 15, column: 19, endLine: 15, endColumn: 23, container: 'worker' },
        {
          messageId: 'invalidDidYouMean',
          args: ['Pod batch', 'pod-level memory limit', '"1 Gi" is not a Kubernetes quantity: it contains whitespace; write the number and suffix with no spaces, like 1Gi', '1Gi'],
          line: 10,
          column: 15,
          endLine: 10,
          endColumn: 21,
        },
        {
          messageId: 'invalidDidYouMean',
          args: ['Pod batch', 'pod overhead memory', '"1Gb" is not a Kubernetes quantity: Kubernetes does not accept byte units like Gb; use Gi (gibibytes) or G (gigabytes)', '1Gi'],
          line: 7,
          column: 13,
          endLine: 7,
          endColumn: 16,
        },
      ],
    },
    {
      name: 'negative values in a container limit and an emptyDir sizeLimit',
      yaml: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          template:
            spec:
              containers:
                - name: postgres
                  resources:
                    limits: {memory: -1Gi}
              volumes:
                - name: shm
                  emptyDir: {medium: Memory, sizeLimit: "-64Mi"}
      `,
      problems: [
        { messageId: 'negative', args: ['StatefulSet db', 'container "postgres" memory limit', '-1Gi', '1Gi'], line: 10, column: 30, endLine: 10, endColumn: 34, container: 'postgres' },
        { messageId: 'negative', args: ['StatefulSet db', 'emptyDir volume "shm" (medium: Memory) sizeLimit', '-64Mi', '64Mi'], line: 13, column: 49, endLine: 13, endColumn: 56 },
      ],
    },
    {
      name: 'an empty string is not a quantity',
      yaml: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: {name: report}
        spec:
          template:
            spec:
              containers:
                - name: report
                  resources: {requests: {memory: ""}}
      `,
      problems: [
        {
          messageId: 'invalid',
          args: ['Job report', 'container "report" memory request', '"" is not a Kubernetes quantity: the value is empty; write a number with an optional suffix, like 512Mi'],
          line: 9,
          column: 42,
          endLine: 9,
          endColumn: 44,
          container: 'report',
        },
      ],
    },
  ],
});
