import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const MI = 2 ** 20;
const HOTSPOT_STACK = "HotSpot's default ThreadStackSize on Linux x86-64";
/** The expected budget's non-heap lines for a JVM with no caps (docs/jvm-budget.md). */
const TYPICAL =
  'metaspace 114Mi (typical for ≈23,000 loaded classes (measured, OpenJDK 17)) + code cache 20Mi (typical compiled code (assumed; reserved: 240Mi)) + ' +
  `thread stacks ≈9.4Mi (150 threads × 64Ki touched (typical; 1Mi reserved each, ${HOTSPOT_STACK})) + direct buffers 64Mi (typical direct buffers (measured)) + ` +
  'other native memory ≈72.6Mi (symbol and string tables, class space, malloc arenas: the rest of the measured 280Mi non-heap)';
const SERIAL = (bytes: string) => `GC structures ${bytes} (Serial GC card table and mark stack: 0.35 % of the heap (measured with NMT); HotSpot picks Serial GC below 1792Mi of memory)`;
const G1 = (bytes: string) => `GC structures ${bytes} (G1 structures: 37Mi + 3.94 % of the heap (measured with NMT); HotSpot picks G1 with at least 1792Mi and 2 CPUs (CPU count assumed))`;

const pod = (command: string, limit: string) => yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: api}
  spec:
    containers:
      - name: api
        image: eclipse-temurin:21-jre
        command: ${command}
        resources:
          limits: {memory: ${limit}}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'no memory limit is jvm-heap-without-limit’s finding',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - {name: api, command: [java, -Xmx4g, -jar, /app.jar]}
      `,
    },
    {
      name: 'a Paketo image sizes the heap itself when no heap flag is given',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: paketobuildpacks/run-jammy-base:latest
              env: [{name: JAVA_TOOL_OPTIONS, value: "-XX:MaxRAMPercentage=90"}]
              resources: {limits: {memory: 256Mi}}
      `,
    },
    {
      name: 'options from a Secret may hold a heap flag: no claim about the default heap',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              command: [java, -jar, /app.jar]
              env:
                - name: JAVA_TOOL_OPTIONS
                  valueFrom: {secretKeyRef: {name: jvm, key: opts}}
              resources: {limits: {memory: 256Mi}}
      `,
    },
    { name: 'a JVM that refuses to start (flag names are case-sensitive) is never OOM-killed', yaml: pod('[java, -Xmx512m, -XX:maxRAMPercentage=50, -jar, /app.jar]', '512Mi') },
    {
      name: 'JDKs that cannot read the limit (8u181: no container support; 11.0.15: cgroup v1 only) size a default heap from the node',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - {name: old, image: openjdk:8u181-jre, command: [java, -jar, /app.jar], resources: {limits: {memory: 256Mi}}}
            - {name: api, image: eclipse-temurin:11.0.15_10-jre, command: [java, -jar, /app.jar], resources: {limits: {memory: 256Mi}}}
      `,
    },
    {
      name: 'a pod-level limit is not the cgroup the JVM reads: a default heap is sized from the node',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          resources: {limits: {memory: 256Mi}}
          containers: [{name: api, command: [java, -jar, /app.jar]}]
      `,
    },
    { name: 'worstCase: false keeps only the likely kills', yaml: pod('[java, -Xmx128m, -jar, /app.jar]', '500Mi'), options: { worstCase: false } },
    { name: 'a container that runs node is not a JVM', yaml: pod('[node, server.js]', '128Mi') },
  ],
  invalid: [
    {
      name: '-Xmx512m in a 512Mi container (lesson)',
      yaml: pod('[java, -Xmx512m, -jar, /app.jar]', '512Mi'),
      problems: [
        {
          messageId: 'heapAtLimit',
          // 512 + 0.35 % + 280 ≈ 793.8 MiB; 1.0035 h + 280 ≤ 512 → h ≤ 231.2 MiB = 45 %
          args: ['Pod api', 'api', 'container', 512 * MI, 512 * MI, '', `heap 512Mi (-Xmx512m (command line)) + ${SERIAL('≈1.8Mi')} + ${TYPICAL} = ≈793.8Mi`, 45, '-Xmx512m', '', 794 * MI],
          line: 8, column: 23, endLine: 8, endColumn: 31, container: 'api',
        },
      ],
    },
    {
      name: '-Xmx4g in 4Gi through JAVA_TOOL_OPTIONS points at the variable (lesson)',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: search, namespace: shop}
        spec:
          template:
            spec:
              containers:
                - name: search
                  image: eclipse-temurin:17-jre
                  command: [java, -jar, /search.jar]
                  env:
                    - name: JAVA_TOOL_OPTIONS
                      value: "-Xmx4g -XX:+UseG1GC"
                  resources:
                    limits: {memory: 4Gi}
      `,
      problems: [
        {
          messageId: 'heapAtLimit',
          args: [
            'Deployment shop/search', 'search', 'container', 4096 * MI, 4096 * MI, '',
            // G1: 37 + 3.94 % of 4096 ≈ 198.4 MiB; 1.0394 h + 317 ≤ 4096 → h ≤ 3635.8 MiB = 88 %
            'heap 4Gi (-Xmx4g (JAVA_TOOL_OPTIONS)) + GC structures ≈198.4Mi (G1 structures: 37Mi + 3.94 % of the heap (measured with NMT); -XX:+UseG1GC (JAVA_TOOL_OPTIONS)) + ' +
              `${TYPICAL} = ≈4574.4Mi`,
            88, '-Xmx4g', '', 4575 * MI,
          ],
          line: 13, column: 22, endLine: 13, endColumn: 43, container: 'search',
        },
      ],
    },
    {
      name: 'the default heap in 256Mi points at the limit: HotSpot floors the heap at ≈124.8Mi and the rest does not fit',
      yaml: pod('[java, -jar, /app.jar]', '256Mi'),
      problems: [
        {
          messageId: 'expectedOverLimit',
          args: [
            'Pod api', 'api', 'container', 424_921_578, 256 * MI, '',
            "heap ≈124.8Mi (HotSpot's floor of ≈124.8Mi (the default MaxHeapSize), above MaxRAMPercentage 25 % of 256Mi (HotSpot default)) + " +
              `${SERIAL('≈0.4Mi')} + ${TYPICAL} = ≈405.2Mi`,
            0, '', '', 406 * MI,
          ],
          line: 10, column: 26, endLine: 10, endColumn: 31, container: 'api',
        },
      ],
    },
    {
      name: '-Xmx400m leaves 112Mi for ≈281Mi of typical non-heap',
      yaml: pod('[java, -Xmx400m, -jar, /app.jar]', '512Mi'),
      problems: [
        {
          messageId: 'expectedOverLimit',
          args: ['Pod api', 'api', 'container', 714_499_687, 512 * MI, '', `heap 400Mi (-Xmx400m (command line)) + ${SERIAL('≈1.4Mi')} + ${TYPICAL} = ≈681.4Mi`, 45, '-Xmx400m', '', 682 * MI],
          line: 8, column: 23, endLine: 8, endColumn: 31, container: 'api',
        },
      ],
    },
    {
      name: 'a LimitRange default limit, in another document, is named; a default heap then points at the resources key',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: shop}
        spec:
          limits:
            - type: Container
              default: {memory: 256Mi}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: ledger, namespace: shop}
        spec:
          template:
            spec:
              containers:
                - name: ledger
                  command: [java, -jar, /ledger.jar]
                  resources:
                    requests: {cpu: 100m}
      `,
      problems: [
        {
          messageId: 'expectedOverLimit',
          args: [
            'StatefulSet shop/ledger', 'ledger', 'container', 424_921_578, 256 * MI, ' (the default of LimitRange shop/defaults)',
            "heap ≈124.8Mi (HotSpot's floor of ≈124.8Mi (the default MaxHeapSize), above MaxRAMPercentage 25 % of 256Mi (HotSpot default)) + " +
              `${SERIAL('≈0.4Mi')} + ${TYPICAL} = ≈405.2Mi`,
            0, '', '', 406 * MI,
          ],
          line: 18, column: 11, endLine: 18, endColumn: 20, container: 'ledger',
        },
      ],
    },
    {
      name: 'an init container and a Kafka native sidecar: two problems, each at its own flag',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: pipeline}
        spec:
          initContainers:
            - name: migrate
              image: flyway/flyway:10
              command: [java, -Xmx300m, -cp, /flyway/lib/*, org.flywaydb.commandline.Main, migrate]
              resources: {limits: {memory: 256Mi}}
            - name: broker
              image: apache/kafka:3.8.0
              restartPolicy: Always
              env: [{name: KAFKA_HEAP_OPTS, value: "-Xms1g -Xmx1g"}]
              resources: {limits: {memory: 1Gi}}
          containers:
            - name: app
              image: busybox
      `,
      problems: [
        {
          messageId: 'heapAtLimit',
          args: ['Pod pipeline', 'migrate', 'init container', 300 * MI, 256 * MI, '', `heap 300Mi (-Xmx300m (command line)) + ${SERIAL('≈1.1Mi')} + ${TYPICAL} = ≈581.1Mi`, 0, '-Xmx300m', '', 582 * MI],
          line: 8, column: 23, endLine: 8, endColumn: 31, container: 'migrate',
        },
        {
          messageId: 'heapAtLimit',
          args: [
            'Pod pipeline', 'broker', 'sidecar container', 1024 * MI, 1024 * MI, '',
            // 1.0035 h + 280 ≤ 1024 → h ≤ 741.4 MiB = 72 %
            `heap 1Gi (-Xmx1g (KAFKA_HEAP_OPTS, which the Kafka image passes to java)) + ${SERIAL('≈3.6Mi')} + ${TYPICAL} = ≈1307.6Mi`, 72, '-Xms1g -Xmx1g', '', 1308 * MI,
          ],
          line: 13, column: 44, endLine: 13, endColumn: 59, container: 'broker',
        },
      ],
    },
    {
      name: 'a pod-level limit bounds a container without its own',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          resources:
            limits: {memory: 2Gi}
          containers:
            - name: api
              command: [java, -XX:MaxHeapSize=2g, -jar, /app.jar]
      `,
      problems: [
        {
          messageId: 'heapAtLimit',
          args: [
            'Pod api', 'api', 'container', 2048 * MI, 2048 * MI, ' (the pod-level limit in spec.resources)',
            `heap 2Gi (-XX:MaxHeapSize=2g (command line)) + ${G1('≈117.7Mi')} + ${TYPICAL} = ≈2445.7Mi`, 81, '-XX:MaxHeapSize=2g', '', 2446 * MI,
          ],
          line: 9, column: 23, endLine: 9, endColumn: 41, container: 'api',
        },
      ],
    },
    {
      name: 'MaxRAMPercentage=100: raising the limit alone never fits, so the fix pins the heap',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              command: [java, -jar, /app.jar]
              env: [{name: JDK_JAVA_OPTIONS, value: -XX:MaxRAMPercentage=100}]
              resources: {limits: {memory: 1Gi}}
      `,
      problems: [
        {
          messageId: 'heapAtLimit',
          args: [
            'Pod api', 'api', 'container', 1024 * MI, 1024 * MI, '',
            `heap 1Gi (MaxRAMPercentage 100 % of 1Gi (-XX:MaxRAMPercentage=100, JDK_JAVA_OPTIONS)) + ${SERIAL('≈3.6Mi')} + ${TYPICAL} = ≈1307.6Mi`,
            72, '-XX:MaxRAMPercentage=100', '-Xmx1024m', 1308 * MI,
          ],
          line: 8, column: 45, endLine: 8, endColumn: 69, container: 'api',
        },
      ],
    },
  ],
});
