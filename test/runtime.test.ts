/** Runtime facts assembled from env, command line and image conventions. */
import { describe, expect, it } from 'vitest';
import { modelOf, yaml } from './rule-tester.js';

function runtime(containerYaml: string) {
  const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n${containerYaml.replace(/^/gm, '    ')}\n`;
  const c = modelOf(text).workloads[0]?.containers[0];
  if (!c) throw new Error('no container');
  return c.runtime;
}

const heap = (r: ReturnType<typeof runtime>) => r.jvm?.settings.maxHeap && `${r.jvm.settings.maxHeap.text} (${r.jvm.settings.maxHeap.origin})`;

describe('JVM options in HotSpot order', () => {
  it('_JAVA_OPTIONS beats the command line, which beats JDK_JAVA_OPTIONS and JAVA_TOOL_OPTIONS', () => {
    const r = runtime(yaml`
      - name: app
        image: eclipse-temurin:21-jre
        command: [java, -Xmx2g, -jar, app.jar, -Xmx9g]
        env:
          - {name: JAVA_TOOL_OPTIONS, value: -Xmx1g}
          - {name: JDK_JAVA_OPTIONS, value: -Xmx1500m}
          - {name: _JAVA_OPTIONS, value: "-Xmx3g -Xss512k"}
    `);
    expect(heap(r)).toBe('-Xmx3g (_JAVA_OPTIONS)');
    expect(r.jvm?.detectedBy).toBe('command java');
  });

  it('words after -jar app.jar are the application\'s, not the JVM\'s', () => {
    const r = runtime(yaml`
      - name: app
        command: [java, -XX:MaxRAMPercentage=75, -jar, app.jar, -Xmx9g]
    `);
    expect(r.jvm?.settings.maxHeap).toBeUndefined();
    expect(r.jvm?.settings.maxRamPercentage?.value).toBe(75);
  });

  it('a JDK image running node is not a JVM', () => {
    expect(runtime(yaml`
      - name: app
        image: eclipse-temurin:17
        command: [node, server.js]
    `).jvm).toBeUndefined();
  });

  it('follows sh -c to java and expands the variables it uses', () => {
    const r = runtime(yaml`
      - name: app
        command: [sh, -c, 'exec java $JAVA_OPTS -jar /app.jar']
        env: [{name: JAVA_OPTS, value: -Xmx700m}]
    `);
    expect(heap(r)).toBe('-Xmx700m (command line)');
  });
});

describe('image conventions', () => {
  it("Kafka's start script defaults to -Xmx1G when KAFKA_HEAP_OPTS is unset", () => {
    const r = runtime(yaml`
      - name: kafka
        image: apache/kafka:3.8.0
        env: [{name: KAFKA_NODE_ID, value: "1"}]
    `);
    expect(r.jvm?.settings.maxHeap?.value).toBe(2 ** 30);
    expect(r.jvm?.settings.maxHeap?.origin).toContain('default when KAFKA_HEAP_OPTS is unset');
  });

  it('KAFKA_HEAP_OPTS replaces it', () => {
    const r = runtime(yaml`
      - name: kafka
        image: bitnami/kafka:3.8
        env: [{name: KAFKA_HEAP_OPTS, value: "-Xmx2g -Xms2g"}]
    `);
    expect(heap(r)).toBe('-Xmx2g (KAFKA_HEAP_OPTS, which the Kafka image passes to java)');
  });

  it('SOLR_HEAP becomes -Xms and -Xmx; HADOOP_HEAPSIZE_MAX without a unit is MB', () => {
    expect(runtime('- {name: s, image: solr:9, env: [{name: SOLR_HEAP, value: 3g}]}').jvm?.settings.maxHeap?.value).toBe(3 * 2 ** 30);
    expect(runtime('- {name: h, image: apache/hadoop:3, env: [{name: HADOOP_HEAPSIZE_MAX, value: "2048"}]}').jvm?.settings.maxHeap?.value).toBe(2048 * 2 ** 20);
  });

  it('reads the JDK version from a JDK image tag', () => {
    expect(runtime('- {name: a, image: "openjdk:8u181-jre-alpine"}').jvm?.jdk).toMatchObject({ major: 8, update: 181 });
    expect(runtime('- {name: a, image: "eclipse-temurin:11.0.15_10-jre"}').jvm?.jdk).toMatchObject({ major: 11, update: 15 });
    expect(runtime('- {name: a, image: "eclipse-temurin:21-jre"}').jvm?.jdk).toMatchObject({ major: 21 });
    expect(runtime('- {name: a, image: "eclipse-temurin:21-jre"}').jvm?.jdk?.update).toBeUndefined();
  });
});

describe('Node, Go and .NET', () => {
  it('NODE_OPTIONS then the node command line (the command line wins)', () => {
    const r = runtime(yaml`
      - name: web
        command: [node, --max-old-space-size=768, server.js]
        env: [{name: NODE_OPTIONS, value: --max-old-space-size=512}]
    `);
    expect(r.node?.maxOldSpace).toMatchObject({ mib: 768, origin: 'command line' });
  });

  it('GOMEMLIMIT from limits.memory through the downward API', () => {
    const r = runtime(yaml`
      - name: api
        resources: {limits: {memory: 512Mi}}
        env: [{name: GOMEMLIMIT, valueFrom: {resourceFieldRef: {resource: limits.memory}}}]
    `);
    expect(r.go?.memLimit).toMatchObject({ ok: true, bytes: 512 * 2 ** 20 });
  });

  it('.NET heap limits are read as hex', () => {
    const r = runtime('- {name: a, env: [{name: DOTNET_GCHeapHardLimitPercent, value: "75"}]}');
    expect(r.dotnet?.[0]).toMatchObject({ readAsHex: true, looksDecimal: true, value: 0x75 });
  });
});

describe('JVM option problems found while reading the environment', () => {
  it('an unmatched quote in JAVA_TOOL_OPTIONS stops the JVM', () => {
    const r = runtime(yaml`
      - name: app
        command: [java, -jar, a.jar]
        env: [{name: JAVA_TOOL_OPTIONS, value: "-Xmx1g -Dname='x"}]
    `);
    expect(r.jvm?.settings.invalid).toContainEqual(expect.objectContaining({ jvmError: 'Unmatched quote in JAVA_TOOL_OPTIONS' }));
  });

  it("an image's default heap points at the image", () => {
    const r = runtime('- {name: kafka, image: "apache/kafka:3.8.0"}');
    expect(r.jvm?.settings.maxHeap?.source).toMatchObject({ line: 6, column: 28 }); // the quoted image value
  });
});

describe('Node option problems found while reading the environment', () => {
  it('an unterminated quote in NODE_OPTIONS stops node (exit 9)', () => {
    const r = runtime(yaml`
      - name: web
        command: [node, app.js]
        env: [{name: NODE_OPTIONS, value: '--max-old-space-size=256 --title="x'}]
    `);
    expect(r.node?.invalid).toContainEqual(expect.objectContaining({ fatal: true, reason: expect.stringContaining('unterminated string') }));
  });
});

describe('JAVA_OPTS with an unseen start command', () => {
  it('is taken as the JVM options the image script passes, and marks the options incomplete', () => {
    const r = runtime(yaml`
      - name: blog
        image: gcr.io/jhipster7/blog
        env: [{name: JAVA_OPTS, value: " -Xmx256m -Xms256m"}]
    `);
    expect(r.jvm).toMatchObject({ detectedBy: 'JAVA_OPTS', incomplete: true });
    expect(r.jvm?.settings.maxHeap?.value).toBe(256 * 2 ** 20);
  });

  it('means nothing when the command is visible and does not use it', () => {
    expect(runtime('- {name: a, command: [java, -jar, a.jar], env: [{name: JAVA_OPTS, value: -Xmx9g}]}').jvm?.settings.maxHeap).toBeUndefined();
    expect(runtime('- {name: a, command: [./server], env: [{name: JAVA_OPTS, value: -Xmx9g}]}').jvm).toBeUndefined();
  });
});

describe('Paketo images', () => {
  it('BPL_JVM_* settings mark a buildpack image whose memory calculator sizes the heap', () => {
    const r = runtime(yaml`
      - name: app
        image: ghcr.io/example/orders:1
        env: [{name: BPL_JVM_THREAD_COUNT, value: "100"}]
    `);
    expect(r.jvm).toMatchObject({ detectedBy: 'BPL_JVM_* (a Paketo buildpack image)', managedHeap: expect.stringContaining('memory calculator') });
  });
});
