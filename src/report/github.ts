/**
 * GitHub Actions workflow commands (`--format github`): one annotation per finding, placed on its
 * exact range in the pull request diff; `warning` and `info` become `::warning` and `::notice`
 * (GitHub's three levels). Suppressed findings are not annotated (they never fail the run and
 * would only be noise on the diff). Input problems are `::error` annotations at the place that
 * stopped the reader.
 *
 * Annotation text comes from the manifests (names, quoted values), so it is escaped exactly as
 * the runner unescapes it (actions/toolkit `command.ts`): in the message `%`, CR and LF; in
 * properties also `:` and `,`, which would otherwise end a value or start the next one.
 *
 * `file` is used as the result names it, relative to the working directory: GitHub wants paths
 * from the repository root, so run oomlint from there (the Action moves paths itself).
 */
import type { Finding, InputProblem, Severity } from '../result.js';
import type { TextReporter } from './reporter.js';

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export type AnnotationCommand = 'error' | 'warning' | 'notice';
export const ANNOTATION_COMMAND: Record<Severity, AnnotationCommand> = { error: 'error', warning: 'warning', info: 'notice' };

/** `::command key=value,…::message`, properties in the order given. */
export function workflowCommand(command: string, properties: ReadonlyArray<readonly [string, string | number]>, message: string): string {
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${command}${props === '' ? '' : ` ${props}`}::${escapeData(message)}`;
}

/**
 * The rule id is the title (prefixed with `oomlint`, as several linters may annotate one pull
 * request), and the docs link ends the message, so the annotation alone says what to read next.
 */
export function findingCommand(finding: Finding): string {
  return workflowCommand(
    ANNOTATION_COMMAND[finding.severity],
    [
      ['file', finding.file],
      ['line', finding.line],
      ['col', finding.column],
      ['endLine', finding.endLine],
      ['endColumn', finding.endColumn],
      ['title', `oomlint ${finding.ruleId}`],
    ],
    `${finding.message}\n${finding.helpUri}`,
  );
}

export function inputProblemCommand(problem: InputProblem): string {
  return workflowCommand(
    'error',
    [
      ['file', problem.file],
      ['line', problem.line],
      ['col', problem.column],
      ['title', `oomlint input error (${problem.code})`],
    ],
    problem.message,
  );
}

export const github: TextReporter = (result) => {
  const lines = [
    ...result.findings.filter((f) => (f.suppressions?.length ?? 0) === 0).map(findingCommand),
    ...result.errors.map(inputProblemCommand),
  ];
  return lines.map((line) => `${line}\n`).join('');
};
