/**
 * argv → options → lint() → reporter → exit code. The only module that touches process I/O;
 * it returns the exit code rather than calling process.exit (so output is never cut short).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { rules } from '../rules/index.js';
import { HELP, parseCli } from './cli-options.js';
import { loadConfig, printConfig, withOverrides } from './config.js';
import { lint } from './index.js';
import { packageVersion } from './version.js';
import { loadReporterFor, reportWrites, type Report } from './report/index.js';
import { SEVERITY_RANK, type LintResult, type Severity } from './result.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<Uint8Array>;
  env: Record<string, string | undefined>;
  isTTY: boolean;
  cwd: string;
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const parsed = parseCli(argv, rules.map((r) => r.id));
  if (!parsed.ok) {
    io.stderr(`oomlint: ${parsed.error}\nRun oomlint --help for usage.\n`);
    return 2;
  }
  const options = parsed.options;
  if (options.help) return write(io, HELP, 0);
  if (options.version) return write(io, `${packageVersion()}\n`, 0);
  if (options.listRules) return write(io, listRules(), 0);

  // The configuration is loaded once: --print-config shows it, and its failOn decides the exit code.
  const loaded = loadConfig(io.cwd, options.configFile);
  if (options.printConfig) {
    if (!loaded.ok) {
      const p = loaded.problem;
      io.stderr(`oomlint: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);
      return 2;
    }
    return write(io, printConfig(withOverrides(loaded.config, { rules: options.rules, failOn: options.failOn })), 0);
  }
  const failOn = options.failOn ?? (loaded.ok ? loaded.config.failOn : 'error');

  const stdin = options.paths.includes('-') ? { bytes: await io.readStdin(), filename: options.stdinFilename } : undefined;
  const result = await lint(options.paths, {
    cwd: io.cwd,
    rules: options.rules,
    ...(stdin ? { stdin } : {}),
    ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
    ...(loaded.ok ? { config: loaded.config } : options.configFile !== undefined ? { configFile: options.configFile } : {}),
    ...(options.reportUnused !== undefined ? { reportUnusedDisableDirectives: options.reportUnused } : {}),
  });
  const shown = options.quiet ? onlyFailing(result, { failOn }) : result;
  const color = options.color ?? (io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb');
  const reporter = await loadReporterFor(options.format, shown);
  const report = await reporter(shown, { color: options.outputFile ? false : color });
  if (options.outputFile) {
    try {
      writeReportFile(resolve(io.cwd, options.outputFile), report);
    } catch (error) {
      io.stderr(`oomlint: cannot write ${options.outputFile}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  } else for (const text of reportWrites(report)) io.stdout(text);
  return exitCode(result, { failOn });
}

/** 2 when any input could not be read or parsed; 1 when a finding is at or above --fail-on. */
export function exitCode(result: LintResult, options: { failOn: Severity }): number {
  if (result.errors.length > 0) return 2;
  // Suppressed findings are kept in the output but never fail the run.
  return result.findings.some((f) => !f.suppressions?.length && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[options.failOn]) ? 1 : 0;
}

function onlyFailing(result: LintResult, options: { failOn: Severity }): LintResult {
  const findings = result.findings.filter((f) => !f.suppressions?.length && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[options.failOn]);
  return { ...result, findings, summary: { ...result.summary, findings: findings.length } };
}

function listRules(): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  return `${rules.map((r) => `${r.id.padEnd(width)}  ${r.meta.severity.padEnd(7)}  ${r.meta.summary}\n${' '.repeat(width + 11)}${r.meta.docsUrl}`).join('\n')}\n`;
}

/** As writeFileSync would, but a piece at a time (reporter.ts Report). */
function writeReportFile(path: string, report: Report): void {
  const fd = openSync(path, 'w');
  try {
    for (const text of reportWrites(report)) writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function write(io: CliIo, text: string, code: number): number {
  io.stdout(text);
  return code;
}


function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    cwd: process.cwd(),
  };
}
