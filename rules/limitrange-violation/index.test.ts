import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

/** A LimitRange `limits` list in namespace shop, then `---`. */
const limitRange = (items: string, name = 'limits') => `apiVersion: v1\nkind: LimitRange\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  limits:\n${items}---\n`;

const POD_WEB = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\n';

ruleTester(rule, {
  valid: [
    {
      name: 'within min, max and ratio',
      yaml:
        limitRange('    - type: Container\n      min: {memory: 64Mi}\n      max: {memory: 1Gi}\n      maxLimitRequestRatio: {memory: "2"}\n') +
        POD_WEB +
        yaml`
          spec:
            containers:
              - name: web
                resources: {requests: {memory: 256Mi}, limits: {memory: 512Mi}}
        `,
    },
    {
      name: 'a LimitRange in another namespace does not apply',
      yaml:
        limitRange('    - type: Container\n      max: {memory: 128Mi}\n') +
        yaml`
          apiVersion: v1
          kind: Pod
          metadata: {name: web, namespace: other}
          spec:
            containers:
              - name: web
                resources: {limits: {memory: 1Gi}}
        `,
    },
    {
      name: 'cpu constraints are out of scope',
      yaml:
        limitRange('    - type: Container\n      max: {cpu: 500m}\n      maxLimitRequestRatio: {cpu: "1"}\n') +
        POD_WEB +
        yaml`
          spec:
            containers:
              - name: web
                resources: {requests: {cpu: "1", memory: 128Mi}, limits: {cpu: "2", memory: 256Mi}}
        `,
    },
    {
      name: 'the max defaults the missing limit, which then fits',
      yaml:
        limitRange('    - type: Container\n      max: {memory: 1Gi}\n') +
        POD_WEB +
        yaml`
          spec:
            containers:
              - name: web
                resources: {requests: {memory: 256Mi}}
        `,
    },
    {
      name: 'a Pod max met by app containers and the native sidecar together',
      yaml:
        limitRange('    - type: Pod\n      max: {memory: 1Gi}\n') +
        POD_WEB +
        yaml`
          spec:
            initContainers:
              - name: migrate
                resources: {limits: {memory: 900Mi}}
              - name: proxy
                restartPolicy: Always
                resources: {limits: {memory: 256Mi}}
            containers:
              - name: web
                resources: {limits: {memory: 768Mi}}
        `,
    },
    {
      name: 'an invalid quantity is rejected before any LimitRange runs',
      yaml:
        limitRange('    - type: Container\n      max: {memory: 1Gi}\n    - type: Pod\n      max: {memory: 1Gi}\n') +
        POD_WEB +
        yaml`
          spec:
            containers:
              - name: web
                resources: {limits: {memory: 2g}}
        `,
    },
    {
      name: 'Pod items are not judged when the pod sets pod-level resources',
      yaml:
        limitRange('    - type: Pod\n      max: {memory: 1Gi}\n') +
        POD_WEB +
        yaml`
          spec:
            resources: {limits: {memory: 1Gi}}
            containers:
              - name: a
                resources: {limits: {memory: 768Mi}}
              - name: b
                resources: {limits: {memory: 768Mi}}
        `,
    },
    {
      name: 'the ratio is compared in milli-units as LimitRanger does (1.1 allows exactly 1100Mi over 1000Mi)',
      yaml:
        limitRange('    - type: Container\n      maxLimitRequestRatio: {memory: "1.1"}\n') +
        POD_WEB +
        yaml`
          spec:
            containers:
              - name: web
                resources: {requests: {memory: 1000Mi}, limits: {memory: 1100Mi}}
        `,
    },
  ],
  invalid: [
    {
      name: 'limit above the Container max points at the limit; the copied request is not reported twice',
      yaml:
        limitRange('    - type: Container\n      max: {memory: 1Gi}\n') +
        yaml`
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: api, namespace: shop}
          spec:
            template:
              spec:
                containers:
                  - name: api
                    image: shop/api:2.1
                    resources:
                      limits: {memory: 2Gi}
        `,
      problems: [{ messageId: 'limitAboveMax', args: ['Deployment shop/api', 'container', 'api', 2147483648, '', 1073741824, 'LimitRange shop/limits'], line: 19, column: 30, endLine: 19, endColumn: 33, container: 'api' }],
    },
    {
      name: 'request below the Container min points at the request',
      yaml:
        limitRange('    - type: Container\n      min: {memory: 128Mi}\n') +
        POD_WEB +
        yaml`
          spec:
            containers:
              - name: web
                resources:
                  requests: {memory: 64Mi}
                  limits: {memory: 256Mi}
        `,
      problems: [{ messageId: 'requestBelowMin', args: ['Pod shop/web', 'container', 'web', 67108864, '', 134217728, 'LimitRange shop/limits'], line: 16, column: 28, endLine: 16, endColumn: 32, container: 'web' }],
    },
    {
      name: 'a request copied from a too-small limit points at the limit and says so',
      yaml:
        limitRange('    - type: Container\n      min: {memory: 256Mi}\n') +
        POD_WEB +
        yaml`
          spec:
            containers:
              - name: web
                resources: {limits: {memory: 128Mi}}
        `,
      problems: [{ messageId: 'requestBelowMin', args: ['Pod shop/web', 'container', 'web', 134217728, 'copied from its limit', 268435456, 'LimitRange shop/limits'], line: 15, column: 36, endLine: 15, endColumn: 41, container: 'web' }],
    },
    {
      name: 'two problems on one container: limit above max and ratio above maxLimitRequestRatio',
      yaml:
        limitRange('    - type: Container\n      max: {memory: 512Mi}\n      maxLimitRequestRatio: {memory: "2"}\n') +
        POD_WEB +
        yaml`
          spec:
            containers:
              - name: web
                resources:
                  requests: {memory: 256Mi}
                  limits: {memory: 1Gi}
        `,
      problems: [
        { messageId: 'limitAboveMax', args: ['Pod shop/web', 'container', 'web', 1073741824, '', 536870912, 'LimitRange shop/limits'], line: 18, column: 26, endLine: 18, endColumn: 29, container: 'web' },
        { messageId: 'ratioAboveMax', args: ['Pod shop/web', 'container', 'web', 1073741824, '', 268435456, '', 2, 'LimitRange shop/limits'], line: 18, column: 26, endLine: 18, endColumn: 29, container: 'web' },
      ],
    },
    {
      name: "the LimitRange's own default and defaultRequest break its ratio",
      yaml:
        limitRange('    - type: Container\n      default: {memory: 1Gi}\n      defaultRequest: {memory: 256Mi}\n      maxLimitRequestRatio: {memory: "1.5"}\n') +
        POD_WEB +
        yaml`
          spec:
            containers:
              - name: web
                image: nginx:1.27
        `,
      problems: [{ messageId: 'ratioAboveMax', args: ['Pod shop/web', 'container', 'web', 1073741824, 'the default of LimitRange shop/limits', 268435456, 'the defaultRequest of LimitRange shop/limits', 1.5, 'LimitRange shop/limits'], line: 16, column: 13, endLine: 16, endColumn: 16, container: 'web' }],
    },
    {
      name: 'a zero request under a ratio; a missing limit under a ratio (init container)',
      yaml:
        limitRange('    - type: Container\n      maxLimitRequestRatio: {memory: "4"}\n') +
        POD_WEB +
        yaml`
          spec:
            initContainers:
              - name: migrate
                resources:
                  requests: {memory: 64Mi}
            containers:
              - name: web
                resources: {requests: {memory: "0"}, limits: {memory: 512Mi}}
        `,
      problems: [
        { messageId: 'ratioNeedsLimit', args: ['Pod shop/web', 'init container', 'migrate', 4, 'LimitRange shop/limits', 67108864], line: 15, column: 7, endLine: 15, endColumn: 16, container: 'migrate' },
        { messageId: 'ratioNeedsRequest', args: ['Pod shop/web', 'container', 'web', 4, 'LimitRange shop/limits', 536870912], line: 19, column: 38, endLine: 19, endColumn: 41, container: 'web' },
      ],
    },
    {
      name: 'Pod max: app containers and the native sidecar add up (multi-document, CronJob)',
      yaml:
        limitRange('    - type: Pod\n      max: {memory: 1Gi}\n') +
        yaml`
          apiVersion: batch/v1
          kind: CronJob
          metadata: {name: report, namespace: shop}
          spec:
            schedule: "0 * * * *"
            jobTemplate:
              spec:
                template:
                  spec:
                    restartPolicy: Never
                    initContainers:
                      - name: proxy
                        restartPolicy: Always
                        resources: {limits: {memory: 256Mi}}
                    containers:
                      - name: report
                        resources: {limits: {memory: 768Mi}}
                      - name: upload
                        resources: {limits: {memory: 128Mi}}
        `,
      problems: [{ messageId: 'limitAboveMax', args: ['CronJob shop/report', 'pod', undefined, 1207959552, '', 1073741824, 'LimitRange shop/limits'], line: 17, column: 9, endLine: 17, endColumn: 13 }],
    },
    {
      name: 'Pod max and min with no limits or requests at all, from two LimitRanges',
      yaml:
        limitRange('    - type: Pod\n      max: {memory: 2Gi}\n') +
        limitRange('    - type: Pod\n      min: {memory: 64Mi}\n', 'floor') +
        POD_WEB +
        yaml`
          spec:
            containers:
              - name: web
                image: nginx:1.27
        `,
      problems: [
        { messageId: 'limitMissingForMax', args: ['Pod shop/web', 'pod', undefined, 2147483648, 'LimitRange shop/limits'], line: 20, column: 1, endLine: 20, endColumn: 5 },
        { messageId: 'requestMissingForMin', args: ['Pod shop/web', 'pod', undefined, 67108864, 'LimitRange shop/floor'], line: 20, column: 1, endLine: 20, endColumn: 5 },
      ],
    },
    {
      name: 'Pod totals: a container without a limit adds to the requests only',
      yaml:
        limitRange('    - type: Pod\n      min: {memory: 1Gi}\n      max: {memory: 1Gi}\n') +
        POD_WEB +
        yaml`
          spec:
            containers:
              - name: a
                resources: {requests: {memory: 1Gi}}
              - name: b
                resources: {limits: {memory: 256Mi}}
        `,
      problems: [
        { messageId: 'limitBelowMin', args: ['Pod shop/web', 'pod', undefined, 268435456, '', 1073741824, 'LimitRange shop/limits'], line: 13, column: 1, endLine: 13, endColumn: 5 },
        { messageId: 'requestAboveMax', args: ['Pod shop/web', 'pod', undefined, 1342177280, '', 1073741824, 'LimitRange shop/limits'], line: 13, column: 1, endLine: 13, endColumn: 5 },
      ],
    },
  ],
});
