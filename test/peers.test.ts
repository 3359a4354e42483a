/**
 * Peer fixtures: oomlint's memory-limit-missing and memory-request-missing run over the fixtures of
 * seven other linters (../shared/corpus/peers) and compared with the verdicts those linters' own
 * tests expect (EXPECTATIONS.tsv). Every difference must be documented in test/peers.md, and every
 * documented difference must still happen (stale docs fail too). See test/peers.md.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import limitRule from '../rules/memory-limit-missing/index.js';
import requestRule from '../rules/memory-request-missing/index.js';
import { lint, type InputProblem, type LintResult } from '../src/index.js';
import { CORPUS, docIndexAt, memoryUnsetSomewhere, normalizePeerVerdict, peerOf, readDocs, readExpectations, tableUnder, targetDoc, type Doc, type Row } from './peers-data.js';

const PEERS_MD = join(import.meta.dirname, 'peers.md');
/** 50 rows are compared today; a broken filter must not pass with (almost) nothing compared. */
const MIN_COMPARED = 45;

const LIMIT = 'memory-limit-missing';
const REQUEST = 'memory-request-missing';
type RuleId = typeof LIMIT | typeof REQUEST;
const BOTH: readonly RuleId[] = [LIMIT, REQUEST];

// ---------------------------------------------------------------------------------------------
// The mapping: which peer checks mean "memory limit missing" / "memory request missing".
// test/peers.md has the same table with the reasons; a test below keeps the two in sync.
// ---------------------------------------------------------------------------------------------

interface CheckMapping {
  /** The peer's directory in the corpus. */
  peer: string;
  /** `peer_check_id`, exactly as in EXPECTATIONS.tsv. */
  check: string;
  /** Our verdict for a row is `fail` when any of these rules reports the row's object/container. */
  rules: readonly RuleId[] | 'per row';
  /**
   * The peer check also requires a CPU request: a `fail` row where every container of the object
   * sets both `requests.memory` and `limits.memory` fails for CPU only and is not compared.
   */
  memoryPartOnly?: boolean;
}

const MAPPING: readonly CheckMapping[] = [
  { peer: 'polaris', check: 'memoryLimitsMissing', rules: [LIMIT] },
  { peer: 'polaris', check: 'memoryRequestsMissing', rules: [REQUEST] },
  { peer: 'kube-linter', check: 'unset-memory-requirements', rules: [LIMIT] },
  { peer: 'checkov', check: 'CKV_K8S_13', rules: [LIMIT] },
  { peer: 'checkov', check: 'CKV_K8S_12', rules: [REQUEST] },
  { peer: 'trivy-checks', check: 'KSV-0018 (KSV018)', rules: [LIMIT] },
  { peer: 'trivy-checks', check: 'KSV-0016 (KSV016)', rules: [REQUEST] },
  { peer: 'kubesec', check: 'LimitsMemory', rules: [LIMIT] },
  { peer: 'kubesec', check: 'RequestsMemory', rules: [REQUEST] },
  { peer: 'kubesec', check: 'score (LimitsMemory +1, RequestsMemory +1)', rules: BOTH },
  { peer: 'kyverno', check: 'require-requests-limits:validate-resources', rules: BOTH, memoryPartOnly: true },
  { peer: 'kyverno', check: 'require-requests-limits (chainsaw)', rules: BOTH, memoryPartOnly: true },
  { peer: 'kube-score', check: 'container-resources', rules: 'per row' },
];

/**
 * kube-score's `container-resources` grades CPU and memory together (critical: a limit is
 * missing; warning: a request is missing), so each row is classified by hand: compared with the
 * rules that the memory part of the grade maps to, or not compared when memory cannot explain it.
 */
type RowScope = { rules: readonly RuleId[] } | { rules: readonly RuleId[]; outOfScope: string };

const KUBE_SCORE_ROWS: ReadonlyArray<{ fixture: string; verdict: string; scope: RowScope }> = [
  { fixture: 'pod-test-resources-none.yaml', verdict: 'critical', scope: { rules: BOTH } },
  { fixture: 'pod-test-resources-only-limits.yaml', verdict: 'warn', scope: { rules: [REQUEST] } },
  { fixture: 'pod-test-resources-limits-and-requests.yaml', verdict: 'pass', scope: { rules: BOTH } },
  { fixture: 'pod-test-resources-limits-and-requests-no-cpu-limit.yaml', verdict: 'pass', scope: { rules: BOTH } },
  {
    fixture: 'pod-test-resources-limits-and-requests-no-cpu-limit.yaml',
    verdict: 'critical',
    scope: { rules: BOTH, outOfScope: 'the grade comes from the missing CPU limit only' },
  },
  { fixture: 'pod-test-resources-no-limits.yaml', verdict: 'pass', scope: { rules: [REQUEST] } },
  { fixture: 'deployment-test-resources.yaml', verdict: 'warn', scope: { rules: [REQUEST] } },
  { fixture: 'statefulset-test-resources.yaml', verdict: 'warn', scope: { rules: [REQUEST] } },
];

/** Peer checks in the corpus that are about something else (equality, ratio, QoS, ranges). */
const OTHER_CHECKS: ReadonlyArray<{ label: string; pattern: RegExp }> = [
  { label: 'polaris resourceRange', pattern: /^resourceRange\b/ },
  { label: 'kube-score container-memory-requests-equal-limits, container-resource-requests-equal-limits', pattern: /^container-(memory|resource)-requests-equal-limits\b/ },
  { label: 'kyverno memory-requests-equal-limits', pattern: /^memory-requests-equal-limits\b/ },
  { label: 'kyverno enforce-resources-as-ratio', pattern: /^enforce-resources-as-ratio\b/ },
  { label: 'kyverno require-qos-guaranteed', pattern: /^require-qos-guaranteed\b/ },
  { label: 'kyverno require-qos-burstable', pattern: /^require-qos-burstable\b/ },
];

// ---------------------------------------------------------------------------------------------
// Running oomlint and judging each row.
// ---------------------------------------------------------------------------------------------

type OomlintVerdict = 'fail' | 'pass' | 'input error';

interface Outcome {
  row: Row;
  rules: readonly RuleId[];
  oomlint: OomlintVerdict;
  /** Undefined when compared; else why not. */
  notCompared?: string;
}

/** Problems that stop the whole file from being read, whatever line they name. */
const FILE_LEVEL_PROBLEMS = new Set<InputProblem['code']>([
  'file-unreadable',
  'file-too-large',
  'file-binary',
  'file-encoding',
  'file-empty',
  'path-not-found',
  'no-input',
  'helm-template',
  'json-syntax',
  'config-invalid',
]);

function scopeOf(row: Row): RowScope | undefined {
  const mapping = MAPPING.find((m) => m.peer === peerOf(row) && m.check === row.check);
  if (!mapping) return undefined;
  if (mapping.rules !== 'per row') return { rules: mapping.rules };
  const fixture = basename(row.file);
  const entry = KUBE_SCORE_ROWS.find((r) => r.fixture === fixture && r.verdict === row.verdict);
  if (!entry) throw new Error(`unclassified ${row.check} row: ${row.file} ${row.verdict}; add it to KUBE_SCORE_ROWS and test/peers.md`);
  return entry.scope;
}

function judge(row: Row, scope: RowScope, result: LintResult, docs: readonly Doc[]): Outcome {
  const target = targetDoc(row, docs);
  const inTarget = (line: number) => docIndexAt(docs, line) === target.index;
  const hit = result.findings.some((f) => {
    if (!(scope.rules as readonly string[]).includes(f.ruleId)) return false;
    const space = f.object.indexOf(' ');
    const kind = f.object.slice(0, space);
    const qualified = f.object.slice(space + 1);
    const name = qualified.slice(qualified.lastIndexOf('/') + 1); // `ns/name` or `name`: ignore the namespace
    return kind === target.kind && name === target.name && inTarget(f.line) && (row.container === '-' || f.container === row.container);
  });
  const inputProblem =
    result.errors.some((e) => FILE_LEVEL_PROBLEMS.has(e.code) || inTarget(e.line)) ||
    result.summary.skipped.some((s) => s.line === undefined || inTarget(s.line));
  const oomlint: OomlintVerdict = hit ? 'fail' : inputProblem ? 'input error' : 'pass';
  const base = { row, rules: scope.rules, oomlint };
  if ('outOfScope' in scope) return { ...base, notCompared: scope.outOfScope };
  if (normalizePeerVerdict(row.verdict) === 'skip') return { ...base, notCompared: 'peer verdict skip' };
  const mapping = MAPPING.find((m) => m.peer === peerOf(row) && m.check === row.check);
  if (mapping?.memoryPartOnly && normalizePeerVerdict(row.verdict) === 'fail' && !memoryUnsetSomewhere(target.kind, target.doc.value)) {
    return { ...base, notCompared: 'the failure is about the CPU request only' };
  }
  return base;
}

const agrees = (o: Outcome) => normalizePeerVerdict(o.row.verdict) === o.oomlint;

const ROW_COLUMNS = ['file', 'object', 'container', 'peer check', 'peer verdict', 'oomlint'] as const;
const rowKey = (o: Outcome) => [o.row.file, o.row.object, o.row.container, o.row.check, o.row.verdict, o.oomlint].join(' | ');
const rulesText = (rules: readonly RuleId[] | 'per row') => (rules === 'per row' ? 'per row' : rules.join(', '));

// ---------------------------------------------------------------------------------------------

describe('peer fixtures (../shared/corpus/peers) vs memory-limit-missing / memory-request-missing', () => {
  const rows = readExpectations();
  const markdown = readFileSync(PEERS_MD, 'utf8');
  const outcomes: Outcome[] = [];
  let otherRows = 0;

  beforeAll(async () => {
    const results = new Map<string, { result: LintResult; docs: Doc[] }>();
    for (const row of rows) {
      const scope = scopeOf(row);
      if (!scope) {
        otherRows++;
        continue;
      }
      let file = results.get(row.file);
      if (!file) {
        const result = await lint([row.file], { cwd: CORPUS, ruleSet: [limitRule, requestRule] });
        file = { result, docs: readDocs(readFileSync(join(CORPUS, row.file), 'utf8')) };
        results.set(row.file, file);
      }
      outcomes.push(judge(row, scope, file.result, file.docs));
    }
    const compared = outcomes.filter((o) => o.notCompared === undefined);
    const agreed = compared.filter(agrees).length;
    console.log(
      `peers: ${compared.length} rows compared, ${agreed} agree, ${compared.length - agreed} documented differences; ` +
        `${outcomes.length - compared.length} not compared; ${otherRows} rows of other checks out of scope`,
    );
  });

  it('classifies every peer check in EXPECTATIONS.tsv (mapped, or listed as another check)', () => {
    const unclassified = rows.filter((r) => !scopeOf(r) && !OTHER_CHECKS.some((o) => o.pattern.test(r.check)));
    expect(unclassified.map((r) => `${peerOf(r)}: ${r.check}`)).toEqual([]);
    for (const m of MAPPING) expect(rows.some((r) => peerOf(r) === m.peer && r.check === m.check), `${m.peer} ${m.check} has rows`).toBe(true);
  });

  it(`compares at least ${MIN_COMPARED} rows, and some of every peer`, () => {
    const compared = outcomes.filter((o) => o.notCompared === undefined);
    expect(compared.length).toBeGreaterThanOrEqual(MIN_COMPARED);
    const peers = new Set(compared.map((o) => peerOf(o.row)));
    expect([...peers].sort()).toEqual([...new Set(MAPPING.map((m) => m.peer))].sort());
    for (const verdict of ['fail', 'pass'] as const) {
      expect(compared.some((o) => normalizePeerVerdict(o.row.verdict) === verdict), `some compared rows with peer verdict ${verdict}`).toBe(true);
    }
  });

  it('every difference is documented in test/peers.md, and every documented difference still happens', () => {
    const documented = tableUnder(markdown, 'Differences', [...ROW_COLUMNS, 'why']);
    for (const cells of documented) expect(cells[6]?.length ?? 0, `why for ${cells.slice(0, 6).join(' | ')}`).toBeGreaterThan(40);
    const documentedKeys = documented.map((cells) => cells.slice(0, 6).join(' | '));
    expect(new Set(documentedKeys).size, 'no duplicate rows').toBe(documentedKeys.length);
    const actual = outcomes.filter((o) => o.notCompared === undefined && !agrees(o)).map(rowKey);
    // An undocumented difference shows as an extra line here; a stale documented one as a missing line.
    expect(actual.sort()).toEqual(documentedKeys.sort());
  });

  it('every row that is not compared is listed, with what oomlint says, in test/peers.md', () => {
    const listed = tableUnder(markdown, 'Not compared', [...ROW_COLUMNS, 'why not compared']);
    for (const cells of listed) expect(cells[6]?.length ?? 0, `why for ${cells.slice(0, 6).join(' | ')}`).toBeGreaterThan(40);
    const actual = outcomes.filter((o) => o.notCompared !== undefined).map(rowKey);
    expect(actual.sort()).toEqual(listed.map((cells) => cells.slice(0, 6).join(' | ')).sort());
  });

  it('the counts in test/peers.md are current', () => {
    const compared = outcomes.filter((o) => o.notCompared === undefined);
    const agreed = compared.filter(agrees).length;
    const today = `Today: ${compared.length} rows compared, ${agreed} agree, ${compared.length - agreed} documented differences; ${outcomes.length - compared.length} rows not compared.`;
    expect(markdown.split(/\r?\n/).filter((l) => l.startsWith('Today: '))).toEqual([today]);
  });

  it('test/peers.md describes the mapping this test uses', () => {
    const mapping = tableUnder(markdown, 'Mapping', ['peer', 'peer check', 'oomlint rule(s)', 'why']);
    expect(mapping.map((c) => c.slice(0, 3).join(' | ')).sort()).toEqual(MAPPING.map((m) => [m.peer, m.check, rulesText(m.rules)].join(' | ')).sort());
    const kubeScore = tableUnder(markdown, 'kube-score container-resources, row by row', ['fixture', 'kube-score grade', 'oomlint rule(s)', 'why']);
    expect(kubeScore.map((c) => c.slice(0, 3).join(' | ')).sort()).toEqual(
      KUBE_SCORE_ROWS.map((r) => [r.fixture, r.verdict, 'outOfScope' in r.scope ? 'not compared' : rulesText(r.scope.rules)].join(' | ')).sort(),
    );
    const others = tableUnder(markdown, 'Other peer checks in the corpus', ['peer check', 'why it is not compared']);
    expect(others.map((c) => c[0]).sort()).toEqual(OTHER_CHECKS.map((o) => o.label).sort());
  });
});
