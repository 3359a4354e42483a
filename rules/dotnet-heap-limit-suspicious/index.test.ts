import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

ruleTester(rule, {
  valid: [
    {
      name: 'hexadecimal written as such, with and without 0x',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: a
              image: mcr.microsoft.com/dotnet/aspnet:8.0
              env: [{name: DOTNET_GCHeapHardLimit, value: "0x20000000"}]
              resources: {limits: {memory: 1Gi}}
            - name: b
              image: mcr.microsoft.com/dotnet/aspnet:8.0
              env: [{name: DOTNET_GCHeapHardLimitPercent, value: "0x4B"}]
              resources: {limits: {memory: 1Gi}}
            - name: c
              image: mcr.microsoft.com/dotnet/aspnet:8.0
              env: [{name: COMPlus_GCHeapHardLimitPercent, value: 1E}]
      `,
    },
    {
      name: 'digits whose hex reading is a whole number of MiB may be meant as hex (0x20000000 = 512Mi)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: mcr.microsoft.com/dotnet/aspnet:8.0
              env: [{name: DOTNET_GCHeapHardLimit, value: "20000000"}]
              resources: {limits: {memory: 1Gi}}
      `,
    },
    {
      name: 'a misspelled name is ignored by the runtime; COMPlus_ is overridden by DOTNET_; 5 reads the same in both bases',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: a
              image: mcr.microsoft.com/dotnet/aspnet:8.0
              env: [{name: DOTNET_gcHeapHardLimitPercent, value: "75"}]
            - name: b
              image: mcr.microsoft.com/dotnet/aspnet:8.0
              env:
                - {name: COMPlus_GCHeapHardLimitPercent, value: "75"}
                - {name: DOTNET_GCHeapHardLimitPercent, value: "0x4B"}
            - name: c
              image: mcr.microsoft.com/dotnet/aspnet:8.0
              env: [{name: DOTNET_GCHeapHardLimitPercent, value: "5"}]
      `,
    },
  ],
  invalid: [
    {
      name: 'percent 75 is 0x75 = 117 %, which the runtime ignores',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: mcr.microsoft.com/dotnet/aspnet:8.0
                  env:
                    - name: DOTNET_GCHeapHardLimitPercent
                      value: "75"
                  resources:
                    limits: {memory: 1Gi}
      `,
      problems: [
        {
          messageId: 'hexPercent',
          args: ['Deployment shop/api', 'api', 'container', 'DOTNET_GCHeapHardLimitPercent', '75', 'env', 117, 75, '0x4B', 'ignored'],
          line: 12,
          column: 22,
          endLine: 12,
          endColumn: 26,
          container: 'api',
        },
      ],
    },
    {
      name: 'decimal bytes read as hex: 536870912 is ≈20.8Gi',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: mcr.microsoft.com/dotnet/aspnet:8.0
              env: [{name: DOTNET_GCHeapHardLimit, value: "536870912"}]
              resources: {limits: {memory: 1Gi}}
      `,
      problems: [
        {
          messageId: 'hexBytes',
          args: ['Pod api', 'api', 'container', 'DOTNET_GCHeapHardLimit', '536870912', 'env', 0x536870912, 512 * MiB, '0x20000000', GiB],
          line: 8,
          column: 51,
          endLine: 8,
          endColumn: 62,
          container: 'api',
        },
      ],
    },
    {
      name: 'decimal bytes that would not fit the limit either: the fix is 75 % of the limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: mcr.microsoft.com/dotnet/aspnet:8.0
              env: [{name: DOTNET_GCHeapHardLimit, value: "1073741824"}]
              resources: {limits: {memory: 512Mi}}
      `,
      problems: [
        {
          messageId: 'hexBytes',
          args: ['Pod api', 'api', 'container', 'DOTNET_GCHeapHardLimit', '1073741824', 'env', 0x1073741824, GiB, '0x40000000', 512 * MiB],
          line: 8,
          column: 51,
          endLine: 8,
          endColumn: 63,
          container: 'api',
        },
      ],
    },
    {
      name: 'a hard limit above the container limit (hex, and the ambiguous digits) is a warning',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: a
              image: mcr.microsoft.com/dotnet/aspnet:8.0
              env: [{name: DOTNET_GCHeapHardLimit, value: "0x40000000"}]
              resources: {limits: {memory: 512Mi}}
            - name: b
              image: mcr.microsoft.com/dotnet/aspnet:8.0
              env: [{name: COMPlus_GCHeapHardLimit, value: "20000000"}]
              resources: {limits: {memory: 256Mi}}
      `,
      problems: [
        {
          messageId: 'aboveLimit',
          args: ['Pod api', 'a', 'container', 'DOTNET_GCHeapHardLimit', '0x40000000', 'env', GiB, 512 * MiB, 'container'],
          line: 8,
          column: 51,
          endLine: 8,
          endColumn: 63,
          container: 'a',
          severity: 'warning',
        },
        {
          messageId: 'aboveLimit',
          args: ['Pod api', 'b', 'container', 'COMPlus_GCHeapHardLimit', '20000000', 'env', 512 * MiB, 256 * MiB, 'container'],
          line: 12,
          column: 52,
          endLine: 12,
          endColumn: 62,
          container: 'b',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'multi-document: a ConfigMap value in an init container, a per-object-heap percentage in a native sidecar',
      yaml: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: gc}
        data:
          DOTNET_GCHeapHardLimitPercent: "50"
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          initContainers:
            - name: migrate
              image: mcr.microsoft.com/dotnet/runtime:8.0
              envFrom:
                - configMapRef: {name: gc}
              resources: {limits: {memory: 512Mi}}
            - name: agent
              image: mcr.microsoft.com/dotnet/runtime:8.0
              restartPolicy: Always
              env:
                - {name: DOTNET_GCHeapHardLimitSOHPercent, value: "64"}
          containers:
            - name: api
              image: mcr.microsoft.com/dotnet/aspnet:8.0
      `,
      problems: [
        {
          messageId: 'hexPercent',
          args: ['Pod api', 'migrate', 'init container', 'DOTNET_GCHeapHardLimitPercent', '50', 'envFrom ConfigMap gc key DOTNET_GCHeapHardLimitPercent', 80, 50, '0x32', 'applied'],
          line: 5,
          column: 34,
          endLine: 5,
          endColumn: 38,
          container: 'migrate',
        },
        {
          messageId: 'hexPercent',
          args: ['Pod api', 'agent', 'sidecar container', 'DOTNET_GCHeapHardLimitSOHPercent', '64', 'env', 100, 64, '0x40', 'fatal'],
          line: 21,
          column: 59,
          endLine: 21,
          endColumn: 63,
          container: 'agent',
        },
      ],
    },
    {
      name: 'two problems in one container; the pod-level limit bounds it',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          resources:
            limits: {memory: 1Gi}
          containers:
            - name: api
              image: mcr.microsoft.com/dotnet/aspnet:8.0
              env:
                - {name: DOTNET_GCHeapHardLimit, value: "0x80000000"}
                - {name: DOTNET_GCTotalPhysicalMemory, value: "2147483648"}
      `,
      problems: [
        {
          messageId: 'aboveLimit',
          args: ['Pod api', 'api', 'container', 'DOTNET_GCHeapHardLimit', '0x80000000', 'env', 2 * GiB, GiB, 'pod'],
          line: 11,
          column: 49,
          endLine: 11,
          endColumn: 61,
          container: 'api',
          severity: 'warning',
        },
        {
          messageId: 'hexBytes',
          args: ['Pod api', 'api', 'container', 'DOTNET_GCTotalPhysicalMemory', '2147483648', 'env', 0x2147483648, 2 * GiB, '0x80000000', undefined],
          line: 12,
          column: 55,
          endLine: 12,
          endColumn: 67,
          container: 'api',
        },
      ],
    },
  ],
});
