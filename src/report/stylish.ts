/**
 * Human output (the default format): eslint-formatter-pretty draws the findings (symbols, aligned
 * columns, `code` in bold, rule ids linked to their docs), with these adaptations, each because of
 * how that formatter (v7) is written:
 *
 * - It prints the file once, as a group header, and only `line:column` on message lines. Users and
 *   editors grep for `file:line:column`, so each message line's position is rewritten to
 *   `file:line:column` (the file exactly as in the result and the JSON output).
 * - It is called once per file, in the engine's (sorted) order: the formatter would otherwise move
 *   files around by error count, and per-file calls tell us which file each message line is in
 *   without parsing headers.
 * - It decides colours and hyperlinks itself from `process.stdout` (and its symbols from $TERM even
 *   when piped), so `color: false` strips every escape afterwards, and `color: true` raises the
 *   level of the chalk instance it uses, so that `--color` works when stdout is not a TTY.
 * - Its totals ("3 warnings") would count info as warnings; they are replaced by our summary line.
 *
 * Suppressed findings are not drawn (ESLint's default: they are in `suppressedMessages`, which its
 * formatters skip); the summary line counts them (`2 suppressed`), and JSON/SARIF keep them.
 * The summary line, the skipped lines and the plain-text pass live in ./stylish-summary.ts, which
 * prints a clean result without loading this module (see ./index.ts).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import formatPretty, { type LintMessage, type LintResultData } from 'eslint-formatter-pretty';
import type { Finding, InputProblem } from '../result.js';
import type { TextReporter, ReportOptions } from './reporter.js';
import { clean, finish, isSuppressed, paint, QUOTES, tailLines } from './stylish-summary.js';

export { toPlain } from './stylish-summary.js';

interface Chalk {
  level: number;
}

/**
 * The chalk instance eslint-formatter-pretty renders with: resolved from the formatter's own
 * directory, so it is the very module it imported (chalk keeps its level on that singleton).
 * Undefined if the install layout hides it; we then simply get the formatter's own choice.
 */
async function formatterChalk(): Promise<Chalk | undefined> {
  try {
    const formatterPath = createRequire(import.meta.url).resolve('eslint-formatter-pretty');
    const chalkPath = createRequire(formatterPath).resolve('chalk');
    const chalk = ((await import(pathToFileURL(chalkPath).href)) as { default?: unknown }).default;
    return typeof (chalk as Partial<Chalk> | undefined)?.level === 'number' ? (chalk as Chalk) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True in the bundles (dist/*.js; scripts/build-action.mjs defines it), where the formatter and its
 * chalk are bundled too: that chalk cannot be reached by path (the lookup above would find another
 * copy, or none), and it needs no help, as it reads --color and FORCE_COLOR itself when first used.
 */
declare const OOMLINT_BUNDLED: true | undefined;

const chalk = typeof OOMLINT_BUNDLED === 'undefined' ? await formatterChalk() : undefined;

// Colour codes the formatter may put around the parts of `line:column`.
const SGR = '(?:\\u001b\\[[\\d;]*m)*';
// A formatter message line: `  <symbol>  <pad><line>:<column>  <pad><message...>`.
const MESSAGE_LINE = new RegExp(`^ {2}(\\S+) {2} *${SGR}(\\d+)${SGR}:${SGR}(\\d+)${SGR} {2} *(.*)$`, 's');

function findingMessage(finding: Finding): string {
  // Rule messages usually open with the object already (they must stand alone in JSON), and then
  // name the container too: only a message that does not gets the `object › container:` prefix.
  // A directive comment's record names its file as the object: the position already says it.
  const named = finding.object !== '' && (finding.message.startsWith(finding.object) || finding.object === finding.file);
  const where = named ? '' : [finding.object, finding.container].filter((part) => part).join(' › ');
  const text = where === '' ? finding.message : `${where}: ${finding.message}`;
  // The formatter has two levels; info is drawn as a warning, so it says what it is.
  return finding.severity === 'info' ? `info: ${text}` : text;
}

interface Row {
  symbol: string;
  position: string;
  rest: string;
}

/** One file's group: the formatter's header line, then its message lines (parsed when possible). */
function formatFile(
  file: string,
  messages: LintMessage[],
  rulesMeta: LintResultData['rulesMeta'],
  options: ReportOptions,
): { header: string; lines: Array<Row | string> } {
  // Absolute, so the formatter's file:// hyperlink works; it shows the path relative to cwd.
  const shown = clean(file);
  const filePath = path.resolve(shown);
  const errorCount = messages.filter((m) => m.severity === 2).length;
  const output = formatPretty(
    [
      {
        filePath,
        messages,
        suppressedMessages: [],
        errorCount,
        fatalErrorCount: 0,
        warningCount: messages.length - errorCount,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
    ],
    { cwd: process.cwd(), rulesMeta },
  );
  // Output: "\n" header "\n" message lines "\n\n" totals. The totals go (see the top comment).
  const [, header = '', ...messageLines] = output.slice(0, output.lastIndexOf('\n\n')).split('\n');
  return {
    // Without colour, the header's hidden `:line:column` (meant for Cmd-click) would show up and
    // read like a finding (the message lines carry the positions), so it is the path alone, as the
    // lines below spell it.
    header: options.color ? header : `  ${shown}`,
    lines: messageLines.map((line) => {
      const match = MESSAGE_LINE.exec(line);
      if (!match) return line; // e.g. no positions at all; still the formatter's line.
      const [, symbol = '', row = '', column = '', rest = ''] = match;
      return { symbol, position: `${shown}:${row}:${column}`, rest };
    }),
  };
}

export const stylish: TextReporter = (result, options) => {
  const protect = (text: string): string =>
    options.color ? clean(text) : QUOTES.reduce((t, [quote, stand]) => t.replaceAll(quote, stand), clean(text));

  // Group by file; files in byte order like the engine's, so both formats list files alike.
  const byFile = new Map<string, LintMessage[]>();
  const rulesMeta: LintResultData['rulesMeta'] = {};
  const push = (file: string, message: LintMessage): void => {
    const list = byFile.get(file) ?? [];
    list.push(message);
    byFile.set(file, list);
  };
  for (const f of result.findings) {
    if (isSuppressed(f)) continue;
    push(f.file, {
      ruleId: f.ruleId,
      severity: f.severity === 'error' ? 2 : 1,
      message: protect(findingMessage(f)),
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
    });
    rulesMeta[f.ruleId] = { docs: { url: f.helpUri } };
  }
  for (const e of result.errors) push(e.file, inputMessage(e, protect, rulesMeta));
  const files = [...byFile.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

  const level = chalk?.level;
  if (chalk && options.color && chalk.level === 0) chalk.level = 1;
  let groups: ReturnType<typeof formatFile>[];
  try {
    groups = files.map((file) => formatFile(file, byFile.get(file) ?? [], rulesMeta, options));
  } finally {
    // The formatter is synchronous, so nothing else renders with chalk while the level is changed.
    if (chalk && level !== undefined) chalk.level = level;
  }

  // One width for every position, so messages line up across files as they do within one.
  const rows = groups.flatMap((g) => g.lines).filter((l): l is Row => typeof l !== 'string');
  const width = rows.reduce((max, r) => Math.max(max, [...r.position].length), 0);
  const render = (line: Row | string): string => {
    if (typeof line === 'string') return line;
    const pad = ' '.repeat(width - [...line.position].length);
    return `  ${line.symbol}  ${paint(options.color, 2, 22, line.position)}${pad}  ${line.rest}`;
  };
  const body = groups.map((g) => [g.header, ...g.lines.map(render)].join('\n'));

  return finish(`${body.length > 0 ? `\n${body.join('\n\n')}\n\n` : ''}${tailLines(result, options).join('\n')}\n`, options);
};

/** Input problems are shown among the findings of their file, as errors named `input/<code>`. */
function inputMessage(
  problem: InputProblem,
  protect: (text: string) => string,
  rulesMeta: LintResultData['rulesMeta'],
): LintMessage {
  const ruleId = `input/${problem.code}`;
  // A `docs` without url: without an entry the formatter looks the id up in eslint-rule-docs (ESLint
  // plugins by prefix, and core rules on eslint.org), and must never link to a stranger's page.
  rulesMeta[ruleId] = { docs: {} };
  return { ruleId, severity: 2, message: protect(problem.message), line: problem.line, column: problem.column };
}
