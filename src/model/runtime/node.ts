import type { Source } from '../source.js';
import {
  ALL_HEAP_FLAGS,
  BOOLEAN_OPTIONS,
  HYPHEN_LOOKALIKES,
  MAX_SANE_MIB,
  PERCENTAGE_FLAG,
  V8_HEAP_FLAGS,
  VALUE_OPTIONS,
  heapFlagLookalike,
  illegalReason,
  normalise,
  parseV8SizeT,
  type HeapKey,
} from './node-flags.js';

export { splitNodeOptions, tokenizeNodeOptions, type NodeOptionsArg, type NodeOptionsSplit } from './node-options.js';

/**
 * Node.js heap flags, read the way `node` reads them.
 *
 * Facts, with where they come from (nodejs/node src/node_options-inl.h `OptionsParser::Parse`,
 * src/node_options.cc, src/node.cc `ParseNodeOptionsEnvVar`, doc/api/cli.md; V8 src/flags/flags.cc;
 * behaviour checked against node v20.20 / V8 11.3):
 *
 * - NODE_OPTIONS is parsed before the command line and both feed the same V8 flags, so for every
 *   flag the last occurrence wins and the command line beats NODE_OPTIONS (cli.md: "options passed
 *   in NODE_OPTIONS are interpreted before command-line options, so command-line options will
 *   override or compound after anything in NODE_OPTIONS"). {@link parseNodeOptions} therefore
 *   takes the tokens lowest precedence first: NODE_OPTIONS, then the command line.
 * - `--max-old-space-size` and `--max-semi-space-size` are V8 flags in MiB that Node explicitly
 *   allows in NODE_OPTIONS; `--max-heap-size` (V8, MiB) is not allowed there ("node:
 *   --max-heap-size=... is not allowed in NODE_OPTIONS", exit code 9) but works on the command line.
 *   `--max-old-space-size-percentage=P` (Node 22.21+, nodejs/node#59082) is a Node option allowed in
 *   NODE_OPTIONS: a number in (0, 100] of the available (cgroup-constrained) memory that takes
 *   precedence over `--max-old-space-size` wherever each is written; older Node rejects it (exit 9).
 * - Node rewrites `_` to `-` in option names and V8 treats them alike, so `--max_old_space_size`
 *   and `--max-old_space-size` work; names are case-sensitive (`--MAX-OLD-SPACE-SIZE` → exit 9).
 * - V8 flags take their value only after `=`: Node hands the single token to V8 and never the next
 *   one, so `--max-old-space-size 4096` fails ("illegal value for flag", "bad option", exit 9).
 *   (Node's own options, such as the percentage flag, do accept `--flag value`.)
 * - V8 reads a size_t flag with strtoll(value, 10): leading whitespace and a `+` are accepted,
 *   leading zeros are decimal. Anything left after the digits (`4g`, `1.5`, `0x10`, `1_000`, a
 *   trailing space) is fatal: "illegal value for flag", "node: bad option", exit 9. A negative or
 *   int64-overflowing value only prints "out of bounds" and is ignored (the previous value stays).
 *   An empty value (`--max-old-space-size=`) and `0` reset the flag to 0, meaning V8's default.
 * - Option parsing stops at the first token that is not an option (the script, or `--` on the
 *   command line); later tokens are the script's arguments. In NODE_OPTIONS, parsing silently stops
 *   at such a token: `NODE_OPTIONS="app.js --max-old-space-size=512"` sets nothing. `--` in
 *   NODE_OPTIONS is fatal ("-- is not allowed in NODE_OPTIONS").
 */

/** The origin {@link parseNodeOptions} treats as the NODE_OPTIONS environment variable. */
export const NODE_OPTIONS_ORIGIN = 'NODE_OPTIONS';

export interface NodeToken {
  text: string;
  source: Source;
  /** `'NODE_OPTIONS'` ({@link NODE_OPTIONS_ORIGIN}) or anything else for a command line, e.g. `'command line'`. */
  origin: string;
}

export interface NodeHeapValue {
  /** The flag value in MiB (2^20 bytes). */
  mib: number;
  /** The token as written, e.g. `--max-old-space-size=512`. */
  text: string;
  source: Source;
  origin: string;
}

export interface NodeHeapPercentage {
  /** The percentage of available memory, in (0, 100]. */
  percent: number;
  text: string;
  source: Source;
  origin: string;
}

export interface NodeHeapProblem {
  token: NodeToken;
  reason: string;
  /** True when node refuses to start (exit code 9, or an abort); false when the value is just ignored. */
  fatal: boolean;
}

export interface NodeHeapSettings {
  /** `--max-old-space-size`: the old-generation limit, which is most of the JS heap. */
  maxOldSpace?: NodeHeapValue;
  /** `--max-semi-space-size`: each young-generation semi-space; the young generation is 3 of them. */
  maxSemiSpace?: NodeHeapValue;
  /** `--max-heap-size` (command line only): the whole heap; the two flags above take precedence. */
  maxHeapSize?: NodeHeapValue;
  /** `--max-old-space-size-percentage` (Node 22.21+): overrides {@link maxOldSpace} when set. */
  maxOldSpacePercentage?: NodeHeapPercentage;
  invalid: NodeHeapProblem[];
}

// ---------------------------------------------------------------------------------------------
// Parsing.

function span(a: Source, b: Source): Source {
  return { file: a.file, line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
}

/**
 * Read the heap flags from node's options. Pass the tokens lowest precedence first: the
 * NODE_OPTIONS arguments (origin {@link NODE_OPTIONS_ORIGIN}, e.g. from {@link tokenizeNodeOptions}),
 * then the command-line arguments after the `node` executable. Consecutive tokens with the same
 * origin form one argument list; each list is parsed like Node parses it, so option parsing stops
 * at the script name (`node app.js --max-old-space-size=512` does not set the heap: that flag goes to
 * the script), and the later list overrides the earlier one flag by flag.
 */
export function parseNodeOptions(tokens: readonly NodeToken[]): NodeHeapSettings {
  const out: NodeHeapSettings = { invalid: [] };
  const heapTokens = new Map<HeapKey, NodeToken>();
  for (let i = 0; i < tokens.length; ) {
    const origin = (tokens[i] as NodeToken).origin;
    let j = i;
    while (j < tokens.length && (tokens[j] as NodeToken).origin === origin) j++;
    parseList(tokens.slice(i, j), origin === NODE_OPTIONS_ORIGIN, out, heapTokens);
    i = j;
  }
  const heapSize = heapTokens.get('maxHeapSize');
  if (out.maxOldSpace && out.maxSemiSpace && out.maxHeapSize && heapSize)
    out.invalid.push({
      token: heapSize,
      fatal: true,
      reason:
        'V8 does not allow --max-heap-size together with both --max-old-space-size and --max-semi-space-size: node aborts at start-up',
    });
  return out;
}

function parseList(
  list: readonly NodeToken[],
  inNodeOptions: boolean,
  out: NodeHeapSettings,
  heapTokens: Map<HeapKey, NodeToken>,
): void {
  const bad = (token: NodeToken, fatal: boolean, reason: string): void => {
    out.invalid.push({ token, fatal, reason });
  };
  const exit9 = inNodeOptions ? 'node refuses NODE_OPTIONS and exits with code 9' : 'node exits with "bad option" (code 9)';
  let stoppedAt: string | undefined;
  // After "--" on the command line the next token is the script path, unless -e/-p gave the code.
  let scriptPending = false;
  let evalSeen = false;

  for (let k = 0; k < list.length; k++) {
    const token = list[k] as NodeToken;
    const t = token.text;

    if (stoppedAt !== undefined) {
      const flag = heapFlagLookalike(t);
      if (flag && scriptPending)
        bad(token, true, `it comes right after "--", so Node takes it for the script path and fails to start`);
      else if (flag)
        bad(
          token,
          false,
          inNodeOptions
            ? `Node stops reading NODE_OPTIONS at "${stoppedAt}", which is not an option, so ${flag} here is silently ignored`
            : `it comes after "${stoppedAt}", so Node passes it to the script as an argument instead of applying it`,
        );
      scriptPending = false;
      continue;
    }

    if (t === '--') {
      if (inNodeOptions) bad(token, true, '"--" is not allowed in NODE_OPTIONS: node exits with code 9');
      stoppedAt = t;
      scriptPending = !inNodeOptions && !evalSeen;
      continue;
    }

    if (t.length <= 1 || !t.startsWith('-')) {
      const flag = heapFlagLookalike(t);
      if (flag && HYPHEN_LOOKALIKES.test(t))
        bad(
          token,
          !inNodeOptions,
          inNodeOptions
            ? `it starts with "${t[0] as string}", not an ASCII hyphen, so Node stops reading NODE_OPTIONS here and ignores it and everything after it`
            : `it starts with "${t[0] as string}", not an ASCII hyphen, so Node takes it for the script path and fails to start`,
        );
      stoppedAt = t;
      continue;
    }

    // Node splits "--name=value" only for double-dash options; V8 also accepts "-name=value".
    const doubleDash = t.startsWith('--');
    const eq = t.indexOf('=');
    let rawName = eq < 0 ? t : t.slice(0, eq);
    let value = eq < 0 ? undefined : t.slice(eq + 1);
    let name = normalise(rawName);

    if (!doubleDash) {
      const v8Name = normalise(`-${rawName}`);
      if (V8_HEAP_FLAGS.has(v8Name) || v8Name === PERCENTAGE_FLAG) {
        if (inNodeOptions || v8Name === PERCENTAGE_FLAG) {
          bad(token, true, inNodeOptions ? `${t} is not allowed in NODE_OPTIONS (single dash): ${exit9}` : `${t} is not an option Node knows (single dash): ${exit9}`);
          continue;
        }
        // On the command line Node passes an unknown "-name=value" to V8, which accepts one dash.
        rawName = `-${rawName}`;
        name = v8Name;
      } else {
        name = t; // a short option such as -r or -e: Node matches the whole token
        value = undefined;
      }
    }

    const heap = V8_HEAP_FLAGS.get(name);
    if (heap) {
      if (inNodeOptions && !heap.allowedInNodeOptions) {
        bad(token, true, `${rawName} is not allowed in NODE_OPTIONS (only on the command line): ${exit9}`);
        continue;
      }
      if (value === undefined) {
        const next = list[k + 1]?.text;
        const hint = next !== undefined && /^[0-9]+$/.test(next) ? `; write ${rawName}=${next}` : '';
        bad(token, true, `V8 flags take their value after "=" and Node does not pass the next argument to V8, so ${rawName} has no value: ${exit9}${hint}`);
        continue;
      }
      const parsed = parseV8SizeT(value);
      if (parsed.kind === 'illegal') {
        bad(token, true, illegalReason(value, rawName));
        continue;
      }
      if (parsed.kind === 'out-of-bounds') {
        const previous = out[heap.key];
        bad(token, false, `V8 rejects ${JSON.stringify(value)} as out of range (negative or beyond 2^63-1), prints an error and keeps ${previous ? previous.text : 'its default'}`);
        continue;
      }
      if (parsed.mib === 0n) {
        delete out[heap.key];
        heapTokens.delete(heap.key);
        bad(token, false, `${value.trim() === '' ? 'an empty value sets it to 0, which' : '0'} means "not set": V8 falls back to its default heap sizing`);
        continue;
      }
      if (parsed.mib > MAX_SANE_MIB)
        bad(token, false, `${parsed.mib} MiB is beyond 8 EiB: V8's 64-bit byte arithmetic overflows, so the real limit is unpredictable (Node 20 ends up with a tiny heap or aborts)`);
      out[heap.key] = { mib: Number(parsed.mib), text: t, source: token.source, origin: token.origin };
      heapTokens.set(heap.key, token);
      continue;
    }

    if (name === PERCENTAGE_FLAG) {
      let where = token;
      if (value === undefined) {
        const next = list[k + 1];
        if (next && !next.text.startsWith('-')) {
          value = next.text;
          where = { text: `${t} ${next.text}`, source: span(token.source, next.source), origin: token.origin };
          k++;
        }
      }
      if (value === undefined || value === '') {
        bad(where, true, `${rawName} requires a value: ${exit9}`);
        continue;
      }
      const percent = /^([0-9]+(\.[0-9]*)?|\.[0-9]+)$/.test(value) ? Number(value) : NaN;
      if (!(percent > 0 && percent <= 100)) {
        bad(where, true, `${rawName} must be a number greater than 0 and up to 100, not ${JSON.stringify(value)}: ${exit9}`);
        continue;
      }
      out.maxOldSpacePercentage = { percent, text: where.text, source: where.source, origin: where.origin };
      continue;
    }

    if (name.startsWith('--no-') && ALL_HEAP_FLAGS.includes(`--${name.slice(5)}`)) {
      bad(token, true, `--${name.slice(5)} is not a boolean flag and cannot be negated: ${exit9}`);
      continue;
    }

    const lookalike = heapFlagLookalike(t);
    if (lookalike && doubleDash) {
      bad(token, true, `"${rawName}" is not ${lookalike} (option names are exact and case-sensitive): ${exit9}`);
      continue;
    }

    if (/^(-e|--eval|-p|--print|-pe)$/.test(name)) evalSeen = true;

    // Any other option: if it takes the next token as its value, skip that token so it is not
    // mistaken for the script name. Unknown options get the benefit of the doubt.
    const next = list[k + 1];
    if (value === undefined && next && !next.text.startsWith('-')) {
      const takesValue = VALUE_OPTIONS.has(name) || (!BOOLEAN_OPTIONS.has(name) && !name.startsWith('--no-'));
      if (takesValue) k++;
    }
  }
}
