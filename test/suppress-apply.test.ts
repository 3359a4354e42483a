/**
 * Comment directives applied to the findings of the real rules: which findings they cover (exact
 * lines), what each suppressed finding records, and which directives are unused or invalid.
 */
import { describe, expect, it } from 'vitest';
import { SUPPRESSIONS_HELP_URI } from '../src/suppress/reports.js';
import { BASE, DOCKERFILE, lines, lintTexts, view, withLines } from './suppress-fixture.js';

describe('applySuppressions: comments', () => {
  it('without suppressions, every finding is kept as it was', () => {
    const outcome = lintTexts({ 'deploy.yaml': lines(...BASE) }, DOCKERFILE, {});
    expect(view(outcome.findings)).toEqual([
      'deploy.yaml:14 memory-no-headroom',
      'deploy.yaml:15 memory-request-missing',
      'deploy.yaml:15 sidecar-memory-limit-missing',
      'deploy.yaml:22 pod-qos-best-effort',
      'services/api/Dockerfile:2 jvm-heap-exceeds-limit',
    ]);
    expect(outcome.findings.every((f) => !('suppressions' in f))).toBe(true);
    expect(outcome).toMatchObject({ unused: [], invalid: [] });
  });

  it('disable-next-line covers the listed rules on the next line only, and keeps the reason', () => {
    const text = withLines(15, '        # oomlint-disable-next-line memory-request-missing, sidecar-memory-limit-missing -- sized by the mesh');
    const outcome = lintTexts({ 'deploy.yaml': text });
    expect(view(outcome.findings)).toEqual([
      'deploy.yaml:14 memory-no-headroom',
      'deploy.yaml:16 memory-request-missing ← comment@deploy.yaml:15 "sized by the mesh"',
      'deploy.yaml:16 sidecar-memory-limit-missing ← comment@deploy.yaml:15 "sized by the mesh"',
      'deploy.yaml:23 pod-qos-best-effort',
    ]);
    expect(outcome.findings[1]?.suppressions).toEqual([{ kind: 'comment', justification: 'sized by the mesh', file: 'deploy.yaml', line: 15 }]);
    expect(outcome).toMatchObject({ unused: [], invalid: [] });
  });

  it('disable-next-line names only what it names: the other rule on that line still reports', () => {
    const outcome = lintTexts({ 'deploy.yaml': withLines(15, '        # oomlint-disable-next-line memory-request-missing') });
    expect(view(outcome.findings).slice(1, 3)).toEqual(['deploy.yaml:16 memory-request-missing ← comment@deploy.yaml:15', 'deploy.yaml:16 sidecar-memory-limit-missing']);
  });

  it('disable-next-line does not skip a blank line (ESLint): it is then unused', () => {
    const outcome = lintTexts({ 'deploy.yaml': withLines(15, '        # oomlint-disable-next-line memory-request-missing', '') }, undefined, {});
    expect(view(outcome.findings)[1]).toBe('deploy.yaml:17 memory-request-missing');
    expect(outcome.unused).toEqual([
      {
        ruleId: 'unused-disable-directive',
        severity: 'warning',
        message: 'unused oomlint-disable-next-line directive (no problems were reported from "memory-request-missing"); remove it',
        file: 'deploy.yaml',
        line: 15,
        column: 9,
        endLine: 15,
        endColumn: 59,
        object: 'deploy.yaml',
        helpUri: SUPPRESSIONS_HELP_URI,
      },
    ]);
  });

  it('disable-line covers its own line, and a directive without rules covers every rule', () => {
    const text = lines(...BASE.slice(0, 13), '            limits: {memory: 1Gi} # oomlint-disable-line', ...BASE.slice(14));
    expect(view(lintTexts({ 'deploy.yaml': text }).findings)[0]).toBe('deploy.yaml:14 memory-no-headroom ← comment@deploy.yaml:14');
  });

  it('a disable range lasts to its enable, per rule, and an unclosed one to the end of the file (past ---)', () => {
    const text = withLines(
      17,
      '# oomlint-enable memory-request-missing', // 17: closes that rule only
    ).replace('apiVersion: apps/v1\n', 'apiVersion: apps/v1 # oomlint-disable memory-no-headroom, memory-request-missing, pod-qos-best-effort\n');
    const outcome = lintTexts({ 'deploy.yaml': text }, DOCKERFILE);
    expect(view(outcome.findings)).toEqual([
      'deploy.yaml:14 memory-no-headroom ← comment@deploy.yaml:1',
      'deploy.yaml:15 memory-request-missing ← comment@deploy.yaml:1',
      'deploy.yaml:15 sidecar-memory-limit-missing',
      // Still disabled in the second document: the range is the file, as in ESLint.
      'deploy.yaml:23 pod-qos-best-effort ← comment@deploy.yaml:1',
      // Another file: a comment never reaches past its own file.
      'services/api/Dockerfile:2 jvm-heap-exceeds-limit',
    ]);
    expect(outcome).toMatchObject({ unused: [], invalid: [] });
  });

  it('disabling every rule, then enabling one, leaves that one reported (ESLint order of directives)', () => {
    const text = lines('# oomlint-disable -- legacy manifests', ...BASE.slice(0, 16), '# oomlint-enable pod-qos-best-effort', ...BASE.slice(16));
    expect(view(lintTexts({ 'deploy.yaml': text }).findings)).toEqual([
      'deploy.yaml:15 memory-no-headroom ← comment@deploy.yaml:1 "legacy manifests"',
      'deploy.yaml:16 memory-request-missing ← comment@deploy.yaml:1 "legacy manifests"',
      'deploy.yaml:16 sidecar-memory-limit-missing ← comment@deploy.yaml:1 "legacy manifests"',
      'deploy.yaml:24 pod-qos-best-effort',
    ]);
  });

  it('a finding before a trailing disable on its own line is not covered; an enable-all ends the range', () => {
    const text = withLines(15, '        # oomlint-enable').replace('limits: {memory: 1Gi}', 'limits: {memory: 1Gi} # oomlint-disable');
    const outcome = lintTexts({ 'deploy.yaml': text });
    expect(view(outcome.findings)).toEqual([
      'deploy.yaml:14 memory-no-headroom',
      'deploy.yaml:16 memory-request-missing',
      'deploy.yaml:16 sidecar-memory-limit-missing',
      'deploy.yaml:23 pod-qos-best-effort',
    ]);
    expect(outcome.unused.map((u) => [u.line, u.column, u.message])).toEqual([
      [14, 35, 'unused oomlint-disable directive (no problems were reported); remove it'],
    ]);
  });

  it('a Dockerfile comment covers the findings that point into that Dockerfile', () => {
    const dockerfile = lines(
      '# syntax=docker/dockerfile:1',
      'FROM eclipse-temurin:21-jre',
      '# oomlint-disable-next-line jvm-heap-exceeds-limit -- heap measured in load tests',
      'ENV JAVA_TOOL_OPTIONS="-Xmx2g"',
      'ENTRYPOINT ["java", "-jar", "/app.jar"]',
    );
    const outcome = lintTexts({ 'deploy.yaml': lines(...BASE) }, dockerfile);
    expect(view(outcome.findings)[4]).toBe('services/api/Dockerfile:4 jvm-heap-exceeds-limit ← comment@services/api/Dockerfile:3 "heap measured in load tests"');
    expect(outcome.findings[4]?.object).toBe('Deployment shop/api');
    expect(outcome).toMatchObject({ unused: [], invalid: [] });
  });
});

describe('applySuppressions: unused and invalid', () => {
  it('reports the ids of a directive that silenced nothing, enables that end nothing, with the configured severity', () => {
    const text = lines(
      ...BASE.slice(0, 14),
      '        # oomlint-disable-next-line memory-request-missing, memory-no-headroom, jvm-flag-invalid', // 15
      ...BASE.slice(14, 16), // 16-17: envoy
      '# oomlint-enable memory-no-headroom', // 18
      ...BASE.slice(16),
    );
    const outcome = lintTexts({ 'deploy.yaml': text }, undefined, { unusedSeverity: 'error' });
    expect(view(outcome.findings)[1]).toBe('deploy.yaml:16 memory-request-missing ← comment@deploy.yaml:15');
    expect(outcome.unused.map((u) => [u.severity, u.line, u.object, u.message])).toEqual([
      [
        'error',
        15,
        'deploy.yaml',
        'unused oomlint-disable-next-line directive (no problems were reported from "memory-no-headroom", "jvm-flag-invalid"); remove "memory-no-headroom", "jvm-flag-invalid" from it',
      ],
      ['error', 18, 'deploy.yaml', 'unused oomlint-enable directive (no oomlint-disable of "memory-no-headroom" is in effect here); remove it'],
    ]);
  });

  it('an enable without rules is used when any disable is in effect', () => {
    const text = lines('# oomlint-disable pod-qos-best-effort', ...BASE, '# oomlint-enable');
    expect(lintTexts({ 'deploy.yaml': text }).unused).toEqual([]);
    const idle = lintTexts({ 'deploy.yaml': lines(...BASE, '# oomlint-enable') }).unused;
    expect(idle.map((u) => [u.line, u.message])).toEqual([[26, 'unused oomlint-enable directive (no oomlint-disable is in effect here); remove it']]);
  });

  it('an unknown rule id is invalid (with the likely id), suppresses nothing, and is not also reported as unused', () => {
    const text = withLines(15, '        # oomlint-disable-next-line memory-request-mising, all, sidecar-memory-limit-missing pod-qos-best-effort');
    const outcome = lintTexts({ 'deploy.yaml': text });
    expect(view(outcome.findings).slice(1, 3)).toEqual(['deploy.yaml:16 memory-request-missing', 'deploy.yaml:16 sidecar-memory-limit-missing']);
    const what = 'oomlint-disable-next-line directive names unknown rule';
    const tail = 'so it does not suppress it; oomlint --list-rules lists the ids';
    expect(outcome.invalid.map((u) => [u.ruleId, u.severity, u.line, u.column, u.message])).toEqual([
      ['invalid-disable-directive', 'warning', 15, 9, `${what} "memory-request-mising" (did you mean "memory-request-missing"?), ${tail}`],
      ['invalid-disable-directive', 'warning', 15, 9, `${what} "all" (write "*" for every rule), ${tail}`],
      ['invalid-disable-directive', 'warning', 15, 9, `${what} "sidecar-memory-limit-missing pod-qos-best-effort" (separate rule ids with commas), ${tail}`],
    ]);
    expect(outcome.unused).toEqual([]);
  });

  it('passes the problems of the scans through as invalid records', () => {
    const outcome = lintTexts({ 'deploy.yaml': withLines(15, '        # oomlint-disable-nxt-line memory-request-missing') });
    expect(outcome.invalid).toEqual([
      {
        ruleId: 'invalid-disable-directive',
        severity: 'warning',
        message: expect.stringContaining('unknown directive "oomlint-disable-nxt-line"'),
        file: 'deploy.yaml',
        line: 15,
        column: 9,
        endLine: 15,
        endColumn: 58,
        object: 'deploy.yaml',
        helpUri: SUPPRESSIONS_HELP_URI,
      },
    ]);
  });
});

