/** Model: pod-spec extraction per kind, container roles, defaulting, QoS and pod memory. */
import { describe, expect, it } from 'vitest';
import { modelOf, yaml } from './rule-tester.js';

const MI = 2 ** 20;

function pod(spec: string, extra = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: p${extra}}\nspec:\n${spec.replace(/^/gm, '  ')}\n`;
}

describe('pod templates of every kind', () => {
  const kinds: Array<[string, string]> = [
    ['Pod', 'spec: {containers: [{name: c}]}'],
    ['Deployment', 'spec: {template: {spec: {containers: [{name: c}]}}}'],
    ['StatefulSet', 'spec: {template: {spec: {containers: [{name: c}]}}}'],
    ['DaemonSet', 'spec: {template: {spec: {containers: [{name: c}]}}}'],
    ['ReplicaSet', 'spec: {template: {spec: {containers: [{name: c}]}}}'],
    ['ReplicationController', 'spec: {template: {spec: {containers: [{name: c}]}}}'],
    ['Job', 'spec: {template: {spec: {containers: [{name: c}]}}}'],
    ['CronJob', 'spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: c}]}}}}}'],
    ['PodTemplate', 'template: {spec: {containers: [{name: c}]}}'],
    ['Rollout', 'spec: {template: {spec: {containers: [{name: c}]}}}'],
  ];
  for (const [kind, body] of kinds) {
    it(`${kind} yields one workload with its container`, () => {
      const model = modelOf(`apiVersion: x/v1\nkind: ${kind}\nmetadata: {name: w, namespace: ns}\n${body}\n`);
      expect(model.workloads.map((w) => [w.ref, w.containers.map((c) => c.name)])).toEqual([[`${kind} ns/w`, ['c']]]);
    });
  }

  it('objects without a pod template are counted, not linted', () => {
    const model = modelOf('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {template: {spec: {}}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    expect(model.workloads).toEqual([]);
  });
});

describe('container roles', () => {
  it('app, init, native sidecar and ephemeral, init containers first in declaration order', () => {
    const model = modelOf(
      pod(yaml`
        initContainers:
          - {name: migrate}
          - {name: mesh, restartPolicy: Always}
        containers:
          - {name: app}
        ephemeralContainers:
          - {name: debug}
      `),
    );
    expect(model.workloads[0]?.containers.map((c) => [c.name, c.role])).toEqual([
      ['migrate', 'init'],
      ['mesh', 'sidecar'],
      ['app', 'app'],
      ['debug', 'ephemeral'],
    ]);
  });
});

describe('defaulting', () => {
  it('a limit without a request: the API server copies the limit into the request', () => {
    const c = modelOf(pod('containers: [{name: a, resources: {limits: {memory: 1Gi}}}]')).workloads[0]?.containers[0];
    expect(c?.effective.memory).toEqual({
      limit: { value: 1024 * MI, origin: { kind: 'container' } },
      request: { value: 1024 * MI, origin: { kind: 'defaulted-from-limit' } },
    });
  });

  it('LimitRange defaults fill what the container leaves out, with API defaulting of the LimitRange', () => {
    const model = modelOf(
      yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: lr}
        spec:
          limits:
            - type: Container
              max: {memory: 2Gi}
              min: {memory: 64Mi}
        ---
      ` + pod('containers: [{name: a}, {name: b, resources: {requests: {memory: 100Mi}}}]'),
    );
    const [a, b] = model.workloads[0]?.containers ?? [];
    // default := max (2Gi); defaultRequest := default (2Gi), since min only fills an absent default.
    expect(a?.effective.memory.limit).toEqual({ value: 2048 * MI, origin: { kind: 'limitrange', limitRange: 'LimitRange lr', field: 'default' } });
    expect(a?.effective.memory.request).toEqual({ value: 2048 * MI, origin: { kind: 'limitrange', limitRange: 'LimitRange lr', field: 'defaultRequest' } });
    expect(b?.effective.memory.request).toEqual({ value: 100 * MI, origin: { kind: 'container' } });
    expect(b?.effective.memory.limit?.value).toBe(2048 * MI);
  });

  it('an invalid limit is not copied into the request', () => {
    const c = modelOf(pod('containers: [{name: a, resources: {limits: {memory: 1g}}}]')).workloads[0]?.containers[0];
    expect(c?.effective.memory).toEqual({});
  });
});

describe('QoS class', () => {
  const cases: Array<[string, string, string]> = [
    ['no resources anywhere', 'containers: [{name: a}, {name: b}]', 'BestEffort'],
    ['cpu request only is still Burstable', 'containers: [{name: a, resources: {requests: {cpu: 100m}}}]', 'Burstable'],
    ['limits only for cpu and memory: requests copied → Guaranteed', 'containers: [{name: a, resources: {limits: {cpu: 1, memory: 1Gi}}}]', 'Guaranteed'],
    ['memory limit only (no cpu) → Burstable', 'containers: [{name: a, resources: {limits: {memory: 1Gi}}}]', 'Burstable'],
    ['request < limit → Burstable', 'containers: [{name: a, resources: {requests: {cpu: 1, memory: 512Mi}, limits: {cpu: 1, memory: 1Gi}}}]', 'Burstable'],
    [
      'an init container without limits breaks Guaranteed',
      'initContainers: [{name: i}]\ncontainers: [{name: a, resources: {limits: {cpu: 1, memory: 1Gi}}}]',
      'Burstable',
    ],
    [
      'pod-level resources decide when set',
      'resources: {limits: {cpu: 1, memory: 1Gi}}\ncontainers: [{name: a}]',
      'Guaranteed',
    ],
    ['zero quantities do not count', 'containers: [{name: a, resources: {requests: {memory: "0"}}}]', 'BestEffort'],
  ];
  for (const [name, spec, qos] of cases) {
    it(name, () => expect(modelOf(pod(spec)).workloads[0]?.qos).toBe(qos));
  }
});

describe('effective pod memory (KEP-753 native sidecars, overhead)', () => {
  it('max(app + sidecars, each init + sidecars before it) + overhead', () => {
    const w = modelOf(
      pod(yaml`
        overhead: {memory: 10Mi}
        initContainers:
          - {name: big-init, resources: {limits: {memory: 900Mi}}}
          - {name: mesh, restartPolicy: Always, resources: {limits: {memory: 100Mi}}}
          - {name: late-init, resources: {limits: {memory: 850Mi}}}
        containers:
          - {name: app, resources: {requests: {memory: 300Mi}, limits: {memory: 500Mi}}}
      `),
    ).workloads[0];
    // requests: app 300 + mesh 100 = 400; big-init 900; late-init 850 + mesh 100 = 950 → 950 + 10.
    // limits: app 500 + mesh 100 = 600; big-init 900; late-init 950 → 950 + 10.
    expect(w?.podMemory).toEqual({ request: 960 * MI, limit: 960 * MI });
  });

  it('the pod limit is unbounded when any container has none', () => {
    const w = modelOf(pod('containers: [{name: a, resources: {limits: {memory: 1Gi}}}, {name: b}]')).workloads[0];
    expect(w?.podMemory).toEqual({ request: 1024 * MI });
  });

  it('a pod-level limit bounds the pod, and defaults the pod request to it when no container requests', () => {
    const w = modelOf(pod('resources: {limits: {memory: 2Gi}}\ncontainers: [{name: a}]')).workloads[0];
    expect(w?.podMemory).toEqual({ request: 2048 * MI, limit: 2048 * MI });
  });
});

describe('pod-level request defaulting (KEP-2837)', () => {
  it('with container requests, the pod request is their sum, not the pod limit', () => {
    const w = modelOf(pod('resources: {limits: {memory: 2Gi}}\ncontainers: [{name: a, resources: {requests: {memory: 300Mi}}}, {name: b, resources: {requests: {memory: 200Mi}}}]')).workloads[0];
    expect(w?.podMemory).toEqual({ request: 500 * MI, limit: 2048 * MI });
  });
});

describe('LimitRange default order', () => {
  it('within one LimitRange the last Container item wins; across LimitRanges the first in input order', () => {
    const model = modelOf(
      yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: {name: a}
        spec:
          limits:
            - {type: Container, default: {memory: 100Mi}}
            - {type: Container, default: {memory: 200Mi}}
        ---
        apiVersion: v1
        kind: LimitRange
        metadata: {name: b}
        spec:
          limits:
            - {type: Container, default: {memory: 300Mi}}
        ---
      ` + pod('containers: [{name: a}]'),
    );
    expect(model.workloads[0]?.containers[0]?.effective.memory.limit).toEqual({
      value: 200 * MI,
      origin: { kind: 'limitrange', limitRange: 'LimitRange a', field: 'default' },
    });
  });
});
