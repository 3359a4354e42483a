/**
 * Real-world corpus: oomlint over ../shared/corpus/real, unmodified manifests and Dockerfiles of
 * 14 open-source projects (listed in its SOURCES.tsv). No rule crashes, no input error but the
 * documented ones, every finding inside its file, the findings per rule printed, and the figures
 * in docs/corpus-findings.md current (the hand review of the findings lives there).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config.js';
import { discover } from '../src/discover.js';
import { lint, type LintResult } from '../src/index.js';
import { tableUnder } from './peers-data.js';

const REAL = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'real');
const FINDINGS_MD = join(import.meta.dirname, '..', 'docs', 'corpus-findings.md');

/**
 * Files of SOURCES.tsv that a folder walk does not pick up, so they are named on the command
 * line as well (a named file is read whatever its name): linkerd's rendered install output ends
 * in `.golden`, not a manifest extension.
 */
const NOT_DISCOVERED = [
  'linkerd__linkerd2/cli/cmd/testdata/install_default.golden',
  'linkerd__linkerd2/cli/cmd/testdata/install_ha_output.golden',
];

/** The input errors of today's run, each a known limitation (docs/corpus-findings.md): none. */
const EXPECTED_ERRORS: Array<{ code: string; file: string; line: number; column: number }> = [];

/** Lower bounds from today's run, so that a loader that drops objects cannot pass. */
const MIN_CONTAINERS = 229;

interface Source {
  path: string;
  /** Non-empty YAML documents (PyYAML), or undefined for a Dockerfile. */
  documents?: number;
}

function readSources(): Source[] {
  const [header, ...lines] = readFileSync(join(REAL, 'SOURCES.tsv'), 'utf8').split('\n').filter((l) => l !== '');
  const columns = header?.split('\t') ?? [];
  const at = (name: string) => columns.indexOf(name);
  if (at('local_path') < 0 || at('documents') < 0) throw new Error(`SOURCES.tsv: unexpected header ${header}`);
  return lines.map((line) => {
    const cells = line.split('\t');
    const documents = cells[at('documents')];
    return { path: cells[at('local_path')] ?? '', ...(documents === 'dockerfile' ? {} : { documents: Number(documents) }) };
  });
}

/** `rule → count by severity`, sorted by count (then id): the table printed and kept in the doc. */
function perRule(result: LintResult): string[][] {
  const counts = new Map<string, { error: number; warning: number; info: number }>();
  for (const f of result.findings) {
    const c = counts.get(f.ruleId) ?? { error: 0, warning: 0, info: 0 };
    c[f.severity]++;
    counts.set(f.ruleId, c);
  }
  const total = (c: { error: number; warning: number; info: number }) => c.error + c.warning + c.info;
  return [...counts]
    .sort(([a, x], [b, y]) => total(y) - total(x) || (a < b ? -1 : 1))
    .map(([id, c]) => [id, String(total(c)), String(c.error), String(c.warning), String(c.info)]);
}

describe('real-world corpus (../shared/corpus/real)', () => {
  const sources = readSources();
  let result: LintResult;

  beforeAll(async () => {
    // The folder, as `oomlint ../shared/corpus/real` reads it, plus the files a walk skips.
    result = await lint(['.', ...NOT_DISCOVERED], { cwd: REAL, config: defaultConfig() });
    const rows = perRule(result);
    const width = Math.max(...rows.map((r) => r[0]?.length ?? 0));
    console.log(
      `corpus: ${result.summary.files} files, ${result.summary.objects} objects, ${result.summary.containers} containers, ${result.findings.length} findings\n` +
        rows.map(([id, n, e, w, i]) => `  ${id?.padEnd(width)}  ${n?.padStart(4)}  (error ${e}, warning ${w}, info ${i})`).join('\n'),
    );
  }, 60_000);

  it('a folder walk finds every file of SOURCES.tsv but the documented ones', async () => {
    const found = await discover(['.'], { cwd: REAL });
    expect(found.problems).toEqual([]);
    const expected = sources.map((s) => s.path).filter((p) => !NOT_DISCOVERED.includes(p));
    expect(found.files.map((f) => f.path).sort()).toEqual(expected.sort());
  });

  it('no rule crashes, and the only input errors are the documented ones', () => {
    expect(result.errors.filter((e) => e.code === 'rule-crash')).toEqual([]);
    expect(result.errors.map(({ code, file, line, column }) => ({ code, file, line, column }))).toEqual(EXPECTED_ERRORS);
  });

  it('reads every file, and every YAML document as a Kubernetes object', () => {
    expect(result.summary.files).toBe(sources.length);
    expect(result.summary.skipped).toEqual([]);
    // Every non-empty document is an object (List items would only add to it).
    const documents = sources.reduce((n, s) => n + (s.documents ?? 0), 0);
    expect(documents).toBeGreaterThan(700);
    expect(result.summary.objects).toBeGreaterThanOrEqual(documents);
    expect(result.summary.containers).toBeGreaterThanOrEqual(MIN_CONTAINERS);
  });

  it('every finding points inside the file it names, at a named object', () => {
    const lines = new Map(sources.map((s) => [s.path, readFileSync(join(REAL, s.path), 'utf8').split('\n')]));
    const outside = result.findings.filter((f) => {
      const text = lines.get(f.file);
      const line = text?.[f.line - 1];
      const endLine = text?.[f.endLine - 1];
      const inside = line !== undefined && endLine !== undefined && f.column >= 1 && f.column <= line.length + 1 && f.endColumn <= endLine.length + 1;
      return !inside || (f.endLine === f.line ? f.endColumn < f.column : f.endLine < f.line) || !/^\S+ \S/.test(f.object);
    });
    expect(outside.map((f) => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId} (${f.object})`)).toEqual([]);
    expect(result.findings.length).toBeGreaterThan(100);
  });

  it('docs/corpus-findings.md has the figures of this run', () => {
    const markdown = readFileSync(FINDINGS_MD, 'utf8');
    const { files, objects, containers } = result.summary;
    const crashes = result.errors.filter((e) => e.code === 'rule-crash').length;
    const run = `Run today: ${files} files, ${objects} objects, ${containers} containers, ${result.findings.length} findings; input errors: ${result.errors.length}; crashes: ${crashes}.`;
    expect(markdown.split('\n').filter((l) => l.startsWith('Run today: ')), 'update the "Run today:" line of docs/corpus-findings.md').toEqual([run]);
    const table = tableUnder(markdown, 'Findings per rule', ['rule', 'findings', 'error', 'warning', 'info'], 'docs/corpus-findings.md');
    expect(table, 'update the "Findings per rule" table of docs/corpus-findings.md (the test prints it)').toEqual(perRule(result));
  });
});
