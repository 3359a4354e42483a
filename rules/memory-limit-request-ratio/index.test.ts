import { describe, expect, it } from 'vitest';
import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const MI = 2 ** 20;

ruleTester(rule, {
  valid: [
    {
      name: 'limit exactly maxRatio × request',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 256Mi}
                limits: {memory: 1Gi}
      `,
    },
    {
      name: 'no limit, limit only, and a zero limit (no cgroup limit) are other rules\' findings',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 64Mi}
            - name: worker
              image: shop/worker:2.1
              resources:
                limits: {memory: 4Gi}
            - name: batch
              image: shop/batch:2.1
              resources:
                requests: {memory: 64Mi}
                limits: {memory: 0}
      `,
    },
    {
      name: 'LimitRange defaults within the ratio',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults}
        spec:
          limits:
            - type: Container
              default: {memory: 1Gi}
              defaultRequest: {memory: 256Mi}
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
      name: 'maxRatio 8 allows an 8× limit',
      options: { maxRatio: 8 },
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 256Mi}
                limits: {memory: 2Gi}
      `,
    },
  ],
  invalid: [
    {
      name: 'limit 8× the request points at the limit',
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
                    requests: {memory: 256Mi}
                    limits: {memory: 2Gi}
      `,
      problems: [
        { messageId: 'highRatio', args: ['Deployment shop/api', 'api', 'container', 256 * MI, 2048 * MI, 4, 512 * MI, 1024 * MI], line: 14, column: 30, endLine: 14, endColumn: 33, container: 'api' },
      ],
    },
    {
      name: 'init container 16×, native sidecar with a zero request',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: warmup
              image: shop/warmup:1.0
              resources:
                requests: {memory: 64Mi}
                limits: {memory: 1Gi}
            - name: proxy
              image: envoyproxy/envoy:v1.31.0
              restartPolicy: Always
              resources:
                requests: {memory: "0"}
                limits: {memory: 512Mi}
          containers:
            - name: web
              image: nginx:1.27
              resources:
                requests: {memory: 256Mi}
                limits: {memory: 512Mi}
      `,
      problems: [
        { messageId: 'highRatio', args: ['Pod web', 'warmup', 'init container', 64 * MI, 1024 * MI, 4, 256 * MI, 256 * MI], line: 10, column: 26, endLine: 10, endColumn: 29, container: 'warmup' },
        { messageId: 'zeroRequest', args: ['Pod web', 'proxy', 'sidecar container', 512 * MI, 4, 128 * MI], line: 15, column: 28, endLine: 15, endColumn: 31, container: 'proxy' },
      ],
    },
    {
      name: 'LimitRange defaults: both values (a hint) or the limit under a written request (multi-document)',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: jobs}
        spec:
          limits:
            - type: Container
              default: {memory: 2Gi}
              defaultRequest: {memory: 256Mi}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: jobs}
        spec:
          containers:
            - name: web
              image: nginx:1.27
            - name: worker
              image: shop/worker:2.1
              resources:
                requests: {memory: 128Mi}
      `,
      problems: [
        {
          messageId: 'fromLimitRange',
          args: ['Pod jobs/web', 'web', 'container', 256 * MI, 2048 * MI, 4, 'request and limit', 'LimitRange jobs/defaults', 512 * MI, 1024 * MI],
          line: 15,
          column: 13,
          endLine: 15,
          endColumn: 16,
          container: 'web',
          severity: 'info',
        },
        {
          messageId: 'fromLimitRange',
          args: ['Pod jobs/web', 'worker', 'container', 128 * MI, 2048 * MI, 4, 'limit', 'LimitRange jobs/defaults', 512 * MI, 512 * MI],
          line: 19,
          column: 7,
          endLine: 19,
          endColumn: 16,
          container: 'worker',
        },
      ],
    },
    {
      name: 'maxRatio 2 flags a 3× limit',
      options: { maxRatio: 2 },
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
                limits: {memory: 1536Mi}
      `,
      problems: [
        { messageId: 'highRatio', args: ['Pod cache', 'redis', 'container', 512 * MI, 1536 * MI, 2, 768 * MI, 1024 * MI], line: 10, column: 26, endLine: 10, endColumn: 32, container: 'redis' },
      ],
    },
  ],
});

describe('memory-limit-request-ratio messages', () => {
  it('print the ratio with one decimal, more when one decimal would print the threshold', () => {
    expect(rule.messages.highRatio('Pod web', 'web', 'container', 256 * MI, 2048 * MI, 4, 512 * MI, 1024 * MI)).toContain('2Gi memory limit 8.0× its 256Mi request');
    expect(rule.messages.highRatio('Pod web', 'web', 'container', 256 * MI, 1030 * MI, 4, 258 * MI, 1024 * MI)).toContain('4.02× its 256Mi request (more than 4×)');
  });
});
