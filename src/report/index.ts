/**
 * Output formats by name. Reporters are imported on first use: the stylish one pulls in
 * eslint-formatter-pretty and its dependencies, which `--format json` runs should not pay for.
 */
import type { Reporter } from './reporter.js';

export type { Reporter, ReportOptions } from './reporter.js';

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
