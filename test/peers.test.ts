/**
 * Peer fixtures: oomlint's rules run over the fixtures of seven other linters
 * (../shared/corpus/peers) and compared with the verdicts those linters' own tests expect
 * (EXPECTATIONS.tsv), for every peer check whose meaning an oomlint rule covers (the mapping is in
 * test/peers-mapping.ts). Every difference must be documented in test/peers.md, and every
 * documented difference must still happen (stale docs fail too). See test/peers.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config.js';
import { lint, type InputProblem, type LintResult } from '../src/index.js';
import { CORPUS, docIndexAt, memoryUnequalSomewhere, memoryUnsetSomewhere, normalizePeerVerdict, peerOf, readDocs, readExpectations, tableUnder, targetDoc, type Doc, type Row } from './peers-data.js';
import { KUBE_SCORE_ROWS, MAPPING, mappingOf, OTHER_CHECKS, ruleSetOf, rulesText, scopeOf, type RowScope } from './peers-mapping.js';

const PEERS_MD = join(import.meta.dirname, 'peers.md');
/** 115 rows are compared today; a broken filter must not pass with (almost) nothing compared. */
const MIN_COMPARED = 110;

type OomlintVerdict = 'fail' | 'pass' | 'input error';

interface Outcome {
  row: Row;
  scope: RowScope;
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

function judge(row: Row, scope: RowScope, result: LintResult, docs: readonly Doc[]): Outcome {
  const target = targetDoc(row, docs);
  const inTarget = (line: number) => docIndexAt(docs, line) === target.index;
  const hit = result.findings.some((f) => {
    if (!scope.rules.includes(f.ruleId)) return false;
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
  const base = { row, scope, oomlint };
  if (scope.outOfScope !== undefined) return { ...base, notCompared: scope.outOfScope };
  if (normalizePeerVerdict(row.verdict) === 'skip') return { ...base, notCompared: 'peer verdict skip' };
  // A peer check that also judges CPU: a failure that the memory half cannot explain is CPU's alone.
  const cpuToo = mappingOf(row)?.cpuToo;
  if (cpuToo && normalizePeerVerdict(row.verdict) === 'fail') {
    const memoryExplains = cpuToo === 'unset' ? memoryUnsetSomewhere(target.kind, target.doc.value) : memoryUnequalSomewhere(target.kind, target.doc.value);
    if (!memoryExplains) return { ...base, notCompared: 'the failure is about CPU only' };
  }
  return base;
}

/** `same`: oomlint reports the row exactly when the peer fails it; `opposite`: exactly when the peer passes it. */
function agrees(o: Outcome): boolean {
  const peer = normalizePeerVerdict(o.row.verdict);
  if (o.oomlint === 'input error') return false;
  return o.scope.verdicts === 'same' ? peer === o.oomlint : peer !== o.oomlint;
}

const ROW_COLUMNS = ['file', 'object', 'container', 'peer check', 'peer verdict', 'oomlint'] as const;
const rowKey = (o: Outcome) => [o.row.file, o.row.object, o.row.container, o.row.check, o.row.verdict, o.oomlint].join(' | ');

// ---------------------------------------------------------------------------------------------

describe('peer fixtures (../shared/corpus/peers) vs the oomlint rules that cover the same check', () => {
  const rows = readExpectations();
  const markdown = readFileSync(PEERS_MD, 'utf8');
  const outcomes: Outcome[] = [];
  let otherRows = 0;
  const compared = () => outcomes.filter((o) => o.notCompared === undefined);

  beforeAll(async () => {
    // One lint per file and rule set: a row is judged only by the rule(s), with the options, its check maps to.
    const results = new Map<string, { result: LintResult; docs: Doc[] }>();
    for (const row of rows) {
      const scope = scopeOf(row);
      if (!scope) {
        otherRows++;
        continue;
      }
      const key = `${row.file}\n${JSON.stringify(scope.rules)}\n${JSON.stringify(scope.options ?? {})}`;
      let file = results.get(key);
      if (!file) {
        const rules = Object.fromEntries(Object.entries(scope.options ?? {}).map(([id, options]) => [id, { options }]));
        const result = await lint([row.file], { cwd: CORPUS, config: defaultConfig(), ruleSet: ruleSetOf(scope.rules), rules });
        file = { result, docs: readDocs(readFileSync(join(CORPUS, row.file), 'utf8')) };
        results.set(key, file);
      }
      outcomes.push(judge(row, scope, file.result, file.docs));
    }
    const agreed = compared().filter(agrees).length;
    console.log(
      `peers: ${compared().length} rows compared, ${agreed} agree, ${compared().length - agreed} documented differences; ` +
        `${outcomes.length - compared().length} not compared; ${otherRows} rows of other checks out of scope`,
    );
  });

  it('classifies every peer check in EXPECTATIONS.tsv (mapped, or listed as another check)', () => {
    const unclassified = rows.filter((r) => !mappingOf(r) && !OTHER_CHECKS.some((o) => o.pattern.test(r.check)));
    expect(unclassified.map((r) => `${peerOf(r)}: ${r.check}`)).toEqual([]);
    for (const m of MAPPING) expect(rows.some((r) => peerOf(r) === m.peer && r.check === m.check), `${m.peer} ${m.check} has rows`).toBe(true);
  });

  it(`compares at least ${MIN_COMPARED} rows, some of every peer and of every mapped rule, in both senses`, () => {
    expect(compared().length).toBeGreaterThanOrEqual(MIN_COMPARED);
    const peers = new Set(compared().map((o) => peerOf(o.row)));
    expect([...peers].sort()).toEqual([...new Set(MAPPING.map((m) => m.peer))].sort());
    const rules = new Set(compared().flatMap((o) => o.scope.rules));
    expect([...rules].sort()).toEqual([...new Set(MAPPING.flatMap((m) => (m.rules === 'per row' ? [] : m.rules)))].sort());
    for (const verdicts of ['same', 'opposite'] as const) {
      for (const verdict of ['fail', 'pass'] as const) {
        const some = compared().some((o) => o.scope.verdicts === verdicts && normalizePeerVerdict(o.row.verdict) === verdict);
        expect(some, `some compared rows with peer verdict ${verdict}, verdicts ${verdicts}`).toBe(true);
      }
    }
  });

  it('every difference is documented in test/peers.md, and every documented difference still happens', () => {
    const documented = tableUnder(markdown, 'Differences', [...ROW_COLUMNS, 'why']);
    for (const cells of documented) expect(cells[6]?.length ?? 0, `why for ${cells.slice(0, 6).join(' | ')}`).toBeGreaterThan(40);
    const documentedKeys = documented.map((cells) => cells.slice(0, 6).join(' | '));
    expect(new Set(documentedKeys).size, 'no duplicate rows').toBe(documentedKeys.length);
    const actual = compared().filter((o) => !agrees(o)).map(rowKey);
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
    const agreed = compared().filter(agrees).length;
    const today = `Today: ${compared().length} rows compared, ${agreed} agree, ${compared().length - agreed} documented differences; ${outcomes.length - compared().length} rows not compared.`;
    expect(markdown.split(/\r?\n/).filter((l) => l.startsWith('Today: '))).toEqual([today]);
  });

  it('test/peers.md describes the mapping this test uses', () => {
    const mapping = tableUnder(markdown, 'Mapping', ['peer', 'peer check', 'oomlint rule(s)', 'verdicts', 'why']);
    expect(mapping.map((c) => c.slice(0, 4).join(' | ')).sort()).toEqual(MAPPING.map((m) => [m.peer, m.check, rulesText(m), m.verdicts].join(' | ')).sort());
    const kubeScore = tableUnder(markdown, 'kube-score container-resources, row by row', ['fixture', 'kube-score grade', 'oomlint rule(s)', 'why']);
    expect(kubeScore.map((c) => c.slice(0, 3).join(' | ')).sort()).toEqual(
      KUBE_SCORE_ROWS.map((r) => [r.fixture, r.verdict, r.outOfScope !== undefined ? 'not compared' : r.rules.join(', ')].join(' | ')).sort(),
    );
    const others = tableUnder(markdown, 'Other peer checks in the corpus', ['peer check', 'why it is not compared']);
    expect(others.map((c) => c[0]).sort()).toEqual(OTHER_CHECKS.map((o) => o.label).sort());
  });
});
