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

// Dockerfiles: linted on their own, and linked to the containers that run their image.
ruleTester(rule, {
  valid: [
    {
      name: 'a container with a limit whose linked Dockerfile sets -Xmx (no standalone image finding)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: registry.example.com/shop/api:1.4
              resources: {limits: {memory: 3Gi}}
      `,
      dockerfiles: { 'api/Dockerfile': 'FROM eclipse-temurin:21-jre\nENV JAVA_TOOL_OPTIONS="-Xmx2g"\nCMD ["java", "-jar", "/app.jar"]\n' },
    },
  ],
  invalid: [
    {
      name: 'a Dockerfile linted on its own: info, with the limit every container running it needs',
      yaml: '',
      dockerfiles: { 'api/Dockerfile': 'FROM eclipse-temurin:21-jre\nENV JAVA_TOOL_OPTIONS="-Xmx2g"\nCMD ["java", "-jar", "/app.jar"]\n' },
      problems: [
        {
          messageId: 'imageNeedsLimit',
          args: ['Dockerfile api/Dockerfile', '-Xmx2g (JAVA_TOOL_OPTIONS)', 2 * GIB, 2 * GIB + DEFAULT_NON_HEAP + G1(2 * GIB)],
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 31,
          container: 'image',
          severity: 'info',
        },
      ],
    },
    {
      name: "a container without a limit whose linked Dockerfile sets -Xmx: points at the Dockerfile's ENV",
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: registry.example.com/shop/api:1.4
      `,
      dockerfiles: { 'api/Dockerfile': 'FROM eclipse-temurin:21-jre\nENV JAVA_TOOL_OPTIONS="-Xmx2g"\nCMD ["java", "-jar", "/app.jar"]\n' },
      problems: [
        {
          messageId: 'noLimit',
          args: ['Pod api', 'container', 'api', '-Xmx2g (JAVA_TOOL_OPTIONS)', 2 * GIB, 2 * GIB + DEFAULT_NON_HEAP + G1(2 * GIB)],
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 31,
          container: 'api',
        },
      ],
    },
  ],
});
