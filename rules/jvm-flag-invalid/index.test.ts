import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

ruleTester(rule, {
  valid: [
    {
      name: 'valid spellings: -Xmx1536m, MaxRAMPercentage=75.0, -Xss512k',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: eclipse-temurin:21-jre
              command: [java, -Xms512m, -Xmx1536m, -Xss512k, -XX:MaxRAMPercentage=75.0, -XX:+UseG1GC, -jar, app.jar]
              env:
                - {name: JAVA_TOOL_OPTIONS, value: "-XX:MaxMetaspaceSize=256m -XX:+ExitOnOutOfMemoryError"}
              resources: {limits: {memory: 2Gi}}
      `,
    },
    {
      name: 'words after -jar app.jar belong to the application',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              command: [java, -Xmx512m, -jar, app.jar, -Xmx1.5g, --heap=1.5g]
              resources: {limits: {memory: 1Gi}}
      `,
    },
    {
      name: 'a program that is not java is not judged, even in a JDK image',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: eclipse-temurin:17
              command: [node, server.js, -Xmx1.5g]
              resources: {limits: {memory: 1Gi}}
      `,
    },
    {
      name: 'a case slip is ignored under -XX:+IgnoreUnrecognizedVMOptions',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              command: [java, -XX:+IgnoreUnrecognizedVMOptions, -XX:maxRAMPercentage=75, -jar, app.jar]
              resources: {limits: {memory: 1Gi}}
      `,
    },
    {
      name: 'a clean Dockerfile linted on its own',
      yaml: '',
      dockerfiles: { 'api/Dockerfile': 'FROM eclipse-temurin:21-jre\nENV JAVA_TOOL_OPTIONS="-Xmx1536m -Xss512k"\nCMD ["java", "-jar", "/app.jar"]\n' },
    },
  ],
  invalid: [
    {
      name: '-Xmx1.5g in JAVA_TOOL_OPTIONS points at the variable and names the valid spelling',
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
                      value: "-Xmx1.5g -XX:+UseG1GC"
                  resources: {limits: {memory: 2Gi}}
      `,
      problems: [
        {
          messageId: 'refused',
          args: ['Deployment shop/api', 'container "api"', '-Xmx1.5g', 'JAVA_TOOL_OPTIONS', 'Invalid maximum heap size: -Xmx1.5g', 'HotSpot sizes are whole numbers: use 1536m', undefined],
          line: 12,
          column: 22,
          endLine: 12,
          endColumn: 45,
          container: 'api',
        },
      ],
    },
    {
      name: 'two bad command-line flags: a byte suffix and a percentage out of range',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: eclipse-temurin:21-jre
              command: [java, -Xmx512mb, -XX:MaxRAMPercentage=150, -jar, app.jar]
              resources: {limits: {memory: 1Gi}}
      `,
      problems: [
        {
          messageId: 'refused',
          args: ['Pod api', 'container "api"', '-Xmx512mb', 'command line', 'Invalid maximum heap size: -Xmx512mb', 'HotSpot size suffixes are one letter (k, m, g, t; all binary): use 512m', undefined],
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 32,
          container: 'api',
        },
        {
          messageId: 'refused',
          args: [
            'Pod api',
            'container "api"',
            '-XX:MaxRAMPercentage=150',
            'command line',
            'double MaxRAMPercentage=150.000000 is outside the allowed range [ 0.000000 ... 100.000000 ]',
            'MaxRAMPercentage must be between 0 and 100',
            undefined,
          ],
          line: 8,
          column: 34,
          endLine: 8,
          endColumn: 58,
          container: 'api',
        },
      ],
    },
    {
      name: 'init container with -Xms above -Xmx and native sidecar with two collectors get a fix each',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: batch}
        spec:
          initContainers:
            - name: migrate
              image: flyway/flyway:10
              command: [java, -Xms2g, -Xmx1g, -cp, /flyway/lib/*, org.flywaydb.commandline.Main, migrate]
            - name: agent
              image: eclipse-temurin:21-jre
              restartPolicy: Always
              command: [java]
              args: [-XX:+UseG1GC, -XX:+UseParallelGC, -jar, agent.jar]
          containers:
            - name: app
              image: eclipse-temurin:21-jre
              command: [java, -jar, app.jar]
      `,
      problems: [
        {
          messageId: 'refused',
          args: [
            'Pod batch',
            'init container "migrate"',
            '-Xmx1g',
            'command line',
            'Initial heap size set to a larger value than the maximum heap size',
            'the initial heap (-Xms2g, 2g) is larger than the maximum heap (-Xmx1g, 1g)',
            'lower the initial heap to 1g or less, or raise the maximum heap to 2g',
          ],
          line: 8,
          column: 31,
          endLine: 8,
          endColumn: 37,
          container: 'migrate',
        },
        {
          messageId: 'refused',
          args: [
            'Pod batch',
            'sidecar container "agent"',
            '-XX:+UseParallelGC',
            'command line',
            'Multiple garbage collectors selected',
            'more than one garbage collector is selected (-XX:+UseG1GC, -XX:+UseParallelGC)',
            'keep only one -XX:+Use…GC flag, since HotSpot runs exactly one collector',
          ],
          line: 13,
          column: 28,
          endLine: 13,
          endColumn: 46,
          container: 'agent',
        },
      ],
    },
    {
      name: 'multi-document: a ConfigMap JAVA_TOOL_OPTIONS and an image convention (KAFKA_HEAP_OPTS)',
      yaml: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: jvm, namespace: shop}
        data:
          JAVA_TOOL_OPTIONS: -Xmx1.5g
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: kafka, namespace: shop}
        spec:
          serviceName: kafka
          selector: {matchLabels: {app: kafka}}
          template:
            metadata: {labels: {app: kafka}}
            spec:
              containers:
                - name: kafka
                  image: apache/kafka:3.8.0
                  envFrom:
                    - configMapRef: {name: jvm}
                  env:
                    - {name: KAFKA_HEAP_OPTS, value: "-Xmx2GB -Xms1g"}
                  resources: {limits: {memory: 4Gi}}
      `,
      problems: [
        {
          messageId: 'refused',
          args: ['StatefulSet shop/kafka', 'container "kafka"', '-Xmx1.5g', 'JAVA_TOOL_OPTIONS', 'Invalid maximum heap size: -Xmx1.5g', 'HotSpot sizes are whole numbers: use 1536m', undefined],
          line: 5,
          column: 22,
          endLine: 5,
          endColumn: 30,
          container: 'kafka',
        },
        {
          messageId: 'refused',
          args: [
            'StatefulSet shop/kafka',
            'container "kafka"',
            '-Xmx2GB',
            'KAFKA_HEAP_OPTS, which the Kafka image passes to java',
            'Invalid maximum heap size: -Xmx2GB',
            'HotSpot size suffixes are one letter (k, m, g, t; all binary): use 2g',
            undefined,
          ],
          line: 22,
          column: 46,
          endLine: 22,
          endColumn: 62,
          container: 'kafka',
        },
      ],
    },
    {
      name: 'a Dockerfile linted on its own: its ENV breaks every container that runs the image',
      yaml: '',
      dockerfiles: { 'api/Dockerfile': 'FROM eclipse-temurin:21-jre\nENV JAVA_TOOL_OPTIONS="-Xmx2g -Xss1.5m"\nCMD ["java", "-jar", "/app.jar"]\n' },
      problems: [
        {
          messageId: 'refused',
          args: ['Dockerfile api/Dockerfile', 'the image', '-Xss1.5m', 'JAVA_TOOL_OPTIONS', 'Invalid thread stack size: -Xss1.5m', 'HotSpot sizes are whole numbers: use 1536k', undefined],
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 40,
          container: 'image',
        },
      ],
    },
  ],
});
