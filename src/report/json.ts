/**
 * Machine output (`--format json`), described by `schema/json-output.schema.json` (shipped in the package).
 *
 * Every field is copied by name rather than spreading the result objects: the JSON is a public,
 * versioned contract, so a field added to `Finding` for internal use must not leak into it, and a
 * consumer must see the same keys on every object (absent values are `null`, never a missing key).
 */
import type { Finding, LintResult, Severity, Suppression } from '../result.js';
import type { Reporter, ReportOptions } from './reporter.js';

/** Bumped only on an incompatible change (a key removed, renamed or retyped). */
export const JSON_OUTPUT_VERSION = 1;

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  object: string;
  container: string | null;
  helpUri: string;
  /** Empty unless a suppression silenced the finding (which then never fails the run). */
  suppressions: JsonSuppression[];
}

export interface JsonSuppression {
  kind: Suppression['kind'];
  justification: string | null;
  file: string;
  line: number;
}

export interface JsonInputProblem {
  code: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface JsonSkipped {
  file: string;
  reason: string;
  line?: number;
  column?: number;
}

export interface JsonOutput {
  version: typeof JSON_OUTPUT_VERSION;
  findings: JsonFinding[];
  errors: JsonInputProblem[];
  summary: {
    files: number;
    objects: number;
    containers: number;
    findings: number;
    skipped: JsonSkipped[];
  };
}

/** The output object, in the engine's order (the reporter never sorts: the engine already did). */
export function toJsonOutput(result: LintResult): JsonOutput {
  return { version: JSON_OUTPUT_VERSION, findings: result.findings.map(toJsonFinding), ...jsonTail(result) };
}

function toJsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    object: f.object,
    container: f.container ?? null,
    helpUri: f.helpUri,
    suppressions: (f.suppressions ?? []).map((s) => ({
      kind: s.kind,
      justification: s.justification ?? null,
      file: s.file,
      line: s.line,
    })),
  };
}

function jsonTail(result: LintResult): Pick<JsonOutput, 'errors' | 'summary'> {
  return {
    errors: result.errors.map((e) => ({
      code: e.code,
      file: e.file,
      line: e.line,
      column: e.column,
      message: e.message,
    })),
    summary: {
      files: result.summary.files,
      objects: result.summary.objects,
      containers: result.summary.containers,
      findings: result.summary.findings,
      skipped: result.summary.skipped.map((s) => {
        // The loader may say where in a file it gave up (e.g. a non-Kubernetes document); the
        // schema allows that position, and it is kept only when present, so the key set stays
        // {file, reason} for every whole-file skip.
        const { line, column } = s as { line?: unknown; column?: unknown };
        const skipped: JsonSkipped = { file: s.file, reason: s.reason };
        if (typeof line === 'number') skipped.line = line;
        if (typeof column === 'number') skipped.column = column;
        return skipped;
      }),
    },
  };
}

/**
 * `JSON.stringify(toJsonOutput(result), null, 2)` and a newline, the same bytes, a finding at a
 * time: the findings are never all converted, nor all in one string. A nested value is indented
 * by prefixing its lines; JSON text has no line break inside a string, so every "\n" is a line's end.
 */
function* jsonPieces(result: LintResult): Generator<string> {
  const pretty = (value: unknown, indent: string) => JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent}`);
  yield `{\n  "version": ${pretty(JSON_OUTPUT_VERSION, '  ')},\n  "findings": `;
  if (result.findings.length === 0) yield '[]';
  else {
    yield '[\n';
    for (let i = 0; i < result.findings.length; i++) {
      yield `${i > 0 ? ',\n' : ''}    ${pretty(toJsonFinding(result.findings[i] as Finding), '    ')}`;
    }
    yield '\n  ]';
  }
  const tail = jsonTail(result);
  yield `,\n  "errors": ${pretty(tail.errors, '  ')},\n  "summary": ${pretty(tail.summary, '  ')}\n}\n`;
}

export const json = ((result: LintResult, _options?: ReportOptions) => jsonPieces(result)) satisfies Reporter;
