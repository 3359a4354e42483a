// @ts-check
/**
 * Synthetic Kubernetes objects: workloads of every kind oomlint reads (Deployment, StatefulSet,
 * DaemonSet, Job, CronJob, Pod) around a pod spec of 1–4 containers, and LimitRanges. Metadata,
 * probes, volumes and scheduling fields are there so an object weighs ≈2 KB, as real ones do.
 */
import { appContainer, initContainer, sidecarContainer } from './containers.mjs';

/** @typedef {import('./random.mjs').Random} Random */
/** @typedef {Record<string, unknown>} Json */

const TEAMS = ['payments', 'search', 'checkout', 'platform', 'data', 'identity', 'media', 'ml'];
/**
 * Namespaces per team among each 5,000 objects: LimitRanges apply per namespace, so about one per
 * namespace, as in real clusters. The namespaces grow with the corpus (objects from the 5,001st
 * on open new ones), so that a 16× corpus is sixteen times the namespaces, not sixteen
 * LimitRanges in each: the scaling runs then time the same kind of input at every size. The 1×
 * corpus is what it always was.
 */
const NAMESPACES_PER_TEAM = 25;
const OBJECTS_PER_NAMESPACE_BLOCK = 5000;
const WORDS = ['api', 'worker', 'gateway', 'indexer', 'billing', 'catalog', 'ledger', 'notifier', 'scheduler', 'reports', 'auth', 'cache'];

/**
 * @param {Random} random
 * @param {number} index makes names unique across the corpus
 */
export function serviceName(random, index) {
  return `${random.pick(WORDS)}-${random.pick(WORDS)}-${index}`;
}

/**
 * @param {Random} random
 * @param {string} service
 * @returns {Json}
 */
function podSpec(random, service) {
  const containerCount = random.weighted([[45, 1], [30, 2], [17, 3], [8, 4]]);
  const containers = [appContainer(random, service)];
  for (let i = 1; i < containerCount; i++) containers.push(sidecarContainer(random));
  const memoryBacked = random.chance(0.15);
  /** @type {Json} */
  const spec = {
    serviceAccountName: service,
    ...(random.chance(0.25) ? { initContainers: [initContainer(random, service)] } : {}),
    containers,
    volumes: [
      { name: 'config', configMap: { name: `${service}-config` } },
      { name: 'tmp', emptyDir: memoryBacked ? { medium: 'Memory', ...(random.chance(0.5) ? { sizeLimit: '256Mi' } : {}) } : {} },
    ],
    ...(random.chance(0.5) ? { securityContext: { runAsUser: 10001, fsGroup: 10001 } } : {}),
    terminationGracePeriodSeconds: random.pick([30, 60]),
  };
  if (random.chance(0.3)) spec.nodeSelector = { 'kubernetes.io/os': 'linux', 'node.kubernetes.io/instance-type': random.pick(['m6i.large', 'c6i.xlarge']) };
  if (random.chance(0.1)) spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }];
  return spec;
}

/** @param {Random} random @param {number} index */
function namespace(random, index) {
  const perTeam = NAMESPACES_PER_TEAM * (1 + Math.floor(index / OBJECTS_PER_NAMESPACE_BLOCK));
  return `${random.pick(TEAMS)}-${random.int(1, perTeam)}`;
}

/**
 * @param {string} service
 * @param {string} team
 * @param {Random} random
 * @param {number} index
 */
function metadata(service, team, random, index) {
  return {
    name: service,
    namespace: namespace(random, index),
    labels: {
      'app.kubernetes.io/name': service,
      'app.kubernetes.io/part-of': team,
    },
    annotations: {
      'example.com/owner': `team-${team}@example.com`,
      // Some teams silence a rule on purpose, so the suppression path is timed too.
      ...(random.chance(0.1) ? { 'oomlint.io/ignore': 'memory-no-headroom -- spikes are rare, accepted' } : {}),
    },
  };
}

/**
 * One workload of a random kind.
 * @param {Random} random
 * @param {number} index
 * @returns {Json}
 */
export function workload(random, index) {
  const service = serviceName(random, index);
  const team = random.pick(TEAMS);
  const kind = random.weighted([[40, 'Deployment'], [12, 'StatefulSet'], [8, 'DaemonSet'], [12, 'Job'], [10, 'CronJob'], [8, 'Pod']]);
  const meta = metadata(service, team, random, index);
  const podLabels = { 'app.kubernetes.io/name': service, 'app.kubernetes.io/part-of': team };
  const spec = podSpec(random, service);
  const template = {
    metadata: { labels: podLabels, ...(random.chance(0.4) ? { annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' } } : {}) },
    spec,
  };
  const selector = { matchLabels: podLabels };
  switch (kind) {
    case 'Pod':
      return { apiVersion: 'v1', kind, metadata: meta, spec };
    case 'Job':
      spec.restartPolicy = 'OnFailure';
      return { apiVersion: 'batch/v1', kind, metadata: meta, spec: { backoffLimit: 3, ttlSecondsAfterFinished: 3600, template } };
    case 'CronJob':
      spec.restartPolicy = 'OnFailure';
      return {
        apiVersion: 'batch/v1',
        kind,
        metadata: meta,
        spec: { schedule: `${random.int(0, 59)} ${random.int(0, 23)} * * *`, concurrencyPolicy: 'Forbid', jobTemplate: { spec: { backoffLimit: 2, template } } },
      };
    case 'DaemonSet':
      return { apiVersion: 'apps/v1', kind, metadata: meta, spec: { selector, updateStrategy: { type: 'RollingUpdate' }, template } };
    case 'StatefulSet':
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata: meta,
        spec: {
          serviceName: service,
          replicas: random.int(1, 5),
          selector,
          template,
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: `${random.pick([10, 50, 100])}Gi` } } } }],
        },
      };
    default:
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata: meta,
        spec: { replicas: random.int(1, 6), revisionHistoryLimit: 5, selector, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } }, template },
      };
  }
}

/**
 * A namespace's LimitRange: defaults that admission fills in, and max/min it enforces.
 * @param {Random} random
 * @param {number} index
 * @returns {Json}
 */
export function limitRange(random, index) {
  const max = random.pick([2, 4, 8, 16]);
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: `memory-${index}`, namespace: namespace(random, index) },
    spec: {
      limits: [
        { type: 'Container', default: { memory: '512Mi' }, defaultRequest: { memory: '256Mi' }, max: { memory: `${max}Gi` }, min: { memory: '16Mi' } },
        ...(random.chance(0.5) ? [{ type: 'Pod', max: { memory: `${max * 2}Gi` } }] : []),
      ],
    },
  };
}
