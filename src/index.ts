/**
 * Public API: lint(paths, options) → LintResult. discover → read → load → model → rules.
 * Never prints and never exits; the CLI decides what to show and the exit code.
 */
import { rules as allRules } from '../rules/index.js';
import { discover, type InputFile } from './discover.js';
import { runRules, type RuleConfig } from './engine.js';
import { kubernetesObjects, type KubeObject } from './load/kubernetes.js';
import { decodeInput, DEFAULT_MAX_FILE_SIZE, readInputFile, type ReadOutcome } from './load/read.js';
import { loadYaml } from './load/yaml.js';
import { buildModel } from './model/build.js';
import { lintedContainers } from './model/workload.js';
import type { InputProblem, LintResult, Skipped } from './result.js';
import type { AnyRule } from './rule.js';

export type { Finding, InputProblem, LintResult, Severity, Skipped } from './result.js';

export interface LintOptions {
  cwd?: string;
  /** Standard input, linted when `paths` contains `-`. */
  stdin?: { bytes: Uint8Array; filename: string };
  rules?: Readonly<Record<string, RuleConfig>>;
  maxFileSize?: number;
  /** The rules to run (default: all). Tests pass one rule. */
  ruleSet?: readonly AnyRule[];
}

export async function lint(paths: readonly string[], options: LintOptions = {}): Promise<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const fromDisk = paths.filter((p) => p !== '-');
  const discovery = fromDisk.length > 0 || !paths.includes('-') ? await discover(fromDisk.length > 0 ? fromDisk : ['.'], { cwd }) : { files: [], problems: [], skipped: [] };
  const errors: InputProblem[] = [...discovery.problems];
  const skipped: Skipped[] = [...discovery.skipped];
  const texts: Array<{ file: string; outcome: ReadOutcome }> = [];
  if (paths.includes('-') && options.stdin) {
    texts.push({ file: options.stdin.filename, outcome: decodeInput(options.stdin.filename, options.stdin.bytes, { maxFileSize }) });
  }
  if (texts.length === 0 && discovery.files.length === 0 && errors.length === 0) {
    // kube-linter exits 0 here; an empty run in CI is almost always a wrong path, so say so.
    errors.push({ code: 'no-input', file: fromDisk.join(' ') || '.', line: 1, column: 1, message: 'no manifests found (looked for *.yaml, *.yml, *.json); check the path' });
  }
  for (const file of discovery.files) texts.push({ file: file.path, outcome: await readInputFile(file, { maxFileSize }) });

  const objects: KubeObject[] = [];
  let files = 0;
  for (const { file, outcome } of texts) {
    if (outcome.ok === false) errors.push(outcome.problem);
    else if (outcome.ok === 'skipped') skipped.push(outcome.skipped);
    else {
      files++;
      const loaded = loadYaml(file, outcome.text);
      errors.push(...loaded.problems);
      const found = kubernetesObjects(loaded);
      objects.push(...found.objects);
      skipped.push(...found.skipped);
    }
  }
  const model = buildModel(objects);
  const { findings, errors: ruleErrors } = runRules(model, options.ruleSet ?? allRules, options.rules);
  errors.push(...ruleErrors);
  return {
    findings,
    errors,
    summary: {
      files,
      objects: objects.length,
      containers: model.workloads.reduce((n, w) => n + lintedContainers(w).length, 0),
      findings: findings.length,
      skipped,
    },
  };
}

export type { InputFile };
