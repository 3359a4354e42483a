/**
 * Property tests of the whole pipeline (lint(): loader, model, rules, suppressions, sorting) on
 * generated inputs: workloads of every kind in every YAML style (test/arbitraries/). For each
 * input: lint() never throws and no rule crashes; every finding's range lies inside the file and
 * sits on the YAML it names (see `checkPositions`); the output is the same on a second run and
 * sorted. property-lint-style.test.ts checks that the verdict does not depend on the YAML style.
 */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { defaultConfig } from '../src/config.js';
import { lint, type Finding, type LintResult } from '../src/index.js';
import { runs, TIMEOUT } from './arbitraries/runs.js';
import { documents, mutatedDocuments, type Doc } from './arbitraries/workload.js';
import { indexYaml, offsetOf, type Span } from './arbitraries/yaml-index.js';
import { serialize, style } from './arbitraries/yaml-style.js';

const FILE = 'generated.yaml';
const RULE_IDS = new Set(rules.map((r) => r.id));

function lintText(text: string): Promise<LintResult> {
  return lint(['-'], { stdin: { bytes: new TextEncoder().encode(text), filename: FILE }, config: defaultConfig(), reportUnusedDisableDirectives: 'warning' });
}

/** The generator's own check: the text holds exactly the generated documents. */
function expectSameDocuments(text: string, docs: readonly Doc[]): void {
  const parsed = parseAllDocuments(text, { merge: true, uniqueKeys: true });
  expect(parsed.flatMap((d) => d.errors.map((e) => e.message))).toEqual([]);
  expect(parsed.map((d) => d.toJS() as unknown).filter((d) => d !== null)).toEqual(docs);
}

const inside = (a: Span, b: Span): boolean => b.start <= a.start && a.end <= b.end;

/** The object name in a finding's `Kind namespace/name`. */
const objectName = (ref: string): string => ref.slice(ref.indexOf(' ') + 1).split('/').pop() ?? '';

/**
 * What "the finding points at the node it names" means here:
 * - the range is inside the file: lines 1…n, columns 1…length + 1, start ≤ end;
 * - any other finding starts where a YAML node (key or value) starts and ends where one ends:
 *   a whole scalar, key or collection, or a run of them (key to value, two arguments); an empty
 *   range is allowed only at a node's start (where a missing name would go);
 * - a suppression's own finding (unknown rule, unused) covers its `#` comment, or its annotation
 *   from key to value;
 * - a finding about object O lies inside O, or inside an object O reads (LimitRange, ConfigMap,
 *   Namespace), never inside another workload; about container C, never inside another container.
 */
function checkPositions(text: string, result: LintResult): void {
  const index = indexYaml(text);
  for (const f of result.findings) {
    const where = `${f.ruleId} at ${f.line}:${f.column}-${f.endLine}:${f.endColumn} (${f.object}${f.container ? ` / ${f.container}` : ''})`;
    expect(f.file, where).toBe(FILE);
    const start = offsetOf(index, text, f.line, f.column);
    const end = offsetOf(index, text, f.endLine, f.endColumn);
    if (start === undefined || end === undefined) throw new Error(`${where}: outside the file`);
    expect(start <= end, where).toBe(true);
    const range = { start, end };
    if (!RULE_IDS.has(f.ruleId)) {
      // A suppression's own problem: a `#` comment, or an `oomlint.io/ignore…` annotation (checked below).
      if (text.startsWith('#', start)) continue;
      expect(text.slice(start, end), where).toMatch(/^["']?oomlint\.io\/ignore/);
    }
    expect(index.starts.has(start), `${where}: no node starts at ${JSON.stringify(text.slice(start, start + 20))}`).toBe(true);
    if (start !== end) expect(index.ends.has(end), `${where}: no node ends before ${JSON.stringify(text.slice(end, end + 20))}`).toBe(true);
    const name = objectName(f.object);
    const own = index.workloads.get(name);
    if (!own || index.ambiguous.has(name)) continue; // unnamed, or a name two objects share: nothing to match
    expect(inside(range, own) || index.shared.some((s) => inside(range, s)), `${where}: outside its object`).toBe(true);
    if (f.container === undefined || index.containers.filter((c) => c.object === name && c.id === f.container).length > 1) continue;
    const other = index.containers.find((c) => !(c.object === name && c.id === f.container) && inside(range, c));
    expect(other, `${where}: inside container ${other?.id} of ${other?.object}`).toBeUndefined();
  }
}

const compareFindings = (a: Finding, b: Finding): number =>
  a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);

async function checkLint(text: string): Promise<LintResult> {
  const result = await lintText(text);
  expect(result.errors.filter((e) => !(e.code === 'helm-template' && text.includes('{{')))).toEqual([]);
  checkPositions(text, result);
  for (let i = 1; i < result.findings.length; i++) {
    expect(compareFindings(result.findings[i - 1] as Finding, result.findings[i] as Finding), 'findings are sorted').toBeLessThanOrEqual(0);
  }
  expect(await lintText(text), 'the same text gives the same result').toEqual(result);
  return result;
}

describe('lint() on generated workloads', () => {
  it('never throws, points every finding at its node, and is deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(documents, style, async (docs, s) => {
        const text = serialize(docs, s);
        expectSameDocuments(text, docs);
        await checkLint(text);
      }),
      runs(100),
    );
  }, TIMEOUT);

  it('survives documents of the wrong shape (values of the wrong type, keys and items removed)', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedDocuments, style, async (docs, s) => {
        const text = serialize(docs, s);
        expectSameDocuments(text, docs);
        await checkLint(text);
      }),
      runs(100),
    );
  }, TIMEOUT);
});
