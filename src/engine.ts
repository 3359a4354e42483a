/**
 * Runs rules over the model and turns problems into findings. Policy (severity settings and
 * caps) is applied here, after the rules, so rules stay pure. A rule that throws is a bug in
 * oomlint: it becomes an input-level error naming the rule and the object (exit 2), and the
 * other rules keep running.
 */
import type { Source } from './model/source.js';
import type { InputModel, Workload } from './model/workload.js';
import { SEVERITY_RANK, sourceFields, type Finding, type InputProblem, type RuleSetting, type Severity } from './result.js';
import { DEFAULT_RULE_SETTINGS, makeProblem, ruleApplies, type AnyRule, type RuleSettings } from './rule.js';

export interface RuleConfig {
  setting?: RuleSetting;
  options?: Record<string, unknown>;
}

export interface EngineResult {
  findings: Finding[];
  errors: InputProblem[];
}

export function runRules(
  model: InputModel,
  rules: readonly AnyRule[],
  config: Readonly<Record<string, RuleConfig>> = {},
  settings: Readonly<RuleSettings> = DEFAULT_RULE_SETTINGS,
): EngineResult {
  const checked = checkWorkloads(model, rules, config, settings);
  const findings = checked.findings.map((f) => f.finding);
  return { findings: dropSuperseded(findings, rules, writtenContainers(model.workloads)).sort(compareFindings), errors: checked.crashes.map((c) => c.problem) };
}

/**
 * Where a finding or crash came from: the rule's index in the rule list and the workload's index
 * in the whole input. The streaming lint checks one file at a time and sorts by these afterwards,
 * so its raw findings and crash reports come out in the order one run over everything gives.
 */
export interface RuleOrigin {
  rule: number;
  workload: number;
}

export interface CheckedWorkloads {
  findings: Array<RuleOrigin & { finding: Finding }>;
  crashes: Array<RuleOrigin & { problem: InputProblem }>;
}

/** Every rule on every workload of `model`, before superseded findings are dropped. */
export function checkWorkloads(
  model: InputModel,
  rules: readonly AnyRule[],
  config: Readonly<Record<string, RuleConfig>> = {},
  settings: Readonly<RuleSettings> = DEFAULT_RULE_SETTINGS,
  firstWorkload = 0,
): CheckedWorkloads {
  const out: CheckedWorkloads = { findings: [], crashes: [] };
  rules.forEach((rule, ruleIndex) => {
    const setting = config[rule.id]?.setting ?? rule.meta.severity;
    if (setting === 'off') return;
    const options = { ...rule.options.defaults, ...config[rule.id]?.options };
    // One context for all the rule's workloads (rules are pure: they never mutate it).
    const context = { options, settings, all: model, problem: makeProblem };
    model.workloads.forEach((workload, i) => {
      if (!ruleApplies(rule, workload)) return;
      const origin = { rule: ruleIndex, workload: firstWorkload + i };
      try {
        for (const problem of rule.check(workload, context)) {
          out.findings.push({ ...origin, finding: toFinding(rule, workload, problem, setting) });
        }
      } catch (error) {
        out.crashes.push({
          ...origin,
          problem: {
            code: 'rule-crash',
            file: workload.file,
            line: workload.source.line,
            column: workload.source.column,
            message: `internal error in rule "${rule.id}" on ${workload.ref}: ${error instanceof Error ? error.message : String(error)}; please report it`,
          },
        });
      }
    });
  });
  return out;
}

/** Rule-major, then workload order: the order runRules visits them in. */
export function compareOrigins(a: RuleOrigin, b: RuleOrigin): number {
  return a.rule - b.rule || a.workload - b.workload;
}

/** `ref\0container` for every container written in the workloads (see dropSuperseded). */
export function writtenContainers(workloads: readonly Pick<Workload, 'ref' | 'containers'>[]): Set<string> {
  return new Set(workloads.flatMap((w) => w.containers.map((c) => `${w.ref}\0${c.name}`)));
}

/**
 * Removes a finding when an enabled rule that supersedes its rule reported the same container,
 * or reported the whole object: a finding without a container covers the containers written in
 * the object, not the ones a webhook injects (the object-level fix cannot reach those).
 */
export function dropSuperseded(findings: Finding[], rules: readonly AnyRule[], written: ReadonlySet<string>): Finding[] {
  const key = (ruleId: string, f: Finding, container: string | undefined) => `${ruleId}\0${f.file}\0${f.object}\0${container ?? ''}`;
  const reported = new Set(findings.map((f) => key(f.ruleId, f, f.container)));
  const supersededBy = new Map<string, string[]>();
  for (const rule of rules) {
    for (const target of rule.meta.supersedes ?? []) supersededBy.set(target, [...(supersededBy.get(target) ?? []), rule.id]);
  }
  const coveredByObject = (by: string, f: Finding) =>
    reported.has(key(by, f, undefined)) && (f.container === undefined || written.has(`${f.object}\0${f.container}`));
  return findings.filter((f) => !(supersededBy.get(f.ruleId) ?? []).some((by) => reported.has(key(by, f, f.container)) || coveredByObject(by, f)));
}

interface AnyProblem {
  messageId: string;
  args: unknown[];
  source: Source;
  container?: string;
  severity?: Severity;
}

function toFinding(rule: AnyRule, workload: Workload, problem: AnyProblem, setting: Severity): Finding {
  const message = rule.messages[problem.messageId];
  if (!message) throw new Error(`rule "${rule.id}" reported unknown messageId "${problem.messageId}"`);
  const severity = problem.severity && SEVERITY_RANK[problem.severity] < SEVERITY_RANK[setting] ? problem.severity : setting;
  return {
    ruleId: rule.id,
    severity,
    message: message(...problem.args) + linkNote(workload, problem),
    ...sourceFields(problem.source),
    object: workload.ref,
    ...(problem.container !== undefined ? { container: problem.container } : {}),
    helpUri: rule.meta.docsUrl,
  };
}

/**
 * A finding that points into a Dockerfile linked to the container says how the link was made, so
 * a wrong link is easy to spot (and fix with the configuration's `images:` map).
 */
function linkNote(workload: Workload, problem: AnyProblem): string {
  if (workload.kind === 'Dockerfile' || problem.container === undefined) return '';
  const image = workload.containers.find((c) => c.name === problem.container)?.linkedImage;
  if (!image || problem.source.file !== image.file) return '';
  return ` [image built by ${image.file}; linked by the ${image.link}]`;
}

/** File, then position, then rule id: the order a reader scans a file in, and stable across runs. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
