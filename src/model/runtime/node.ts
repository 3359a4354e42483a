import type { Source } from '../source.js';

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

type HeapKey = 'maxOldSpace' | 'maxSemiSpace' | 'maxHeapSize';

const V8_HEAP_FLAGS: ReadonlyMap<string, { key: HeapKey; allowedInNodeOptions: boolean }> = new Map([
  ['--max-old-space-size', { key: 'maxOldSpace', allowedInNodeOptions: true }],
  ['--max-semi-space-size', { key: 'maxSemiSpace', allowedInNodeOptions: true }],
  ['--max-heap-size', { key: 'maxHeapSize', allowedInNodeOptions: false }],
]);
const PERCENTAGE_FLAG = '--max-old-space-size-percentage';
const ALL_HEAP_FLAGS = [...V8_HEAP_FLAGS.keys(), PERCENTAGE_FLAG];

/**
 * Node options that take their value from the next token when written without `=` (Node 20-24).
 * Used only to tell an option's value from the script name when deciding where option parsing stops.
 */
const VALUE_OPTIONS = new Set([
  '-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '-e', '--eval',
  '-p', '--print', '-pe', '--input-type', '--title', '--inspect-port', '--debug-port', '--inspect-publish-uid',
  '--dns-result-order', '--diagnostic-dir', '--disable-proto', '--disable-warning', '--env-file',
  '--env-file-if-exists', '--heapsnapshot-signal', '--heapsnapshot-near-heap-limit', '--icu-data-dir',
  '--max-http-header-size', '--openssl-config', '--redirect-warnings', '--report-dir', '--report-directory',
  '--report-filename', '--report-signal', '--secure-heap', '--secure-heap-min', '--tls-cipher-list',
  '--tls-keylog', '--trace-event-categories', '--trace-event-file-pattern', '--unhandled-rejections',
  '--use-largepages', '--v8-pool-size', '--watch-path', '--watch-kill-signal', '--cpu-prof-dir',
  '--cpu-prof-name', '--cpu-prof-interval', '--heap-prof-dir', '--heap-prof-name', '--heap-prof-interval',
  '--experimental-config-file', '--experimental-default-type', '--experimental-policy', '--policy-integrity',
  '--experimental-specifier-resolution', '--es-module-specifier-resolution', '--experimental-sea-config',
  '--snapshot-blob', '--localstorage-file', '--network-family-autoselection-attempt-timeout',
  '--allow-fs-read', '--allow-fs-write', '--security-revert', '--trace-require-module', '--test-concurrency',
  '--test-name-pattern', '--test-reporter', '--test-reporter-destination', '--test-shard',
  '--test-skip-pattern', '--test-timeout', '--test-coverage-branches', '--test-coverage-exclude',
  '--test-coverage-functions', '--test-coverage-include', '--test-coverage-lines', '--test-isolation',
  '--test-global-setup', PERCENTAGE_FLAG,
]);

/** Node options known not to take a value: a bare word after one of these ends option parsing. */
const BOOLEAN_OPTIONS = new Set([
  '--enable-source-maps', '--trace-warnings', '--trace-deprecation', '--throw-deprecation',
  '--pending-deprecation', '--expose-gc', '--inspect', '--inspect-brk', '--inspect-wait',
  '--abort-on-uncaught-exception', '--preserve-symlinks', '--preserve-symlinks-main', '--experimental-vm-modules',
  '--experimental-modules', '--experimental-json-modules', '--experimental-wasm-modules',
  '--experimental-import-meta-resolve', '--experimental-detect-module', '--experimental-require-module',
  '--experimental-strip-types', '--experimental-transform-types', '--experimental-permission', '--permission',
  '--experimental-report', '--experimental-websocket', '--experimental-fetch', '--experimental-global-webcrypto',
  '--experimental-sqlite', '--experimental-eventsource', '--experimental-network-imports',
  '--experimental-shadow-realm', '--trace-uncaught', '--trace-exit', '--trace-sigint', '--trace-sync-io',
  '--trace-tls', '--report-on-fatalerror', '--report-uncaught-exception', '--report-on-signal', '--report-compact',
  '--heap-prof', '--cpu-prof', '--use-openssl-ca', '--use-bundled-ca', '--jitless', '--frozen-intrinsics',
  '--force-fips', '--enable-fips', '--zero-fill-buffers', '--insecure-http-parser', '--openssl-legacy-provider',
  '--openssl-shared-config', '--tls-max-v1.2', '--tls-max-v1.3', '--tls-min-v1.0', '--tls-min-v1.1',
  '--tls-min-v1.2', '--tls-min-v1.3', '--perf-basic-prof', '--perf-basic-prof-only-functions', '--perf-prof',
  '--perf-prof-unwinding-info', '--interpreted-frames-native-stack', '--disallow-code-generation-from-strings',
  '--huge-max-old-generation-size', '--track-heap-objects', '--use-env-proxy', '--watch', '--watch-preserve-output',
  '--test', '--check', '-c', '-i', '--interactive', '-v', '--version', '-h', '--help', '--expose-internals',
  '--enable-etw-stack-walking', '--force-context-aware', '--node-memory-debug', '--verify-base-objects',
  ...ALL_HEAP_FLAGS,
]);

const HYPHEN_LOOKALIKES = /^[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
/** More than this many MiB overflows V8's 64-bit byte arithmetic (observed on Node 20: wraps or aborts). */
const MAX_SANE_MIB = 2n ** 43n;

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

// ---------------------------------------------------------------------------------------------
// Flag values.

type SizeT =
  | { kind: 'ok'; mib: bigint }
  /** Negative or beyond int64: V8 prints "out of bounds" and keeps the previous value. */
  | { kind: 'out-of-bounds' }
  /** Text left after the number: "illegal value", node exits 9 (also when out of bounds first). */
  | { kind: 'illegal'; outOfBounds: boolean };

const INT64_MAX = 2n ** 63n - 1n;

/** V8's size_t flag parsing: strtoll(value, &end, 10), then a range check and a check that *end == 0. */
function parseV8SizeT(value: string): SizeT {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(value);
  if (!m) return value === '' ? { kind: 'ok', mib: 0n } : { kind: 'illegal', outOfBounds: false };
  const magnitude = BigInt(m[2] as string);
  const negative = m[1] === '-';
  const outOfBounds = negative ? magnitude > 0n : magnitude > INT64_MAX;
  if (m[0].length !== value.length) return { kind: 'illegal', outOfBounds };
  return outOfBounds ? { kind: 'out-of-bounds' } : { kind: 'ok', mib: magnitude };
}

function illegalReason(value: string, flag: string): string {
  const exit = `V8 prints "illegal value for flag" and node exits with "bad option" (code 9)`;
  const unit = /^\s*\+?([0-9]+(?:\.[0-9]+)?)\s*([kKmMgGtT])(?:i?[bB]?)?\s*$/.exec(value);
  if (unit) {
    const power = 'kmgt'.indexOf((unit[2] as string).toLowerCase()) - 1;
    const mib = Number(unit[1]) * 1024 ** power;
    const hint = Number.isInteger(mib) && mib > 0 ? `; for ${value.trim()} write ${flag}=${mib}` : '';
    return `the value is a plain number of MiB and takes no unit suffix${hint}: ${exit}`;
  }
  if (/^\s*\+?[0-9]*\.[0-9]+\s*$|^\s*\+?[0-9]+\.\s*$/.test(value))
    return `the value must be a whole number of MiB: ${exit}`;
  if (/^\s*0[xX][0-9a-fA-F]+$/.test(value)) return `hexadecimal is not accepted, the value is decimal MiB: ${exit}`;
  if (/^\s*[+-]?[0-9]+\s+$/.test(value)) return `trailing whitespace is not accepted: ${exit}`;
  return `"${value}" is not a whole number of MiB: ${exit}`;
}

// ---------------------------------------------------------------------------------------------
// Parsing.

function span(a: Source, b: Source): Source {
  return { file: a.file, line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
}

/** The heap flag a token is trying to be (`–max-old-space-size=1`, `-MAX_OLD_SPACE_SIZE`), if any. */
function heapFlagLookalike(text: string): string | undefined {
  if (!/^[-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/.test(text)) return undefined;
  const name = text
    .replace(/^[-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]+/, '')
    .split('=')[0]
    ?.toLowerCase()
    .replace(/_/g, '-');
  return ALL_HEAP_FLAGS.find((f) => f.slice(2) === name);
}

/** Node's name normalisation: `_` → `-` after the leading two characters. */
function normalise(name: string): string {
  return name.slice(0, 2) + name.slice(2).replace(/_/g, '-');
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
