/** The build: instructions read one by one into build stages, as BuildKit's dockerfile2llb does. */
import { DockerfileParser } from 'dockerfile-ast';
import type { Source } from '../../model/source.js';
import type { InputProblem, InputProblemCode } from '../../result.js';
import { Positions } from '../positions.js';
import { readCommand, readShell } from './commands.js';
import { expandWord, type Expansion, type Vars } from './expand.js';
import { readFrom } from './from.js';
import { isSpace, readLogical, skipBlankLines, WORD_SPACE, type Logical } from './lines.js';
import type { DockerEnv, DockerfileModel, DockerToken, DockerStage } from './model.js';
import { extractFlags, type Span } from './words.js';
import { readArg, readEnv } from './variables.js';

const DOCKERFILE_SYNTAX: InputProblemCode = 'dockerfile-syntax';

export function loadDockerfile(file: string, text: string): DockerfileModel {
  try {
    return new Loader(file, text).load();
  } catch (error) {
    // A bug here must cost one file, not the run.
    const message = error instanceof Error ? error.message : String(error);
    return {
      file,
      stages: [],
      globalArgs: [],
      problems: [{ code: DOCKERFILE_SYNTAX, file, line: 1, column: 1, message: `cannot read Dockerfile: ${message}` }],
    };
  }
}

/** A stage while it is being read: its model and the state Docker carries between instructions. */
export interface StageState {
  stage: DockerStage;
  /** The build-time environment variables expand from: ENV and ARG values, last one wins. */
  vars: Vars;
  /** SHELL; undefined for the default `/bin/sh -c`. */
  shell?: DockerToken[];
  /** A CMD in this very stage, which an ENTRYPOINT then keeps (an inherited CMD it resets). */
  cmdSet: boolean;
}

export interface Instruction {
  keyword: string;
  line: Logical;
  /** [lo, keywordEnd) is the keyword; [restStart, hi) the arguments after flags, trimmed. */
  lo: number;
  keywordEnd: number;
  hi: number;
  restStart: number;
  flags: Array<{ text: string; start: number }>;
}

const KNOWN_INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);
/** Instructions whose `<<EOF` starts a heredoc (for ONBUILD, that of its trigger). */
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD', 'ONBUILD']);

export class Loader {
  private readonly positions: Positions;
  private readonly problems: InputProblem[] = [];
  readonly stages: StageState[] = [];
  readonly stagesByName = new Map<string, StageState>();
  readonly globalArgs: DockerEnv[] = [];
  readonly globalVars: Vars = new Map();
  /** Every ARG declared before the first FROM, with or without a default (build args may set them). */
  readonly declaredGlobalArgs = new Set<string>();
  escape = '\\';

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {
    this.positions = new Positions(file, text);
  }

  load(): DockerfileModel {
    const { text } = this;
    const dockerfile = DockerfileParser.parse(text);
    this.escape = dockerfile.getEscapeCharacter() === '`' ? '`' : '\\';
    const e = this.escape === '`' ? '`' : '\\\\';
    const continuation = new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);

    // dockerfile-ast positions are LSP positions: \r\n, \r and \n all end a line.
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\r' && text[i + 1] === '\n') i++;
      if (text[i] === '\n' || text[i] === '\r') lineStarts.push(i + 1);
    }
    const offsetOf = (p: { line: number; character: number }) => Math.min((lineStarts[p.line] ?? text.length) + p.character, text.length);

    let consumed = 0;
    for (const found of dockerfile.getInstructions()) {
      const range = found.getRange();
      const start = offsetOf(range.start);
      const end = offsetOf(range.end);
      if (start < consumed) continue; // Docker read it as part of the previous instruction
      let pos = start;
      for (;;) {
        const line = readLogical(text, pos, continuation);
        consumed = line.next;
        const keyword = this.dispatch(line);
        if (keyword !== undefined && HEREDOC_INSTRUCTIONS.has(keyword) && line.text.includes('<<')) {
          consumed = Math.max(consumed, end); // heredoc bodies: dockerfile-ast knows where they end
          break;
        }
        // dockerfile-ast joined lines Docker does not (`A=1 \\` ends a line for Docker): the rest
        // of its range holds more instructions.
        pos = skipBlankLines(text, line.next);
        if (pos >= end) break;
      }
    }

    if (this.stages.length === 0) {
      this.problem(0, 'no FROM instruction: a Dockerfile must start a build stage with FROM');
    }
    const stages = this.stages.map((s) => s.stage);
    return { file: this.file, stages, final: stages[stages.length - 1], globalArgs: this.globalArgs, problems: this.problems };
  }

  private dispatch(line: Logical): string | undefined {
    const s = line.text;
    let lo = 0;
    let hi = s.length;
    while (lo < hi && isSpace(s[lo])) lo++;
    while (hi > lo && isSpace(s[hi - 1])) hi--;
    if (lo === hi) return undefined;
    let keywordEnd = lo;
    while (keywordEnd < hi && !WORD_SPACE.test(s[keywordEnd] as string)) keywordEnd++;
    let argsStart = keywordEnd;
    while (argsStart < hi && WORD_SPACE.test(s[argsStart] as string)) argsStart++;
    const { flags, rest } = extractFlags(s, argsStart, hi);
    let restStart = rest;
    while (restStart < hi && isSpace(s[restStart])) restStart++;
    const keyword = s.slice(lo, keywordEnd).toUpperCase();
    const instruction: Instruction = { keyword, line, lo, keywordEnd, hi, restStart, flags };
    if (!KNOWN_INSTRUCTIONS.has(keyword)) return keyword;

    const current = this.stages[this.stages.length - 1];
    if (keyword === 'FROM') readFrom(this, instruction);
    else if (current === undefined) {
      if (keyword === 'ARG') readArg(this, instruction, undefined);
      else this.problem(line.at[lo] as number, `${keyword} before the first FROM: no build stage in current context`);
    } else if (keyword === 'ENV') readEnv(this, instruction, current);
    else if (keyword === 'ARG') readArg(this, instruction, current);
    else if (keyword === 'CMD' || keyword === 'ENTRYPOINT') readCommand(this, instruction, current, keyword);
    else if (keyword === 'SHELL') readShell(this, instruction, current);
    return keyword;
  }

  // --- helpers ---

  checkFlags(ins: Instruction, allowed: string[]): void {
    for (const flag of ins.flags) {
      const name = flag.text.replace(/^--/, '').split('=')[0] ?? '';
      if (!allowed.includes(name)) this.problem(ins.line.at[flag.start] as number, `unknown flag: ${name}`);
    }
  }

  expand(word: string, vars: Vars, line: Logical, at: Span): Expansion {
    const expansion = expandWord(word, vars, this.escape);
    if (expansion.error !== undefined) this.problem(line.at[at.start] as number, expansion.error);
    return expansion;
  }

  raw(line: Logical, span: Span): string {
    return line.text.slice(span.start, span.end);
  }

  /** The file range of [start, end) of a logical line, which may run over several physical lines. */
  span(line: Logical, start: number, end: number): Source {
    const from = line.at[start] as number;
    const to = end > start ? (line.at[end - 1] as number) + 1 : from;
    const a = this.positions.at(from);
    const b = this.positions.at(to);
    return { file: this.file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  problem(offset: number, message: string): void {
    const { line, column } = this.positions.at(offset);
    this.problems.push({ code: DOCKERFILE_SYNTAX, file: this.file, line, column, message });
  }
}
