import type { Source } from './model/source.js';

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = Severity | 'off';

/** Severity order used by `--fail-on` and by severity caps: a higher number is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** `Kind namespace/name` as Kubernetes users write it (`Deployment default/api`). */
  object: string;
  container?: string;
  helpUri: string;
  /** Present when a suppression silenced this finding: it is kept in JSON/SARIF, shown as suppressed, and never fails the run. */
  suppressions?: Suppression[];
}

export interface Suppression {
  /** annotation: `oomlint.io/ignore`; comment: `# oomlint-disable…` in YAML or a Dockerfile. */
  kind: 'annotation' | 'comment';
  /** The reason written after `--`, if any. */
  justification?: string;
  /** Where the suppression is written. */
  file: string;
  line: number;
}

/** Stable codes for input problems (cf. hadolint DL1000): they never change meaning. */
export type InputProblemCode =
  | 'file-unreadable'
  | 'file-too-large'
  | 'file-binary'
  | 'file-encoding'
  | 'file-empty'
  | 'path-not-found'
  | 'no-input'
  | 'yaml-syntax'
  | 'dockerfile-syntax'
  | 'yaml-duplicate-key'
  | 'helm-template'
  | 'json-syntax'
  | 'not-kubernetes'
  | 'rule-crash'
  | 'config-invalid';

/** Something about the input (not the manifests' memory settings) that stopped us reading it. */
export interface InputProblem {
  code: InputProblemCode;
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface Skipped {
  file: string;
  reason: string;
  /** Where the skipped document starts, when the skip is about one document of a file. */
  line?: number;
  column?: number;
}

export interface LintSummary {
  files: number;
  objects: number;
  /** Containers that rules looked at (ephemeral containers are never linted). */
  containers: number;
  findings: number;
  skipped: Skipped[];
}

export interface LintResult {
  findings: Finding[];
  errors: InputProblem[];
  summary: LintSummary;
}

export function sourceFields(source: Source): Pick<Finding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'> {
  return {
    file: source.file,
    line: source.line,
    column: source.column,
    endLine: source.endLine,
    endColumn: source.endColumn,
  };
}
