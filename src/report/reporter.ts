import type { LintResult } from '../result.js';

export interface ReportOptions {
  /** ANSI colours and hyperlinks allowed (false with --no-color, NO_COLOR, or a non-TTY). */
  color: boolean;
}

/**
 * A report's text, whole or in pieces. A large report comes in pieces (the JSON of 400,000
 * findings is 300 MB: one string, then one Buffer of it, held 1.3 GB at once), written as they come.
 */
export type Report = string | Iterable<string>;

/** A reporter is a pure function of the result: it never prints, filters or decides the exit code. */
export type Reporter = (result: LintResult, options: ReportOptions) => Report | Promise<Report>;

/** A reporter whose report is always one string (every format but JSON, whose reports can be huge). */
export type TextReporter = (result: LintResult, options: ReportOptions) => string;

/** The whole text of a report, for a caller that needs one string. */
export function reportText(report: Report): string {
  return typeof report === 'string' ? report : [...report].join('');
}

/**
 * The report's pieces gathered into writes of about 64 KiB: one write per piece would be a
 * system call per finding.
 */
export function* reportWrites(report: Report): Generator<string> {
  if (typeof report === 'string') {
    yield report;
    return;
  }
  let pending: string[] = [];
  let length = 0;
  for (const piece of report) {
    pending.push(piece);
    length += piece.length;
    if (length >= WRITE_SIZE) {
      yield pending.join('');
      pending = [];
      length = 0;
    }
  }
  if (pending.length > 0) yield pending.join('');
}

const WRITE_SIZE = 64 * 1024;
