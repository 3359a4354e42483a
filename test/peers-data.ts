/**
 * Reading the peer-fixture data for peers.test.ts: EXPECTATIONS.tsv, the fixture files as a peer
 * sees them, and the tables of test/peers.md (corpus.test.ts reads docs/corpus-findings.md's with
 * the same function). A helper module, not a test file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseAllDocuments } from 'yaml';

export const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'peers');

// ---------------------------------------------------------------------------------------------
// EXPECTATIONS.tsv
// ---------------------------------------------------------------------------------------------

const TSV_COLUMNS = ['local_path', 'object', 'container', 'peer_check_id', 'peer_verdict', 'meaning', 'evidence'];

export interface Row {
  file: string;
  object: string;
  container: string;
  check: string;
  verdict: string;
  meaning: string;
}

export function readExpectations(): Row[] {
  const [header, ...lines] = readFileSync(join(CORPUS, 'EXPECTATIONS.tsv'), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (header?.split('\t').join() !== TSV_COLUMNS.join()) throw new Error(`EXPECTATIONS.tsv: unexpected header ${header}`);
  return lines.map((line, i) => {
    const cells = line.split('\t');
    if (cells.length !== TSV_COLUMNS.length) throw new Error(`EXPECTATIONS.tsv line ${i + 2}: ${cells.length} columns`);
    const [file, object, container, check, verdict, meaning] = cells as [string, string, string, string, string, string];
    return { file, object, container, check, verdict, meaning };
  });
}

export const peerOf = (row: Row) => row.file.split('/')[0] ?? '';

type PeerVerdict = 'fail' | 'pass' | 'skip';

/** fail/critical/warn → fail; checkov's UNKNOWN is `skip` (nothing to compare). */
export function normalizePeerVerdict(verdict: string): PeerVerdict {
  if (verdict === 'fail' || verdict === 'critical' || verdict === 'warn') return 'fail';
  if (verdict === 'pass' || verdict === 'skip') return verdict;
  throw new Error(`unknown peer verdict "${verdict}"`);
}

// ---------------------------------------------------------------------------------------------
// The fixture files as a peer sees them: documents, their objects and the lines they span.
// ---------------------------------------------------------------------------------------------

export interface Doc {
  startLine: number;
  kind?: string;
  /** metadata.name, else generateName, else `(unnamed)` as oomlint shows it. */
  name?: string;
  value: unknown;
}

type Json = Record<string, unknown>;
const asMap = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

export function readDocs(text: string): Doc[] {
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  return parseAllDocuments(text).map((doc) => {
    const value: unknown = doc.errors.length === 0 ? doc.toJS() : undefined;
    const root = asMap(value);
    const metadata = asMap(root?.metadata);
    const kind = typeof root?.kind === 'string' ? root.kind : undefined;
    const named = metadata?.name ?? metadata?.generateName;
    return {
      startLine: lineOf(doc.range[0]),
      ...(kind ? { kind, name: typeof named === 'string' ? named : '(unnamed)' } : {}),
      value,
    };
  });
}

/** The document (index) a line of the file belongs to. */
export function docIndexAt(docs: readonly Doc[], line: number): number {
  let index = -1;
  docs.forEach((doc, i) => {
    if (doc.startLine <= line) index = i;
  });
  return index;
}

/** `Pod/nginx`, `Pod/badpod-nores (doc 2)`, `Pod/(no metadata.name)` → the document it names. */
export function targetDoc(row: Row, docs: readonly Doc[]): { index: number; kind: string; name: string; doc: Doc } {
  const match = /^([^/]+)\/(.+?)(?: \(doc (\d+)\))?$/.exec(row.object);
  if (!match) throw new Error(`${row.file}: cannot parse object "${row.object}"`);
  const kind = match[1] ?? '';
  const name = match[2] === '(no metadata.name)' ? '(unnamed)' : (match[2] ?? '');
  const candidates = docs.flatMap((doc, index) => (doc.kind === kind && doc.name === name ? [{ index, doc }] : []));
  const nth = match[3] === undefined ? undefined : Number(match[3]);
  if (nth === undefined && candidates.length !== 1) throw new Error(`${row.file}: ${candidates.length} objects match "${row.object}"`);
  const found = candidates[(nth ?? 1) - 1];
  if (!found) throw new Error(`${row.file}: no object "${row.object}"`);
  return { ...found, kind, name };
}

/** Where each kind keeps its pod spec (a peer-independent reading, for the CPU-only check). */
function podSpecOf(kind: string, root: Json | undefined): Json | undefined {
  if (kind === 'Pod') return asMap(root?.spec);
  const owner = kind === 'CronJob' ? asMap(asMap(asMap(root?.spec)?.jobTemplate)?.spec) : asMap(root?.spec);
  return asMap(asMap(owner?.template)?.spec);
}

/** `requests.memory` and `limits.memory` of every container (of any list), as written. */
function memoryAsWritten(kind: string, root: unknown): Array<{ request: unknown; limit: unknown }> {
  const spec = podSpecOf(kind, asMap(root));
  const containers = ['initContainers', 'containers', 'ephemeralContainers'].flatMap((key) => {
    const list = spec?.[key];
    return Array.isArray(list) ? list : [];
  });
  return containers.map((c) => {
    const resources = asMap(asMap(c)?.resources);
    return { request: asMap(resources?.requests)?.memory, limit: asMap(resources?.limits)?.memory };
  });
}

/** Some container lacks `requests.memory` or `limits.memory` as written. */
export function memoryUnsetSomewhere(kind: string, root: unknown): boolean {
  return memoryAsWritten(kind, root).some((m) => m.request === undefined || m.limit === undefined);
}

/** Some container's `requests.memory` is not written the same as its `limits.memory` (one of them unset counts). */
export function memoryUnequalSomewhere(kind: string, root: unknown): boolean {
  return memoryAsWritten(kind, root).some((m) => m.request === undefined || String(m.request) !== String(m.limit));
}

// ---------------------------------------------------------------------------------------------
// Markdown tables (test/peers.md, docs/corpus-findings.md)
// ---------------------------------------------------------------------------------------------

/** The first Markdown table under `## heading` of `doc`: its body rows, cells trimmed, code spans unwrapped. */
export function tableUnder(markdown: string, heading: string, columns: readonly string[], doc = 'test/peers.md'): string[][] {
  const lines = markdown.split(/\r?\n/);
  const at = lines.findIndex((l) => l.trim() === `## ${heading}`);
  if (at < 0) throw new Error(`${doc}: no "## ${heading}" section`);
  const start = lines.findIndex((l, i) => i > at && l.trim().startsWith('|'));
  const nextHeading = lines.findIndex((l, i) => i > at && l.startsWith('## '));
  if (start < 0 || (nextHeading >= 0 && start > nextHeading)) throw new Error(`${doc}: no table under "## ${heading}"`);
  const table: string[][] = [];
  for (let i = start; i < lines.length && (lines[i] ?? '').trim().startsWith('|'); i++) {
    const line = (lines[i] ?? '').trim();
    table.push(
      line
        .slice(1, line.endsWith('|') ? -1 : undefined)
        .split('|')
        .map((cell) => cell.trim().replace(/^`(.*)`$/, '$1')),
    );
  }
  const [header, separator, ...body] = table;
  expect(header, `${doc} "${heading}" columns`).toEqual([...columns]);
  expect(separator?.every((cell) => /^:?-+:?$/.test(cell)), `${doc} "${heading}" separator row`).toBe(true);
  body.forEach((cells, i) => expect(cells.length, `${doc} "${heading}" row ${i + 1}: ${cells.join(' | ')}`).toBe(columns.length));
  return body;
}
