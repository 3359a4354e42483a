/** The worst-case budget: every non-heap region at its cap, as the memory calculators count it. */
import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const MI = 2 ** 20;
const LESSON_FLAGS = '-XX:MaxRAMPercentage=75, -Xss512k, -XX:MaxMetaspaceSize=150M, -XX:ReservedCodeCacheSize=64M, -XX:MaxDirectMemorySize=128M';
const WORST = (threads = 250) =>
  'metaspace ≈206.9Mi (14,000,000 + 5,800 × 35,000 classes (memory calculator)) + ' +
  "code cache 240Mi (HotSpot's default ReservedCodeCacheSize with tiered compilation) + " +
  `thread stacks ${threads}Mi (${threads} threads × 1Mi (HotSpot's default ThreadStackSize on Linux x86-64)) + ` +
  "direct buffers 10Mi (the memory calculator's assumption when -XX:MaxDirectMemorySize is not set (HotSpot's own limit is then the maximum heap))";

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
    { name: 'the lesson flags at 75 % fit 2Gi (1536 + 150 + 64 + 250 × 0.5 + 128 = 2003 MiB)', yaml: pod(`[java, ${LESSON_FLAGS}, -jar, /app.jar]`, '2Gi') },
    { name: 'a Spring-like -Xmx128m fits a 1Gi limit in both budgets', yaml: pod('[java, -Xmx128m, -jar, /app.jar]', '1Gi') },
    {
      name: 'an explicit percentage over the worst case only is jvm-ram-percentage-too-high’s (the same flags in 1Gi)',
      yaml: pod(`[java, ${LESSON_FLAGS}, -jar, /app.jar]`, '1Gi'),
    },
    { name: 'worstCaseThreads: 50 fits -Xmx256m in 800Mi (256 + 206.9 + 240 + 50 + 10 MiB)', yaml: pod('[java, -Xmx256m, -jar, /app.jar]', '800Mi'), options: { worstCaseThreads: 50 } },
  ],
  invalid: [
    {
      name: 'a Spring-like -Xmx128m in 500Mi is not an error, only a worst-case warning (lesson)',
      yaml: pod('[java, -Xmx128m, -jar, /app.jar]', '500Mi'),
      problems: [
        {
          messageId: 'worstOverLimit',
          args: [
            'Pod api', 'api', 'container', 875_505_728, 500 * MI, '', `heap 128Mi (-Xmx128m (command line)) + ${WORST()} = ≈834.9Mi`,
            '-XX:MaxMetaspaceSize=150m -XX:ReservedCodeCacheSize=128m', 666 * MI, 0, '-Xmx128m', 666 * MI,
          ],
          line: 8, column: 23, endLine: 8, endColumn: 31, container: 'api', severity: 'warning',
        },
      ],
    },

    {
      name: 'worst case only, and the suggested caps alone make it fit',
      yaml: pod('[java, -Xmx512m, -jar, /app.jar]', '1200Mi'),
      problems: [
        {
          messageId: 'worstOverLimit',
          args: [
            'Pod api', 'api', 'container', 1_278_158_912, 1200 * MI, '', `heap 512Mi (-Xmx512m (command line)) + ${WORST()} = ≈1218.9Mi`,
            '-XX:MaxMetaspaceSize=150m -XX:MaxDirectMemorySize=128m -XX:ReservedCodeCacheSize=128m', 1168 * MI, 0, '', 0,
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
            'Pod api', 'api', 'container', 800_008_256, 600 * MI, '', `heap 256Mi (-Xmx256m (command line)) + ${WORST(50)} = ≈762.9Mi`,
            '-XX:MaxMetaspaceSize=150m -XX:MaxDirectMemorySize=128m -XX:ReservedCodeCacheSize=128m', 712 * MI, 24, '-Xmx256m', 712 * MI,
          ],
          line: 8, column: 23, endLine: 8, endColumn: 31, container: 'api', severity: 'warning',
        },
      ],
    },
  ],
});
