import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const MIB = 2 ** 20;
const GIB = 2 ** 30;
// Worst-case non-heap with no caps set (docs/jvm-budget.md): metaspace 14,000,000 + 5,800 × 35,000 B,
// 240 MiB of code cache, 250 threads × 1 MiB of stack, 10 MiB of direct buffers (the calculator's),
// then the measured 128 MiB of other native memory; and the collector: without a limit HotSpot picks
// G1 (a server-class machine assumed), 37 MiB + 3.94 % of the heap.
const DEFAULT_NON_HEAP = 217_000_000 + 240 * MIB + 250 * MIB + 10 * MIB + 128 * MIB;
const G1 = (heap: number) => Math.ceil(37 * MIB + heap * 0.0394);

ruleTester(rule, {
  valid: [
    {
      name: '-Xmx2g with a 3Gi limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: eclipse-temurin:21-jre
              command: [java, -Xmx2g, -jar, app.jar]
              resources: {limits: {memory: 3Gi}}
      `,
    },
    {
      name: 'a pod-level limit bounds the container',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          resources:
            limits: {memory: 3Gi}
          containers:
            - name: api
              command: [java, -Xmx2g, -jar, app.jar]
      `,
    },
    {
      name: 'a LimitRange default limit bounds the container (memory-limit-missing names it)',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: shop}
        spec:
          limits:
            - type: Container
              default: {memory: 3Gi}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: api, namespace: shop}
        spec:
          containers:
            - name: api
              command: [java, -Xmx2g, -jar, app.jar]
      `,
    },
    {
      name: 'a written but invalid limit is memory-quantity-invalid\'s finding',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              command: [java, -Xmx2g, -jar, app.jar]
              resources: {limits: {memory: 3g}}
      `,
    },
    {
      name: 'no heap flag: MaxRAMPercentage alone does not fix the heap',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              command: [java, -XX:MaxRAMPercentage=75, -jar, app.jar]
      `,
    },
    {
      name: 'options from a Secret are never assumed to hold -Xmx',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: shop/api:1.4
              env:
                - name: JAVA_TOOL_OPTIONS
                  valueFrom: {secretKeyRef: {name: jvm, key: opts}}
      `,
    },
    {
      name: 'an image that sizes its own heap (Elasticsearch) with no heap flag',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: search}
        spec:
          containers:
            - name: es
              image: elasticsearch:8.15.0
              env: [{name: discovery.type, value: single-node}]
      `,
    },
  ],
  invalid: [
    {
      name: '-Xmx2g in JAVA_TOOL_OPTIONS with only a request: suggests the worst-case total',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: shop/api:1.4
                  env:
                    - name: JAVA_TOOL_OPTIONS
                      value: "-Xmx2g -XX:+UseG1GC"
                  resources:
                    requests: {memory: 2Gi}
      `,
      problems: [
        {
          messageId: 'noLimit',
          args: ['Deployment shop/api', 'container', 'api', '-Xmx2g (JAVA_TOOL_OPTIONS)', 2 * GIB, 2 * GIB + DEFAULT_NON_HEAP + G1(2 * GIB)],
          line: 12,
          column: 22,
          endLine: 12,
          endColumn: 43,
          container: 'api',
        },
      ],
    },
    {
      name: '-XX:MaxRAM bounds the heap without a limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: worker}
        spec:
          containers:
            - name: worker
              command: [java, -XX:MaxRAM=4g, -jar, worker.jar]
      `,
      problems: [
        {
          messageId: 'noLimit',
          args: ['Pod worker', 'container', 'worker', 'MaxRAMPercentage 25 % of 4Gi (HotSpot default; -XX:MaxRAM=4g, command line)', GIB, GIB + DEFAULT_NON_HEAP + G1(GIB)],
          line: 7,
          column: 23,
          endLine: 7,
          endColumn: 36,
          container: 'worker',
        },
      ],
    },
    {
      name: 'init container and native sidecar without limits; caps on non-heap regions shrink the total',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
            - name: migrate
              image: flyway/flyway:10
              env: [{name: JAVA_TOOL_OPTIONS, value: -Xmx256m}]
            - name: agent
              image: eclipse-temurin:21-jre
              restartPolicy: Always
              command: [java, -Xmx1g, -Xss512k, -XX:MaxMetaspaceSize=128m, -XX:ReservedCodeCacheSize=64m, -XX:MaxDirectMemorySize=64m, -jar, agent.jar]
          containers:
            - name: app
              image: eclipse-temurin:21-jre
              command: [java, -Xmx2g, -jar, app.jar]
              resources: {limits: {memory: 3Gi}}
      `,
      problems: [
        {
          messageId: 'noLimit',
          args: ['Pod p', 'init container', 'migrate', '-Xmx256m (JAVA_TOOL_OPTIONS)', 256 * MIB, 256 * MIB + DEFAULT_NON_HEAP + G1(256 * MIB)],
          line: 8,
          column: 46,
          endLine: 8,
          endColumn: 54,
          container: 'migrate',
        },
        {
          // 1024 + 128 metaspace + 64 code cache + 250 × 512Ki stacks + 64 direct = 1405 MiB, + 128 other + G1 ≈77.3 MiB.
          messageId: 'noLimit',
          args: ['Pod p', 'sidecar container', 'agent', '-Xmx1g (command line)', GIB, 1405 * MIB + 128 * MIB + G1(GIB)],
          line: 12,
          column: 23,
          endLine: 12,
          endColumn: 29,
          container: 'agent',
        },
      ],
    },
    {
      name: 'multi-document: KAFKA_HEAP_OPTS (passed to java by the Kafka image) in a StatefulSet without a limit',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  resources: {limits: {memory: 128Mi}}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: kafka}
        spec:
          template:
            spec:
              containers:
                - name: kafka
                  image: apache/kafka:3.8.0
                  env:
                    - {name: KAFKA_HEAP_OPTS, value: "-Xmx2g -Xms2g"}
      `,
      problems: [
        {
          messageId: 'noLimit',
          args: ['StatefulSet kafka', 'container', 'kafka', '-Xmx2g (KAFKA_HEAP_OPTS, which the Kafka image passes to java)', 2 * GIB, 2 * GIB + DEFAULT_NON_HEAP + G1(2 * GIB)],
          line: 22,
          column: 46,
          endLine: 22,
          endColumn: 61,
          container: 'kafka',
        },
      ],
    },
  ],
});
