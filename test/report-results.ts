/**
 * Hand-built lint results for the CI format tests (report-sarif, report-formats): two files with
 * findings of each severity, two findings of one rule on one container, a suppressed finding and
 * an input problem in a third file. Positions are exact and differ, so a reporter that swapped
 * line and column, or start and end, would be caught.
 */
import type { Finding, InputProblem, LintResult } from '../src/result.js';
import { ruleDocsUrl } from '../src/rule-docs.js';

type Given = Omit<Finding, 'helpUri'>;
const finding = (given: Given): Finding => ({ ...given, helpUri: ruleDocsUrl(given.ruleId) });

export const limitMissing = finding({
  ruleId: 'memory-limit-missing',
  severity: 'error',
  message: 'Deployment shop/api: container "api" has no memory limit; set resources.limits.memory to 512Mi',
  file: 'deploy/api.yaml',
  line: 30,
  column: 11,
  endLine: 31,
  endColumn: 4,
  object: 'Deployment shop/api',
  container: 'api',
});

export const noHeadroom = finding({
  ruleId: 'memory-no-headroom',
  severity: 'warning',
  message: 'container "envoy": request = limit = 64Mi; set limit ≥ 96Mi (request + 50 %)',
  file: 'deploy/api.yaml',
  line: 41,
  column: 21,
  endLine: 41,
  endColumn: 25,
  object: 'Deployment shop/api',
  container: 'envoy',
});

/** `info` only by configuration (no rule defaults to it): findings carry the configured severity. */
export const requestMissingInfo = finding({
  ruleId: 'memory-request-missing',
  severity: 'info',
  message: 'CronJob shop/report: container "report" has no memory request; set resources.requests.memory',
  file: 'deploy/api.yaml',
  line: 120,
  column: 15,
  endLine: 120,
  endColumn: 22,
  object: 'CronJob shop/report',
  container: 'report',
});

export const suppressedLimit = finding({
  ruleId: 'memory-limit-missing',
  severity: 'error',
  message: 'StatefulSet jobs/worker: container "sidecar" has no memory limit; set resources.limits.memory to 128Mi',
  file: 'deploy/worker.yaml',
  line: 18,
  column: 9,
  endLine: 18,
  endColumn: 16,
  object: 'StatefulSet jobs/worker',
  container: 'sidecar',
  suppressions: [{ kind: 'comment', justification: 'bounded by the namespace quota', file: 'deploy/worker.yaml', line: 17 }],
});

export const flagInvalid1 = finding({
  ruleId: 'jvm-flag-invalid',
  severity: 'error',
  message: 'StatefulSet jobs/worker: container "worker": -Xmx1.5g is not a size HotSpot accepts; write -Xmx1536m',
  file: 'deploy/worker.yaml',
  line: 25,
  column: 15,
  endLine: 25,
  endColumn: 23,
  object: 'StatefulSet jobs/worker',
  container: 'worker',
});

export const flagInvalid2 = finding({
  ...flagInvalid1,
  message: 'StatefulSet jobs/worker: container "worker": -Xms2g is above -Xmx1.5g; HotSpot refuses to start',
  column: 24,
  endColumn: 30,
});

export const yamlError: InputProblem = {
  code: 'yaml-syntax',
  file: 'deploy/broken.yaml',
  line: 7,
  column: 3,
  message: 'bad indentation of a mapping entry; indent "memory" like the keys above it',
};

export const findings: Finding[] = [limitMissing, noHeadroom, requestMissingInfo, suppressedLimit, flagInvalid1, flagInvalid2];

export const result: LintResult = {
  findings,
  errors: [yamlError],
  summary: { files: 3, objects: 3, containers: 5, findings: findings.length, skipped: [] },
};

export const empty: LintResult = { findings: [], errors: [], summary: { files: 2, objects: 1, containers: 1, findings: 0, skipped: [] } };

/** The same result after `by` lines were inserted at the top of every file. */
export function shifted(original: LintResult, by: number): LintResult {
  return {
    ...original,
    findings: original.findings.map((f) => ({
      ...f,
      line: f.line + by,
      endLine: f.endLine + by,
      ...(f.suppressions ? { suppressions: f.suppressions.map((s) => ({ ...s, line: s.line + by })) } : {}),
    })),
    errors: original.errors.map((e) => ({ ...e, line: e.line + by })),
  };
}

/** The identity ./src/report/fingerprint.ts documents, spelled out independently. */
export const identity = (f: Finding, occurrence = 1): string =>
  JSON.stringify([f.ruleId, f.file, f.object, f.container ?? null, occurrence]);
