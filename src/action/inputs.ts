/**
 * The action's inputs, read from the environment as the runner passes them: `with: { fail-on: x }`
 * becomes `INPUT_FAIL-ON=x` (upper case, spaces to `_`, hyphens kept). The defaults here repeat
 * action.yml's, so a missing variable (an older runner, a test) means the same as an unset input.
 * Mistakes are values listing every bad input, never exceptions.
 */
import { resolve } from 'node:path';
import { FORMATS, isFormat } from '../report/index.js';
import type { Severity } from '../result.js';

export interface ActionInputs {
  /** Files and folders to lint, relative to the working directory. */
  paths: string[];
  /** A configuration file, relative to the working directory; unset: searched upward as the CLI does. */
  config?: string;
  /** Unset when the input is empty: the configuration file's `failOn` applies, else `error`. */
  failOn?: Severity;
  /** The format of the report printed to the log. */
  format: string;
  /** Absolute path to write SARIF to, when asked. */
  sarifFile?: string;
  annotations: boolean;
  onlyChanged: boolean;
  /** Absolute: the repository checkout (`GITHUB_WORKSPACE`), the root annotations are relative to. */
  workspace: string;
  /** Absolute: where oomlint runs (paths and the configuration are found from here). */
  workingDirectory: string;
}

export type InputsOutcome = { ok: true; inputs: ActionInputs } | { ok: false; errors: string[] };

type Env = Readonly<Record<string, string | undefined>>;

/** Every input action.yml declares (a test keeps the two lists equal). */
export const INPUT_NAMES = ['paths', 'config', 'fail-on', 'format', 'sarif-file', 'annotations', 'working-directory', 'only-changed'] as const;
export type InputName = (typeof INPUT_NAMES)[number];

export function inputVariable(name: InputName): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** As actions/toolkit's getInput: trimmed, '' when unset. */
export function getInput(env: Env, name: InputName): string {
  return (env[inputVariable(name)] ?? '').trim();
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
// The YAML 1.2 core schema booleans, as actions/toolkit's getBooleanInput accepts them.
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

export function readInputs(env: Env, cwd: string): InputsOutcome {
  const errors: string[] = [];
  const boolean = (name: InputName, fallback: boolean): boolean => {
    const value = getInput(env, name);
    if (value === '') return fallback;
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value)) return false;
    errors.push(`input "${name}" must be true or false (got "${value}")`);
    return fallback;
  };

  // Whitespace-separated, so both a YAML block (one path a line) and `paths: a b` work; the price
  // is that a path containing spaces cannot be given.
  const paths = getInput(env, 'paths').split(/\s+/).filter((p) => p !== '');

  // Empty: as `oomlint` without --fail-on (the configuration's failOn, else error).
  const failOn = getInput(env, 'fail-on');
  if (failOn !== '' && !isSeverity(failOn)) errors.push(`input "fail-on" must be one of ${SEVERITIES.join(', ')} (got "${failOn}")`);

  const format = getInput(env, 'format') || 'stylish';
  if (!isFormat(format)) errors.push(`input "format" must be one of ${FORMATS.join(', ')} (got "${format}")`);

  const annotations = boolean('annotations', true);
  const onlyChanged = boolean('only-changed', false);

  const workspace = resolve(cwd, env.GITHUB_WORKSPACE || '.');
  const workingDirectory = resolve(workspace, getInput(env, 'working-directory') || '.');
  const config = getInput(env, 'config');
  // Relative to the workspace, as upload-sarif reads its `sarif_file` (its steps run there).
  const sarif = getInput(env, 'sarif-file');

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    inputs: {
      paths: paths.length > 0 ? paths : ['.'],
      ...(config !== '' ? { config } : {}),
      ...(failOn !== '' ? { failOn: failOn as Severity } : {}),
      format,
      ...(sarif !== '' ? { sarifFile: resolve(workspace, sarif) } : {}),
      annotations,
      onlyChanged,
      workspace,
      workingDirectory,
    },
  };
}

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
