/** The model's view of what a container runs and with which environment. */
import { describe, expect, it } from 'vitest';
import { resolveProcess } from '../src/model/process.js';
import { modelOf, yaml } from './rule-tester.js';

function container(text: string, name = 'app') {
  const c = modelOf(text).workloads.flatMap((w) => w.containers).find((x) => x.name === name);
  if (!c) throw new Error(`no container ${name}`);
  return c;
}

const envOf = (text: string) => Object.fromEntries(container(text).env.map((e) => [e.name, e.unbounded ? 'UNBOUNDED' : e.value ?? '?']));
const programOf = (text: string) => container(text).process.program?.map((t) => (t.unknown ? `?${t.text}` : t.text));

const CONFIGMAP = yaml`
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: jvm, namespace: shop}
  data:
    JAVA_OPTS: -Xmx600m -XX:MaxMetaspaceSize=128m
    HEAP: 700m
  ---
`;

describe('environment', () => {
  it('expands $(VAR) from earlier variables; $$ escapes; unknown references stay', () => {
    const env = envOf(yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            env:
              - {name: HEAP, value: 512m}
              - {name: JAVA_TOOL_OPTIONS, value: "-Xmx$(HEAP) -Dcost=$$(HEAP) -Dx=$(LATER)"}
              - {name: LATER, value: x}
              - {name: PASSWORD, valueFrom: {secretKeyRef: {name: s, key: p}}}
    `);
    expect(env).toEqual({ HEAP: '512m', JAVA_TOOL_OPTIONS: '-Xmx512m -Dcost=$(HEAP) -Dx=$(LATER)', LATER: 'x', PASSWORD: '?' });
  });

  it('resolves configMapKeyRef and envFrom (with prefix) from ConfigMaps in the same namespace, pointing into the ConfigMap', () => {
    const c = container(
      CONFIGMAP +
        yaml`
          apiVersion: v1
          kind: Pod
          metadata: {name: p, namespace: shop}
          spec:
            containers:
              - name: app
                envFrom: [{prefix: CM_, configMapRef: {name: jvm}}]
                env:
                  - {name: JAVA_OPTS, valueFrom: {configMapKeyRef: {name: jvm, key: JAVA_OPTS}}}
                  - {name: OTHER, valueFrom: {configMapKeyRef: {name: absent, key: X}}}
        `,
    );
    expect(Object.fromEntries(c.env.map((e) => [e.name, e.value ?? '?']))).toEqual({
      CM_JAVA_OPTS: '-Xmx600m -XX:MaxMetaspaceSize=128m',
      CM_HEAP: '700m',
      JAVA_OPTS: '-Xmx600m -XX:MaxMetaspaceSize=128m',
      OTHER: '?',
    });
    const javaOpts = c.env.find((e) => e.name === 'JAVA_OPTS');
    expect(javaOpts?.origin).toBe('ConfigMap jvm key JAVA_OPTS');
    expect(javaOpts?.source).toMatchObject({ line: 5, column: 14 });
  });

  it('computes resourceFieldRef memory with its divisor (rounded up); an unset limit is unbounded', () => {
    const env = envOf(yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            resources: {requests: {memory: 300Mi}, limits: {memory: 1Gi}}
            env:
              - {name: LIMIT_MI, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
              - {name: LIMIT_BYTES, valueFrom: {resourceFieldRef: {resource: limits.memory}}}
              - {name: REQ_GI, valueFrom: {resourceFieldRef: {resource: requests.memory, divisor: 1Gi}}}
              - {name: OTHER_LIMIT, valueFrom: {resourceFieldRef: {containerName: side, resource: limits.memory, divisor: 1Mi}}}
          - name: side
    `);
    expect(env).toEqual({ LIMIT_MI: '1024', LIMIT_BYTES: '1073741824', REQ_GI: '1', OTHER_LIMIT: 'UNBOUNDED' });
  });
});

describe('process', () => {
  it('expands $(VAR) in command and args', () => {
    expect(
      programOf(yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: app
              command: [java]
              args: ["-Xmx$(HEAP)", -jar, app.jar]
              env: [{name: HEAP, value: 256m}]
      `),
    ).toEqual(['java', '-Xmx256m', '-jar', 'app.jar']);
  });

  it('follows sh -c to the exec\'d program with shell expansion of the environment', () => {
    expect(
      programOf(
        CONFIGMAP +
          yaml`
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d, namespace: shop}
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      command: ["/bin/sh", "-c"]
                      args:
                        - |
                          ./wait-for-db.sh
                          exec java $JAVA_OPTS -Xss\${STACK:-512k} -jar /app.jar
                      envFrom: [{configMapRef: {name: jvm}}]
          `,
      ),
    ).toEqual(['java', '-Xmx600m', '-XX:MaxMetaspaceSize=128m', '-Xss512k', '-jar', '/app.jar']);
  });

  it('an explicit command drops the image CMD; args alone keep the image ENTRYPOINT', () => {
    const t = (text: string) => ({ text, source: { file: 'x', line: 1, column: 1, endLine: 1, endColumn: 1 } });
    const image = { entrypoint: [t('java'), t('-Xmx1g')], cmd: [t('-jar'), t('app.jar')] };
    expect(resolveProcess([t('node')], undefined, [], image).argv?.map((a) => a.text)).toEqual(['node']);
    expect(resolveProcess(undefined, [t('-version')], [], image).argv?.map((a) => a.text)).toEqual(['java', '-Xmx1g', '-version']);
    expect(resolveProcess(undefined, undefined, [], image).argv?.map((a) => a.text)).toEqual(['java', '-Xmx1g', '-jar', 'app.jar']);
    expect(resolveProcess(undefined, undefined, [], {}).argv).toBeUndefined();
  });
});

describe('downward API with pod-level resources', () => {
  it('a container without a limit reports the pod-level limit', () => {
    const env = envOf(yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        resources: {limits: {memory: 2Gi}}
        containers:
          - name: app
            env: [{name: LIMIT, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}]
    `);
    expect(env).toEqual({ LIMIT: '2048' });
  });
});
