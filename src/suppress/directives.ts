/**
 * `# oomlint-disable…` comments, read from a file's text with ESLint's syntax:
 *
 *   # oomlint-disable-next-line rule-a, rule-b -- reason   the next line
 *   key: value  # oomlint-disable-line rule-a               this line
 *   # oomlint-disable rule-a  …  # oomlint-enable rule-a     a range (to the end of the file if unclosed)
 *
 * No rule id (or `*`) means every rule. Only real comments count: the YAML lexer tells a comment
 * from a `#` inside a quoted or block scalar, and dockerfile-ast knows Docker's parser directives
 * (`# syntax=`, `# escape=`) and heredoc bodies, which are not comments.
 */
import { DockerfileParser } from 'dockerfile-ast';
import { CST, Lexer } from 'yaml';
import type { InputKind } from '../discover.js';
import { Positions } from '../load/positions.js';
import type { Source } from '../model/source.js';
import { parseRuleList } from './rule-list.js';

export type DirectiveType = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

export interface Directive {
  type: DirectiveType;
  /** As written (unknown ids included, reported later); empty means every rule. */
  ruleIds: readonly string[];
  justification?: string;
  /** The comment, from its `#` to its end. */
  source: Source;
}

/** A suppression that cannot work as written: reported (ruleId `invalid-disable-directive`), never applied. */
export interface DirectiveProblem {
  message: string;
  source: Source;
  /** The object an annotation is on; for a comment, its file. */
  object: string;
  container?: string;
}

export interface DirectiveScan {
  /** In file order. */
  directives: Directive[];
  problems: DirectiveProblem[];
}

const KEYWORD = /^oomlint-(disable-next-line|disable-line|disable|enable)(?=\s|$)/;
/** Looks like one of ours but is not (`oomlint-disable-nextline`): worth a report, since it silences nothing. */
const NEAR_MISS = /^oomlint-(?:disable|enable)\S*/;

export function collectDirectives(file: string, text: string, kind: InputKind): DirectiveScan {
  const scan: DirectiveScan = { directives: [], problems: [] };
  if (!text.includes('oomlint-')) return scan; // most files: no need to lex them a second time
  const positions = new Positions(file, text);
  const comments = kind === 'dockerfile' ? dockerfileComments(text) : yamlComments(text);
  for (const { start, end } of comments) {
    const body = text.slice(start + 1, end).trim();
    const source = positions.source(start, end);
    const keyword = KEYWORD.exec(body);
    if (!keyword) {
      const near = NEAR_MISS.exec(body);
      if (near) {
        scan.problems.push({
          message: `unknown directive "${near[0]}": it suppresses nothing; write oomlint-disable-next-line, oomlint-disable-line, oomlint-disable or oomlint-enable`,
          source,
          object: file,
        });
      }
      continue;
    }
    const type = keyword[1] as DirectiveType;
    if (kind === 'dockerfile' && type === 'disable-line') {
      // Docker only knows whole-line comments (`RUN echo # x` passes `# x` to the shell).
      scan.problems.push({
        message: 'oomlint-disable-line cannot share a line with a Dockerfile instruction (Docker comments take a whole line); put oomlint-disable-next-line above the instruction',
        source,
        object: file,
      });
      continue;
    }
    const list = parseRuleList(body.slice(keyword[0].length));
    scan.directives.push({
      type,
      ruleIds: list.ruleIds,
      ...(list.justification !== undefined ? { justification: list.justification } : {}),
      source,
    });
  }
  return scan;
}

interface Comment {
  /** Offset of the `#`. */
  start: number;
  /** End of the comment (exclusive), before the line break. */
  end: number;
}

/**
 * YAML comments from the `yaml` lexer, which yields the source as tokens. Three marker tokens
 * take no room in the source (document start, flow end, scalar), and the token after a scalar
 * marker is the scalar's own text, so `#` there (a block scalar line) is content, not a comment.
 */
export function yamlComments(text: string): Comment[] {
  const comments: Comment[] = [];
  let offset = 0;
  let scalarNext = false;
  for (const token of new Lexer().lex(text)) {
    if (scalarNext) {
      scalarNext = false;
      offset += token.length;
      continue;
    }
    const type = CST.tokenType(token);
    if (type === 'scalar') scalarNext = true;
    if (type === 'scalar' || type === 'doc-mode' || type === 'flow-error-end') continue;
    if (type === 'comment') comments.push({ start: offset, end: offset + token.trimEnd().length });
    offset += token.length;
  }
  return comments;
}

/** Dockerfile comments as dockerfile-ast finds them (without parser directives and heredoc bodies). */
export function dockerfileComments(text: string): Comment[] {
  let found;
  try {
    found = DockerfileParser.parse(text).getComments();
  } catch {
    return []; // the loader reports an unreadable Dockerfile; no directive can be read from it
  }
  // dockerfile-ast positions are LSP positions: \r\n, \r and \n all end a line.
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') lineStarts.push(i + 1);
  }
  const offsetOf = (p: { line: number; character: number }): number => Math.min((lineStarts[p.line] ?? text.length) + p.character, text.length);
  return found.map((comment) => {
    const { start, end } = comment.getRange();
    return { start: offsetOf(start), end: offsetOf(end) };
  });
}
