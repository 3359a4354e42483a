/**
 * The parts of the stylish output that need no formatter: the skipped-file lines, the summary line,
 * and the final colour/plain pass. Kept apart from ./stylish.ts so that a run with nothing to draw
 * (the common clean CI run) prints its one summary line without loading eslint-formatter-pretty,
 * whose dependencies cost more at start-up than linting a small file (string-width builds an
 * Intl.Segmenter and Unicode property regexes when it is imported). ./stylish.ts renders its tail
 * with these same functions, so both paths print the same bytes.
 */
import { stripVTControlCharacters } from 'node:util';
import type { Finding, LintResult } from '../result.js';
import type { ReportOptions } from './reporter.js';

// Any OSC sequence (hyperlinks, iTerm's set-cwd), ended by BEL or ST. Removed before
// stripVTControlCharacters, whose pattern only knows OSCs made of a few URL characters: a file
// named `a(1).yaml` would leave half a hyperlink behind.
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

// Without colour the formatter shows `code` and 'quoted' words in bold by dropping the quotes; these
// private-use stand-ins keep them out of its pattern and are put back once the output is plain.
export const QUOTES: ReadonlyArray<[quote: string, standIn: string]> = [
  ['`', '\uE000'],
  ["'", '\uE001'],
];

export function toPlain(text: string): string {
  return stripVTControlCharacters(text.replace(OSC, ''));
}

/**
 * Names and messages can carry text from the manifests: a control character there (ESC, CR, a
 * newline) could drive the terminal or split a line that users grep, so it is neutralised.
 */
export function clean(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\r' || c === '\t' ? ' ' : '\uFFFD'));
}

export const paint = (color: boolean, open: number, close: number, text: string): string =>
  color ? `\u001b[${open}m${text}\u001b[${close}m` : text;

function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}

/** ESLint's habit: a suppressed finding is not shown, only counted (JSON and SARIF keep it). */
export const isSuppressed = (f: Finding): boolean => (f.suppressions?.length ?? 0) > 0;

/** True when the stylish output is only the tail: no finding to show and no input error. */
export function drawsNothing(result: LintResult): boolean {
  return result.errors.length === 0 && result.findings.every(isSuppressed);
}

function summaryLine(result: LintResult, options: ReportOptions): string {
  const { color } = options;
  const shown = result.findings.filter((f) => !isSuppressed(f));
  const suppressed = result.findings.length - shown.length;
  const count = (severity: Finding['severity']): number => shown.filter((f) => f.severity === severity).length;
  const { files, objects, containers, skipped } = result.summary;
  const scope = `${plural(files, 'file')}, ${plural(objects, 'object')}, ${plural(containers, 'container')}`;
  const parts: string[] = [];
  const add = (n: number, text: string, open: number): void => {
    if (n > 0) parts.push(paint(color, open, 39, text));
  };
  if (shown.length === 0 && result.errors.length === 0) {
    parts.push(paint(color, 32, 39, 'no memory problems found'));
  }
  add(count('error'), plural(count('error'), 'error'), 31);
  add(count('warning'), plural(count('warning'), 'warning'), 33);
  add(count('info'), `${count('info')} info`, 34);
  add(result.errors.length, plural(result.errors.length, 'input error'), 31);
  if (suppressed > 0) parts.push(`${suppressed} suppressed`);
  if (skipped.length > 0) parts.push(`${skipped.length} skipped`);
  return `  ${scope}: ${parts.join(', ')}`;
}

/** The lines after the findings: one per skipped file, then the summary line. */
export function tailLines(result: LintResult, options: ReportOptions): string[] {
  const tail = result.summary.skipped.map((s) =>
    paint(options.color, 2, 22, `  ${clean(s.file)}:${s.line ?? 1}:${s.column ?? 1}: skipped: ${clean(s.reason)}`),
  );
  tail.push(summaryLine(result, options));
  return tail;
}

/** The last pass over the whole output: without colour, no escape is left and the quotes are back. */
export function finish(output: string, options: ReportOptions): string {
  if (options.color) return output;
  let plain = toPlain(output);
  for (const [quote, standIn] of QUOTES) plain = plain.replaceAll(standIn, quote);
  return plain;
}

/** The whole stylish output of a result that draws nothing (see drawsNothing). */
export function summaryOnly(result: LintResult, options: ReportOptions): string {
  return finish(`${tailLines(result, options).join('\n')}\n`, options);
}
