/** CMD, ENTRYPOINT and SHELL: the command the image runs, in exec or shell form. */
import { parseJsonArray } from './json.js';
import type { Logical } from './lines.js';
import type { Instruction, Loader, StageState } from './loader.js';
import type { DockerCommand, DockerToken } from './model.js';

export function readCommand(loader: Loader, ins: Instruction, state: StageState, instruction: 'CMD' | 'ENTRYPOINT'): void {
  loader.checkFlags(ins, []);
  const { line } = ins;
  const source = loader.span(line, ins.lo, ins.hi);
  const parsed = maybeJson(loader, ins);
  if (parsed === 'invalid') return;
  let command: DockerCommand;
  if (parsed) command = { instruction, form: 'exec', argv: parsed, source };
  else {
    const shell = state.shell ?? defaultShell(loader, line, ins);
    if (ins.restStart === ins.hi) command = { instruction, form: 'shell', argv: [...shell], source };
    else {
      const script: DockerToken = { text: line.text.slice(ins.restStart, ins.hi), source: loader.span(line, ins.restStart, ins.hi) };
      command = { instruction, form: 'shell', argv: [...shell, script], script, source };
    }
  }
  if (instruction === 'CMD') {
    state.stage.cmd = command;
    state.cmdSet = true;
  } else {
    state.stage.entrypoint = command;
    // Docker: ENTRYPOINT resets the CMD inherited from the base, not one set earlier in this stage.
    if (!state.cmdSet) delete state.stage.cmd;
  }
}

export function readShell(loader: Loader, ins: Instruction, state: StageState): void {
  loader.checkFlags(ins, []);
  const parsed = maybeJson(loader, ins);
  if (parsed === 'invalid') return;
  if (!parsed) {
    loader.problem(ins.line.at[ins.lo] as number, 'SHELL requires the arguments to be in JSON form');
    return;
  }
  // An empty SHELL [] leaves the default shell in place.
  if (parsed.length > 0) state.shell = parsed;
  else delete state.shell;
}

/** parseMaybeJSON: a JSON array of strings is exec form; invalid JSON falls back to shell form. */
function maybeJson(loader: Loader, ins: Instruction): DockerToken[] | undefined | 'invalid' {
  const { line } = ins;
  if (ins.restStart === ins.hi) return undefined;
  const items = parseJsonArray(line.text, ins.restStart, ins.hi);
  if (!items) return undefined;
  const other = items.find((item) => item.kind === 'other');
  if (other) {
    loader.problem(line.at[other.start] as number, 'when using JSON array syntax, arrays must be comprised of strings only');
    return 'invalid';
  }
  return items.flatMap((item) => (item.kind === 'string' ? [{ text: item.text, source: loader.span(line, item.start, item.end) }] : []));
}

/** `/bin/sh -c`, pointing at the instruction keyword: it is written nowhere in the file. */
function defaultShell(loader: Loader, line: Logical, ins: Instruction): DockerToken[] {
  const source = loader.span(line, ins.lo, ins.keywordEnd);
  return [
    { text: '/bin/sh', source },
    { text: '-c', source },
  ];
}
