import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const MI = 2 ** 20;
const HOTSPOT_STACK = "HotSpot's default ThreadStackSize on Linux x86-64";
/** The worst-case budget's non-heap lines with no caps (the memory calculator's defaults). */
const UNCAPPED =
  'metaspace ≈206.9Mi (14,000,000 + 5,800 × 35,000 classes (memory calculator)) + ' +
  "code cache 240Mi (HotSpot's default ReservedCodeCacheSize with tiered compilation) + " +
  `thread stacks 250Mi (250 threads × 1Mi (${HOTSPOT_STACK})) + ` +
  "direct buffers 10Mi (the memory calculator's assumption when -XX:MaxDirectMemorySize is not set (HotSpot's own limit is then the maximum heap))";
const LESSON_FLAGS = '-XX:MaxRAMPercentage=75, -Xss512k, -XX:MaxMetaspaceSize=150M, -XX:ReservedCodeCacheSize=64M, -XX:MaxDirectMemorySize=128M';
const CAPS = '-XX:MaxMetaspaceSize=150m -XX:MaxDirectMemorySize=128m -XX:ReservedCodeCacheSize=128m';

const pod = (command: string, limit: string) => yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: api}
  spec:
    containers:
      - name: api
        command: ${command}
        resources:
          limits: {memory: ${limit}}
`;

ruleTester(rule, {
  valid: [
    { name: 'the lesson flags fit 2Gi in the worst case (1536 + 150 + 64 + 250 × 0.5 + 128 = 2003 MiB)', yaml: pod(`[java, ${LESSON_FLAGS}, -jar, /app.jar]`, '2Gi') },
    { name: '-Xmx overrides MaxRAMPercentage: the heap is jvm-heap-exceeds-limit’s', yaml: pod('[java, -XX:MaxRAMPercentage=90, -Xmx256m, -jar, /app.jar]', '1Gi') },
    { name: '90 % of 512Mi is a likely kill, reported by jvm-heap-exceeds-limit as an error', yaml: pod('[java, -XX:MaxRAMPercentage=90, -jar, /app.jar]', '512Mi') },
    { name: 'below ≈250Mi HotSpot ignores MaxRAMPercentage (MinRAMPercentage sizes the heap)', yaml: pod('[java, -XX:MaxRAMPercentage=75, -jar, /app.jar]', '200Mi') },
    { name: 'InitialRAMPercentage sizes only the initial heap, never above the maximum', yaml: pod('[java, -XX:InitialRAMPercentage=90, -jar, /app.jar]', '1Gi') },
    {
      name: 'unreadable options (a Secret) may hold -Xmx or caps',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              command: [java, -XX:MaxRAMPercentage=80, -jar, /app.jar]
              env: [{name: _JAVA_OPTIONS, valueFrom: {secretKeyRef: {name: jvm, key: opts}}}]
              resources: {limits: {memory: 1Gi}}
      `,
    },
    {
      name: 'no memory limit: the percentage is of the node’s memory (jvm-heap-without-limit’s finding)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              command: [java, -XX:MaxRAMPercentage=90, -jar, /app.jar]
      `,
    },
    {
      name: 'worstCaseThreads: 50 fits 70 % of 1Gi with these caps (716.8 + 128 + 64 + 50 + 64 MiB)',
      yaml: pod('[java, -XX:MaxRAMPercentage=70, -XX:MaxMetaspaceSize=128m, -XX:ReservedCodeCacheSize=64m, -XX:MaxDirectMemorySize=64m, -jar, /app.jar]', '1Gi'),
      options: { worstCaseThreads: 50 },
    },
  ],
  invalid: [
    {
      name: 'the lesson flags in 1Gi reserve 1235 MiB: at most ~54 % fits',
      yaml: pod(`[java, ${LESSON_FLAGS}, -jar, /app.jar]`, '1Gi'),
      problems: [
        {
          messageId: 'tooHigh',
          args: [
            'Pod api', 'api', 'container', '-XX:MaxRAMPercentage=75, command line', 75, 768 * MI, 1024 * MI, '', 467 * MI,
            'heap 768Mi (MaxRAMPercentage 75 % of 1Gi (-XX:MaxRAMPercentage=75, command line)) + metaspace 150Mi (-XX:MaxMetaspaceSize=150M (command line)) + ' +
              'code cache 64Mi (-XX:ReservedCodeCacheSize=64M (command line)) + thread stacks 125Mi (250 threads × 512Ki (-Xss512k (command line))) + ' +
              'direct buffers 128Mi (-XX:MaxDirectMemorySize=128M (command line)) = 1235Mi',
            54, 1868 * MI,
          ],
          line: 7, column: 23, endLine: 7, endColumn: 46, container: 'api',
        },
      ],
    },
    {
      name: 'the deprecated MaxRAMFraction=2 is 50 %; uncapped regions count at the calculator’s defaults',
      yaml: pod('[java, -XX:MaxRAMFraction=2, -jar, /app.jar]', '1Gi'),
      problems: [
        {
          messageId: 'tooHigh',
          args: [
            'Pod api', 'api', 'container', '-XX:MaxRAMFraction=2, command line', 50, 512 * MI, 1024 * MI, '', 741_288_000,
            `heap 512Mi (MaxRAMPercentage 50 % of 1Gi (-XX:MaxRAMFraction=2, command line)) + ${UNCAPPED} = ≈1218.9Mi`,
            30, 1414 * MI,
          ],
          line: 7, column: 23, endLine: 7, endColumn: 43, container: 'api',
        },
      ],
    },
    {
      name: 'nothing fits 600Mi even with caps: cap the regions and raise the limit',
      yaml: pod('[java, -XX:MaxRAMPercentage=60, -jar, /app.jar]', '600Mi'),
      problems: [
        {
          messageId: 'nothingFits',
          args: [
            'Pod api', 'api', 'container', '-XX:MaxRAMPercentage=60, command line', 60, 600 * MI, '', 741_288_000,
            `heap 360Mi (MaxRAMPercentage 60 % of 600Mi (-XX:MaxRAMPercentage=60, command line)) + ${UNCAPPED} = ≈1066.9Mi`,
            CAPS, 0, 1640 * MI,
          ],
          line: 7, column: 23, endLine: 7, endColumn: 46, container: 'api',
        },
      ],
    },
    {
      name: 'options from a ConfigMap in another document; an init container and a native sidecar give two problems',
      yaml: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: jvm, namespace: shop}
        data:
          opts: -XX:MaxRAMPercentage=75 -XX:MaxMetaspaceSize=150M -XX:ReservedCodeCacheSize=64M -XX:MaxDirectMemorySize=128M -Xss512k
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: orders, namespace: shop}
        spec:
          template:
            spec:
              initContainers:
                - name: warmup
                  command: [java, -jar, /warmup.jar]
                  env: [{name: JAVA_TOOL_OPTIONS, valueFrom: {configMapKeyRef: {name: jvm, key: opts}}}]
                  resources: {limits: {memory: 1Gi}}
                - name: agent
                  restartPolicy: Always
                  command: [java, -XX:MaxRAMPercentage=60, -XX:MaxMetaspaceSize=64m, -XX:ReservedCodeCacheSize=32m, -XX:MaxDirectMemorySize=16m, -jar, /agent.jar]
                  resources: {limits: {memory: 512Mi}}
              containers:
                - name: orders
                  command: [java, -jar, /orders.jar]
                  env: [{name: JAVA_TOOL_OPTIONS, valueFrom: {configMapKeyRef: {name: jvm, key: opts}}}]
                  resources: {limits: {memory: 2Gi}}
      `,
      problems: [
        {
          messageId: 'tooHigh',
          args: [
            'Deployment shop/orders', 'warmup', 'init container', '-XX:MaxRAMPercentage=75, JAVA_TOOL_OPTIONS', 75, 768 * MI, 1024 * MI, '', 467 * MI,
            'heap 768Mi (MaxRAMPercentage 75 % of 1Gi (-XX:MaxRAMPercentage=75, JAVA_TOOL_OPTIONS)) + metaspace 150Mi (-XX:MaxMetaspaceSize=150M (JAVA_TOOL_OPTIONS)) + ' +
              'code cache 64Mi (-XX:ReservedCodeCacheSize=64M (JAVA_TOOL_OPTIONS)) + thread stacks 125Mi (250 threads × 512Ki (-Xss512k (JAVA_TOOL_OPTIONS))) + ' +
              'direct buffers 128Mi (-XX:MaxDirectMemorySize=128M (JAVA_TOOL_OPTIONS)) = 1235Mi',
            54, 1868 * MI,
          ],
          line: 5, column: 9, endLine: 5, endColumn: 126, container: 'warmup',
        },
        {
          messageId: 'tooHigh',
          args: [
            'Deployment shop/orders', 'agent', 'sidecar container', '-XX:MaxRAMPercentage=60, command line', 60, 322_122_547, 512 * MI, '', 362 * MI,
            'heap ≈307.2Mi (MaxRAMPercentage 60 % of 512Mi (-XX:MaxRAMPercentage=60, command line)) + metaspace 64Mi (-XX:MaxMetaspaceSize=64m (command line)) + ' +
              `code cache 32Mi (-XX:ReservedCodeCacheSize=32m (command line)) + thread stacks 250Mi (250 threads × 1Mi (${HOTSPOT_STACK})) + ` +
              'direct buffers 16Mi (-XX:MaxDirectMemorySize=16m (command line)) = ≈669.2Mi',
            29, 905 * MI,
          ],
          line: 20, column: 27, endLine: 20, endColumn: 50, container: 'agent',
        },
      ],
    },
    {
      name: 'worstCaseThreads: 100 counts 100 stacks',
      yaml: pod('[java, -XX:MaxRAMPercentage=70, -XX:MaxMetaspaceSize=128m, -XX:ReservedCodeCacheSize=64m, -XX:MaxDirectMemorySize=64m, -jar, /app.jar]', '1Gi'),
      options: { worstCaseThreads: 100 },
      problems: [
        {
          messageId: 'tooHigh',
          args: [
            'Pod api', 'api', 'container', '-XX:MaxRAMPercentage=70, command line', 70, 751_619_276, 1024 * MI, '', 356 * MI,
            'heap ≈716.8Mi (MaxRAMPercentage 70 % of 1Gi (-XX:MaxRAMPercentage=70, command line)) + metaspace 128Mi (-XX:MaxMetaspaceSize=128m (command line)) + ' +
              `code cache 64Mi (-XX:ReservedCodeCacheSize=64m (command line)) + thread stacks 100Mi (100 threads × 1Mi (${HOTSPOT_STACK})) + ` +
              'direct buffers 64Mi (-XX:MaxDirectMemorySize=64m (command line)) = ≈1072.8Mi',
            65, 1187 * MI,
          ],
          line: 7, column: 23, endLine: 7, endColumn: 46, container: 'api',
        },
      ],
    },
  ],
});
