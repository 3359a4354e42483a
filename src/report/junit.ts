/**
 * JUnit XML (`--format junit`) for CI test reports (GitLab `artifacts:reports:junit`, Jenkins
 * `junit`), in the layout ESLint's junit formatter made familiar:
 *
 * - one `<testsuite>` per file (name = the path), files in byte order like the other formats;
 * - one `<testcase>` per finding, named `<rule id>: <object>[ › <container>]` — no position, so CI
 *   systems that compare test names between pipelines see the same test after lines move (a
 *   second finding of the same name gets ` (2)`); `classname` is the path without its extension,
 *   because Jenkins splits class names at dots; `file` is the path (GitLab's "Filename" column);
 * - `error` and `warning` findings are `<failure type="error|warning">`; `info` findings pass and
 *   carry their message in `<system-out>` (a note must not turn the test report red); suppressed
 *   findings are `<skipped>` with the reason; input problems are `<error type="input/<code>">`;
 * - no findings and no input problems: one passing test, because Jenkins rejects a report
 *   without tests.
 *
 * Text is escaped for XML 1.0: the five markup characters, CR/LF/TAB as character references in
 * attributes (attribute normalisation would turn them into spaces) and CR in text (line-ending
 * normalisation), and the characters XML 1.0 cannot carry at all (other C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) become U+FFFD.
 */
import type { Finding, InputProblem, LintResult } from '../result.js';
import type { TextReporter } from './reporter.js';

// Not allowed anywhere in an XML 1.0 document, not even as character references.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', "'": '&apos;', '\n': '&#10;', '\t': '&#9;' };

export function xmlText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

export function xmlAttribute(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\r\n\t]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

function attributes(values: ReadonlyArray<readonly [string, string | number]>): string {
  return values.map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`).join('');
}

/** `deploy/api.yaml` → `deploy/api`; a dot in a directory name or a leading dot is kept. */
function withoutExtension(file: string): string {
  const slash = file.lastIndexOf('/');
  const dot = file.lastIndexOf('.');
  return dot > slash + 1 ? file.slice(0, dot) : file;
}

interface Case {
  name: string;
  file: string;
  /** The element inside `<testcase>`, or '' for a plain pass. */
  body: string;
  counts: { failures: number; errors: number; skipped: number };
}

const isSuppressed = (f: Finding): boolean => (f.suppressions?.length ?? 0) > 0;

function findingCase(f: Finding): Case {
  const where = `${f.file}:${f.line}:${f.column}`;
  const details = `${where}: ${f.severity}: ${f.message} (${f.ruleId})\n${f.helpUri}`;
  const name = `${f.ruleId}: ${f.object}${f.container !== undefined ? ` › ${f.container}` : ''}`;
  if (isSuppressed(f)) {
    const reasons = (f.suppressions ?? []).map((s) => s.justification).filter((j): j is string => !!j);
    const message = `suppressed${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}`;
    return { name, file: f.file, body: `<skipped${attributes([['message', message]])}/>`, counts: { failures: 0, errors: 0, skipped: 1 } };
  }
  if (f.severity === 'info') {
    return { name, file: f.file, body: `<system-out>${xmlText(details)}</system-out>`, counts: { failures: 0, errors: 0, skipped: 0 } };
  }
  const failure = `<failure${attributes([['message', f.message], ['type', f.severity]])}>${xmlText(details)}</failure>`;
  return { name, file: f.file, body: failure, counts: { failures: 1, errors: 0, skipped: 0 } };
}

function inputCase(p: InputProblem): Case {
  const type = `input/${p.code}`;
  const details = `${p.file}:${p.line}:${p.column}: ${p.message} (${type})`;
  const error = `<error${attributes([['message', p.message], ['type', type]])}>${xmlText(details)}</error>`;
  return { name: type, file: p.file, body: error, counts: { failures: 0, errors: 1, skipped: 0 } };
}

function renderCase(c: Case, classname: string): string {
  const file: Array<readonly [string, string]> = c.file === '' ? [] : [['file', c.file]];
  const open = `<testcase${attributes([['name', c.name], ['classname', classname], ...file, ['time', 0]])}`;
  return c.body === '' ? `    ${open}/>` : `    ${open}>\n      ${c.body}\n    </testcase>`;
}

function renderSuite(name: string, cases: readonly Case[], classname: string): { xml: string; totals: number[] } {
  const sum = (key: keyof Case['counts']): number => cases.reduce((n, c) => n + c.counts[key], 0);
  const totals = [cases.length, sum('failures'), sum('errors'), sum('skipped')];
  const [tests = 0, failures = 0, errors = 0, skipped = 0] = totals;
  const open = `  <testsuite${attributes([['name', name], ['tests', tests], ['failures', failures], ['errors', errors], ['skipped', skipped], ['time', 0]])}>`;
  return { xml: [open, ...cases.map((c) => renderCase(c, classname)), '  </testsuite>'].join('\n'), totals };
}

export function toJunit(result: LintResult): string {
  const byFile = new Map<string, Case[]>();
  // Test names must differ within a file (one class) for CI systems to tell the cases apart.
  const seen = new Map<string, number>();
  const add = (c: Case): void => {
    const list = byFile.get(c.file) ?? [];
    const key = JSON.stringify([c.file, c.name]);
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    list.push(occurrence === 1 ? c : { ...c, name: `${c.name} (${occurrence})` });
    byFile.set(c.file, list);
  };
  result.findings.forEach((f) => add(findingCase(f)));
  result.errors.forEach((p) => add(inputCase(p)));
  const files = [...byFile.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

  const suites = files.map((file) => renderSuite(file, byFile.get(file) ?? [], withoutExtension(file)));
  if (suites.length === 0) {
    const { files: count, objects } = result.summary;
    const name = `no memory problems found (${count} ${count === 1 ? 'file' : 'files'}, ${objects} ${objects === 1 ? 'object' : 'objects'})`;
    suites.push(renderSuite('oomlint', [{ name, file: '', body: '', counts: { failures: 0, errors: 0, skipped: 0 } }], 'oomlint'));
  }
  const total = (i: number): number => suites.reduce((n, s) => n + (s.totals[i] ?? 0), 0);
  const root = `<testsuites${attributes([['name', 'oomlint'], ['tests', total(0)], ['failures', total(1)], ['errors', total(2)], ['skipped', total(3)], ['time', 0]])}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', root, ...suites.map((s) => s.xml), '</testsuites>', ''].join('\n');
}

export const junit: TextReporter = (result) => toJunit(result);
