import { describe, expect, it } from 'vitest';
import { problemsOf, ruleTester, yaml } from '../../test/rule-tester.js';
import invalid from '../memory-quantity-invalid/index.js';
import rule from './index.js';

const MI = 2 ** 20;

ruleTester(rule, {
  valid: [
    {
      name: 'ordinary sizes in every place, including exact byte counts and exponents',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          runtimeClassName: kata
          overhead: {memory: 120Mi}
          resources:
            requests: {memory: 1e9}
            limits: {memory: 2Gi}
          initContainers:
            - name: migrate
              resources: {requests: {memory: 104857599}, limits: {memory: 1073741824}}
          containers:
            - name: web
              resources:
                requests: {memory: "0"}
                limits: {memory: 0.5Gi}
          volumes:
            - name: tmp
              emptyDir: {medium: Memory, sizeLimit: 1Mi}
            - name: scratch
              emptyDir: {sizeLimit: 0}
      `,
    },
    {
      name: 'a large millibyte value is a computed byte count (VPA), not a typo for Mi',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              resources: {limits: {memory: 4294967296000m}}
      `,
    },
    {
      name: 'values the API server rejects are memory-quantity-invalid findings only',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          resources: {limits: {memory: -512m}}
          containers:
            - name: web
              resources: {requests: {memory: 512MB}, limits: {memory: 1g}}
            - name: log
              resources: {limits: {memory: true}}
      `,
    },
    {
      name: 'a zero limit under a positive request is rejected by the API (memory-limit-below-request)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              resources: {requests: {memory: 256Mi}, limits: {memory: 0}}
      `,
    },
    {
      name: 'minBytes lowered: a 2Mi limit is accepted',
      options: { minBytes: MI },
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: pause}
        spec:
          containers:
            - name: pause
              resources: {limits: {memory: 2Mi}}
      `,
    },
  ],
  invalid: [
    {
      name: 'millibytes in the limit and a bare number in the request of one container',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            spec:
              containers:
                - name: api
                  resources:
                    requests:
                      memory: 512
                    limits:
                      memory: 512m
      `,
      problems: [
        { messageId: 'bareNumber', args: ['Deployment shop/api', 'container "api" memory request', '512', 512, 'request', '512Mi'], line: 11, column: 23, endLine: 11, endColumn: 26, container: 'api' },
        {
          messageId: 'subByteUnit',
          args: ['Deployment shop/api', 'container "api" memory limit', '512m', 'm', 0.512, 1, 'limit', '512Mi'],
          line: 13,
          column: 23,
          endLine: 13,
          endColumn: 27,
          container: 'api',
        },
      ],
    },
    {
      name: 'too small for a native sidecar and an init container, second document',
      yaml: yaml`
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          initContainers:
            - name: migrate
              resources: {requests: {memory: 512k}}
            - name: proxy
              restartPolicy: Always
              resources: {limits: {memory: 5e5}}
          containers:
            - name: web
              resources: {requests: {memory: 512u}}
      `,
      problems: [
        { messageId: 'requestTooSmall', args: ['Pod shop/web', 'init container "migrate" memory request', '512k', 512000, 4 * MI], line: 11, column: 38, endLine: 11, endColumn: 42, container: 'migrate' },
        { messageId: 'limitTooSmall', args: ['Pod shop/web', 'sidecar container "proxy" memory limit', '5e5', 500000, 4 * MI], line: 14, column: 36, endLine: 14, endColumn: 39, container: 'proxy' },
        {
          messageId: 'subByteUnit',
          args: ['Pod shop/web', 'container "web" memory request', '512u', 'u', 0.000512, 1, 'request', '512Mi'],
          line: 17,
          column: 38,
          endLine: 17,
          endColumn: 42,
          container: 'web',
        },
      ],
    },
    {
      name: 'pod-level limit, overhead and emptyDir sizeLimits',
      yaml: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: {name: report}
        spec:
          template:
            spec:
              runtimeClassName: kata
              overhead: {memory: 120}
              resources:
                requests: {memory: 1Gi}
                limits: {memory: 2048}
              containers:
                - name: report
              volumes:
                - name: tmp
                  emptyDir: {medium: Memory, sizeLimit: 64m}
                - name: spool
                  emptyDir: {sizeLimit: "500"}
      `,
      problems: [
        { messageId: 'bareNumber', args: ['Job report', 'pod-level memory limit', '2048', 2048, 'podLimit', '2048Mi'], line: 11, column: 26, endLine: 11, endColumn: 30 },
        { messageId: 'bareNumber', args: ['Job report', 'pod overhead memory', '120', 120, 'overhead', '120Mi'], line: 8, column: 26, endLine: 8, endColumn: 29 },
        {
          messageId: 'subByteUnit',
          args: ['Job report', 'emptyDir volume "tmp" (medium: Memory) sizeLimit', '64m', 'm', 0.064, 1, 'sizeLimit', '64Mi'],
          line: 16,
          column: 49,
          endLine: 16,
          endColumn: 52,
        },
        { messageId: 'bareNumber', args: ['Job report', 'emptyDir volume "spool" sizeLimit', '500', 500, 'sizeLimit', '500Mi'], line: 18, column: 33, endLine: 18, endColumn: 38 },
      ],
    },
    {
      name: 'a unit with no number, a zero limit, and a small bare number read as GiB',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              resources: {requests: {memory: Mi}, limits: {memory: 0}}
            - name: worker
              resources: {limits: {memory: 1.5}}
      `,
      problems: [
        { messageId: 'noNumber', args: ['Pod web', 'container "web" memory request', 'Mi'], line: 7, column: 38, endLine: 7, endColumn: 40, container: 'web' },
        { messageId: 'zeroLimit', args: ['Pod web', 'container "web" memory limit', '0'], line: 7, column: 60, endLine: 7, endColumn: 61, container: 'web' },
        { messageId: 'bareNumber', args: ['Pod web', 'container "worker" memory limit', '1.5', 1.5, 'limit', '1.5Gi'], line: 9, column: 36, endLine: 9, endColumn: 39, container: 'worker' },
      ],
    },
    {
      name: 'fractional bytes are a warning at most',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              resources: {requests: {memory: 0.1Gi}, limits: {memory: 731815514666m}}
      `,
      problems: [
        { messageId: 'fractional', args: ['Pod web', 'container "web" memory request', '0.1Gi', 107374182.4, 107374183], line: 7, column: 38, endLine: 7, endColumn: 43, container: 'web', severity: 'warning' },
        {
          messageId: 'fractional',
          args: ['Pod web', 'container "web" memory limit', '731815514666m', 731815514.666, 731815515],
          line: 7,
          column: 63,
          endLine: 7,
          endColumn: 76,
          container: 'web',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'minBytes raised to CRI-O minimum (12Mi) reports an 8Mi limit',
      options: { minBytes: 12 * MI },
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: pause}
        spec:
          containers:
            - name: pause
              resources: {requests: {memory: 8Mi}, limits: {memory: 8Mi}}
      `,
      problems: [
        { messageId: 'requestTooSmall', args: ['Pod pause', 'container "pause" memory request', '8Mi', 8 * MI, 12 * MI], line: 7, column: 38, endLine: 7, endColumn: 41, container: 'pause' },
        { messageId: 'limitTooSmall', args: ['Pod pause', 'container "pause" memory limit', '8Mi', 8 * MI, 12 * MI], line: 7, column: 61, endLine: 7, endColumn: 64, container: 'pause' },
      ],
    },
  ],
});

describe('memory-quantity-invalid and memory-quantity-suspicious', () => {
  const values = ['1g', '512MB', '"1 Gi"', '1Gb', 'abc', '1e', 'true', '-1Gi', '-512m', '512m', '0.5Ki', '1.1', '1e9', '0.1Gi', '1000m', '512u', '5e-1', '""', 'Gi', '0', '-0', '1e400', '-1e400', '.5m', '512', '2Mi', '0x10', 'yes'];
  it('never report the same value twice, in any place', () => {
    for (const value of values) {
      const text = yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          runtimeClassName: kata
          overhead: {memory: ${value}}
          resources: {requests: {memory: ${value}}, limits: {memory: ${value}}}
          containers:
            - name: c
              resources: {requests: {memory: ${value}}, limits: {memory: ${value}}}
          volumes:
            - {name: v, emptyDir: {sizeLimit: ${value}}}
      `;
      const reported = [...problemsOf(invalid, text), ...problemsOf(rule, text)].map((p) => `${p.source.line}:${p.source.column}`);
      expect(new Set(reported).size, value).toBe(reported.length);
    }
  });
});
