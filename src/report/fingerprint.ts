/**
 * Identities of findings and input problems for the formats that track results across runs (SARIF
 * `partialFingerprints`, GitLab Code Quality `fingerprint`).
 *
 * A finding is identified by what it is about — rule, file, object, container — and never by its
 * line or column: a line added above a Deployment must not turn its findings into "new" alerts and
 * close the old ones. Two findings of one rule on one container (two invalid JVM flags, say) would
 * then share an identity, and GitLab shows only the first issue of a fingerprint, so the identity
 * ends with the finding's occurrence number among those with the same four parts, counted in the
 * engine's (position) order. Moving either one keeps both numbers; adding a third before them
 * shifts the later numbers, which is the price of ignoring positions.
 *
 * Suppressed findings are counted too, so suppressing one finding never renames another.
 */
import { createHash } from 'node:crypto';
import type { Finding, InputProblem } from '../result.js';

/**
 * One identity string per item, in order. The parts are JSON-encoded as an array, so no choice
 * of names can make two different identities collide (`a,b` + `c` vs `a` + `b,c`).
 */
function withOccurrences(parts: ReadonlyArray<ReadonlyArray<string | null>>): string[] {
  const seen = new Map<string, number>();
  return parts.map((p) => {
    const key = JSON.stringify(p);
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return JSON.stringify([...p, occurrence]);
  });
}

export function findingIdentities(findings: readonly Finding[]): string[] {
  return withOccurrences(findings.map((f) => [f.ruleId, f.file, f.object, f.container ?? null]));
}

/** Input problems have no object: their code and file, numbered the same way. */
export function inputProblemIdentities(problems: readonly InputProblem[]): string[] {
  return withOccurrences(problems.map((p) => [`input/${p.code}`, p.file]));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** GitLab's Code Quality examples use MD5 hex fingerprints; it only needs a stable unique string. */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
