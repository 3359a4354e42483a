/** ENV and ARG: the variables a stage sets, expanded as BuildKit expands them. */
import type { Source } from '../../model/source.js';
import type { Expansion } from './expand.js';
import type { Instruction, Loader, StageState } from './loader.js';
import { WORD_SPACE } from './lines.js';
import type { DockerEnv } from './model.js';
import { parseWords, type Span } from './words.js';

export function readEnv(loader: Loader, ins: Instruction, state: StageState): void {
  loader.checkFlags(ins, []);
  const { line } = ins;
  const s = line.text;
  const words = parseWords(s, ins.restStart, ins.hi, loader.escape);
  const first = words[0];
  if (first === undefined) {
    loader.problem(line.at[ins.lo] as number, 'ENV requires at least one argument');
    return;
  }
  const pairs: Array<{ key: Span; value: Span }> = [];
  if (!loader.raw(line, first).includes('=')) {
    // Legacy `ENV NAME value with spaces`: the value is the rest of the line.
    let keyEnd = ins.restStart;
    while (keyEnd < ins.hi && !WORD_SPACE.test(s[keyEnd] as string)) keyEnd++;
    let valueStart = keyEnd;
    while (valueStart < ins.hi && WORD_SPACE.test(s[valueStart] as string)) valueStart++;
    if (keyEnd === ins.hi) {
      loader.problem(line.at[ins.lo] as number, 'ENV must have two arguments');
      return;
    }
    pairs.push({ key: { start: ins.restStart, end: keyEnd }, value: { start: valueStart, end: ins.hi } });
  } else {
    for (const word of words) {
      const eq = loader.raw(line, word).indexOf('=');
      if (eq < 0) {
        const shown = JSON.stringify(loader.raw(line, word));
        loader.problem(line.at[word.start] as number, `Syntax error - can't find = in ${shown}. Must be of the form: name=value`);
        continue;
      }
      pairs.push({ key: { start: word.start, end: word.start + eq }, value: { start: word.start + eq + 1, end: word.end } });
    }
  }
  // The whole instruction expands before any of it applies: in `ENV A=1 B=$A`, B gets the old A.
  const entries = pairs.map(({ key, value }) => {
    const name = loader.expand(loader.raw(line, key), state.vars, line, key).value;
    const expanded = loader.expand(loader.raw(line, value), state.vars, line, value);
    if (name === '') loader.problem(line.at[key.start] as number, 'ENV names can not be blank');
    return envEntry(name, expanded, 'ENV', loader.span(line, value.start, value.end), loader.span(line, key.start, key.end));
  });
  for (const entry of entries) {
    if (entry.name === '') continue;
    state.vars.set(entry.name, { value: entry.value, unresolved: entry.unresolved ?? [] });
    state.stage.env.push(entry);
  }
}

/** ARG in a stage (`state`) or before the first FROM (global). Values: defaults only. */
export function readArg(loader: Loader, ins: Instruction, state: StageState | undefined): void {
  const { line } = ins;
  const words = parseWords(line.text, ins.restStart, ins.hi, loader.escape);
  if (words.length === 0) loader.problem(line.at[ins.lo] as number, 'ARG requires at least one argument');
  const vars = state ? state.vars : loader.globalVars;
  for (const word of words) {
    const raw = loader.raw(line, word);
    const eq = raw.indexOf('=');
    const name = eq < 0 ? raw : raw.slice(0, eq);
    const nameSource = loader.span(line, word.start, word.start + name.length);
    if (!state) loader.declaredGlobalArgs.add(name);
    let entry: DockerEnv;
    if (eq < 0) {
      // `ARG NAME` in a stage takes the global ARG's default, if it has one; else no value.
      const global = state ? lastNamed(loader.globalArgs, name) : undefined;
      if (!global) continue;
      entry = { ...global, nameSource };
    } else {
      const value = { start: word.start + eq + 1, end: word.end };
      // One at a time: in `ARG A=1 B=$A`, B is 1.
      const expanded = loader.expand(loader.raw(line, value), vars, line, value);
      entry = envEntry(name, expanded, 'ARG', loader.span(line, value.start, value.end), nameSource);
    }
    vars.set(name, { value: entry.value, unresolved: entry.unresolved ?? [] });
    if (state) state.stage.env.push(entry);
    else loader.globalArgs.push(entry);
  }
}

function envEntry(name: string, expanded: Expansion, instruction: 'ENV' | 'ARG', source: Source, nameSource: Source): DockerEnv {
  return {
    name,
    value: expanded.value,
    source,
    nameSource,
    instruction,
    ...(expanded.unresolved.length > 0 ? { unresolved: expanded.unresolved } : {}),
  };
}

function lastNamed(entries: readonly DockerEnv[], name: string): DockerEnv | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]?.name === name) return entries[i];
  return undefined;
}
