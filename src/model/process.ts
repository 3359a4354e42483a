/**
 * What a container runs: Kubernetes `command` replaces the image ENTRYPOINT and `args` the
 * image CMD (an explicit `command` also drops the image CMD), `$(VAR)` references are expanded
 * from the container's environment, and a shell running a script (`sh -c "… exec java …"`) is
 * followed to the program the script finally runs, with `$VAR` expansion and word splitting.
 */
import type { Positions } from '../load/positions.js';
import { getSeq, type YMap } from '../load/tree.js';
import type { EnvVar } from './env.js';
import { expandReferences } from './env.js';
import { finalCommand, parseShellScript, stripWrappers, type ShellEnv } from './shell.js';
import type { Source } from './source.js';

export interface ArgToken {
  text: string;
  source: Source;
  /** Part of the word could not be known (a Secret, `$(cmd)` in a script). */
  unknown?: boolean;
}

export interface ContainerProcess {
  /** argv as the runtime starts it; undefined when neither the manifest nor a linked Dockerfile says. */
  argv?: ArgToken[];
  /** The program that finally runs and its arguments (the script's last/exec'd command for `sh -c`). */
  program?: ArgToken[];
  /** `VAR=value` prefixes of that command in a script (they are environment for the program). */
  assignments: ReadonlyMap<string, string>;
}

export interface ImageCommand {
  entrypoint?: ArgToken[];
  cmd?: ArgToken[];
}

export function readArgList(container: YMap, key: 'command' | 'args', positions: Positions): ArgToken[] | undefined {
  const list = getSeq(container, key);
  if (!list) return undefined;
  return list.items.flatMap((item) =>
    item.kind === 'scalar' && item.value !== null
      ? [{ text: typeof item.value === 'string' ? item.value : item.text, source: positions.source(item.start, item.end) }]
      : [],
  );
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

export function resolveProcess(
  command: ArgToken[] | undefined,
  args: ArgToken[] | undefined,
  env: readonly EnvVar[],
  image: ImageCommand = {},
): ContainerProcess {
  const vars = new Map(env.map((v) => [v.name, v.value]));
  const expand = (tokens: ArgToken[]) =>
    tokens.map((t) => {
      const text = expandReferences(t.text, vars);
      return text === undefined ? { ...t, unknown: true } : { ...t, text };
    });
  const entrypoint = command ? expand(command) : image.entrypoint;
  const cmd = args ? expand(args) : command ? [] : image.cmd;
  if (!entrypoint && !cmd) return { assignments: new Map() };
  const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
  return { argv, ...followShell(argv, vars) };
}

function followShell(argv: ArgToken[], vars: ShellEnv): Pick<ContainerProcess, 'program' | 'assignments'> {
  const words = stripWrappers(argv.map((t) => ({ text: t.text, unknown: t.unknown === true })));
  const start = argv.length - words.length;
  const program = argv.slice(start);
  const shell = basename(program[0]?.text ?? '');
  // `sh -c script`, `bash -ec script`, `sh -c -- script`: the script is the first non-option word.
  if (SHELLS.has(shell) && /^-[a-z]*c[a-z]*$/.test(program[1]?.text ?? '')) {
    const scriptToken = program.slice(2).find((t) => t.text !== '--');
    if (!scriptToken) return { program, assignments: new Map() };
    const final = finalCommand(parseShellScript(scriptToken.text, vars));
    if (!final) return { assignments: new Map() };
    return {
      program: final.words.map((w) => ({ text: w.text, source: scriptToken.source, ...(w.unknown || scriptToken.unknown ? { unknown: true } : {}) })),
      assignments: final.assignments,
    };
  }
  return { program, assignments: new Map() };
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
