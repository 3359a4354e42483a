/**
 * Just enough POSIX shell to see which program a `sh -c` script finally runs and with which
 * words: quotes, backslashes, `$VAR`/`${VAR}`/`${VAR:-default}`/`${VAR-default}` expansion with
 * word splitting of unquoted expansions, `;`/`&&`/`||`/`|`/newline separators, leading
 * `VAR=value` assignments and `exec`. Nothing is ever executed; a construct we cannot follow
 * (command substitution, functions, loops) makes the word unknown rather than guessed.
 */

export interface ShellWord {
  text: string;
  /** True when the word contains something we could not expand (`$(cmd)`, an unset variable we cannot know). */
  unknown: boolean;
}

export interface ShellCommand {
  /** `VAR=value` words before the program. */
  assignments: Map<string, string>;
  words: ShellWord[];
}

/** Variables a script sees: the container's environment. `undefined` = set but unknown value. */
export type ShellEnv = ReadonlyMap<string, string | undefined>;

export function parseShellScript(script: string, env: ShellEnv): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let current: ShellWord[] = [];
  let assignments = new Map<string, string>();
  const scope = new Map(env);
  const flush = () => {
    if (current.length > 0 || assignments.size > 0) commands.push({ assignments, words: current });
    // A bare assignment (`JAVA_OPTS="-Xmx1g"; exec java $JAVA_OPTS`) sets a shell variable.
    if (current.length === 0) for (const [k, v] of assignments) scope.set(k, v);
    current = [];
    assignments = new Map();
  };
  const lexer = new Lexer(script, scope);
  for (let token = lexer.next(); token; token = lexer.next()) {
    if (token.kind === 'separator') flush();
    else if (current.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(token.raw)) {
      const eq = token.raw.indexOf('=');
      assignments.set(token.raw.slice(0, eq), token.words.map((w) => w.text).join(' ').slice(eq + 1));
    } else current.push(...token.words);
  }
  flush();
  return commands;
}

/**
 * The command a script ends by running: `exec` replaces the shell, so an `exec` command wins;
 * otherwise the last command (entrypoint scripts run set-up steps first). `exec` itself and
 * wrappers that pass their arguments through (`env`, `dumb-init`, `tini --`) are stripped.
 */
export function finalCommand(commands: readonly ShellCommand[]): ShellCommand | undefined {
  const execd = commands.find((c) => c.words[0]?.text === 'exec');
  const chosen = execd ?? commands[commands.length - 1];
  if (!chosen) return undefined;
  return { assignments: chosen.assignments, words: stripWrappers(chosen.words) };
}

const WRAPPERS = new Set(['exec', 'env', 'dumb-init', 'tini', 'nohup', 'gosu', 'su-exec']);

export function stripWrappers(words: readonly ShellWord[]): ShellWord[] {
  let i = 0;
  while (i < words.length) {
    const word = words[i]?.text ?? '';
    const base = word.slice(word.lastIndexOf('/') + 1);
    if (!WRAPPERS.has(base)) break;
    i++;
    // `tini --`, `dumb-init --`, `env -i`: skip their own options; gosu/su-exec take a user first.
    while (i < words.length && (words[i]?.text ?? '').startsWith('-')) i++;
    if (base === 'gosu' || base === 'su-exec') i++;
    // `env A=1 B=2 java …`
    while (base === 'env' && i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]?.text ?? '')) i++;
  }
  return words.slice(i);
}

interface Token {
  kind: 'word' | 'separator';
  raw: string;
  words: ShellWord[];
}

class Lexer {
  private i = 0;

  constructor(
    private readonly s: string,
    private readonly env: ShellEnv,
  ) {}

  next(): Token | undefined {
    const s = this.s;
    while (this.i < s.length && (s[this.i] === ' ' || s[this.i] === '\t' || (s[this.i] === '\\' && s[this.i + 1] === '\n'))) {
      this.i += s[this.i] === '\\' ? 2 : 1;
    }
    if (this.i >= s.length) return undefined;
    const c = s[this.i] ?? '';
    if (c === '#') {
      while (this.i < s.length && s[this.i] !== '\n') this.i++;
      return this.next();
    }
    if (c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      while (this.i < s.length && ';&|\n()'.includes(s[this.i] ?? '')) this.i++;
      return { kind: 'separator', raw: c, words: [] };
    }
    return this.word();
  }

  /** One shell word; unquoted expansions split into several words (IFS = space, tab, newline). */
  private word(): Token {
    const s = this.s;
    const start = this.i;
    const words: ShellWord[] = [];
    let text = '';
    let unknown = false;
    let quoted = false;
    let hasContent = false;
    const splitInto = (value: string) => {
      const parts = value.split(/[ \t\n]+/);
      parts.forEach((part, index) => {
        if (index > 0 && (text !== '' || hasContent)) {
          words.push({ text, unknown });
          text = '';
          unknown = false;
          hasContent = false;
        }
        text += part;
        if (part !== '') hasContent = true;
      });
    };
    while (this.i < s.length) {
      const c = s[this.i] ?? '';
      if (' \t\n;&|()'.includes(c)) break;
      if (c === '\\') {
        text += s[this.i + 1] ?? '';
        hasContent = true;
        this.i += 2;
      } else if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        const stop = end === -1 ? s.length : end;
        text += s.slice(this.i + 1, stop);
        quoted = hasContent = true;
        this.i = stop + 1;
      } else if (c === '"') {
        this.i++;
        quoted = hasContent = true;
        while (this.i < s.length && s[this.i] !== '"') {
          const d = s[this.i] ?? '';
          if (d === '\\' && '$`"\\\n'.includes(s[this.i + 1] ?? '')) {
            text += s[this.i + 1] === '\n' ? '' : (s[this.i + 1] ?? '');
            this.i += 2;
          } else if (d === '$') {
            const expansion = this.expansion();
            text += expansion.value ?? '';
            if (expansion.value === undefined) unknown = true;
          } else {
            text += d;
            this.i++;
          }
        }
        this.i++;
      } else if (c === '$') {
        const expansion = this.expansion();
        if (expansion.value === undefined) {
          unknown = true;
          hasContent = true;
        } else splitInto(expansion.value);
      } else {
        text += c;
        hasContent = true;
        this.i++;
      }
    }
    if (text !== '' || hasContent || quoted) words.push({ text, unknown });
    return { kind: 'word', raw: s.slice(start, this.i), words };
  }

  /** At a `$`: returns the expansion's value, undefined when it cannot be known. */
  private expansion(): { value: string | undefined } {
    const s = this.s;
    const rest = s.slice(this.i);
    let m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=+?])([^}]*))?\}/.exec(rest);
    if (m) {
      this.i += m[0].length;
      const [, name = '', op, word = ''] = m;
      // Variables neither the manifest nor a linked Dockerfile defines are taken as unset.
      const set = this.env.has(name);
      const value = this.env.get(name);
      if (!op) return { value: set ? value : '' };
      if (set && value === undefined) return { value: undefined };
      const useWord = !set || (op.startsWith(':') && value === '');
      switch (op.replace(':', '')) {
        case '-':
        case '=':
          return { value: useWord ? word : value };
        case '+':
          return { value: useWord ? '' : word };
        default: // `?`: the shell aborts when unset
          return { value: useWord ? undefined : value };
      }
    }
    m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m) {
      this.i += m[0].length;
      const name = m[1] ?? '';
      return { value: this.env.has(name) ? this.env.get(name) : '' };
    }
    // $(…), `…`, $1, $@ and friends: not followed.
    if (rest.startsWith('$(')) {
      let depth = 0;
      for (; this.i < s.length; this.i++) {
        if (s[this.i] === '(') depth++;
        else if (s[this.i] === ')' && --depth === 0) break;
      }
      this.i++;
      return { value: undefined };
    }
    this.i += /^\$[0-9@*#?$!-]/.test(rest) ? 2 : 1;
    return { value: rest.length > 1 && /^\$[0-9@*#?$!-]/.test(rest) ? undefined : '$' };
  }
}
