/**
 * How the JVM splits an options environment variable into tokens, and in which order the option
 * sources are applied.
 *
 * - JAVA_TOOL_OPTIONS and _JAVA_OPTIONS are split by HotSpot, `Arguments::parse_options_buffer`
 *   (openjdk/jdk src/hotspot/share/runtime/arguments.cpp, JDK 9+): tokens are runs of non-white
 *   characters (C `isspace`: space, \t, \n, \v, \f, \r); a `'` or `"` starts a quoted run that may
 *   contain white space and ends at the same quote character; quotes are removed and may sit in
 *   the middle of a token (`-Dx="a b"` is the token `-Dx=a b`); there is NO escape character (a
 *   backslash is literal, so a quote cannot be put inside the same kind of quotes); an unmatched
 *   quote makes the JVM refuse to start ("Unmatched quote in JAVA_TOOL_OPTIONS").
 * - JDK_JAVA_OPTIONS is split by the `java` launcher (JDK 9+, src/java.base/share/native/libjli/
 *   args.c `JLI_AddArgsFromEnvVar` → `expand`) with the same rules (white space, ' and " quotes,
 *   no escapes; unmatched quote: "Error: Unmatched quote in environment variable JDK_JAVA_OPTIONS").
 *   The launcher additionally expands `@argfile` tokens and refuses `-jar`, `--module`, a main
 *   class and the like there; this module does not model that.
 */

/** A token and where it came from in the raw string: `start`/`end` are UTF-16 offsets, end exclusive, quotes included. */
export interface OptionSpan {
  text: string;
  start: number;
  end: number;
}

export interface TokenizedOptions {
  tokens: OptionSpan[];
  /** Offset of a quote that is never closed. The JVM does not start; `tokens` holds what was read, the last one running to the end. */
  unmatchedQuote?: number;
}

const isCSpace = (c: string): boolean => c === ' ' || (c >= '\t' && c <= '\r'); // \t \n \v \f \r

/** A port of `parse_options_buffer`, keeping the source offsets of every token. */
export function tokenizeJvmOptions(value: string): TokenizedOptions {
  const tokens: OptionSpan[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && isCSpace(value[i] as string)) i++;
    if (i >= value.length) break;
    const start = i;
    let text = '';
    while (i < value.length && !isCSpace(value[i] as string)) {
      const c = value[i] as string;
      if (c === "'" || c === '"') {
        const open = i;
        const close = value.indexOf(c, i + 1);
        if (close < 0) {
          tokens.push({ text: text + value.slice(i + 1), start, end: value.length });
          return { tokens, unmatchedQuote: open };
        }
        text += value.slice(i + 1, close);
        i = close + 1;
      } else {
        text += c;
        i++;
      }
    }
    tokens.push({ text, start, end: i });
  }
  return { tokens };
}

/** The tokens the JVM reads from JAVA_TOOL_OPTIONS / _JAVA_OPTIONS / JDK_JAVA_OPTIONS (see {@link tokenizeJvmOptions} for an unmatched quote). */
export function splitJvmOptionsString(value: string): string[] {
  return tokenizeJvmOptions(value).tokens.map((t) => t.text);
}

/**
 * The documented order in which option sources reach HotSpot, lowest precedence first; for a flag
 * given more than once the last occurrence wins. `Arguments::parse_vm_init_args` parses
 * JAVA_TOOL_OPTIONS, then the command line, then _JAVA_OPTIONS; the `java` launcher puts the
 * JDK_JAVA_OPTIONS tokens in front of the user's own command-line arguments. (JAVA_OPTS and the
 * like are read only by scripts, which paste them onto the command line.)
 */
export const JVM_OPTION_PRECEDENCE: readonly string[] = ['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', 'command line', '_JAVA_OPTIONS'];

/** Origins HotSpot parses with JVMFlagOrigin::ENVIRON_VAR rather than COMMAND_LINE (matters for -XX:InitialHeapSize, see jvm-flags.ts). */
export const ENVIRONMENT_ORIGINS: ReadonlySet<string> = new Set(['JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS']);
