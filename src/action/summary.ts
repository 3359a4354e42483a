/**
 * The job summary (`$GITHUB_STEP_SUMMARY`, GitHub-flavoured Markdown): the verdict and counts, the
 * input errors, then one table per object with every finding's rule, container, place and message
 * (the messages carry the numbers: limit, request, heap, budget). Manifest text is escaped, so a
 * container named `a|b` or `<img>` shows as written and cannot reshape the page.
 */
import type { Finding, InputProblem, LintResult, Severity } from '../result.js';

export interface SummaryOptions {
  failOn: Severity;
  exitCode: number;
  /** Links each place to the file at this commit: `${server}/${repository}/blob/${sha}/`. */
  blobUrl?: string;
  /** What was linted when not everything was (only-changed), as a sentence. */
  scope?: string;
  /** GitHub rejects a step summary over 1 MiB; tables stop before this many bytes. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 900 * 1024;

/** Text in a table cell: HTML and Markdown punctuation made literal, line breaks kept as `<br>`. */
export function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '<br>');
}

function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}

const isSuppressed = (f: Finding): boolean => (f.suppressions?.length ?? 0) > 0;

/** A repository file as a Markdown link to its lines, or plain text when it is outside the checkout. */
function place(file: string, line: number, column: number, endLine: number | undefined, blobUrl: string | undefined): string {
  const text = cell(`${file}:${line}:${column}`);
  if (!blobUrl || file.startsWith('../') || file.startsWith('/') || file.startsWith('<')) return text;
  const path = file
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/\(/g, '%28').replace(/\)/g, '%29'))
    .join('/');
  const lines = endLine !== undefined && endLine !== line ? `#L${line}-L${endLine}` : `#L${line}`;
  return `[${text}](${blobUrl}${path}${lines})`;
}

function verdict(options: SummaryOptions): string {
  if (options.exitCode === 0) return `passed (fail-on: \`${options.failOn}\`)`;
  if (options.exitCode === 1) return `failed: findings at or above \`${options.failOn}\``;
  return 'failed: some input could not be read';
}

function countsLine(result: LintResult, active: Finding[], suppressed: number): string {
  const count = (severity: Severity): number => active.filter((f) => f.severity === severity).length;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning'), `${count('info')} info`];
  if (result.errors.length > 0) parts.push(plural(result.errors.length, 'input error'));
  if (suppressed > 0) parts.push(`${suppressed} suppressed`);
  const { files, objects, containers } = result.summary;
  return `**${parts.join(', ')}** in ${plural(files, 'file')}, ${plural(objects, 'object')}, ${plural(containers, 'container')}.`;
}

function errorsTable(errors: readonly InputProblem[], blobUrl: string | undefined): string[] {
  return [
    '### Input errors',
    '',
    '| place | code | message |',
    '|---|---|---|',
    ...errors.map((e) => `| ${place(e.file, e.line, e.column, undefined, blobUrl)} | \`${e.code}\` | ${cell(e.message)} |`),
    '',
  ];
}

/** The message without its leading `Kind ns/name: `, which the table's heading already says. */
function messageUnder(object: string, message: string): string {
  return object !== '' && message.startsWith(`${object}: `) ? message.slice(object.length + 2) : message;
}

function objectTable(object: string, findings: readonly Finding[], blobUrl: string | undefined): string {
  const rows = findings.map(
    (f) =>
      `| ${f.severity} | [\`${f.ruleId}\`](${f.helpUri}) | ${f.container === undefined ? '' : cell(f.container)} | ${place(f.file, f.line, f.column, f.endLine, blobUrl)} | ${cell(messageUnder(object, f.message))} |`,
  );
  return [`#### ${cell(object)}`, '', '| severity | rule | container | place | message |', '|---|---|---|---|---|', ...rows, ''].join('\n');
}

export function jobSummary(result: LintResult, options: SummaryOptions): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const active = result.findings.filter((f) => !isSuppressed(f));
  const suppressed = result.findings.length - active.length;
  const lines = [`## oomlint: ${verdict(options)}`, '', countsLine(result, active, suppressed)];
  if (options.scope) lines.push('', cell(options.scope));
  lines.push('');
  if (result.errors.length > 0) lines.push(...errorsTable(result.errors, options.blobUrl));

  // Objects in the order their first finding comes (the engine sorts by file and position).
  const byObject = new Map<string, Finding[]>();
  for (const f of active) byObject.set(f.object, [...(byObject.get(f.object) ?? []), f]);
  if (byObject.size > 0) lines.push('### Findings', '');
  let text = `${lines.join('\n')}\n`;
  let shown = 0;
  for (const [object, findings] of byObject) {
    const table = `${objectTable(object, findings, options.blobUrl)}\n`;
    if (Buffer.byteLength(text + table) > maxBytes) break;
    text += table;
    shown += findings.length;
  }
  if (shown < active.length) {
    text += `${plural(active.length - shown, 'more finding')} not shown: a step summary is limited to 1 MiB; the log and the SARIF file list them all.\n\n`;
  }
  if (suppressed > 0) {
    text += `${plural(suppressed, 'suppressed finding')} (by annotation or comment) not shown; they are kept in the JSON and SARIF output.\n`;
  }
  return text;
}
