/**
 * NODE_OPTIONS splitting, read the way `node` reads the environment variable; see node.ts for how
 * the resulting arguments are parsed for heap flags.
 */

// ---------------------------------------------------------------------------------------------
// NODE_OPTIONS splitting: a port of node.cc ParseNodeOptionsEnvVar.

export interface NodeOptionsArg {
  /** The argument Node builds, with quotes removed and escapes resolved. */
  text: string;
  /** UTF-16 offsets of the raw word (quotes included) in the NODE_OPTIONS value; end exclusive. */
  start: number;
  end: number;
}

export interface NodeOptionsSplit {
  args: NodeOptionsArg[];
  /**
   * Set when Node refuses the value: it prints "node: invalid value for NODE_OPTIONS
   * (unterminated string)" or "(invalid escape)" and exits with code 9.
   */
  error?: 'unterminated string' | 'invalid escape';
}

/**
 * Split a NODE_OPTIONS value exactly as Node does: arguments are separated by ASCII spaces only
 * (tabs and newlines are ordinary characters); `"` toggles quoting anywhere in a word (`a"b c"d`
 * is `ab cd`); inside quotes a backslash makes the next character literal (`"a\"b"` is `a"b`),
 * outside quotes a backslash is an ordinary character; a word that yields no character (`""`)
 * yields no argument.
 */
export function tokenizeNodeOptions(value: string): NodeOptionsSplit {
  const args: NodeOptionsArg[] = [];
  let inString = false;
  let wordStart = -1;
  let current: NodeOptionsArg | undefined;
  for (let i = 0; i < value.length; i++) {
    let c = value[i] as string;
    if (c === ' ' && !inString) {
      current = undefined;
      wordStart = -1;
      continue;
    }
    if (wordStart < 0) wordStart = i;
    if (c === '\\' && inString) {
      if (i + 1 === value.length) return { args, error: 'invalid escape' };
      c = value[++i] as string;
    } else if (c === '"') {
      inString = !inString;
      if (current) current.end = i + 1;
      continue;
    }
    if (current) {
      current.text += c;
      current.end = i + 1;
    } else {
      current = { text: c, start: wordStart, end: i + 1 };
      args.push(current);
    }
  }
  return inString ? { args, error: 'unterminated string' } : { args };
}

/**
 * The arguments Node builds from a NODE_OPTIONS value (see {@link tokenizeNodeOptions}, which also
 * reports the values Node refuses outright and where each argument sits in the value).
 */
export function splitNodeOptions(value: string): string[] {
  return tokenizeNodeOptions(value).args.map((a) => a.text);
}
