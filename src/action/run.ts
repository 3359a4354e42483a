/**
 * The GitHub Action: inputs → (changed files) → lint() → the log report, annotations, SARIF file,
 * job summary and outputs → the exit code the CLI would give (0 clean, 1 findings at or above
 * fail-on, 2 unreadable input or a setup mistake). Takes its environment as a value so it is the
 * same code whatever runs it; main.ts binds it to the process.
 */
import { appendFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exitCode } from '../cli.js';
import { loadConfig } from '../config.js';
import { lint } from '../index.js';
import { loadReporter, reportText } from '../report/index.js';
import type { LintResult, Severity } from '../result.js';
import { changedFiles } from './changed-files.js';
import { findingAnnotation, inputProblemAnnotation, outputEntry, withoutCommands, workflowCommand } from './commands.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { jobSummary } from './summary.js';
import { relativeToWorkspace } from './workspace.js';

export interface ActionIo {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: (text: string) => void;
}

const fail = (io: ActionIo, message: string): number => {
  io.stdout(`${workflowCommand('error', [['title', 'oomlint']], message)}\n`);
  return 2;
};

export async function runAction(io: ActionIo): Promise<number> {
  const parsed = readInputs(io.env, io.cwd);
  if (!parsed.ok) {
    for (const error of parsed.errors) fail(io, error);
    return 2;
  }
  const inputs = parsed.inputs;
  if (!isDirectory(inputs.workingDirectory)) return fail(io, `working-directory ${inputs.workingDirectory} is not a directory`);

  const selection = select(io, inputs);
  if (!selection.ok) return fail(io, selection.error);
  const linted =
    selection.paths.length === 0
      ? emptyResult()
      : await lint(selection.paths, { cwd: inputs.workingDirectory, ...(inputs.config !== undefined ? { configFile: inputs.config } : {}) });
  const result = relativeToWorkspace(linted, inputs.workingDirectory, inputs.workspace);
  const failOn = inputs.failOn ?? configuredFailOn(inputs);
  // Suppressed findings are kept for the record (SARIF, JSON) but never fail the run.
  const active = result.findings.filter((f) => (f.suppressions?.length ?? 0) === 0);
  let code = exitCode({ ...result, findings: active }, { failOn });

  const log = await loadReporter(inputs.format);
  // Plain unless asked (FORCE_COLOR): the runner's log viewer does not hide the formatter's
  // Cmd-click `:line:column` after each file name, which then reads like a finding.
  const color = io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '' && io.env.FORCE_COLOR !== '0' && !io.env.NO_COLOR;
  io.stdout(withoutCommands(reportText(await log(result, { color }))));

  if (inputs.annotations) {
    const annotations = [...result.errors.map(inputProblemAnnotation), ...active.map(findingAnnotation)];
    if (annotations.length > 0) io.stdout(`${annotations.join('\n')}\n`);
  }

  let sarifFile = '';
  if (inputs.sarifFile !== undefined) {
    const failure = await writeSarif(result, inputs.sarifFile);
    if (failure === undefined) sarifFile = inputs.sarifFile;
    else code = Math.max(code, fail(io, failure));
  }

  const { GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA } = io.env;
  if (GITHUB_STEP_SUMMARY) {
    const blobUrl = GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_SHA ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/blob/${GITHUB_SHA}/` : undefined;
    appendFileSync(
      GITHUB_STEP_SUMMARY,
      jobSummary(result, {
        failOn,
        exitCode: code,
        ...(blobUrl !== undefined ? { blobUrl } : {}),
        ...(selection.scope !== undefined ? { scope: selection.scope } : {}),
      }),
    );
  }
  if (GITHUB_OUTPUT) {
    appendFileSync(
      GITHUB_OUTPUT,
      outputEntry('findings', String(active.length)) + outputEntry('errors', String(result.errors.length)) + outputEntry('sarif-file', sarifFile),
    );
  }
  return code;
}

type Selection = { ok: true; paths: string[]; scope?: string } | { ok: false; error: string };

/** The paths to lint: the `paths` input, or with only-changed, the pull request's changed files under them. */
function select(io: ActionIo, inputs: ActionInputs): Selection {
  if (!inputs.onlyChanged) return { ok: true, paths: inputs.paths };
  const changed = changedFiles(io.env, inputs.workingDirectory, inputs.paths);
  if (!changed.ok) return changed;
  if (changed.files === undefined) {
    io.stdout(`${workflowCommand('notice', [['title', 'oomlint']], `only-changed: ${changed.reason}, so every path is linted`)}\n`);
    return { ok: true, paths: inputs.paths };
  }
  const range = changed.range.replace(/([0-9a-f]{7})[0-9a-f]+/gi, '$1');
  const scope =
    changed.files.length === 0
      ? `only-changed: the pull request (${range}) changes no manifest or Dockerfile under the given paths, so nothing was linted.`
      : `only-changed: only the ${changed.files.length === 1 ? 'file' : `${changed.files.length} files`} the pull request (${range}) changes under the given paths ${changed.files.length === 1 ? 'was' : 'were'} linted.`;
  return { ok: true, paths: changed.files, scope };
}

/** The configuration file's failOn (a broken file is lint()'s input error to report; then `error`). */
function configuredFailOn(inputs: ActionInputs): Severity {
  const configured = loadConfig(inputs.workingDirectory, inputs.config);
  return configured.ok ? configured.config.failOn : 'error';
}

/** Writes SARIF for upload-sarif; returns why it could not, if it could not. */
async function writeSarif(result: LintResult, path: string): Promise<string | undefined> {
  let report: string;
  try {
    const sarif = await loadReporter('sarif');
    report = reportText(await sarif(result, { color: false }));
  } catch (error) {
    return `sarif-file: cannot produce SARIF: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, report);
  } catch (error) {
    return `sarif-file: cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function emptyResult(): LintResult {
  return { findings: [], errors: [], summary: { files: 0, objects: 0, containers: 0, findings: 0, skipped: [] } };
}
