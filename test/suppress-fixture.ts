/** Lints manifest and Dockerfile texts with every rule and applies the suppressions, as lint() does. */
import { rules } from '../rules/index.js';
import { runRules } from '../src/engine.js';
import { loadDockerfile } from '../src/load/dockerfile/index.js';
import { kubernetesObjects, type KubeObject } from '../src/load/kubernetes.js';
import { loadYaml } from '../src/load/yaml.js';
import { buildInputModel } from '../src/model/input.js';
import type { Finding } from '../src/result.js';
import { collectAnnotations } from '../src/suppress/annotations.js';
import { applySuppressions, type ApplyOptions } from '../src/suppress/apply.js';
import { collectDirectives } from '../src/suppress/directives.js';

export const DOCKERFILE_PATH = 'services/api/Dockerfile';

export function lintTexts(manifests: Record<string, string>, dockerfile?: string, options: Partial<ApplyOptions> = {}) {
  const objects: KubeObject[] = [];
  for (const [file, text] of Object.entries(manifests)) {
    const loaded = loadYaml(file, text);
    if (loaded.problems.length > 0) throw new Error(`fixture does not parse: ${loaded.problems[0]?.message}`);
    objects.push(...kubernetesObjects(loaded).objects);
  }
  const docker = dockerfile === undefined ? [] : [{ absolutePath: `/${DOCKERFILE_PATH}`, model: loadDockerfile(DOCKERFILE_PATH, dockerfile) }];
  const model = buildInputModel(objects, docker);
  const { findings, errors } = runRules(model, rules);
  if (errors.length > 0) throw new Error(errors[0]?.message);
  const scans = Object.entries(manifests).map(([file, text]) => collectDirectives(file, text, 'manifest'));
  if (dockerfile !== undefined) scans.push(collectDirectives(DOCKERFILE_PATH, dockerfile, 'dockerfile'));
  const notes = collectAnnotations(objects);
  return applySuppressions(
    findings,
    { directives: scans.flatMap((s) => s.directives), annotations: notes.annotations, problems: [...scans.flatMap((s) => s.problems), ...notes.problems] },
    model,
    { ruleIds: rules.map((r) => r.id), unusedSeverity: 'warning', ...options },
  );
}

/** `file:line rule-id`, then ` ← kind@line "reason"` for each suppression. */
export function view(findings: readonly Finding[]): string[] {
  return findings.map(
    (f) =>
      `${f.file}:${f.line} ${f.ruleId}${(f.suppressions ?? []).map((s) => ` ← ${s.kind}@${s.file}:${s.line}${s.justification ? ` "${s.justification}"` : ''}`).join('')}`,
  );
}

export const lines = (...text: string[]): string => `${text.join('\n')}\n`;

// Unsuppressed, this yields (file:line rule): deploy.yaml:14 memory-no-headroom (api),
// deploy.yaml:15 memory-request-missing + sidecar-memory-limit-missing (envoy),
// deploy.yaml:22 pod-qos-best-effort (Pod batch), Dockerfile:2 jvm-heap-exceeds-limit (api).
export const BASE = [
  /*  1 */ 'apiVersion: apps/v1',
  /*  2 */ 'kind: Deployment',
  /*  3 */ 'metadata:',
  /*  4 */ '  name: api',
  /*  5 */ '  namespace: shop',
  /*  6 */ 'spec:',
  /*  7 */ '  template:',
  /*  8 */ '    spec:',
  /*  9 */ '      containers:',
  /* 10 */ '        - name: api',
  /* 11 */ '          image: ghcr.io/example/api:1.0',
  /* 12 */ '          resources:',
  /* 13 */ '            requests: {memory: 1Gi}',
  /* 14 */ '            limits: {memory: 1Gi}',
  /* 15 */ '        - name: envoy',
  /* 16 */ '          image: envoyproxy/envoy:v1.31',
  /* 17 */ '---',
  /* 18 */ 'apiVersion: v1',
  /* 19 */ 'kind: Pod',
  /* 20 */ 'metadata:',
  /* 21 */ '  name: batch',
  /* 22 */ 'spec:',
  /* 23 */ '  containers:',
  /* 24 */ '    - name: job',
  /* 25 */ '      image: busybox',
];
export const DOCKERFILE = lines('FROM eclipse-temurin:21-jre', 'ENV JAVA_TOOL_OPTIONS="-Xmx2g"', 'ENTRYPOINT ["java", "-jar", "/app.jar"]');

/** BASE with `extra` lines inserted before line `at` (1-based, of BASE). */
export const withLines = (at: number, ...extra: string[]): string => lines(...BASE.slice(0, at - 1), ...extra, ...BASE.slice(at - 1));

