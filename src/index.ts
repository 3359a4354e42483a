/**
 * Public API: lint(paths, options) → LintResult. discover → read → load (YAML manifests,
 * Dockerfiles) → model → rules. Never prints and never exits; the CLI decides what to show and
 * the exit code.
 */
import { basename } from 'node:path';
import { rules as allRules } from '../rules/index.js';
import { CONFIG_NAMES, ignoredBy, loadConfig, withOverrides, type Config } from './config.js';
import { discover, type InputFile } from './discover.js';
import { compareFindings, type RuleConfig } from './engine.js';
import { decodeInput, DEFAULT_MAX_FILE_SIZE, readInputFile } from './load/read.js';
import type { Text } from './pipeline/linted-input.js';
import { lintStreaming } from './pipeline/stream.js';
import { lintWholeInput } from './pipeline/whole-input.js';
import type { InputProblem, LintResult, Severity, Skipped } from './result.js';
import type { AnyRule } from './rule.js';
import { applySuppressions } from './suppress/apply.js';

export type { Finding, InputProblem, LintResult, Severity, Skipped } from './result.js';

export interface LintOptions {
  cwd?: string;
  /** Standard input, linted when `paths` contains `-`. */
  stdin?: { bytes: Uint8Array; filename: string };
  rules?: Readonly<Record<string, RuleConfig>>;
  maxFileSize?: number;
  /** The rules to run (default: all). Tests pass one rule. */
  ruleSet?: readonly AnyRule[];
  /** A configuration file to use instead of searching upward from `cwd`. */
  configFile?: string;
  /** An already loaded configuration (the CLI loads it once for --fail-on and --print-config). */
  config?: Config;
  /** Report suppressions that silence nothing, at this severity (off when undefined). */
  reportUnusedDisableDirectives?: Severity;
  /**
   * Internal: compose every YAML document with the `yaml` composer, even those that provably
   * cannot change a result (src/load/prescan.ts) and the plain ones src/load/cst-tree.ts builds
   * without it. Tests compare both ways to prove both shortcuts exact.
   */
  composeAll?: boolean;
  /**
   * Internal: hold every file and build one model of the whole input, as oomlint did before it
   * linted file by file (src/pipeline/whole-input.ts). Tests compare both ways.
   */
  wholeInput?: boolean;
}

export async function lint(paths: readonly string[], options: LintOptions = {}): Promise<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const configured = options.config ? { ok: true as const, config: options.config } : loadConfig(cwd, options.configFile);
  if (!configured.ok) return emptyResult([configured.problem]);
  // Command-line --rule settings win over the file's, keeping the file's rule options.
  const config = withOverrides(configured.config, { ...(options.rules ? { rules: options.rules } : {}) });
  const { texts, errors, skipped } = await readInputs(paths, options, config, cwd);
  const setup = { config, rules: options.ruleSet ?? allRules, composeAll: options.composeAll ?? false };
  const linted = options.wholeInput ? lintWholeInput(await allOf(texts), setup) : await lintStreaming(texts, setup);
  errors.push(...linted.loadErrors, ...linted.ruleErrors);
  skipped.push(...linted.skipped);
  // Policy after the rules: suppressions mark findings (kept, never failing), and report their own mistakes.
  const suppressed = applySuppressions(
    linted.raw,
    linted.suppressors,
    { workloads: linted.targets },
    // Every registered rule: a directive naming a rule that did not run this time is not unknown.
    { ruleIds: allRules.map((r) => r.id), unusedSeverity: options.reportUnusedDisableDirectives ?? 'warning' },
  );
  const findings = [...suppressed.findings, ...suppressed.invalid, ...(options.reportUnusedDisableDirectives ? suppressed.unused : [])].sort(compareFindings);
  return {
    findings,
    errors,
    summary: {
      files: linted.files,
      objects: linted.objects,
      containers: linted.containers,
      findings: findings.filter((f) => !f.suppressions?.length).length,
      skipped,
    },
  };
}

/** discover → read: every input as text, or the problem or skip reason that stopped it; files are read as they are consumed. */
async function readInputs(paths: readonly string[], options: LintOptions, config: Config, cwd: string) {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const fromDisk = paths.filter((p) => p !== '-');
  const discovery =
    fromDisk.length > 0 || !paths.includes('-')
      ? await discover(fromDisk.length > 0 ? fromDisk : ['.'], { cwd, ignored: (path, isDirectory) => ignoredBy(config, path, isDirectory) })
      : { files: [], problems: [], skipped: [] };
  const errors: InputProblem[] = [...discovery.problems];
  const skipped: Skipped[] = [...discovery.skipped];
  let stdinText: Text | undefined;
  if (paths.includes('-') && options.stdin) {
    const { filename, bytes } = options.stdin;
    stdinText = { file: { path: filename, absolutePath: filename, explicit: true, kind: 'manifest' }, outcome: decodeInput(filename, bytes, { maxFileSize }) };
  }
  // oomlint's own configuration files are not manifests (unless named on the command line).
  const inputs = discovery.files.filter((f) => f.explicit || !(CONFIG_NAMES as readonly string[]).includes(basename(f.path)));
  if (!stdinText && inputs.length === 0 && errors.length === 0) {
    // kube-linter exits 0 here; an empty run in CI is almost always a wrong path, so say so.
    errors.push({ code: 'no-input', file: fromDisk.join(' ') || '.', line: 1, column: 1, message: 'no manifests or Dockerfiles found (looked for *.yaml, *.yml, *.json, Dockerfile*); check the path' });
  }
  const files = [...inputs, ...configuredDockerfiles(config, inputs, cwd)];
  return { texts: textsOf(stdinText, files, maxFileSize), errors, skipped };
}

async function allOf<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function* textsOf(stdinText: Text | undefined, files: readonly InputFile[], maxFileSize: number): AsyncGenerator<Text> {
  if (stdinText) yield stdinText;
  // Each file is read when the lint asks for it, so reading and linting take turns (read.ts says
  // why reads are synchronous).
  for (const file of files) {
    const read = () => readInputFile(file, { maxFileSize });
    yield { file, outcome: read(), reread: read };
  }
}

/** Dockerfiles the `images:` map names that discovery did not find (they are read all the same). */
function configuredDockerfiles(config: Config, found: readonly InputFile[], cwd: string): InputFile[] {
  const known = new Set(found.map((f) => f.absolutePath));
  return [...new Set(config.images.values())]
    .filter((path) => !known.has(path))
    .map((absolutePath) => ({ path: relativeTo(cwd, absolutePath), absolutePath, explicit: true, kind: 'dockerfile' as const }));
}

function relativeTo(cwd: string, path: string): string {
  return path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}

function emptyResult(errors: InputProblem[]): LintResult {
  return { findings: [], errors, summary: { files: 0, objects: 0, containers: 0, findings: 0, skipped: [] } };
}

export type { InputFile };
