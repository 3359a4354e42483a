import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const MI = 2 ** 20;
const HOTSPOT_STACK = "HotSpot's default ThreadStackSize on Linux x86-64";
/** The lines the worst-case budget adds to the calculator's: the collector (`gc`, as formatted) and other native memory, measured. */
const SERIAL = "Serial GC card table and mark stack: 0.35 % of the heap (measured with NMT), which the memory calculator does not count; HotSpot picks Serial GC below 1792Mi of memory";
const G1 = "G1 structures: 37Mi + 3.94 % of the heap (measured with NMT), which the memory calculator does not count; HotSpot picks G1 with at least 1792Mi and 2 CPUs (CPU count assumed)";
const MEASURED = (gc: string, basis = SERIAL) =>
  `GC structures ${gc} (${basis}) + other native memory 128Mi (symbol tables, class-data archive, arenas, the JVM's own pages: the most measured (NMT and the memory cgroup), which the memory calculator does not count)`;
/** The worst-case budget's non-heap lines with no caps (the memory calculator's defaults), then the measured ones. */
const UNCAPPED = (gc: string) =>
  'metaspace ≈206.9Mi (14,000,000 + 5,800 × 35,000 classes (memory calculator)) + ' +
  "code cache 240Mi (HotSpot's default ReservedCodeCacheSize with tiered compilation) + " +
  `thread stacks 250Mi (250 threads × 1Mi (${HOTSPOT_STACK})) + ` +
  `direct buffers 10Mi (the memory calculator's assumption when -XX:MaxDirectMemorySize is not set (HotSpot's own limit is then the maximum heap)) + ${MEASURED(gc)}`;
/** The lesson's capped regions, as the calculator counts them: 150 + 64 + 250 × 0.5 + 128 = 467 MiB. */
const LESSON_CAPPED = (origin: string) =>
  `metaspace 150Mi (-XX:MaxMetaspaceSize=150M (${origin})) + code cache 64Mi (-XX:ReservedCodeCacheSize=64M (${origin})) + ` +
  `thread stacks 125Mi (250 threads × 512Ki (-Xss512k (${origin}))) + direct buffers 128Mi (-XX:MaxDirectMemorySize=128M (${origin}))`;
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
    {
      name: 'the lesson’s caps at 66 % fit 2Gi in the worst case (1351.7 + 467 + G1 ≈90.3 + 128 ≈ 2037.0 MiB)',
      yaml: pod(`[java, ${LESSON_FLAGS.replace('=75', '=66')}, -jar, /app.jar]`, '2Gi'),
    },
    { name: 'the lesson flags in 1Gi are a likely kill (expected ≈1050.7 MiB), reported by jvm-heap-exceeds-limit as an error', yaml: pod(`[java, ${LESSON_FLAGS}, -jar, /app.jar]`, '1Gi') },
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
      name: 'worstCaseThreads: 50 fits 55 % of 1Gi with these caps (563.2 + 128 + 64 + 50 + 64 + Serial ≈2.0 + 128 ≈ 999.2 MiB)',
      yaml: pod('[java, -XX:MaxRAMPercentage=55, -XX:MaxMetaspaceSize=128m, -XX:ReservedCodeCacheSize=64m, -XX:MaxDirectMemorySize=64m, -jar, /app.jar]', '1Gi'),
      options: { worstCaseThreads: 50 },
    },
  ],
  invalid: [
    {
      // The calculator's 2003 MiB fitted 2Gi, and the JVM was OOM-killed in the harness: G1 and other native memory make it ≈2228.5 MiB.
      name: 'the lesson flags in 2Gi: at most ~66 % fits',
      yaml: pod(`[java, ${LESSON_FLAGS}, -jar, /app.jar]`, '2Gi'),
      problems: [
        {
          messageId: 'tooHigh',
          args: [
            // non-heap 467 + G1 (37 + 3.94 % of 1536 ≈ 97.5) + 128 ≈ 692.5 MiB; 1.0394 h + 632 ≤ 2048 → h ≤ 1362.3 MiB = 66 %;
            // 75 % of L: 0.75 × 1.0394 L + 632 ≤ L → L ≥ 2866.9 MiB
            'Pod api', 'api', 'container', '-XX:MaxRAMPercentage=75, command line', 75, 1536 * MI, 2048 * MI, '', 726_158_174,
            `heap 1536Mi (MaxRAMPercentage 75 % of 2Gi (-XX:MaxRAMPercentage=75, command line)) + ${LESSON_CAPPED('command line')} + ${MEASURED('≈97.5Mi', G1)} = ≈2228.5Mi`,
            66, 2867 * MI,
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
            // non-heap ≈706.9 + ≈1.8 + 128 ≈ 836.7 MiB; 1.0035 h + 834.9 ≤ 1024 → h ≤ 188.4 MiB = 18 %; 0.5 × 1.0035 L + 834.9 ≤ L → L ≥ 1675.7 MiB
            'Pod api', 'api', 'container', '-XX:MaxRAMFraction=2, command line', 50, 512 * MI, 1024 * MI, '', 877_384_777,
            `heap 512Mi (MaxRAMPercentage 50 % of 1Gi (-XX:MaxRAMFraction=2, command line)) + ${UNCAPPED('≈1.8Mi')} = ≈1348.7Mi`,
            18, 1676 * MI,
          ],
          line: 7, column: 23, endLine: 7, endColumn: 43, container: 'api',
        },
      ],
    },
    {
      // Expected: 480 + ≈1.7 + 280 ≈ 761.7 MiB fits; the worst case's non-heap alone (≈836.7 MiB) leaves less than HotSpot's ≈124.8Mi heap floor.
      name: 'nothing fits 800Mi even with caps: cap the regions and raise the limit',
      yaml: pod('[java, -XX:MaxRAMPercentage=60, -jar, /app.jar]', '800Mi'),
      problems: [
        {
          messageId: 'nothingFits',
          args: [
            'Pod api', 'api', 'container', '-XX:MaxRAMPercentage=60, command line', 60, 800 * MI, '', 877_267_336,
            `heap 480Mi (MaxRAMPercentage 60 % of 800Mi (-XX:MaxRAMPercentage=60, command line)) + ${UNCAPPED('≈1.7Mi')} = ≈1316.6Mi`,
            // capped: 0.6 × 1.0035 L + 784 ≤ L needs L ≥ 1970.3 MiB, past 1792 MiB where G1 (37 + 3.94 %) replaces Serial:
            // 0.6 × 1.0394 L + 821 ≤ L → L ≥ 2181.4 MiB
            CAPS, 0, 2182 * MI,
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
                  resources: {limits: {memory: 2Gi}}
                - name: agent
                  restartPolicy: Always
                  command: [java, -XX:MaxRAMPercentage=60, -XX:MaxMetaspaceSize=64m, -XX:ReservedCodeCacheSize=32m, -XX:MaxDirectMemorySize=16m, -jar, /agent.jar]
                  resources: {limits: {memory: 768Mi}}
              containers:
                - name: orders
                  command: [java, -jar, /orders.jar]
                  env: [{name: JAVA_TOOL_OPTIONS, valueFrom: {configMapKeyRef: {name: jvm, key: opts}}}]
                  resources: {limits: {memory: 3Gi}}
      `,
      problems: [
        {
          messageId: 'tooHigh',
          args: [
            // As the lesson flags in 2Gi above; in 3Gi (orders) they fit: 2304 + 467 + ≈127.8 + 128 ≈ 3026.8 MiB.
            'Deployment shop/orders', 'warmup', 'init container', '-XX:MaxRAMPercentage=75, JAVA_TOOL_OPTIONS', 75, 1536 * MI, 2048 * MI, '', 726_158_174,
            `heap 1536Mi (MaxRAMPercentage 75 % of 2Gi (-XX:MaxRAMPercentage=75, JAVA_TOOL_OPTIONS)) + ${LESSON_CAPPED('JAVA_TOOL_OPTIONS')} + ${MEASURED('≈97.5Mi', G1)} = ≈2228.5Mi`,
            66, 2867 * MI,
          ],
          line: 5, column: 9, endLine: 5, endColumn: 126, container: 'warmup',
        },
        {
          messageId: 'tooHigh',
          args: [
            // non-heap 362 + ≈1.6 + 128 MiB; 1.0035 h + 490 ≤ 768 → h ≤ 277 MiB = 36 %; 0.6 × 1.0035 L + 490 ≤ L → L ≥ 1231.5 MiB
            'Deployment shop/orders', 'agent', 'sidecar container', '-XX:MaxRAMPercentage=60, command line', 60, 483_183_820, 768 * MI, '', 515_493_384,
            'heap ≈460.8Mi (MaxRAMPercentage 60 % of 768Mi (-XX:MaxRAMPercentage=60, command line)) + metaspace 64Mi (-XX:MaxMetaspaceSize=64m (command line)) + ' +
              `code cache 32Mi (-XX:ReservedCodeCacheSize=32m (command line)) + thread stacks 250Mi (250 threads × 1Mi (${HOTSPOT_STACK})) + ` +
              `direct buffers 16Mi (-XX:MaxDirectMemorySize=16m (command line)) + ${MEASURED('≈1.6Mi')} = ≈952.4Mi`,
            36, 1232 * MI,
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
            // non-heap 356 + ≈2.5 + 128 MiB; 1.0035 h + 484 ≤ 1024 → h ≤ 538.1 MiB = 52 %; 0.7 × 1.0035 L + 484 ≤ L → L ≥ 1626.6 MiB
            'Pod api', 'api', 'container', '-XX:MaxRAMPercentage=70, command line', 70, 751_619_276, 1024 * MI, '', 510_141_452,
            'heap ≈716.8Mi (MaxRAMPercentage 70 % of 1Gi (-XX:MaxRAMPercentage=70, command line)) + metaspace 128Mi (-XX:MaxMetaspaceSize=128m (command line)) + ' +
              `code cache 64Mi (-XX:ReservedCodeCacheSize=64m (command line)) + thread stacks 100Mi (100 threads × 1Mi (${HOTSPOT_STACK})) + ` +
              `direct buffers 64Mi (-XX:MaxDirectMemorySize=64m (command line)) + ${MEASURED('≈2.5Mi')} = ≈1203.3Mi`,
            52, 1627 * MI,
          ],
          line: 7, column: 23, endLine: 7, endColumn: 46, container: 'api',
        },
      ],
    },
  ],
});
