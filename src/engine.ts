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
  const findings: Finding[] = [];
  const errors: InputProblem[] = [];
  for (const rule of rules) {
    const setting = config[rule.id]?.setting ?? rule.meta.severity;
    if (setting === 'off') continue;
    const options = { ...rule.options.defaults, ...config[rule.id]?.options };
    // One context for all the rule's workloads (rules are pure: they never mutate it).
    const context = { options, settings, all: model, problem: makeProblem };
    for (const workload of model.workloads) {
      if (!ruleApplies(rule, workload)) continue;
      try {
        for (const problem of rule.check(workload, context)) {
          findings.push(toFinding(rule, workload, problem, setting));
        }
      } catch (error) {
        errors.push({
          code: 'rule-crash',
          file: workload.file,
          line: workload.source.line,
          column: workload.source.column,
          message: `internal error in rule "${rule.id}" on ${workload.ref}: ${error instanceof Error ? error.message : String(error)}; please report it`,
        });
      }
    }
  }
  return { findings: dropSuperseded(findings, rules, model).sort(compareFindings), errors };
}

/**
 * Removes a finding when an enabled rule that supersedes its rule reported the same container,
 * or reported the whole object: a finding without a container covers the containers written in
 * the object, not the ones a webhook injects (the object-level fix cannot reach those).
 */
function dropSuperseded(findings: Finding[], rules: readonly AnyRule[], model: InputModel): Finding[] {
  const written = new Set(model.workloads.flatMap((w) => w.containers.map((c) => `${w.ref}\0${c.name}`)));
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
