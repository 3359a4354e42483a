import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    {
      name: 'sizeLimit well below the container limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              resources: {limits: {memory: 256Mi}}
          volumes:
            - name: cache
              emptyDir: {medium: Memory, sizeLimit: 64Mi}
      `,
    },
    {
      name: 'disk-backed emptyDir is never reported',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
          volumes:
            - name: scratch
              emptyDir: {}
            - name: tmp
              emptyDir: {medium: ""}
            - name: pages
              emptyDir: {medium: HugePages}
      `,
    },
    {
      name: 'an invalid sizeLimit is left to the quantity rule',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              resources: {limits: {memory: 256Mi}}
          volumes:
            - name: cache
              emptyDir: {medium: Memory, sizeLimit: 1gb}
            - name: flag
              emptyDir: {medium: Memory, sizeLimit: true}
      `,
    },
    {
      name: 'a sizeLimit bounds the tmpfs even when no container has a limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
          volumes:
            - name: cache
              emptyDir: {medium: Memory, sizeLimit: 64Mi}
      `,
    },
    {
      name: 'an init container with a larger limit could fill it',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: unpack
              resources: {limits: {memory: 2Gi}}
          containers:
            - name: web
              resources: {limits: {memory: 512Mi}}
          volumes:
            - name: data
              emptyDir: {medium: Memory, sizeLimit: 1Gi}
      `,
    },
  ],
  invalid: [
    {
      name: 'no sizeLimit: bounded by the pod limit, points at the emptyDir key',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: grafana, namespace: monitoring}
        spec:
          template:
            spec:
              containers:
                - name: grafana
                  resources: {limits: {memory: 512Mi}}
                - name: reloader
                  resources: {limits: {memory: 128Mi}}
              volumes:
                - name: tmp-plugins
                  emptyDir:
                    medium: Memory
      `,
      problems: [{ messageId: 'noSizeLimit', args: ['Deployment monitoring/grafana', 'tmp-plugins', 671088640, 536870912], line: 14, column: 11, endLine: 14, endColumn: 19 }],
    },
    {
      name: 'no sizeLimit and no container limit: the tmpfs can take node memory',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: tgi}
        spec:
          template:
            spec:
              containers:
                - name: server
                  resources: {requests: {memory: 8Gi}}
              volumes:
                - name: dshm
                  emptyDir: {medium: Memory}
      `,
      problems: [{ messageId: 'noSizeLimit', args: ['Deployment tgi', 'dshm', undefined, undefined], line: 12, column: 11, endLine: 12, endColumn: 19 }],
    },
    {
      name: 'sizeLimit above the largest container limit points at the value',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              resources: {limits: {memory: 512Mi}}
          volumes:
            - name: cache
              emptyDir:
                medium: Memory
                sizeLimit: 1Gi
      `,
      problems: [{ messageId: 'sizeLimitAboveLimit', args: ['Pod web', 'cache', 1073741824, 536870912, 'container "web"'], line: 12, column: 20, endLine: 12, endColumn: 23 }],
    },
    {
      name: 'two volumes in the second document: one unbounded, one as big as the native sidecar limit',
      yaml: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: unrelated}
        data: {a: b}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: worker}
        spec:
          initContainers:
            - name: agent
              restartPolicy: Always
              resources: {limits: {memory: 256Mi}}
          containers:
            - name: worker
              resources: {limits: {memory: 128Mi}}
          volumes:
            - name: spool
              emptyDir: {medium: Memory}
            - name: buffer
              emptyDir: {medium: Memory, sizeLimit: "268435456"}
      `,
      problems: [
        { messageId: 'noSizeLimit', args: ['Pod worker', 'spool', 402653184, 268435456], line: 19, column: 7, endLine: 19, endColumn: 15 },
        { messageId: 'sizeLimitAboveLimit', args: ['Pod worker', 'buffer', 268435456, 268435456, 'sidecar container "agent"'], line: 21, column: 45, endLine: 21, endColumn: 56 },
      ],
    },
    {
      name: 'sizeLimit 0 is ignored by the kubelet',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              resources: {limits: {memory: 256Mi}}
          volumes:
            - name: cache
              emptyDir: {medium: Memory, sizeLimit: 0}
      `,
      problems: [{ messageId: 'zeroSizeLimit', args: ['Pod web', 'cache'], line: 10, column: 45, endLine: 10, endColumn: 46 }],
    },
    {
      name: 'limits from a LimitRange default and a pod-level limit count',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: jobs}
        spec:
          limits:
            - type: Container
              default: {memory: 1Gi}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: render, namespace: jobs}
        spec:
          resources:
            limits: {memory: 768Mi}
          containers:
            - name: render
          volumes:
            - name: frames
              emptyDir: {medium: Memory, sizeLimit: 2Gi}
      `,
      problems: [{ messageId: 'sizeLimitAboveLimit', args: ['Pod jobs/render', 'frames', 2147483648, 805306368, 'the pod-level limit'], line: 19, column: 45, endLine: 19, endColumn: 48 }],
    },
  ],
});
