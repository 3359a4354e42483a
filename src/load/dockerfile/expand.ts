/** Variable expansion (shell/lex.go ProcessWord): quotes removed, escapes processed, $VAR expanded */

export interface Var {
  value: string;
  /** Unknowns the value was computed from. */
  unresolved: string[];
}

export type Vars = Map<string, Var>;

export interface Expansion {
  value: string;
  unresolved: string[];
  error?: string;
}

class LexError extends Error {}

export function expandWord(word: string, vars: Vars, escape: string): Expansion {
  const unresolved = new Set<string>();
  const lexer = new ShellWord(word, escape, (name) => {
    const known = vars.get(name);
    if (known) {
      for (const u of known.unresolved) unresolved.add(u);
      return known.value;
    }
    if (/^[\p{L}_]/u.test(name)) unresolved.add(name);
    return undefined;
  });
  try {
    const value = lexer.processStopOn(undefined, false);
    return { value, unresolved: [...unresolved] };
  } catch (error) {
    if (!(error instanceof LexError)) throw error;
    return { value: word, unresolved: [...unresolved], error: error.message };
  }
}

class ShellWord {
  private i = 0;

  constructor(
    private readonly s: string,
    private readonly escape: string,
    private readonly lookup: (name: string) => string | undefined,
  ) {}

  private peek(): string | undefined {
    return this.s[this.i];
  }

  private next(): string | undefined {
    return this.s[this.i++];
  }

  processStopOn(stop: string | undefined, rawEscapes: boolean): string {
    let result = '';
    while (this.peek() !== undefined) {
      const ch = this.peek() as string;
      if (stop !== undefined && ch === stop) {
        this.next();
        return result;
      }
      if (ch === '$') result += this.processDollar();
      else if (ch === "'") result += this.processSingleQuote();
      else if (ch === '"') result += this.processDoubleQuote(rawEscapes);
      else {
        let c = this.next() as string;
        if (c === this.escape) {
          if (rawEscapes) result += c;
          const escaped = this.next();
          if (escaped === undefined) break; // an escape character at the end is dropped
          c = escaped;
        }
        result += c;
      }
    }
    if (stop !== undefined) throw new LexError(`unexpected end of statement while looking for matching ${stop}`);
    return result;
  }

  private processSingleQuote(): string {
    this.next();
    let result = '';
    for (;;) {
      const ch = this.next();
      if (ch === undefined) throw new LexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") return result;
      result += ch;
    }
  }

  private processDoubleQuote(rawEscapes: boolean): string {
    this.next();
    let result = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new LexError('unexpected end of statement while looking for matching double-quote');
      if (ch === '"') {
        this.next();
        return result;
      }
      if (ch === '$') {
        result += this.processDollar();
        continue;
      }
      let c = this.next() as string;
      if (c === this.escape) {
        if (rawEscapes) result += c;
        const following = this.peek();
        if (following === undefined) continue;
        // Only ", $ and the escape character can be escaped inside double quotes.
        if (following === '"' || following === '$' || following === this.escape) c = this.next() as string;
      }
      result += c;
    }
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      return this.lookup(name) ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === undefined) throw new LexError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new LexError('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    if (ch === undefined) throw new LexError("syntax error: missing '}'");
    let modifier = ch;
    if (ch === '}') return this.lookup(name) ?? '';
    if (ch === '/') {
      const replaceAll = this.peek() === '/';
      if (replaceAll) this.next();
      const pattern = this.stopOn('/', true, "syntax error: missing '/' in ${}");
      const replacement = this.stopOn('}', true, "syntax error: missing '}'");
      const value = this.lookup(name) ?? '';
      const re = shellPattern(pattern, true, false, replaceAll ? 'g' : '');
      return value.replace(re, () => replacement);
    }
    let nullIsUnset = false;
    if (ch === ':') {
      nullIsUnset = true;
      ch = this.next();
      modifier += ch ?? '';
    } else if (ch !== '+' && ch !== '-' && ch !== '?' && ch !== '#' && ch !== '%') {
      throw new LexError(`unsupported modifier (${modifier}) in substitution`);
    }
    let word = this.stopOn('}', ch === '#' || ch === '%', "syntax error: missing '}'");
    const value = this.lookup(name);
    const unset = value === undefined || (nullIsUnset && value === '');
    switch (ch) {
      case '-':
        return unset ? word : (value as string);
      case '+':
        return unset ? '' : word;
      case '?':
        if (value === undefined) throw new LexError(`${name}: ${word || 'is not allowed to be unset'}`);
        if (unset) throw new LexError(`${name}: ${word || 'is not allowed to be empty'}`);
        return value;
      case '#':
      case '%': {
        const greedy = word.startsWith(ch);
        if (greedy) word = word.slice(1);
        return ch === '#' ? trimPrefix(word, value ?? '', greedy) : trimSuffix(word, value ?? '', greedy);
      }
      default:
        throw new LexError(`unsupported modifier (${modifier}) in substitution`);
    }
  }

  private stopOn(stop: string, rawEscapes: boolean, atEnd: string): string {
    try {
      return this.processStopOn(stop, rawEscapes);
    } catch (error) {
      if (error instanceof LexError && this.peek() === undefined) throw new LexError(atEnd);
      throw error;
    }
  }

  private processName(): string {
    let name = '';
    for (let ch = this.peek(); ch !== undefined; ch = this.peek()) {
      if (name === '' && /\p{Nd}/u.test(ch)) {
        while (this.peek() !== undefined && /\p{Nd}/u.test(this.peek() as string)) name += this.next();
        return name;
      }
      if (name === '' && '@*#?-$!0'.includes(ch)) return this.next() as string;
      if (!/[\p{L}\p{Nd}_]/u.test(ch)) break;
      name += this.next();
    }
    return name;
  }
}

/** A `${x#pattern}` shell pattern (`*`, `?`, backslash escapes; no brackets) as a regular expression. */
function shellPattern(pattern: string, greedy: boolean, anchored: boolean, flags = ''): RegExp {
  let out = anchored ? '^' : '';
  for (let i = 0; i < pattern.length; i++) {
    let ch = pattern[i] as string;
    if (ch === '*') {
      out += greedy ? '.*' : '.*?';
      continue;
    }
    if (ch === '?') {
      out += '.';
      continue;
    }
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === '}' || next === '/') continue;
      if (next !== '*' && next !== '?' && next !== '\\') throw new LexError(`invalid pattern (${pattern}) in substitution: invalid escape '\\${next ?? ''}'`);
      ch = next;
      i++;
    }
    out += ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(out, flags);
}

function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const match = shellPattern(pattern, greedy, true).exec(value);
  return match ? value.slice(match[0].length) : value;
}

/** BuildKit reverses pattern and value to find the shortest (or longest) matching suffix. */
function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  const chars = [...pattern];
  const units: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '\\' && i + 1 < chars.length) {
      units.push(`\\${chars[i + 1]}`);
      i++;
    } else units.push(chars[i] as string);
  }
  const reverse = (s: string) => [...s].reverse().join('');
  return reverse(trimPrefix(units.reverse().join(''), reverse(value), greedy));
}
