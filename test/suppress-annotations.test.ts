/** `oomlint.io/ignore` annotations: read from objects and pod templates (exact positions), then applied. */
import { describe, expect, it } from 'vitest';
import { kubernetesObjects } from '../src/load/kubernetes.js';
import { loadYaml } from '../src/load/yaml.js';
import { collectAnnotations } from '../src/suppress/annotations.js';
import { SUPPRESSIONS_HELP_URI } from '../src/suppress/reports.js';
import { yaml } from './rule-tester.js';
import { BASE, DOCKERFILE, lines, lintTexts, view } from './suppress-fixture.js';

function scan(text: string, file = 'deploy.yaml') {
  const loaded = loadYaml(file, text);
  if (loaded.problems.length > 0) throw new Error(`fixture does not parse: ${loaded.problems[0]?.message}`);
  return collectAnnotations(kubernetesObjects(loaded).objects);
}

const DEPLOYMENT = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: api
    namespace: shop
    annotations:
      oomlint.io/ignore: "memory-no-headroom -- Guaranteed QoS on purpose"
      team: payments
  spec:
    template:
      metadata:
        annotations:
          oomlint.io/ignore.envoy: sidecar-memory-limit-missing,memory-request-missing
      spec:
        containers:
          - name: api
            image: ghcr.io/example/api:1.0
          - name: envoy
            image: envoyproxy/envoy:v1.31
`;

describe('collectAnnotations', () => {
  it('reads the object and the pod template annotations, per container, with reason and key-to-value range', () => {
    expect(scan(DEPLOYMENT)).toEqual({
      annotations: [
        {
          object: 'Deployment shop/api',
          file: 'deploy.yaml',
          key: 'oomlint.io/ignore',
          ruleIds: ['memory-no-headroom'],
          justification: 'Guaranteed QoS on purpose',
          source: { file: 'deploy.yaml', line: 7, column: 5, endLine: 7, endColumn: 73 },
        },
        {
          object: 'Deployment shop/api',
          file: 'deploy.yaml',
          container: 'envoy',
          key: 'oomlint.io/ignore.envoy',
          ruleIds: ['sidecar-memory-limit-missing', 'memory-request-missing'],
          source: { file: 'deploy.yaml', line: 13, column: 9, endLine: 13, endColumn: 85 },
        },
      ],
      problems: [],
    });
  });

  it("reads a Pod's annotations once (its template metadata is its own)", () => {
    const pod = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: batch
        annotations: {oomlint.io/ignore: "*"}
      spec:
        containers: [{name: job, image: busybox}]
    `;
    expect(scan(pod, 'pod.yaml')).toEqual({
      annotations: [
        {
          object: 'Pod batch',
          file: 'pod.yaml',
          key: 'oomlint.io/ignore',
          ruleIds: [],
          source: { file: 'pod.yaml', line: 5, column: 17, endLine: 5, endColumn: 39 },
        },
      ],
      problems: [],
    });
  });

  it('reports annotations that cannot work: unknown container, empty list, near-miss key, non-string value', () => {
    const text = yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: report
        annotations:
          oomlint.io/ignore.worker: memory-no-headroom
          oomlint.io/ignore: "  -- nothing listed"
          oomlint.io/ignored: memory-no-headroom
          oomlint.io/ignore.: x
      spec:
        jobTemplate:
          spec:
            template:
              metadata:
                annotations:
                  oomlint.io/ignore.job: [memory-no-headroom]
              spec:
                initContainers: [{name: migrate, image: busybox}]
                containers: [{name: job, image: busybox}]
    `;
    const { annotations, problems } = scan(text, 'cron.yaml');
    expect(annotations).toEqual([]);
    expect(problems.map((p) => [p.source.line, p.source.column, p.object, p.container, p.message])).toEqual([
      [
        6,
        5,
        'CronJob report',
        undefined,
        'annotation "oomlint.io/ignore.worker" names container "worker", which CronJob report does not have (containers: "migrate", "job"); it suppresses nothing',
      ],
      [
        7,
        5,
        'CronJob report',
        undefined,
        'annotation "oomlint.io/ignore" names no rule, so it suppresses nothing; list rule ids ("memory-no-headroom -- reason") or write "*" for every rule',
      ],
      [8, 5, 'CronJob report', undefined, 'unknown annotation "oomlint.io/ignored": it suppresses nothing; write oomlint.io/ignore or oomlint.io/ignore.<container>'],
      [9, 5, 'CronJob report', undefined, 'unknown annotation "oomlint.io/ignore.": it suppresses nothing; write oomlint.io/ignore or oomlint.io/ignore.<container>'],
      [
        16,
        13,
        'CronJob report',
        'job',
        'annotation "oomlint.io/ignore.job" must be a string ("rule-a, rule-b -- reason"); Kubernetes rejects other annotation values',
      ],
    ]);
  });

  it('ignores objects without a pod template, and other annotations', () => {
    const text = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
        annotations: {oomlint.io/ignore: memory-no-headroom, example.com/oomlint.io/ignore: x}
    `;
    expect(scan(text)).toEqual({ annotations: [], problems: [] });
  });
});

describe('applySuppressions: annotations', () => {
  const ANNOTATED = lines(
    ...BASE.slice(0, 5),
    '  annotations:', // 6
    '    oomlint.io/ignore: "memory-no-headroom, pod-qos-best-effort -- Guaranteed QoS on purpose"', // 7
    ...BASE.slice(5, 7),
    '    metadata:', // 10
    '      annotations:', // 11
    '        oomlint.io/ignore.envoy: "* -- the mesh sizes it"', // 12
    '        oomlint.io/ignore.api: jvm-heap-exceeds-limit', // 13
    ...BASE.slice(7),
  );

  it('object-level and container-level annotations cover that object (and the Dockerfiles linked to it)', () => {
    const outcome = lintTexts({ 'deploy.yaml': ANNOTATED }, DOCKERFILE);
    expect(view(outcome.findings)).toEqual([
      'deploy.yaml:20 memory-no-headroom ← annotation@deploy.yaml:7 "Guaranteed QoS on purpose"',
      'deploy.yaml:21 memory-request-missing ← annotation@deploy.yaml:12 "the mesh sizes it"',
      'deploy.yaml:21 sidecar-memory-limit-missing ← annotation@deploy.yaml:12 "the mesh sizes it"',
      // Another object in the same file: the Deployment's annotation does not reach it (and so
      // is partly unused).
      'deploy.yaml:28 pod-qos-best-effort',
      'services/api/Dockerfile:2 jvm-heap-exceeds-limit ← annotation@deploy.yaml:13',
    ]);
    expect(outcome.unused).toEqual([
      {
        ruleId: 'unused-disable-directive',
        severity: 'warning',
        message: 'unused annotation "oomlint.io/ignore" (no problems were reported from "pod-qos-best-effort"); remove "pod-qos-best-effort" from it',
        file: 'deploy.yaml',
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 94,
        object: 'Deployment shop/api',
        helpUri: SUPPRESSIONS_HELP_URI,
      },
    ]);
    expect(outcome.invalid).toEqual([]);
  });

  it('a container annotation does not cover the other containers', () => {
    const text = ANNOTATED.replace('oomlint.io/ignore.envoy: "* -- the mesh sizes it"', 'oomlint.io/ignore.api: "*"').replace(
      '        oomlint.io/ignore.api: jvm-heap-exceeds-limit\n',
      '',
    );
    const outcome = lintTexts({ 'deploy.yaml': text });
    expect(view(outcome.findings).slice(1, 3)).toEqual(['deploy.yaml:20 memory-request-missing', 'deploy.yaml:20 sidecar-memory-limit-missing']);
    // Both annotations cover api's finding: it records both, and both count as used.
    expect(outcome.findings[0]?.suppressions?.map((s) => s.line)).toEqual([7, 12]);
    expect(outcome.unused.map((u) => [u.line, u.container, u.message])).toEqual([
      [7, undefined, 'unused annotation "oomlint.io/ignore" (no problems were reported from "pod-qos-best-effort"); remove "pod-qos-best-effort" from it'],
    ]);
  });

  it('an object with the same name in another file is another object', () => {
    const outcome = lintTexts({ 'a/deploy.yaml': ANNOTATED, 'b/deploy.yaml': lines(...BASE) });
    const b = view(outcome.findings).filter((f) => f.startsWith('b/'));
    expect(b).toEqual(['b/deploy.yaml:14 memory-no-headroom', 'b/deploy.yaml:15 memory-request-missing', 'b/deploy.yaml:15 sidecar-memory-limit-missing', 'b/deploy.yaml:22 pod-qos-best-effort']);
  });

  it('unknown rule ids in an annotation are invalid and name the object and container', () => {
    const text = ANNOTATED.replace('oomlint.io/ignore.api: jvm-heap-exceeds-limit', 'oomlint.io/ignore.api: jvm-heap-exceed-limit');
    const outcome = lintTexts({ 'deploy.yaml': text }, DOCKERFILE);
    expect(view(outcome.findings)[4]).toBe('services/api/Dockerfile:2 jvm-heap-exceeds-limit');
    expect(outcome.invalid.map((u) => [u.line, u.column, u.object, u.container, u.message])).toEqual([
      [
        13,
        9,
        'Deployment shop/api',
        'api',
        'annotation "oomlint.io/ignore.api" names unknown rule "jvm-heap-exceed-limit" (did you mean "jvm-heap-exceeds-limit"?), so it does not suppress it; oomlint --list-rules lists the ids',
      ],
    ]);
  });
});
