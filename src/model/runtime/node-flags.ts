/**
 * The Node options the heap-flag parser in node.ts knows (the heap flags themselves, and which other
 * options take a value), V8's reading of a size flag's value, and the matching of flag names.
 */

// ---------------------------------------------------------------------------------------------
// Option tables.

export type HeapKey = 'maxOldSpace' | 'maxSemiSpace' | 'maxHeapSize';

export const V8_HEAP_FLAGS: ReadonlyMap<string, { key: HeapKey; allowedInNodeOptions: boolean }> = new Map([
  ['--max-old-space-size', { key: 'maxOldSpace', allowedInNodeOptions: true }],
  ['--max-semi-space-size', { key: 'maxSemiSpace', allowedInNodeOptions: true }],
  ['--max-heap-size', { key: 'maxHeapSize', allowedInNodeOptions: false }],
]);
export const PERCENTAGE_FLAG = '--max-old-space-size-percentage';
export const ALL_HEAP_FLAGS = [...V8_HEAP_FLAGS.keys(), PERCENTAGE_FLAG];

/**
 * Node options that take their value from the next token when written without `=` (Node 20-24).
 * Used only to tell an option's value from the script name when deciding where option parsing stops.
 */
export const VALUE_OPTIONS = new Set([
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
export const BOOLEAN_OPTIONS = new Set([
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

export const HYPHEN_LOOKALIKES = /^[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
/** More than this many MiB overflows V8's 64-bit byte arithmetic (observed on Node 20: wraps or aborts). */
export const MAX_SANE_MIB = 2n ** 43n;

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
export function parseV8SizeT(value: string): SizeT {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(value);
  if (!m) return value === '' ? { kind: 'ok', mib: 0n } : { kind: 'illegal', outOfBounds: false };
  const magnitude = BigInt(m[2] as string);
  const negative = m[1] === '-';
  const outOfBounds = negative ? magnitude > 0n : magnitude > INT64_MAX;
  if (m[0].length !== value.length) return { kind: 'illegal', outOfBounds };
  return outOfBounds ? { kind: 'out-of-bounds' } : { kind: 'ok', mib: magnitude };
}

export function illegalReason(value: string, flag: string): string {
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
// Flag names.

/** The heap flag a token is trying to be (`–max-old-space-size=1`, `-MAX_OLD_SPACE_SIZE`), if any. */
export function heapFlagLookalike(text: string): string | undefined {
  if (!/^[-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/.test(text)) return undefined;
  const name = text
    .replace(/^[-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]+/, '')
    .split('=')[0]
    ?.toLowerCase()
    .replace(/_/g, '-');
  return ALL_HEAP_FLAGS.find((f) => f.slice(2) === name);
}

/** Node's name normalisation: `_` → `-` after the leading two characters. */
export function normalise(name: string): string {
  return name.slice(0, 2) + name.slice(2).replace(/_/g, '-');
}
