import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

/** The Go runtime's refusal, as the GOMEMLIMIT parser words it. */
const malformed = (why: string) =>
  `GOMEMLIMIT must be a whole number of bytes with an optional B, KiB, MiB, GiB or TiB suffix, or "off"; ${why}: ` +
  'the Go runtime prints "fatal error: malformed GOMEMLIMIT" and exits with status 2 before main runs';
const notAUnit = (unit: string) => malformed(`"${unit}" is not a unit it knows (units are binary and case-sensitive: B, KiB, MiB, GiB, TiB)`);

ruleTester(rule, {
  valid: [
    {
      name: 'binary units, off, and a plain byte count',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: a
              image: golang-app:1
              env: [{name: GOMEMLIMIT, value: 1800MiB}]
              resources: {limits: {memory: 2Gi}}
            - name: b
              image: golang-app:1
              env: [{name: GOMEMLIMIT, value: "off"}]
            - name: c
              image: golang-app:1
              env: [{name: GOMEMLIMIT, value: "483183820"}]
      `,
    },
    {
      name: 'limits.memory through the downward API at divisor 1 is in bytes (go-memlimit-exceeds-limit judges its size)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: golang-app:1
              env:
                - name: GOMEMLIMIT
                  valueFrom:
                    resourceFieldRef: {resource: limits.memory}
              resources: {limits: {memory: 512Mi}}
      `,
    },
    {
      name: 'a value from a Secret is unknown; limits.memory with no limit is another rule\'s',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: a
              image: golang-app:1
              env:
                - name: GOMEMLIMIT
                  valueFrom:
                    secretKeyRef: {name: s, key: k}
            - name: b
              image: golang-app:1
              env:
                - name: GOMEMLIMIT
                  valueFrom:
                    resourceFieldRef: {resource: limits.memory, divisor: 1Mi}
      `,
    },
  ],
  invalid: [
    {
      name: 'a decimal unit: the runtime aborts; the suggestion keeps the number',
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
                      value: 1800M
                  resources:
                    limits: {memory: 2Gi}
      `,
      problems: [
        {
          messageId: 'malformed',
          args: ['Deployment shop/api', 'api', 'container', '1800M', 'env', notAUnit('M'), '1800MiB', 2 ** 31],
          line: 12,
          column: 22,
          endLine: 12,
          endColumn: 27,
          container: 'api',
        },
      ],
    },
    {
      name: 'multi-document: a ConfigMap value in an init container, a decimal in a native sidecar',
      yaml: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: go-env}
        data:
          GOMEMLIMIT: 1G
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          initContainers:
            - name: migrate
              image: migrate:4
              envFrom:
                - configMapRef: {name: go-env}
            - name: proxy
              image: proxy:2
              restartPolicy: Always
              env:
                - {name: GOMEMLIMIT, value: 1.5GiB}
          containers:
            - name: api
              image: api:1
      `,
      problems: [
        {
          messageId: 'malformed',
          args: ['Pod api', 'migrate', 'init container', '1G', 'envFrom ConfigMap go-env key GOMEMLIMIT', notAUnit('G'), '1GiB', undefined],
          line: 5,
          column: 15,
          endLine: 5,
          endColumn: 17,
          container: 'migrate',
        },
        {
          messageId: 'malformed',
          args: ['Pod api', 'proxy', 'sidecar container', '1.5GiB', 'env', malformed('decimal numbers are not allowed'), '1536MiB', undefined],
          line: 20,
          column: 37,
          endLine: 20,
          endColumn: 43,
          container: 'proxy',
        },
      ],
    },
    {
      name: 'no suggestion from the parser: the fix is 90 % of the limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: api:1
              env: [{name: GOMEMLIMIT, value: auto}]
              resources: {limits: {memory: 512Mi}}
      `,
      problems: [
        {
          messageId: 'malformed',
          args: ['Pod api', 'api', 'container', 'auto', 'env', malformed('it is not a number'), undefined, 512 * 2 ** 20],
          line: 8,
          column: 39,
          endLine: 8,
          endColumn: 43,
          container: 'api',
        },
      ],
    },
    {
      name: 'downward API with divisor 1Mi: "512" is 512 bytes to Go',
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
                    resourceFieldRef:
                      resource: limits.memory
                      divisor: 1Mi
              resources: {limits: {memory: 512Mi}}
      `,
      problems: [
        {
          messageId: 'unitLost',
          args: ['Pod api', 'api', 'container', '512', 'limits.memory (downward API, divisor 1Mi)', 512 * 2 ** 20],
          line: 11,
          column: 13,
          endLine: 13,
          endColumn: 27,
          container: 'api',
        },
      ],
    },
    {
      name: 'two problems: a bare small number and a zero limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: api:1
              env: [{name: GOMEMLIMIT, value: "900"}]
              resources: {limits: {memory: 1Gi}}
            - name: worker
              image: worker:1
              env: [{name: GOMEMLIMIT, value: "0"}]
      `,
      problems: [
        {
          messageId: 'unitLost',
          args: ['Pod api', 'api', 'container', '900', 'env', 2 ** 30],
          line: 8,
          column: 39,
          endLine: 8,
          endColumn: 44,
          container: 'api',
        },
        {
          messageId: 'zero',
          args: ['Pod api', 'worker', 'container', '0', 'env', undefined],
          line: 12,
          column: 39,
          endLine: 12,
          endColumn: 42,
          container: 'worker',
        },
      ],
    },
  ],
});
