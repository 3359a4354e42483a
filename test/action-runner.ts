/**
 * Runs the committed bundle (dist/action.js) as the runner does: `node dist/action.js` in the
 * workspace, inputs as `INPUT_<NAME>` variables (hyphens kept), and the step-summary and output
 * files the runner would create. The environment starts empty so nothing leaks in from the shell.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const BUNDLE = join(import.meta.dirname, '..', 'dist', 'action.js');

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Lines of stdout that are workflow commands (`::…`), outside the stop-commands block. */
  commands: string[];
  /** The log report: what was printed between `::stop-commands::<token>` and `::<token>::`. */
  log: string;
  summary: string;
  outputs: Record<string, string>;
}

/** A temporary workspace holding `files` (path → content). */
export function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oomlint-action-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export function runAction(dir: string, inputs: Record<string, string>, env: Record<string, string> = {}): ActionRun {
  const runner = mkdtempSync(join(tmpdir(), 'oomlint-runner-'));
  const summaryFile = join(runner, 'step_summary');
  const outputFile = join(runner, 'output');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const inputVars = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
  const result = spawnSync(process.execPath, [BUNDLE], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NO_COLOR: '1',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: dir,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      ...inputVars,
      ...env,
    },
  });
  const { commands, log } = splitStdout(result.stdout);
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    commands,
    log,
    summary: readFileSync(summaryFile, 'utf8'),
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
  };
}

function splitStdout(stdout: string): { commands: string[]; log: string } {
  const lines = stdout.split('\n');
  const commands: string[] = [];
  const log: string[] = [];
  let token: string | undefined;
  for (const line of lines) {
    if (token !== undefined) {
      if (line === `::${token}::`) token = undefined;
      else log.push(line);
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) token = stop[1];
    else if (line.startsWith('::')) commands.push(line);
  }
  if (token !== undefined) throw new Error('stop-commands block never closed');
  return { commands, log: log.join('\n') };
}

/** The runner's reading of `$GITHUB_OUTPUT`: `name<<DELIM` … `DELIM` blocks (and `name=value` lines). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const end = lines.indexOf(delimiter ?? '', i + 1);
      if (end < 0) throw new Error(`output ${name}: no closing delimiter`);
      outputs[name] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else {
      const eq = line.indexOf('=');
      if (eq < 0) throw new Error(`not an output line: ${line}`);
      outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return outputs;
}
