/**
 * Generators for whole inputs: workloads of every kind the linter reads (Pod, Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, and `kind: List` of them) with 0–5 app
 * containers, init containers and native sidecars, resources (valid, suspicious, invalid,
 * missing, wrong types), env (JVM/Node/Go/.NET settings, ConfigMap keys, the downward API),
 * commands and volumes; plus the objects that feed the model (LimitRange, ConfigMap, Namespace).
 * Values are plain JS, serialized by yaml-style.ts. Workload names are unique (`o0`, `o1`…), as
 * are container names (`c0`…), so a finding's object and container can be found in the text.
 */
import fc from 'fast-check';
import { jvmOptionsString } from './jvm.js';
import { args, command, dotnetHexValue, goMemLimit, nodeOptions } from './process.js';
import { quantityText } from './quantity.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Doc = { [key: string]: Json };

/** Memory quantities: the common valid ones, typos the rules catch, invalid text and wrong YAML types. */
export const memory: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('64Mi', '128Mi', '256Mi', '512Mi', '768Mi', '1Gi', '1.5Gi', '2Gi', '4Gi', '500M', '1G', '3Gi') },
  { weight: 2, arbitrary: fc.constantFrom('512m', '512', '1024', 'Mi', '0', '1e9', '0.5Gi', '1Ki', '100k') },
  { weight: 2, arbitrary: fc.constantFrom('1g', '512MB', '-1Gi', '1 Gi', ' 1Gi ', '1GiB', '', 'abc', '1e400', '9223372036854775807', '.5Gi', '8Ei') },
  { weight: 1, arbitrary: fc.constantFrom<Json>(512, 1073741824, 0, -1, 1.5, true, null, ['1Gi'], { value: '1Gi' }) },
  { weight: 1, arbitrary: quantityText },
);
const cpu = fc.constantFrom<Json>('100m', '1', '2', 0.5, '250m', 'abc');

const resourceList = fc.record({ memory, cpu }, { requiredKeys: [] });
const resources = fc.record({ requests: resourceList, limits: resourceList }, { requiredKeys: [] });

const JVM_VARS = ['JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'JAVA_OPTS', 'CATALINA_OPTS', 'KAFKA_HEAP_OPTS', 'ES_JAVA_OPTS'];
const envName = fc.constantFrom(...JVM_VARS, 'NODE_OPTIONS', 'GOMEMLIMIT', 'HEAP', 'MEM_LIMIT');

const envVar: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ name: fc.constantFrom(...JVM_VARS), value: jvmOptionsString }),
  fc.record({ name: fc.constant('NODE_OPTIONS'), value: nodeOptions }),
  fc.record({ name: fc.constant('GOMEMLIMIT'), value: goMemLimit }),
  fc.record({ name: fc.constantFrom('DOTNET_GCHeapHardLimit', 'COMPlus_GCHeapHardLimit', 'DOTNET_GCHeapHardLimitPercent'), value: dotnetHexValue }),
  fc.record({ name: fc.constantFrom('SOLR_HEAP', 'MAX_HEAP_SIZE', 'HADOOP_HEAPSIZE_MAX', 'SPARK_DRIVER_MEMORY', 'BPL_JVM_THREAD_COUNT'), value: fc.constantFrom('512m', '1g', '2048', '50', 'x') }),
  fc.record({
    name: envName,
    valueFrom: fc.record({
      resourceFieldRef: fc.record(
        { resource: fc.constantFrom('limits.memory', 'requests.memory', 'limits.cpu'), divisor: fc.constantFrom('1', '1Mi', '1Gi', '1M', '0', 'bad'), containerName: fc.constantFrom('c0', 'c1', 'c9') },
        { requiredKeys: ['resource'] },
      ),
    }),
  }),
  fc.record({ name: envName, valueFrom: fc.record({ configMapKeyRef: fc.record({ name: fc.constantFrom('app-config', 'missing'), key: fc.constantFrom(...JVM_VARS, 'GOMEMLIMIT', 'NODE_OPTIONS', 'nope') }) }) }),
  fc.record({ name: envName, valueFrom: fc.record({ secretKeyRef: fc.record({ name: fc.constant('s'), key: fc.constant('k') }) }) }),
  fc.record({ name: fc.constantFrom('OPTS', 'JAVA_OPTS'), value: fc.constantFrom('$(JAVA_TOOL_OPTIONS) -Xmx1g', '$(HEAP)', '$$(HEAP)', '$(UNDEFINED', '-Xmx$(HEAP)') }),
  fc.record({ name: fc.string({ maxLength: 8 }), value: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom<Json>(512, true, null)) }),
);

const IMAGES = [
  'eclipse-temurin:17-jre', 'eclipse-temurin:21.0.2_13-jdk', 'openjdk:8u181-jre', 'openjdk:8u171-jdk', 'openjdk:11', 'amazoncorretto:17',
  'tomcat:9', 'bitnami/kafka:3.6', 'elasticsearch:8.11.0', 'solr:9', 'cassandra:4', 'paketobuildpacks/run:base', 'node:20-alpine',
  'golang:1.22', 'mcr.microsoft.com/dotnet/aspnet:8.0', 'docker.io/istio/proxyv2:1.20.0', 'cr.l5d.io/linkerd/proxy:stable-2.14',
  'nginx:1.25', 'busybox', 'ghcr.io/example/orders@sha256:abc', '',
];

const container = (init: boolean) =>
  fc.record(
    {
      name: fc.constant('?'), // replaced by a unique name, or removed (see nameAll)
      image: fc.constantFrom<Json>(...IMAGES, 42),
      command: command as fc.Arbitrary<Json>,
      args: args as fc.Arbitrary<Json>,
      env: fc.array(envVar, { maxLength: 4 }),
      envFrom: fc.constant<Json>([{ configMapRef: { name: 'app-config' } }]),
      resources,
      ...(init ? { restartPolicy: fc.constantFrom('Always', 'Always', 'OnFailure') } : {}),
    },
    { requiredKeys: ['name'] },
  );

const volume = fc.oneof(
  fc.record({ name: fc.constant('cache'), emptyDir: fc.record({ medium: fc.constantFrom('Memory', 'Memory', ''), sizeLimit: memory }, { requiredKeys: [] }) }),
  fc.record({ name: fc.constant('cfg'), configMap: fc.record({ name: fc.constant('app-config') }) }),
);

const podSpec = fc.record(
  {
    containers: fc.array(container(false), { maxLength: 5 }),
    initContainers: fc.array(container(true), { maxLength: 3 }),
    ephemeralContainers: fc.array(fc.record({ name: fc.constant('debug'), image: fc.constant('busybox') }), { maxLength: 1 }),
    volumes: fc.array(volume, { maxLength: 2 }),
    resources,
    overhead: fc.record({ memory }),
  },
  { requiredKeys: ['containers'] },
);

const ANNOTATIONS = ['sidecar.istio.io/inject', 'sidecar.istio.io/proxyMemoryLimit', 'sidecar.istio.io/proxyMemory', 'linkerd.io/inject', 'config.linkerd.io/proxy-memory-limit', 'oomlint.io/ignore', 'oomlint.io/ignore.c0'];
const annotationValue = fc.constantFrom('true', 'false', 'enabled', '256Mi', '1Gi', '1g', 'memory-limit-missing', 'memory-request-missing -- batch job', '*', '', 'no-such-rule');
const stringMap = fc.dictionary(fc.constantFrom(...ANNOTATIONS, 'app'), annotationValue, { maxKeys: 3 });
const namespace = fc.constantFrom('shop', 'default'); // or no namespace: the key is optional in every record below
const metadata = fc.record({ name: fc.constant('?'), namespace, annotations: stringMap, labels: stringMap }, { requiredKeys: ['name'] });
const template = fc.record({ metadata: fc.record({ labels: stringMap, annotations: stringMap }, { requiredKeys: [] }), spec: podSpec });

const KINDS: Record<string, string> = { Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', ReplicaSet: 'apps/v1', Job: 'batch/v1' };

/** One workload of a random kind. */
export const workload: fc.Arbitrary<Doc> = fc.oneof(
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), metadata, spec: podSpec }),
  fc.tuple(fc.constantFrom(...Object.keys(KINDS)), metadata, template).map(([kind, m, t]) => ({ apiVersion: KINDS[kind] as string, kind, metadata: m, spec: { replicas: 2, template: t } })),
  fc.tuple(metadata, template).map(([m, t]) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: m, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: t } } } })),
) as fc.Arbitrary<Doc>;

const limitRange = fc.record({
  apiVersion: fc.constant('v1'),
  kind: fc.constant('LimitRange'),
  metadata: fc.record({ name: fc.constant('limits'), namespace }, { requiredKeys: ['name'] }),
  spec: fc.record({
    limits: fc.array(
      fc.record({ type: fc.constantFrom('Container', 'Pod'), default: fc.record({ memory }), defaultRequest: fc.record({ memory }), max: fc.record({ memory }), min: fc.record({ memory }), maxLimitRequestRatio: fc.record({ memory: fc.constantFrom<Json>('2', '1', 3, '0.5') }) }, { requiredKeys: ['type'] }),
      { maxLength: 2 },
    ),
  }),
});
const configMap = fc.record({
  apiVersion: fc.constant('v1'),
  kind: fc.constant('ConfigMap'),
  metadata: fc.record({ name: fc.constant('app-config'), namespace }, { requiredKeys: ['name'] }),
  data: fc.record({ JAVA_TOOL_OPTIONS: jvmOptionsString, JAVA_OPTS: jvmOptionsString, GOMEMLIMIT: goMemLimit, NODE_OPTIONS: nodeOptions }, { requiredKeys: [] }),
});
const namespaceObject = fc.record({
  apiVersion: fc.constant('v1'),
  kind: fc.constant('Namespace'),
  metadata: fc.record({ name: fc.constantFrom('shop', 'default'), labels: fc.constantFrom({ 'istio-injection': 'enabled' }, {}), annotations: stringMap }),
});

const document: fc.Arbitrary<Doc> = fc.oneof(
  { weight: 6, arbitrary: workload },
  { weight: 1, arbitrary: fc.array(workload, { maxLength: 3 }).map((items) => ({ apiVersion: 'v1', kind: 'List', items })) },
  { weight: 1, arbitrary: limitRange as fc.Arbitrary<Doc> },
  { weight: 1, arbitrary: configMap as fc.Arbitrary<Doc> },
  { weight: 1, arbitrary: namespaceObject as fc.Arbitrary<Doc> },
);

/** A file's documents, names made unique (or left out: unnamed objects and containers occur). */
export const documents: fc.Arbitrary<Doc[]> = fc
  .tuple(fc.array(document, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(7), { minLength: 40, maxLength: 40 }))
  .map(([docs, unnamed]) => nameAll(docs, unnamed));

/** Gives each object and container a unique name, except where `unnamed` (1 in 8 on average) leaves it out. */
function nameAll(docs: Doc[], unnamed: number[]): Doc[] {
  const copy = structuredClone(docs);
  const count = { o: 0, c: 0 };
  const visit = (node: Json, parentKey: string): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, parentKey));
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'name' && value === '?') {
        const prefix = parentKey === 'metadata' ? 'o' : 'c';
        const n = count[prefix]++;
        if (unnamed[(n * 2 + (prefix === 'o' ? 0 : 1)) % unnamed.length] === 0) delete node[key];
        else node[key] = `${prefix}${n}`;
      } else visit(value, key);
    }
  };
  for (const doc of copy) visit(doc, '');
  return copy;
}

/** Values that do not belong where they land: wrong types, empty collections, stray strings. */
const junk = fc.constantFrom<Json>(null, 0, -1, 1.5, true, 'x', '', [], {}, ['a'], { a: 1 }, '1Gi', 'Always', 'java -Xmx1g', [{}], [null]);

/**
 * Generated documents with 1–3 edits at random places: a value replaced by junk, or a key or list
 * item removed. The result is still YAML, but rarely the shape the Kubernetes API expects.
 */
export const mutatedDocuments: fc.Arbitrary<Doc[]> = fc
  .tuple(documents, fc.array(fc.tuple(fc.nat(), fc.option(junk, { nil: undefined })), { minLength: 1, maxLength: 3 }))
  .map(([docs, edits]) => {
    const copy = structuredClone(docs);
    for (const [at, value] of edits) {
      const slots: Array<[Json[] | { [key: string]: Json }, string | number]> = [];
      const collect = (node: Json): void => {
        if (Array.isArray(node)) node.forEach((item, i) => (slots.push([node, i]), collect(item)));
        else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) slots.push([node, k]), collect(v);
      };
      copy.forEach((doc) => collect(doc));
      const slot = slots[at % Math.max(1, slots.length)];
      if (!slot) continue;
      const [parent, key] = slot;
      // A fresh copy each time: the same junk object put inside itself would make a cycle.
      if (value !== undefined) (parent as Record<string | number, Json>)[key] = structuredClone(value);
      else if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    }
    return copy;
  });
