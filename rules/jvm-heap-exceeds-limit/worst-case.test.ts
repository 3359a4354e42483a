/**
 * The worst-case budget: every non-heap region at its cap, as the memory calculators count it,
 * plus the collector's structures and the other native memory they do not count (measured).
 */
import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const MI = 2 ** 20;
const LESSON_FLAGS = '-XX:MaxRAMPercentage=75, -Xss512k, -XX:MaxMetaspaceSize=150M, -XX:ReservedCodeCacheSize=64M, -XX:MaxDirectMemorySize=128M';
/** `serial`: Serial's 0.35 % of the heap, as formatted (all cases here are below 1792Mi). */
const WORST = (serial: string, threads = 250) =>
  'metaspace ≈206.9Mi (14,000,000 + 5,800 × 35,000 classes (memory calculator)) + ' +
  "code cache 240Mi (HotSpot's default ReservedCodeCacheSize with tiered compilation) + " +
  `thread stacks ${threads}Mi (${threads} threads × 1Mi (HotSpot's default ThreadStackSize on Linux x86-64)) + ` +
  "direct buffers 10Mi (the memory calculator's assumption when -XX:MaxDirectMemorySize is not set (HotSpot's own limit is then the maximum heap)) + " +
  `GC structures ${serial} (Serial GC card table and mark stack: 0.35 % of the heap (measured with NMT), which the memory calculator does not count; HotSpot picks Serial GC below 1792Mi of memory) + ` +
  "other native memory 128Mi (symbol tables, class-data archive, arenas, the JVM's own pages: the most measured (NMT and the memory cgroup), which the memory calculator does not count)";

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
      // 1536 + 150 + 64 + 250 × 0.5 + 128 = 2003 MiB for the calculator, + G1 ≈97.5 + other 128 ≈ 2228.5 MiB
      name: 'an explicit percentage over the worst case only is jvm-ram-percentage-too-high’s (the lesson flags in 2Gi)',
      yaml: pod(`[java, ${LESSON_FLAGS}, -jar, /app.jar]`, '2Gi'),
    },
    { name: 'a Spring-like -Xmx128m fits a 1Gi limit in both budgets (worst ≈963.4 MiB)', yaml: pod('[java, -Xmx128m, -jar, /app.jar]', '1Gi') },
    { name: 'worstCaseThreads: 50 fits -Xmx256m in 900Mi (256 + 206.9 + 240 + 50 + 10 + 0.9 + 128 ≈ 891.8 MiB)', yaml: pod('[java, -Xmx256m, -jar, /app.jar]', '900Mi'), options: { worstCaseThreads: 50 } },
  ],
  invalid: [
    {
      // The expected budget counts the explicit percentage too: 768 + 2.7 + 280 ≈ 1050.7 MiB > 1Gi (killed in the harness).
      name: 'the lesson flags in 1Gi are a likely kill once the expected budget is over the limit, percentage or not',
      yaml: pod(`[java, ${LESSON_FLAGS}, -jar, /app.jar]`, '1Gi'),
      problems: [
        {
          messageId: 'expectedOverLimit',
          args: [
            'Pod api', 'api', 'container', 1_101_726_221, 1024 * MI, '',
            'heap 768Mi (MaxRAMPercentage 75 % of 1Gi (-XX:MaxRAMPercentage=75, command line)) + GC structures ≈2.7Mi (Serial GC card table and mark stack: 0.35 % of the heap (measured with NMT); HotSpot picks Serial GC below 1792Mi of memory) + ' +
              'metaspace 114Mi (typical for ≈23,000 loaded classes (measured, OpenJDK 17)) + code cache 20Mi (typical compiled code (assumed; reserved: 64Mi)) + ' +
              'thread stacks ≈9.4Mi (150 threads × 64Ki touched (typical; 512Ki reserved each, -Xss512k (command line))) + direct buffers 64Mi (typical direct buffers (measured)) + ' +
              'other native memory ≈72.6Mi (symbol and string tables, class space, malloc arenas: the rest of the measured 280Mi non-heap) = ≈1050.7Mi',
            // 1.0035 h + 280 ≤ 1024 → 72 %; at 1132Mi, 75 % is 849 MiB and 849 × 1.0035 + 280 ≈ 1132.0 MiB
            72, '-XX:MaxRAMPercentage=75', '', 1132 * MI,
          ],
          line: 8, column: 23, endLine: 8, endColumn: 46, container: 'api',
        },
      ],
    },
    {
      name: 'a Spring-like -Xmx128m in 500Mi is not an error, only a worst-case warning (lesson)',
      yaml: pod('[java, -Xmx128m, -jar, /app.jar]', '500Mi'),
      problems: [
        {
          messageId: 'worstOverLimit',
          args: [
            // the calculator's ≈834.9 MiB + ≈0.4 + 128; capped: 128 + 150 + 128 + 250 + 10 + 0.4 + 128 ≈ 794.4 MiB
            'Pod api', 'api', 'container', 1_010_193_219, 500 * MI, '', `heap 128Mi (-Xmx128m (command line)) + ${WORST('≈0.4Mi')} = ≈963.4Mi`,
            '-XX:MaxMetaspaceSize=150m -XX:ReservedCodeCacheSize=128m', 833_039_107, 0, '-Xmx128m', 795 * MI,
          ],
          line: 8, column: 23, endLine: 8, endColumn: 31, container: 'api', severity: 'warning',
        },
      ],
    },

    {
      name: 'worst case only, and the suggested caps alone make it fit',
      yaml: pod('[java, -Xmx128m, -jar, /app.jar]', '850Mi'),
      problems: [
        {
          messageId: 'worstOverLimit',
          args: [
            'Pod api', 'api', 'container', 1_010_193_219, 850 * MI, '', `heap 128Mi (-Xmx128m (command line)) + ${WORST('≈0.4Mi')} = ≈963.4Mi`,
            '-XX:MaxMetaspaceSize=150m -XX:ReservedCodeCacheSize=128m', 833_039_107, 0, '', 0,
          ],
          line: 8, column: 23, endLine: 8, endColumn: 31, container: 'api', severity: 'warning',
        },
      ],
    },

    {
      name: 'worstCaseThreads: 50 still finds -Xmx256m too big for 600Mi',
      yaml: pod('[java, -Xmx256m, -jar, /app.jar]', '600Mi'),
      options: { worstCaseThreads: 50 },
      problems: [
        {
          messageId: 'worstOverLimit',
          args: [
            // capped: 256 + 150 + 128 + 50 + 128 + 0.9 + 128 ≈ 840.9 MiB; ≈584 MiB besides the heap leaves 16 MiB of 600Mi, below HotSpot's ≈124.8Mi floor: no percentage fits
            'Pod api', 'api', 'container', 935_165_509, 600 * MI, '', `heap 256Mi (-Xmx256m (command line)) + ${WORST('≈0.9Mi', 50)} = ≈891.8Mi`,
            '-XX:MaxMetaspaceSize=150m -XX:MaxDirectMemorySize=128m -XX:ReservedCodeCacheSize=128m', 881_743_365, 0, '-Xmx256m', 841 * MI,
          ],
          line: 8, column: 23, endLine: 8, endColumn: 31, container: 'api', severity: 'warning',
        },
      ],
    },
  ],
});
