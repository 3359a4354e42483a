/** Linking Dockerfiles to the containers that run their image, and linting the rest alone. */
import { describe, expect, it } from 'vitest';
import { modelOf, yaml } from './rule-tester.js';

const DEPLOYMENT = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: shop}
  spec:
    template:
      spec:
        containers:
          - name: api
            image: ghcr.io/example/shop-api:1.4
            resources: {limits: {memory: 1Gi}}
`;

const JAVA_DOCKERFILE = [
  'FROM eclipse-temurin:17.0.9_9-jre AS base',
  'FROM base',
  'ENV JAVA_TOOL_OPTIONS="-Xmx600m -XX:MaxMetaspaceSize=128m"',
  'ENTRYPOINT ["java", "-jar", "/app.jar"]',
  '',
].join('\n');

describe('image links', () => {
  it('a Dockerfile in a directory named like the container is linked, and its ENV and ENTRYPOINT reach the runtime', () => {
    const model = modelOf(DEPLOYMENT, 'test.yaml', { 'services/api/Dockerfile': JAVA_DOCKERFILE });
    const api = model.workloads[0]?.containers[0];
    expect(api?.linkedImage?.link).toBe('Dockerfile in a directory named like the container "api"');
    expect(api?.process.program?.map((t) => t.text)).toEqual(['java', '-jar', '/app.jar']);
    expect(api?.runtime.jvm?.settings.maxHeap).toMatchObject({ value: 600 * 2 ** 20, origin: 'JAVA_TOOL_OPTIONS' });
    expect(api?.runtime.jvm?.settings.maxHeap?.source).toMatchObject({ file: 'services/api/Dockerfile', line: 3 });
    // The base image of the chain of stages gives the JDK version.
    expect(api?.runtime.jvm?.jdk).toMatchObject({ major: 17, update: 9 });
    expect(model.workloads).toHaveLength(1);
  });

  it('the directory may be named like the image instead', () => {
    const model = modelOf(DEPLOYMENT, 'test.yaml', { 'shop-api/Dockerfile': JAVA_DOCKERFILE });
    expect(model.workloads[0]?.containers[0]?.linkedImage?.link).toBe('Dockerfile in a directory named like the image "example/shop-api"');
  });

  it('two candidates are ambiguous: no link, and each Dockerfile is linted alone', () => {
    const model = modelOf(DEPLOYMENT, 'test.yaml', { 'a/api/Dockerfile': JAVA_DOCKERFILE, 'b/api/Dockerfile': JAVA_DOCKERFILE });
    expect(model.workloads[0]?.containers[0]?.linkedImage).toBeUndefined();
    expect(model.workloads.map((w) => w.ref)).toEqual(['Deployment shop', 'Dockerfile a/api/Dockerfile', 'Dockerfile b/api/Dockerfile']);
  });

  it('the images: map wins over the convention', () => {
    const model = modelOf(DEPLOYMENT, 'test.yaml', { 'api/Dockerfile': JAVA_DOCKERFILE, 'build/java.Dockerfile': JAVA_DOCKERFILE }, { 'ghcr.io/example/shop-api': 'build/java.Dockerfile' });
    const api = model.workloads[0]?.containers[0];
    expect(api?.linkedImage).toMatchObject({ file: 'build/java.Dockerfile', link: 'images: map in .oomlint.yaml' });
    expect(model.workloads.map((w) => w.ref)).toEqual(['Deployment shop', 'Dockerfile api/Dockerfile']);
  });

  it('the container env overrides the image ENV; command replaces ENTRYPOINT and drops CMD', () => {
    const model = modelOf(
      yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: api
              command: [java, -Xmx300m, -jar, /other.jar]
              env: [{name: JAVA_TOOL_OPTIONS, value: -Xss512k}]
      `,
      'test.yaml',
      { 'api/Dockerfile': JAVA_DOCKERFILE },
    );
    const settings = model.workloads[0]?.containers[0]?.runtime.jvm?.settings;
    expect(settings?.maxHeap?.value).toBe(300 * 2 ** 20);
    expect(settings?.maxMetaspace).toBeUndefined();
    expect(settings?.threadStack?.value).toBe(512 * 1024);
  });

  it('a Dockerfile alone is a Dockerfile workload with the image as its one container', () => {
    const model = modelOf('', 'test.yaml', { 'Dockerfile': JAVA_DOCKERFILE });
    expect(model.workloads).toHaveLength(1);
    const w = model.workloads[0];
    expect(w).toMatchObject({ kind: 'Dockerfile', ref: 'Dockerfile Dockerfile' });
    expect(w?.containers[0]?.runtime.jvm?.settings.maxHeap?.value).toBe(600 * 2 ** 20);
  });
});
