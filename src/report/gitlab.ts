/**
 * GitLab Code Quality (`--format gitlab`), the JSON array GitLab reads from
 * `artifacts:reports:codequality` and shows in merge requests: per issue `description`,
 * `check_name`, `fingerprint`, `severity` and `location.path` + `location.lines.begin`.
 *
 * - Severity follows the ESLint GitLab formatters users know: error → `major`, warning → `minor`,
 *   info → `info`; an input problem is `critical`, since nothing else in that file was checked.
 * - `fingerprint` is the MD5 hex of the identity in ./fingerprint.ts (rule, file, object,
 *   container, occurrence; never the line), so an issue keeps its identity when lines move and
 *   two findings never share one (GitLab shows only the first issue of a fingerprint).
 * - Suppressed findings are left out: Code Quality has no "suppressed" state, and listing them
 *   would present silenced findings as open issues.
 * - The description names the object and container when the message does not, because the
 *   merge request widget shows only the description and the path.
 */
import type { Finding, InputProblem, LintResult, Severity } from '../result.js';
import { findingIdentities, inputProblemIdentities, md5Hex } from './fingerprint.js';
import type { TextReporter } from './reporter.js';

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';
export const CODE_QUALITY_SEVERITY: Record<Severity, CodeQualitySeverity> = { error: 'major', warning: 'minor', info: 'info' };
export const INPUT_PROBLEM_SEVERITY: CodeQualitySeverity = 'critical';

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number; end: number } };
}

// Code Quality lines start at 1.
const atLeast1 = (n: number): number => (Number.isInteger(n) && n >= 1 ? n : 1);

function description(f: Finding): string {
  if (f.object === '' || f.message.startsWith(f.object)) return f.message;
  const where = [f.object, f.container].filter((part) => part).join(' › ');
  return `${where}: ${f.message}`;
}

function findingIssue(f: Finding, identity: string): CodeQualityIssue {
  const begin = atLeast1(f.line);
  return {
    description: description(f),
    check_name: f.ruleId,
    fingerprint: md5Hex(identity),
    severity: CODE_QUALITY_SEVERITY[f.severity],
    location: { path: f.file, lines: { begin, end: Math.max(begin, atLeast1(f.endLine)) } },
  };
}

function inputIssue(p: InputProblem, identity: string): CodeQualityIssue {
  const line = atLeast1(p.line);
  return {
    description: p.message,
    check_name: `input/${p.code}`,
    fingerprint: md5Hex(identity),
    severity: INPUT_PROBLEM_SEVERITY,
    location: { path: p.file, lines: { begin: line, end: line } },
  };
}

export function toCodeQuality(result: LintResult): CodeQualityIssue[] {
  // Identities are computed over all findings, suppressed ones included (see ./fingerprint.ts).
  const identities = findingIdentities(result.findings);
  const findings = result.findings.flatMap((f, i) =>
    (f.suppressions?.length ?? 0) > 0 ? [] : [findingIssue(f, identities[i] ?? '')],
  );
  const inputIdentities = inputProblemIdentities(result.errors);
  return [...findings, ...result.errors.map((p, i) => inputIssue(p, inputIdentities[i] ?? ''))];
}

export const gitlab: TextReporter = (result) => `${JSON.stringify(toCodeQuality(result), null, 2)}\n`;
