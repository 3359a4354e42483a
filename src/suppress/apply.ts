/**
 * Policy after the rules (kube-score's habit): findings that a comment directive or an annotation
 * covers are kept, marked with `suppressions` (JSON and SARIF show them, stylish hides them, they
 * never fail the run), and the suppressions that silenced nothing are returned for
 * `--report-unused-disable-directives`.
 *
 * Comments match by file and position, as in ESLint: a directive in a Dockerfile covers the
 * findings that point into that Dockerfile, whichever workload they are about. Annotations match
 * by object (and container): they cover the object's findings in its manifest and in the
 * Dockerfiles linked to its containers.
 */
import { groupBy } from '../group-by.js';
import type { Finding, Severity, Suppression } from '../result.js';
import type { AnnotationDirective } from './annotations.js';
import type { Directive, DirectiveProblem } from './directives.js';
import {
  directiveRecord,
  INVALID_DIRECTIVE,
  UNUSED_DIRECTIVE,
  unknownRuleMessage,
  unusedEnableMessage,
  unusedMessage,
  type Place,
} from './reports.js';
import { coversRule, EVERY_RULE } from './rule-list.js';

export interface Suppressors {
  /** Comment directives of every file (collectDirectives). */
  directives: readonly Directive[];
  /** collectAnnotations. */
  annotations: readonly AnnotationDirective[];
  /** Both scans' problems. */
  problems: readonly DirectiveProblem[];
}

export interface ApplyOptions {
  /** Every registered rule id (not only the rules that ran): other ids are reported as unknown. */
  ruleIds: Iterable<string>;
  /** Severity of the unused-disable-directive records (ESLint's `--report-unused-disable-directives-severity`). */
  unusedSeverity: Severity;
}

export interface SuppressionOutcome {
  /** The input findings in their order; the suppressed ones carry `suppressions`. */
  findings: Finding[];
  /** Suppressions that silenced nothing (ruleId unused-disable-directive): report them when asked. */
  unused: Finding[];
  /** Suppressions that cannot work (ruleId invalid-disable-directive): always worth reporting. */
  invalid: Finding[];
}

type Suppressor = Directive | AnnotationDirective;
interface Position {
  line: number;
  column: number;
}
const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.column < b.column);

/** What suppressions read of a workload: where it is and which Dockerfiles its containers run. */
export interface SuppressionTarget {
  file: string;
  ref: string;
  containers: ReadonlyArray<{ linkedImage?: { file: string } }>;
}

export function applySuppressions(
  findings: readonly Finding[],
  suppressors: Suppressors,
  model: { workloads: readonly SuppressionTarget[] },
  options: ApplyOptions,
): SuppressionOutcome {
  const known = new Set(options.ruleIds);
  const byFile = groupBy(suppressors.directives, (d) => d.source.file);
  // Only an annotation on the finding's object can cover it: looked up, not scanned, so the cost
  // stays linear in findings when a monorepo has thousands of annotated objects.
  const annotationsByObject = groupBy(suppressors.annotations, (a) => a.object);
  for (const list of byFile.values()) list.sort((a, b) => a.source.line - b.source.line || a.source.column - b.source.column);
  const linked = linkedFiles(model);

  // Which of each suppressor's ids silenced something (`*` for a suppressor of every rule).
  const used = new Map<Suppressor, Set<string>>();
  const use = (s: Suppressor, ruleId: string): void => {
    used.set(s, (used.get(s) ?? new Set()).add(s.ruleIds.length === 0 ? EVERY_RULE : ruleId));
  };

  const marked = findings.map((finding) => {
    const suppressions: Suppression[] = [];
    const directives = byFile.get(finding.file) ?? [];
    for (const d of directives) {
      const line = d.type === 'disable-line' ? d.source.line : d.type === 'disable-next-line' ? d.source.line + 1 : undefined;
      if (line === finding.line && coversRule(d.ruleIds, finding.ruleId)) {
        use(d, finding.ruleId);
        suppressions.push(commentSuppression(d));
      }
    }
    const range = rangeDirective(directives, finding.ruleId, finding);
    if (range) {
      use(range, finding.ruleId);
      suppressions.push(commentSuppression(range));
    }
    for (const a of annotationsByObject.get(finding.object) ?? []) {
      const sameObject = a.file === finding.file || linked(a).has(finding.file);
      if (sameObject && (a.container === undefined || a.container === finding.container) && coversRule(a.ruleIds, finding.ruleId)) {
        use(a, finding.ruleId);
        suppressions.push({ kind: 'annotation', ...justification(a), file: a.file, line: a.source.line });
      }
    }
    return suppressions.length === 0 ? finding : { ...finding, suppressions: [...(finding.suppressions ?? []), ...suppressions] };
  });

  const knownList = [...known];
  const invalid = suppressors.problems.map((p) => directiveRecord(INVALID_DIRECTIVE, 'warning', p.message, p));
  const unused: Finding[] = [];
  const all: Array<[Suppressor, string, Place]> = [
    ...suppressors.directives.map((d): [Suppressor, string, Place] => [d, `oomlint-${d.type} directive`, { source: d.source, object: d.source.file }]),
    ...suppressors.annotations.map((a): [Suppressor, string, Place] => [
      a,
      `annotation "${a.key}"`,
      { source: a.source, object: a.object, ...(a.container !== undefined ? { container: a.container } : {}) },
    ]),
  ];
  for (const [s, what, place] of all) {
    for (const id of s.ruleIds) if (!known.has(id)) invalid.push(directiveRecord(INVALID_DIRECTIVE, 'warning', unknownRuleMessage(what, id, knownList), place));
    const ids = s.ruleIds.length === 0 ? [EVERY_RULE] : s.ruleIds.filter((id) => known.has(id));
    if ('type' in s && s.type === 'enable') {
      const idle = ids.filter((id) => !disableInEffect(byFile.get(s.source.file) ?? [], id, s.source));
      if (idle.length > 0) unused.push(directiveRecord(UNUSED_DIRECTIVE, options.unusedSeverity, unusedEnableMessage(idle), place));
      continue;
    }
    const idle = ids.filter((id) => !used.get(s)?.has(id));
    if (idle.length > 0) unused.push(directiveRecord(UNUSED_DIRECTIVE, options.unusedSeverity, unusedMessage(what, idle, ids), place));
  }
  return { findings: marked, unused, invalid };
}

/**
 * The disable directive whose range covers `ruleId` at `at`, as ESLint decides it: the directives
 * before that position, in order, each disabling or re-enabling the rule (or every rule).
 */
function rangeDirective(directives: readonly Directive[], ruleId: string, at: Position): Directive | undefined {
  let current: Directive | undefined;
  for (const d of directives) {
    if (!before(d.source, at)) break;
    if (d.type === 'disable' && coversRule(d.ruleIds, ruleId)) current = d;
    else if (d.type === 'enable' && coversRule(d.ruleIds, ruleId)) current = undefined;
  }
  return current;
}

/** Whether an enable at `at` ends something: for `*`, any disable still in effect, whichever rules it names. */
function disableInEffect(directives: readonly Directive[], ruleId: string, at: Position): boolean {
  if (ruleId !== EVERY_RULE) return rangeDirective(directives, ruleId, at) !== undefined;
  // A rule no directive names stands for "every rule"; each named rule is checked on its own.
  const named = directives.filter((d) => d.type === 'disable' && before(d.source, at)).flatMap((d) => d.ruleIds);
  return ['\0', ...named].some((id) => rangeDirective(directives, id, at) !== undefined);
}

function commentSuppression(d: Directive): Suppression {
  return { kind: 'comment', ...justification(d), file: d.source.file, line: d.source.line };
}

function justification(s: Suppressor): Pick<Suppression, 'justification'> {
  return s.justification !== undefined ? { justification: s.justification } : {};
}

/** The Dockerfiles linked to the containers of the workload an annotation is on. */
function linkedFiles(model: { workloads: readonly SuppressionTarget[] }): (a: AnnotationDirective) => ReadonlySet<string> {
  const byObject = new Map<string, Set<string>>();
  for (const w of model.workloads) {
    const key = `${w.file}\0${w.ref}`;
    const files = byObject.get(key) ?? new Set<string>();
    for (const c of w.containers) if (c.linkedImage) files.add(c.linkedImage.file);
    byObject.set(key, files);
  }
  const none: ReadonlySet<string> = new Set();
  return (a) => byObject.get(`${a.file}\0${a.object}`) ?? none;
}
