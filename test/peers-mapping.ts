/**
 * Which oomlint rule (with which options) each peer check of ../shared/corpus/peers is compared
 * with, for peers.test.ts. test/peers.md has the same tables with the reasons; the test keeps the
 * two in sync. A helper module, not a test file.
 */
import { rules as allRules } from '../rules/index.js';
import type { AnyRule } from '../src/rule.js';
import { peerOf, type Row } from './peers-data.js';

const LIMIT = 'memory-limit-missing';
const REQUEST = 'memory-request-missing';
const RATIO = 'memory-limit-request-ratio';
const HEADROOM = 'memory-no-headroom';
const BEST_EFFORT = 'pod-qos-best-effort';
const SUSPICIOUS = 'memory-quantity-suspicious';
const BOTH = [LIMIT, REQUEST] as const;

type RuleOptions = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/**
 * `same`: oomlint should report a row exactly when the peer fails it. `opposite`: the peer
 * *requires* what the rule warns about (memory request = limit), so oomlint should report a row
 * exactly when the peer passes it.
 */
export type Verdicts = 'same' | 'opposite';

export interface CheckMapping {
  /** The peer's directory in the corpus. */
  peer: string;
  /** `peer_check_id`, exactly as in EXPECTATIONS.tsv. */
  check: string;
  /** Our verdict for a row is `fail` when any of these rules reports the row's object/container. */
  rules: readonly string[] | 'per row';
  /** Rule options other than the defaults, to match the peer's threshold. */
  options?: RuleOptions;
  verdicts: Verdicts;
  /**
   * The peer check judges CPU too: a `fail` row that memory cannot explain is not compared.
   * `unset`: every container sets both `requests.memory` and `limits.memory`;
   * `unequal`: every container sets `requests.memory` = `limits.memory` (as written).
   */
  cpuToo?: 'unset' | 'unequal';
}

/** Equality checks are the opposite of memory-no-headroom with minRatio 1, which then reports request = limit only. */
const EXACTLY_EQUAL: RuleOptions = { [HEADROOM]: { minRatio: 1 } };

export const MAPPING: readonly CheckMapping[] = [
  { peer: 'polaris', check: 'memoryLimitsMissing', rules: [LIMIT], verdicts: 'same' },
  { peer: 'polaris', check: 'memoryRequestsMissing', rules: [REQUEST], verdicts: 'same' },
  { peer: 'polaris', check: 'resourceRange (custom check test/checks/resourceRange/check.yaml)', rules: [SUSPICIOUS], options: { [SUSPICIOUS]: { minBytes: 104857600 } }, verdicts: 'same' },
  { peer: 'kube-linter', check: 'unset-memory-requirements', rules: [LIMIT], verdicts: 'same' },
  { peer: 'checkov', check: 'CKV_K8S_13', rules: [LIMIT], verdicts: 'same' },
  { peer: 'checkov', check: 'CKV_K8S_12', rules: [REQUEST], verdicts: 'same' },
  { peer: 'trivy-checks', check: 'KSV-0018 (KSV018)', rules: [LIMIT], verdicts: 'same' },
  { peer: 'trivy-checks', check: 'KSV-0016 (KSV016)', rules: [REQUEST], verdicts: 'same' },
  { peer: 'kubesec', check: 'LimitsMemory', rules: [LIMIT], verdicts: 'same' },
  { peer: 'kubesec', check: 'RequestsMemory', rules: [REQUEST], verdicts: 'same' },
  { peer: 'kubesec', check: 'score (LimitsMemory +1, RequestsMemory +1)', rules: BOTH, verdicts: 'same' },
  { peer: 'kyverno', check: 'require-requests-limits:validate-resources', rules: BOTH, verdicts: 'same', cpuToo: 'unset' },
  { peer: 'kyverno', check: 'require-requests-limits (chainsaw)', rules: BOTH, verdicts: 'same', cpuToo: 'unset' },
  { peer: 'kyverno', check: 'enforce-resources-as-ratio:check-memory-requests-limits', rules: [RATIO], options: { [RATIO]: { maxRatio: 2.5 } }, verdicts: 'same' },
  { peer: 'kyverno', check: 'enforce-resources-as-ratio (chainsaw)', rules: [RATIO], options: { [RATIO]: { maxRatio: 2.5 } }, verdicts: 'same' },
  { peer: 'kyverno', check: 'require-qos-burstable:burstable', rules: [BEST_EFFORT], verdicts: 'same' },
  { peer: 'kyverno', check: 'require-qos-burstable (chainsaw)', rules: [BEST_EFFORT], verdicts: 'same' },
  // The policy's own rule, the two rules kyverno generates from it for pod controllers, and the cluster run.
  ...[
    'memory-requests-equal-limits:memory-requests-equal-limits',
    'memory-requests-equal-limits:autogen-memory-requests-equal-limits',
    'memory-requests-equal-limits:autogen-cronjob-memory-requests-equal-limits',
    'memory-requests-equal-limits (chainsaw)',
  ].map((check): CheckMapping => ({ peer: 'kyverno', check, rules: [HEADROOM], options: EXACTLY_EQUAL, verdicts: 'opposite' })),
  { peer: 'kyverno', check: 'require-qos-guaranteed:guaranteed', rules: [HEADROOM], options: EXACTLY_EQUAL, verdicts: 'opposite', cpuToo: 'unequal' },
  { peer: 'kyverno', check: 'require-qos-guaranteed (chainsaw)', rules: [HEADROOM], options: EXACTLY_EQUAL, verdicts: 'opposite', cpuToo: 'unequal' },
  { peer: 'kube-score', check: 'container-resources', rules: 'per row', verdicts: 'same' },
  { peer: 'kube-score', check: 'container-memory-requests-equal-limits (optional)', rules: [HEADROOM], options: EXACTLY_EQUAL, verdicts: 'opposite' },
  { peer: 'kube-score', check: 'container-resource-requests-equal-limits (optional)', rules: [HEADROOM], options: EXACTLY_EQUAL, verdicts: 'opposite', cpuToo: 'unequal' },
];

/**
 * kube-score's `container-resources` grades CPU and memory together (critical: a limit is
 * missing; warning: a request is missing), so each row is classified by hand: compared with the
 * rules that the memory part of the grade maps to, or not compared when memory cannot explain it.
 */
export const KUBE_SCORE_ROWS: ReadonlyArray<{ fixture: string; verdict: string; rules: readonly string[]; outOfScope?: string }> = [
  { fixture: 'pod-test-resources-none.yaml', verdict: 'critical', rules: BOTH },
  { fixture: 'pod-test-resources-only-limits.yaml', verdict: 'warn', rules: [REQUEST] },
  { fixture: 'pod-test-resources-limits-and-requests.yaml', verdict: 'pass', rules: BOTH },
  { fixture: 'pod-test-resources-limits-and-requests-no-cpu-limit.yaml', verdict: 'pass', rules: BOTH },
  { fixture: 'pod-test-resources-limits-and-requests-no-cpu-limit.yaml', verdict: 'critical', rules: BOTH, outOfScope: 'the grade comes from the missing CPU limit only' },
  { fixture: 'pod-test-resources-no-limits.yaml', verdict: 'pass', rules: [REQUEST] },
  { fixture: 'deployment-test-resources.yaml', verdict: 'warn', rules: [REQUEST] },
  { fixture: 'statefulset-test-resources.yaml', verdict: 'warn', rules: [REQUEST] },
];

/** Peer checks in the corpus that no oomlint rule covers (none today: the section stays for new ones). */
export const OTHER_CHECKS: ReadonlyArray<{ label: string; pattern: RegExp }> = [];

export const mappingOf = (row: Row) => MAPPING.find((m) => m.peer === peerOf(row) && m.check === row.check);

export interface RowScope {
  rules: readonly string[];
  options?: RuleOptions;
  verdicts: Verdicts;
  /** Set when the row is not compared, saying why. */
  outOfScope?: string;
}

export function scopeOf(row: Row): RowScope | undefined {
  const mapping = mappingOf(row);
  if (!mapping) return undefined;
  const { verdicts } = mapping;
  if (mapping.rules !== 'per row') return { rules: mapping.rules, verdicts, ...(mapping.options ? { options: mapping.options } : {}) };
  const fixture = row.file.slice(row.file.lastIndexOf('/') + 1);
  const entry = KUBE_SCORE_ROWS.find((r) => r.fixture === fixture && r.verdict === row.verdict);
  if (!entry) throw new Error(`unclassified ${row.check} row: ${row.file} ${row.verdict}; add it to KUBE_SCORE_ROWS and test/peers.md`);
  return { rules: entry.rules, verdicts, ...(entry.outOfScope !== undefined ? { outOfScope: entry.outOfScope } : {}) };
}

/** The registered rules with these ids (a typo in the mapping fails here, not silently). */
export function ruleSetOf(ids: readonly string[]): AnyRule[] {
  return ids.map((id) => {
    const rule = allRules.find((r) => r.id === id);
    if (!rule) throw new Error(`no rule ${id}`);
    return rule;
  });
}

/** `memory-limit-request-ratio (maxRatio: 2.5)`, as the Mapping table of test/peers.md spells it. */
export function rulesText(m: CheckMapping): string {
  if (m.rules === 'per row') return 'per row';
  return m.rules
    .map((id) => {
      const options = m.options?.[id];
      return options ? `${id} (${Object.entries(options).map(([k, v]) => `${k}: ${String(v)}`).join(', ')})` : id;
    })
    .join(', ');
}
