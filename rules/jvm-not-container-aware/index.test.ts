import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const GIB = 2 ** 30;
const MIB = 2 ** 20;
const FIX_8 = 'JDK 8u372 or later (e.g. eclipse-temurin:8-jre)';
const FIX_11 = 'JDK 11.0.16 or later (e.g. eclipse-temurin:11-jre)';

/** A Pod running `image` with `command` and a memory limit. */
const pod = (image: string, command = '[java, -jar, app.jar]', limit = '1Gi') => yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: app}
  spec:
    containers:
      - name: app
        image: ${image}
        command: ${command}
        resources: {limits: {memory: ${limit}}}
`;

ruleTester(rule, {
  valid: [
    { name: 'a moving tag of JDK 15+ (eclipse-temurin:17-jre)', yaml: pod('eclipse-temurin:17-jre') },
    { name: 'a moving 11 tag resolves to the latest update', yaml: pod('eclipse-temurin:11-jre') },
    { name: 'a moving 8 tag resolves to the latest update', yaml: pod('amazoncorretto:8') },
    { name: '8u372 reads cgroup v2', yaml: pod('eclipse-temurin:8u372-b07-jre') },
    { name: '11.0.16 reads cgroup v2', yaml: pod('eclipse-temurin:11.0.16_8-jre') },
    { name: "the deprecated openjdk image's 11 tags stopped at 11.0.16, which reads cgroup v2", yaml: pod('openjdk:11-jre-slim') },
    { name: 'OpenJ9 tags are not judged by HotSpot versions', yaml: pod('adoptopenjdk:11-jre-openj9') },
    { name: 'an explicit -XX:+UseContainerSupport on a modern JDK', yaml: pod('eclipse-temurin:21-jre', '[java, -XX:+UseContainerSupport, -jar, app.jar]') },
    { name: 'an application image whose tag names no JDK', yaml: pod('shop/api:8u151') },
    {
      name: 'no memory limit: there is nothing for the JVM to ignore',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: app}
        spec:
          containers:
            - name: app
              image: openjdk:8u151-jre
              command: [java, -XX:-UseContainerSupport, -jar, app.jar]
      `,
    },
    { name: 'cgroupV1Nodes: true accepts a JDK that reads only cgroup v1', yaml: pod('eclipse-temurin:11.0.15_10-jre'), options: { cgroupV1Nodes: true } },
    { name: 'a Dockerfile on a current JDK', yaml: '', dockerfiles: { 'api/Dockerfile': 'FROM eclipse-temurin:21-jre\nCMD ["java", "-jar", "/app.jar"]\n' } },
  ],
  invalid: [
    {
      name: 'JDK 8u151 has no container support (only the experimental flag); points at the image',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: billing, namespace: shop}
        spec:
          template:
            spec:
              containers:
                - name: billing
                  image: openjdk:8u151-jre
                  command: [java, -jar, /app/billing.jar]
                  resources:
                    limits: {memory: 1Gi}
      `,
      problems: [
        {
          messageId: 'noContainerSupport',
          args: ['Deployment shop/billing', 'container "billing"', 'openjdk:8u151-jre', '8u151', '', GIB, undefined, 25, 4 * GIB, undefined, true, FIX_8],
          line: 9,
          column: 18,
          endLine: 9,
          endColumn: 35,
          container: 'billing',
        },
      ],
    },
    {
      name: 'multi-document: java:8 is the deprecated image frozen at 8u111, with a LimitRange default limit',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: shop}
        spec:
          limits:
            - type: Container
              default: {memory: 512Mi}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: legacy, namespace: shop}
        spec:
          containers:
            - name: legacy
              image: java:8
              command: [java, -jar, legacy.jar]
      `,
      problems: [
        {
          messageId: 'noContainerSupport',
          args: ['Pod shop/legacy', 'container "legacy"', 'java:8', '8u111', 'the deprecated java image, not updated since 2016', 512 * MIB, 'LimitRange shop/defaults', 25, 2 * GIB, undefined, false, FIX_8],
          line: 15,
          column: 14,
          endLine: 15,
          endColumn: 20,
          container: 'legacy',
        },
      ],
    },
    {
      name: '11.0.15 with -Xmx and -XX:-UseContainerSupport: two problems, the heap is pinned',
      yaml: pod('eclipse-temurin:11.0.15_10-jre', '[java, -Xmx512m, -XX:-UseContainerSupport, -jar, app.jar]'),
      problems: [
        {
          messageId: 'noCgroupV2Support',
          args: ['Pod app', 'container "app"', 'eclipse-temurin:11.0.15_10-jre', '11.0.15', '', GIB, undefined, 25, 4 * GIB, '-Xmx512m (command line)', FIX_11],
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 44,
          container: 'app',
        },
        {
          messageId: 'containerSupportDisabled',
          args: ['Pod app', 'container "app"', '-XX:-UseContainerSupport (command line)', GIB, undefined, 25, 4 * GIB, '-Xmx512m (command line)'],
          line: 8,
          column: 33,
          endLine: 8,
          endColumn: 57,
          container: 'app',
        },
      ],
    },
    {
      name: 'init container on openjdk:8-jre-alpine (frozen at 8u212) and a native sidecar turning support off in JAVA_TOOL_OPTIONS',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: etl}
        spec:
          initContainers:
            - name: seed
              image: openjdk:8-jre-alpine
              command: [java, -XX:MaxRAMPercentage=75, -jar, seed.jar]
              resources: {limits: {memory: 1Gi}}
            - name: agent
              image: eclipse-temurin:21-jre
              restartPolicy: Always
              command: [java, -jar, agent.jar]
              env: [{name: JAVA_TOOL_OPTIONS, value: -XX:-UseContainerSupport}]
              resources: {limits: {memory: 256Mi}}
          containers:
            - name: etl
              image: eclipse-temurin:21-jre
              command: [java, -jar, etl.jar]
              resources: {limits: {memory: 2Gi}}
      `,
      problems: [
        {
          // 1Gi / 75 % = 1365.3Mi, rounded up to a whole MiB.
          messageId: 'noCgroupV2Support',
          args: ['Pod etl', 'init container "seed"', 'openjdk:8-jre-alpine', '8u212', "the deprecated openjdk image's Alpine 8 tags stopped there in 2019", GIB, undefined, 75, 1366 * MIB, undefined, FIX_8],
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 34,
          container: 'seed',
        },
        {
          messageId: 'containerSupportDisabled',
          args: ['Pod etl', 'sidecar container "agent"', '-XX:-UseContainerSupport (JAVA_TOOL_OPTIONS)', 256 * MIB, undefined, 25, GIB, undefined],
          line: 14,
          column: 46,
          endLine: 14,
          endColumn: 70,
          container: 'agent',
        },
      ],
    },
    {
      name: 'cgroupV1Nodes: true still reports a JDK with no container support at all',
      yaml: pod('openjdk:9-jre'),
      options: { cgroupV1Nodes: true },
      problems: [
        {
          messageId: 'noContainerSupport',
          args: ['Pod app', 'container "app"', 'openjdk:9-jre', '9', '', GIB, undefined, 25, 4 * GIB, undefined, true, 'JDK 17 or later (e.g. eclipse-temurin:21-jre)'],
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 27,
          container: 'app',
        },
      ],
    },
    {
      name: 'a Dockerfile linted on its own: its FROM reads only cgroup v1 and its CMD turns support off',
      yaml: '',
      dockerfiles: {
        'api/Dockerfile': 'FROM eclipse-temurin:11.0.15_10-jre AS base\nENV JAVA_TOOL_OPTIONS="-Xmx2g"\nCMD ["java", "-XX:-UseContainerSupport", "-jar", "/app.jar"]\n',
      },
      problems: [
        {
          messageId: 'noCgroupV2Support',
          args: ['Dockerfile api/Dockerfile', 'the image', 'eclipse-temurin:11.0.15_10-jre', '11.0.15', '', undefined, undefined, 25, undefined, '-Xmx2g (JAVA_TOOL_OPTIONS)', FIX_11],
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 36,
          container: 'image',
        },
        {
          messageId: 'containerSupportDisabled',
          args: ['Dockerfile api/Dockerfile', 'the image', '-XX:-UseContainerSupport (command line)', undefined, undefined, 25, undefined, '-Xmx2g (JAVA_TOOL_OPTIONS)'],
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 40,
          container: 'image',
        },
      ],
    },
    {
      name: "a container whose linked Dockerfile builds FROM openjdk:8u181: points at the Dockerfile's FROM",
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: registry.example.com/shop/api:1.4
              resources: {limits: {memory: 768Mi}}
      `,
      dockerfiles: { 'api/Dockerfile': 'FROM openjdk:8u181-jre-alpine\nCMD ["java", "-jar", "/app.jar"]\n' },
      problems: [
        {
          messageId: 'noContainerSupport',
          args: ['Pod api', 'container "api"', 'openjdk:8u181-jre-alpine', '8u181', '', 768 * MIB, undefined, 25, 3 * GIB, undefined, true, FIX_8],
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 30,
          container: 'api',
        },
      ],
    },
  ],
});
