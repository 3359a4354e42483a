import { describe, expect, it } from 'vitest';
import { loadDockerfile } from '../../src/load/dockerfile/index.js';
import { imageWorkload } from '../../src/model/image-workload.js';
import type { InputModel } from '../../src/model/workload.js';
import { DEFAULT_RULE_SETTINGS, makeProblem, type AnyRule } from '../../src/rule.js';
import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const MI = 2 ** 20;
const ALL_CAPS = '-XX:MaxMetaspaceSize=150m -XX:MaxDirectMemorySize=128m -XX:ReservedCodeCacheSize=128m';
const CODE_CACHE = ', and the code cache at its 240Mi default';

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
    { name: 'every region capped', yaml: pod('[java, -Xmx768m, -XX:MaxMetaspaceSize=150m, -XX:MaxDirectMemorySize=64m, -XX:ReservedCodeCacheSize=64m, -jar, /app.jar]', '1Gi') },
    { name: 'a default heap is not pinned', yaml: pod('[java, -jar, /app.jar]', '1Gi') },
    { name: 'MaxRAMPercentage=50 leaves room for the regions', yaml: pod('[java, -XX:MaxRAMPercentage=50, -jar, /app.jar]', '1Gi') },
    { name: 'a 128Mi heap bounds direct buffers at 128Mi by default; the code cache alone is capped at 240Mi', yaml: pod('[java, -Xmx128m, -XX:MaxMetaspaceSize=96m, -jar, /app.jar]', '512Mi') },
    { name: 'a JVM that refuses to start uses no memory', yaml: pod('[java, -Xmx768m, -XX:+UseG1GC, -XX:+UseZGC, -jar, /app.jar]', '1Gi') },
    {
      name: 'options from a Secret may hold the caps',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              command: [java, -Xmx768m, -jar, /app.jar]
              env: [{name: JAVA_TOOL_OPTIONS, valueFrom: {secretKeyRef: {name: jvm, key: opts}}}]
              resources: {limits: {memory: 1Gi}}
      `,
    },
    {
      name: 'the Paketo memory calculator sets the caps at launch',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          containers:
            - name: api
              image: paketobuildpacks/run-jammy-base:latest
              env: [{name: JAVA_TOOL_OPTIONS, value: -Xmx768m}]
              resources: {limits: {memory: 1Gi}}
      `,
    },
  ],
  invalid: [
    {
      name: '-Xmx768m with nothing capped',
      yaml: pod('[java, -Xmx768m, -jar, /app.jar]', '1Gi'),
      problems: [
        {
          messageId: 'uncapped',
          args: [
            'Pod api', 'api', 'container', '-Xmx768m (command line)', 768 * MI, 1024 * MI, '',
            `metaspace (no limit by default) and direct buffers (up to the 768Mi maximum heap by default) uncapped${CODE_CACHE}`, ALL_CAPS,
          ],
          line: 7, column: 23, endLine: 7, endColumn: 31, container: 'api',
        },
      ],
    },
    {
      name: 'no memory limit: said in the message',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: batch}
        spec:
          template:
            spec:
              containers:
                - name: batch
                  image: eclipse-temurin:21-jre
                  command: [java, -jar, /batch.jar]
                  env:
                    - {name: JAVA_TOOL_OPTIONS, value: "-Xmx2g -XX:MaxDirectMemorySize=256m"}
      `,
      problems: [
        {
          messageId: 'uncapped',
          args: ['Deployment batch', 'batch', 'container', '-Xmx2g (JAVA_TOOL_OPTIONS)', 2048 * MI, 0, '', `metaspace (no limit by default) uncapped${CODE_CACHE}`, '-XX:MaxMetaspaceSize=150m -XX:ReservedCodeCacheSize=128m'],
          line: 12, column: 48, endLine: 12, endColumn: 85, container: 'batch',
        },
      ],
    },
    {
      name: 'MaxRAMPercentage=80 under a pod-level limit: the heap is a share of what the JVM sees, unknown here; direct buffers alone uncapped',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec:
          resources: {limits: {memory: 2Gi}}
          containers:
            - name: api
              command: [java, -XX:MaxRAMPercentage=80, -XX:MaxMetaspaceSize=200m, -XX:ReservedCodeCacheSize=96m, -jar, /app.jar]
      `,
      problems: [
        {
          messageId: 'uncapped',
          args: [
            'Pod api', 'api', 'container', '-XX:MaxRAMPercentage=80 (command line)', 0, 2048 * MI, ' (the pod-level limit in spec.resources)',
            'direct buffers (up to the maximum heap by default) uncapped', '-XX:MaxDirectMemorySize=128m',
          ],
          line: 8, column: 23, endLine: 8, endColumn: 46, container: 'api',
        },
      ],
    },
    {
      name: 'percentageThreshold: 50 counts MaxRAMPercentage=60 as pinned',
      yaml: pod('[java, -XX:MaxRAMPercentage=60, -jar, /app.jar]', '1Gi'),
      options: { percentageThreshold: 50 },
      problems: [
        {
          messageId: 'uncapped',
          args: [
            'Pod api', 'api', 'container', '-XX:MaxRAMPercentage=60 (command line)', 644_245_094, 1024 * MI, '',
            `metaspace (no limit by default) and direct buffers (up to the ≈614.4Mi maximum heap by default) uncapped${CODE_CACHE}`, ALL_CAPS,
          ],
          line: 7, column: 23, endLine: 7, endColumn: 46, container: 'api',
        },
      ],
    },
    {
      name: 'a LimitRange default in another document; an init container and a native sidecar give two problems',
      yaml: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: data}
        spec:
          limits:
            - type: Container
              default: {memory: 3Gi}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: load, namespace: data}
        spec:
          template:
            spec:
              restartPolicy: Never
              initContainers:
                - name: schema
                  command: [java, -Xmx1g, -XX:MaxDirectMemorySize=64m, -jar, /schema.jar]
                - name: exporter
                  restartPolicy: Always
                  command: [java, -XX:MaxRAMPercentage=75.0, -XX:MaxMetaspaceSize=64m, -XX:ReservedCodeCacheSize=48m, -jar, /exporter.jar]
                  resources: {limits: {memory: 256Mi}}
              containers:
                - name: load
                  image: busybox
                  resources: {limits: {memory: 64Mi}}
      `,
      problems: [
        {
          messageId: 'uncapped',
          args: [
            'Job data/load', 'schema', 'init container', '-Xmx1g (command line)', 1024 * MI, 3072 * MI, ' (the default of LimitRange data/defaults)',
            `metaspace (no limit by default) uncapped${CODE_CACHE}`, '-XX:MaxMetaspaceSize=150m -XX:ReservedCodeCacheSize=128m',
          ],
          line: 18, column: 27, endLine: 18, endColumn: 33, container: 'schema',
        },
        {
          messageId: 'uncapped',
          args: [
            'Job data/load', 'exporter', 'sidecar container', '-XX:MaxRAMPercentage=75.0 (command line)', 201_326_592, 256 * MI, '',
            'direct buffers (up to the 192Mi maximum heap by default) uncapped', '-XX:MaxDirectMemorySize=128m',
          ],
          line: 21, column: 27, endLine: 21, endColumn: 52, container: 'exporter',
        },
      ],
    },
  ],
});

describe('jvm-non-heap-uncapped on a Dockerfile no container uses', () => {
  const check = (text: string) => {
    const workload = imageWorkload(loadDockerfile('Dockerfile', text));
    if (!workload) throw new Error('no image workload');
    const all: InputModel = { workloads: [workload], limitRanges: [], namespaces: [] };
    const anyRule: AnyRule = rule;
    return anyRule.check(workload, { options: rule.options.defaults, settings: DEFAULT_RULE_SETTINGS, all, problem: makeProblem });
  };

  it('judges the image’s own flags, with no limit to size against', () => {
    const problems = check('FROM eclipse-temurin:21-jre\nENTRYPOINT ["java", "-Xmx1g", "-jar", "/app.jar"]\n');
    expect(problems.map((p) => [p.messageId, p.args, p.source.line, p.source.column, p.source.endColumn])).toEqual([
      ['uncapped', ['Dockerfile Dockerfile', 'image', 'container', '-Xmx1g (command line)', 1024 * MI, 0, '', `metaspace (no limit by default) and direct buffers (up to the 1Gi maximum heap by default) uncapped${CODE_CACHE}`, ALL_CAPS], 2, 21, 29],
    ]);
  });

  it('is quiet when the image caps every region', () => {
    expect(check('FROM eclipse-temurin:21-jre\nENV JAVA_TOOL_OPTIONS="-Xmx1g -XX:MaxMetaspaceSize=128m -XX:MaxDirectMemorySize=64m"\nENTRYPOINT ["java", "-jar", "/app.jar"]\n')).toEqual([]);
  });
});
