import type { LintResult } from '../result.js';

export interface ReportOptions {
  /** ANSI colours and hyperlinks allowed (false with --no-color, NO_COLOR, or a non-TTY). */
  color: boolean;
}

/** A reporter is a pure function of the result: it never prints, filters or decides the exit code. */
export type Reporter = (result: LintResult, options: ReportOptions) => string | Promise<string>;
