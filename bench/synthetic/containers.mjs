// @ts-check
/**
 * One synthetic container: an image of some runtime, its memory settings (JVM, Node, Go, or
 * none), and Kubernetes resources in the proportions real manifests show — some missing, some
 * request == limit, most with headroom — so every model path and most rules get exercised.
 */

/** @typedef {import('./random.mjs').Random} Random */
/** @typedef {Record<string, unknown>} Json */

const MEMORY_SIZES_MIB = [64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192];
const CPU_REQUESTS = ['10m', '50m', '100m', '200m', '250m', '500m', '1', '2'];

/** @param {number} mib */
function quantity(mib) {
  return mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
}

/**
 * Requests and limits, in the mix real repositories have (see ../shared/corpus/real): about a
 * fifth without any memory setting, a fifth pinned (request == limit), the rest with headroom,
 * and the odd typo a linter exists for (`512m` is half a byte).
 * @param {Random} random
 * @param {number} baseMib
 * @returns {Json | undefined}
 */
export function resources(random, baseMib) {
  const cpu = random.pick(CPU_REQUESTS);
  const shape = random.weighted([
    [15, 'none'], [7, 'request-only'], [5, 'limit-only'], [20, 'equal'], [50, 'headroom'], [3, 'typo'],
  ]);
  switch (shape) {
    case 'none':
      return random.chance(0.5) ? undefined : {};
    case 'request-only':
      return { requests: { cpu, memory: quantity(baseMib) } };
    case 'limit-only':
      return { limits: { cpu, memory: quantity(baseMib) } };
    case 'equal':
      return { requests: { cpu, memory: quantity(baseMib) }, limits: { cpu, memory: quantity(baseMib) } };
    case 'typo':
      return { requests: { cpu, memory: `${baseMib}m` }, limits: { memory: `${baseMib * 2}M` } };
    default: {
      const factor = random.pick([1.25, 1.5, 2, 2, 3, 4]);
      return { requests: { cpu, memory: quantity(baseMib) }, limits: { memory: quantity(Math.round(baseMib * factor)) } };
    }
  }
}

/**
 * The runtime's own memory settings, spelled in the places people put them: env vars, `args`,
 * `sh -c` command lines. Sizes are sometimes sensible, sometimes larger than the container limit.
 * @param {Random} random
 * @param {'jvm' | 'node' | 'go' | 'plain'} runtime
 * @param {number} baseMib
 * @param {string} service
 * @returns {Json}
 */
function runtimeSettings(random, runtime, baseMib, service) {
  const heapMib = Math.max(64, Math.round(baseMib * random.pick([0.5, 0.6, 0.75, 0.9, 1, 1.2])));
  if (runtime === 'jvm') {
    const style = random.pick(['tool-options', 'args', 'percentage', 'shell', 'none']);
    const jvmOpts = random.pick(['-XX:+UseG1GC', '-XX:+UseContainerSupport', '-XX:MaxMetaspaceSize=256m', '-Xss512k', '']);
    if (style === 'tool-options') return { env: [{ name: 'JAVA_TOOL_OPTIONS', value: `-Xmx${heapMib}m ${jvmOpts}`.trim() }] };
    if (style === 'args') return { command: ['java'], args: [`-Xms${Math.round(heapMib / 2)}m`, `-Xmx${heapMib}m`, '-jar', `/app/${service}.jar`] };
    if (style === 'percentage') {
      return { env: [{ name: 'JAVA_OPTS', value: `-XX:MaxRAMPercentage=${random.pick([50, 60, 75, 80, 90])}.0 ${jvmOpts}`.trim() }] };
    }
    if (style === 'shell') {
      return { command: ['sh', '-c', `exec java $JAVA_OPTS -Xmx${heapMib}m -Dserver.port=8080 -jar /app/${service}.jar --spring.profiles.active=prod`] };
    }
    return {};
  }
  if (runtime === 'node') {
    const flag = `--max-old-space-size=${heapMib}`;
    return random.chance(0.5)
      ? { env: [{ name: 'NODE_OPTIONS', value: flag }, { name: 'NODE_ENV', value: 'production' }] }
      : { command: ['node', flag, 'dist/server.js'] };
  }
  if (runtime === 'go') {
    if (random.chance(0.3)) return { env: [{ name: 'GOMEMLIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } }] };
    return { env: [{ name: 'GOMEMLIMIT', value: random.pick([`${heapMib}MiB`, `${heapMib}M`, `${(heapMib / 1024).toFixed(1)}GiB`]) }, { name: 'GOGC', value: '100' }] };
  }
  return random.chance(0.3) ? { command: ['sh', '-c', `/usr/local/bin/${service} --config /etc/${service}/config.yaml --log-level=info`] } : {};
}

/** @type {Record<string, readonly string[]>} */
const IMAGES = {
  jvm: ['eclipse-temurin:17-jre', 'eclipse-temurin:21-jre', 'openjdk:8u181-jre', 'amazoncorretto:17', 'ghcr.io/example/{s}-java:2.3.1'],
  node: ['node:20-alpine', 'node:22-slim', 'ghcr.io/example/{s}-web:1.8.0'],
  go: ['ghcr.io/example/{s}:v1.14.2', 'gcr.io/distroless/static:nonroot', 'quay.io/example/{s}-controller:0.9.3'],
  plain: ['nginx:1.27-alpine', 'python:3.12-slim', 'redis:7.2', 'busybox:1.36', 'ghcr.io/example/{s}:3.0.0'],
};

/**
 * The application container of a workload.
 * @param {Random} random
 * @param {string} service
 * @returns {Json}
 */
export function appContainer(random, service) {
  /** @type {'jvm' | 'node' | 'go' | 'plain'} */
  const runtime = random.weighted(/** @type {const} */ ([[35, 'jvm'], [20, 'node'], [25, 'go'], [20, 'plain']]));
  const baseMib = random.pick(MEMORY_SIZES_MIB);
  const port = random.pick([8080, 8443, 3000, 9000, 5000]);
  const probe = (/** @type {string} */ path, /** @type {number} */ delay) => ({
    httpGet: { path, port },
    initialDelaySeconds: delay,
  });
  const settings = runtimeSettings(random, runtime, baseMib, service);
  const container = {
    name: service,
    image: random.pick(IMAGES[runtime] ?? []).replace('{s}', service),
    ...(random.chance(0.5) ? { imagePullPolicy: 'IfNotPresent' } : {}),
    ...settings,
    ports: [{ name: 'http', containerPort: port }, ...(random.chance(0.4) ? [{ name: 'metrics', containerPort: 9090 }] : [])],
    env: [
      ...(/** @type {unknown[]} */ (settings.env ?? [])),
      ...(random.chance(0.5) ? [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] : []),
      { name: 'LOG_LEVEL', value: random.pick(['info', 'debug', 'warn']) },
    ],
    resources: resources(random, baseMib),
    ...(random.chance(0.6) ? { readinessProbe: probe('/ready', 5) } : {}),
    ...(random.chance(0.4) ? { livenessProbe: probe('/healthz', 30) } : {}),
    volumeMounts: [{ name: 'config', mountPath: `/etc/${service}`, readOnly: true }, { name: 'tmp', mountPath: '/tmp' }],
    ...(random.chance(0.4) ? { securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true } } : {}),
  };
  if (container.resources === undefined) delete container.resources;
  return container;
}

/** Sidecars people actually run next to an app: proxies, log shippers, exporters. */
const SIDECARS = [
  { name: 'envoy', image: 'envoyproxy/envoy:v1.31.0', args: ['-c', '/etc/envoy/envoy.yaml', '--log-level', 'warn'] },
  { name: 'fluent-bit', image: 'fluent/fluent-bit:3.1', args: ['--config=/fluent-bit/etc/fluent-bit.conf'] },
  { name: 'cloud-sql-proxy', image: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.0', args: ['--port=5432', 'project:region:instance'] },
  { name: 'metrics-exporter', image: 'prom/statsd-exporter:v0.27.1', args: ['--statsd.listen-udp=:9125'] },
];

/**
 * @param {Random} random
 * @returns {Json}
 */
export function sidecarContainer(random) {
  const sidecar = random.pick(SIDECARS);
  const container = { ...sidecar, args: [...sidecar.args], resources: resources(random, random.pick([32, 64, 128, 256])) };
  if (container.resources === undefined) delete container.resources;
  return container;
}

/**
 * An init container, half of the time a native sidecar (restartPolicy: Always, Kubernetes 1.29+).
 * @param {Random} random
 * @param {string} service
 * @returns {Json}
 */
export function initContainer(random, service) {
  if (random.chance(0.5)) return { ...sidecarContainer(random), restartPolicy: 'Always' };
  const container = {
    name: 'wait-for-db',
    image: 'busybox:1.36',
    command: ['sh', '-c', `until nc -z ${service}-db 5432; do echo waiting for db; sleep 2; done`],
    resources: resources(random, 32),
  };
  if (container.resources === undefined) delete container.resources;
  return container;
}
