/**
 * Output formats by name. Reporters are imported on first use: the stylish one pulls in
 * eslint-formatter-pretty and its dependencies, which `--format json` runs should not pay for.
 * A stylish report with nothing to draw is only the summary line, which ./stylish-summary.ts
 * prints without the formatter (loadReporterFor): a clean run never loads it. In the bundled CLI
 * all modules are in one file, and the formatter's code is then never initialised.
 */
import type { LintResult } from '../result.js';
import type { Reporter } from './reporter.js';
import { drawsNothing, summaryOnly } from './stylish-summary.js';

export { reportText, reportWrites, type Report, type Reporter, type ReportOptions } from './reporter.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

const loaders: Record<Format, () => Promise<Reporter>> = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  github: async () => (await import('./github.js')).github,
  junit: async () => (await import('./junit.js')).junit,
  gitlab: async () => (await import('./gitlab.js')).gitlab,
};

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}

/** Takes any string, as `--format` gives one; an unknown name is an error that lists the known ones. */
export async function loadReporter(name: string): Promise<Reporter> {
  if (!isFormat(name)) {
    throw new Error(`unknown format "${name}"; expected one of: ${FORMATS.join(', ')}`);
  }
  return loaders[name]();
}

/**
 * The reporter to render this result with: loadReporter's, except that a stylish report with
 * nothing to draw (no finding shown, no input error) is its summary line alone, the same bytes
 * without loading eslint-formatter-pretty.
 */
export async function loadReporterFor(name: string, result: LintResult): Promise<Reporter> {
  return name === 'stylish' && drawsNothing(result) ? summaryOnly : loadReporter(name);
}
