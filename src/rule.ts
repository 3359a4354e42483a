/**
 * The rule contract. A rule is data plus one pure function: `check(workload, context)` returns
 * problems; it never parses text, prints, reads files or the clock, and never mutates the model.
 * The engine turns problems into findings (rule id, severity, message text, help URL).
 */
import { DEFAULT_JVM_BUDGET, type JvmBudgetDefaults } from './model/runtime/jvm-budget.js';
import type { Source } from './model/source.js';
import type { InputModel, Workload } from './model/workload.js';
import type { Severity } from './result.js';
import { ruleDocsUrl } from './rule-docs.js';

// Message functions take the values a message names and return the sentence with its fix.
// eslint-style `{{placeholders}}` are not type-checked; functions are.
// `any[]` because each message has its own parameter list; ProblemOf types each one.
type MessageFn = (...args: any[]) => string;
export type Messages = Record<string, MessageFn>;

export interface ProblemExtras {
  container?: string;
  severity?: Severity;
}

/**
 * Settings every rule may read, beyond its own options: the assumptions of the shared models,
 * set by the configuration file's `runtime:` section (src/config.ts), read-only.
 */
export interface RuleSettings {
  /** The JVM budget's assumptions (`runtime.jvm`): expected and worst-case non-heap regions. */
  jvmBudget: JvmBudgetDefaults;
}

/** The settings when no configuration file changes them. */
export const DEFAULT_RULE_SETTINGS: Readonly<RuleSettings> = Object.freeze({ jvmBudget: DEFAULT_JVM_BUDGET });

export interface RuleContext<O, M extends Messages = Messages> {
  options: Readonly<O>;
  settings: Readonly<RuleSettings>;
  /** The whole input (LimitRanges, Namespaces, other workloads), read-only. */
  all: InputModel;
  /** Builds a problem whose args are type-checked against the message's parameters. */
  problem<K extends keyof M & string>(messageId: K, args: Parameters<M[K]>, source: Source, extras?: ProblemExtras): ProblemOf<M>;
}

/** The `problem` factory every context carries (the engine and the tester use the same one). */
export function makeProblem(messageId: string, args: unknown[], source: Source, extras: ProblemExtras = {}) {
  return { messageId, args, source, ...extras };
}

export type ProblemOf<M extends Messages> = {
  [K in keyof M & string]: {
    messageId: K;
    args: Parameters<M[K]>;
    /** The node the finding points at; a problem without one is a bug. */
    source: Source;
    container?: string;
    /**
     * A ceiling for this problem's severity (e.g. `info` when a LimitRange fills the gap): the
     * reported severity is the lower of this and the configured one.
     */
    severity?: Severity;
  };
}[keyof M & string];

export type RuleTarget = 'pod' | 'image';

/** Whether `rule` judges `workload` (rules target pods unless they say otherwise). */
export function ruleApplies(rule: { meta: { targets?: readonly RuleTarget[] } }, workload: Workload): boolean {
  return (rule.meta.targets ?? ['pod']).includes(workload.kind === 'Dockerfile' ? 'image' : 'pod');
}

export interface RuleSpec<O extends object, M extends Messages> {
  /** kebab-case, says the risk, equals the folder name; stable forever. */
  id: string;
  meta: {
    /** The default only: configuration overrides it and the rule never reads it. */
    severity: Severity;
    /** One line, for `--list-rules` and the README table. */
    summary: string;
    /**
     * Rules whose finding on the same container this rule's finding replaces (a sidecar with
     * no limit is reported once, by the sidecar rule, not twice). Only while this rule is on.
     */
    supersedes?: readonly string[];
    /**
     * What the rule judges: `pod` — Kubernetes workloads (the default); `image` — a Dockerfile
     * that no container links to, linted on its own (kind `Dockerfile`, no resources).
     */
    targets?: readonly RuleTarget[];
  };
  options: {
    /** JSON Schema of the options object (`additionalProperties: false`). */
    schema: Record<string, unknown>;
    defaults: O;
  };
  messages: M;
  check(workload: Workload, context: RuleContext<O, M>): Array<ProblemOf<M>>;
}

export interface Rule<O extends object = object, M extends Messages = Messages> extends RuleSpec<O, M> {
  meta: RuleSpec<O, M>['meta'] & { docsUrl: string };
}

// The registry holds rules of every option and message type.
export type AnyRule = Rule<any, any>;

export function defineRule<O extends object, M extends Messages>(spec: RuleSpec<O, M>): Rule<O, M> {
  return deepFreeze({ ...spec, meta: { ...spec.meta, docsUrl: ruleDocsUrl(spec.id) } });
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
