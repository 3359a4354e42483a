/**
 * GOMEMLIMIT, read exactly as the Go runtime reads it at start-up.
 *
 * Facts (golang/go src/runtime/mgcpacer.go `readGOMEMLIMIT`, src/runtime/string.go `parseByteCount`):
 *
 * - `""` (empty or unset) and `off` mean "no limit" (math.MaxInt64). `off` is case-sensitive.
 * - Anything else must match `^[0-9]+(([KMGT]i)?B)?$`: a non-negative integer byte count, optionally
 *   followed by exactly `B`, `KiB`, `MiB`, `GiB` or `TiB` (IEC, powers of 1024, case-sensitive).
 *   No whitespace, no decimals, no `M`/`G`/`Mi`/`Gi`/`MB`/`GB`, no `PiB`.
 * - The result must fit in int64 (at most 2^63-1 bytes, e.g. 8388607TiB); larger values are malformed.
 * - A malformed value is fatal: the runtime prints `GOMEMLIMIT=<value>` and then
 *   `fatal error: malformed GOMEMLIMIT; see \`go doc runtime/debug.SetMemoryLimit\`` from
 *   runtime.gcinit during schedinit, before main runs, and the process exits with status 2
 *   (a CrashLoopBackOff in Kubernetes).
 * - The digits are parsed by Go 1.19-1.25 with the runtime's own `atoi64`
 *   (internal/runtime/strconv.Atoi64 in 1.25): an optional leading `-` and decimal digits, where a
 *   lone `-` reads as 0. The development tree (golang/go master, 2026) switched to
 *   internal/strconv.ParseInt, which also accepts a leading `+` and rejects a lone `-`.
 *   Values whose meaning differs between those versions (`+1GiB`, `-KiB`, `-B`...) are reported
 *   as not ok: they crash on some versions and give a 0-byte limit on others.
 * - `0` (or `0B`, `-0`) is accepted: a soft limit of zero bytes, so the GC runs continuously.
 *
 * Related facts, for rules built on this parser (runtime package docs, "Environment Variables",
 * and the Go GC guide):
 * - GOMEMLIMIT is a soft limit on memory the Go runtime manages (heap, stacks, runtime metadata);
 *   it does not cover cgo/C allocations, the binary's mappings or memory the kernel holds for the
 *   process, so it must be set below the container limit, not equal to it.
 * - The Go runtime never reads the cgroup memory limit itself (Go 1.25 made GOMAXPROCS
 *   cgroup-aware, not GOMEMLIMIT): without GOMEMLIMIT the heap only follows GOGC.
 * - `GOGC=off` disables the garbage collector entirely. With no GOMEMLIMIT (or GOMEMLIMIT=off) the
 *   heap then grows without bound until the container is OOM-killed. `GOGC=off` together with a
 *   GOMEMLIMIT is the documented "collect only near the limit" mode.
 */

export type GoMemLimit =
  | {
      ok: true;
      /** The limit in bytes; Infinity for `off` and for the empty string (no limit). */
      bytes: number;
      text: string;
      /** A remark about an accepted but questionable value (a zero limit). */
      note?: string;
    }
  | {
      ok: false;
      text: string;
      /** Why the Go runtime refuses it, in one sentence. */
      reason: string;
      /** The GOMEMLIMIT the author most likely meant (`1800M` → `1800MiB`), when there is one. */
      suggestion?: string;
    };

const MAX_INT64 = (1n << 63n) - 1n;
const MAX_UINT64 = (1n << 64n) - 1n;

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

const FATAL =
  'the Go runtime prints "fatal error: malformed GOMEMLIMIT" and exits with status 2 before main runs';

/** Go 1.19–1.25 `atoi64`: optional '-', then decimal digits; "" fails; "-" alone is 0. */
function atoi64Legacy(s: string): bigint | undefined {
  if (s === '') return undefined;
  let neg = false;
  if (s[0] === '-') {
    neg = true;
    s = s.slice(1);
  }
  let un = 0n;
  for (const c of s) {
    if (c < '0' || c > '9') return undefined;
    un = un * 10n + BigInt(c.charCodeAt(0) - 48);
    if (un > MAX_UINT64) return undefined;
  }
  if (!neg && un > MAX_INT64) return undefined;
  if (neg && un > MAX_INT64 + 1n) return undefined;
  return neg ? -un : un;
}

/** internal/strconv.ParseInt(s, 10, 64): optional '+' or '-', then at least one decimal digit. */
function parseIntTip(s: string): bigint | undefined {
  if (s === '') return undefined;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '' || !/^[0-9]+$/.test(s)) return undefined;
  const un = BigInt(s);
  if (!neg && un > MAX_INT64) return undefined;
  if (neg && un > MAX_INT64 + 1n) return undefined;
  return neg ? -un : un;
}

/** A port of runtime.parseByteCount with a pluggable integer parser. */
function parseByteCount(s: string, atoi: (s: string) => bigint | undefined): bigint | undefined {
  if (s === '') return undefined;
  const last = s[s.length - 1] as string;
  if (last >= '0' && last <= '9') {
    const n = atoi(s);
    return n === undefined || n < 0n ? undefined : n;
  }
  if (last !== 'B' || s.length < 2) return undefined;
  const c = s[s.length - 2] as string;
  if (c >= '0' && c <= '9') {
    const n = atoi(s.slice(0, -1));
    return n === undefined || n < 0n ? undefined : n;
  }
  if (c !== 'i' || s.length < 4) return undefined;
  const power = 'KMGT'.indexOf(s[s.length - 3] as string) + 1;
  if (power === 0) return undefined;
  const m = 1n << BigInt(10 * power);
  const n = atoi(s.slice(0, -3));
  if (n === undefined || n < 0n) return undefined;
  const un = n * m;
  return un > MAX_INT64 ? undefined : un;
}

/**
 * Parse a GOMEMLIMIT value the way the Go runtime does. `bytes` is a double, so limits above
 * 2^53 bytes (8 PiB) are approximate.
 */
export function parseGoMemLimit(text: string): GoMemLimit {
  if (text === '' || text === 'off') return { ok: true, bytes: Infinity, text };
  const legacy = parseByteCount(text, atoi64Legacy);
  const tip = parseByteCount(text, parseIntTip);
  if (legacy !== undefined && tip !== undefined) {
    const bytes = Number(legacy);
    return legacy === 0n
      ? { ok: true, bytes, text, note: 'a limit of 0 bytes makes the garbage collector run continuously' }
      : { ok: true, bytes, text };
  }
  const reason =
    legacy !== undefined
      ? `Go 1.19-1.25 read ${JSON.stringify(text)} as a limit of ${legacy} bytes, while newer Go rejects it and crashes at start-up`
      : tip !== undefined
        ? `Go 1.19-1.25 reject the leading '+' (${FATAL}); only newer Go accept it`
        : explain(text);
  const suggestion = suggestGoMemLimit(text);
  return suggestion !== undefined && suggestion !== text
    ? { ok: false, text, reason, suggestion }
    : { ok: false, text, reason };
}

function explain(text: string): string {
  let why: string;
  if (/^\s|\s$/.test(text)) why = 'surrounding whitespace is not allowed';
  else if (/^off$/i.test(text)) why = '"off" is case-sensitive';
  else if (/^-[0-9]/.test(text)) why = 'negative values are not allowed';
  else if (/^\+?[0-9]*\.[0-9]/.test(text)) why = 'decimal numbers are not allowed';
  else if (/^\+?[0-9]+[eE][+-]?[0-9]+$/.test(text)) why = 'exponent notation is not allowed';
  else if (/^\+?[0-9]+[_,'][0-9]/.test(text)) why = 'digit separators are not allowed';
  else if (/^[0-9]+([KMGT]iB|B)?$/.test(text)) why = 'the value overflows int64 (the largest limit is 8388607TiB)';
  else if (/^\+?[0-9]+\s+\S/.test(text)) why = 'there must be no space between the number and the unit';
  else {
    const unit = /^\+?[0-9]+(.+)$/.exec(text)?.[1];
    why =
      unit !== undefined
        ? `"${unit}" is not a unit it knows (units are binary and case-sensitive: B, KiB, MiB, GiB, TiB)`
        : 'it is not a number';
  }
  return `GOMEMLIMIT must be a whole number of bytes with an optional B, KiB, MiB, GiB or TiB suffix, or "off"; ${why}: ${FATAL}`;
}

/**
 * The GOMEMLIMIT the author most likely meant, or undefined. Same number, Go's binary unit:
 * `1800M`/`1800Mi`/`1800MB`/`1800m` → `1800MiB`, `1G` → `1GiB`, `1.5GiB` → `1536MiB`,
 * `OFF` → `off`, `-1` → `off`, `" 1GiB "` → `1GiB`. The result always parses.
 */
export function suggestGoMemLimit(text: string): string | undefined {
  const t = text.trim();
  if (/^(off|none|unlimited|max|infinity|inf|-1)$/i.test(t)) return 'off';
  const m = /^\+?([0-9][0-9_]*(?:\.[0-9]*)?|\.[0-9]+)\s*([kKmMgGtTpP]?)([iI]?)([bB]?)(?:ytes?)?$/.exec(t);
  if (!m) return undefined;
  const [, num = '', letter = '', i = '', b = ''] = m;
  // "1i" and "1iB" are not units anyone writes; leave them alone.
  if (letter === '' && i !== '') return undefined;
  // A bare number that is not a whole number of bytes: no obvious intent.
  if (letter === '' && b === '' && num.includes('.')) return undefined;
  const power = letter === '' ? 0 : ' KMGTP'.indexOf(letter.toUpperCase());
  const [intPart = '', fracPart = ''] = num.replace(/_/g, '').split('.');
  const numerator = BigInt((intPart || '0') + fracPart);
  const denominator = 10n ** BigInt(fracPart.length);
  // Exact bytes = numerator * 1024^power / denominator. Use the largest unit (at most TiB, and at
  // most the unit written) in which the value is a whole number; otherwise round down one unit below.
  const scaled = numerator << BigInt(10 * power);
  const top = Math.min(power, 4);
  for (let p = top; p >= 0; p--) {
    const unitDen = denominator << BigInt(10 * p);
    if (scaled % unitDen === 0n) return build(scaled / unitDen, p, numerator);
  }
  const p = Math.max(top - 1, 0);
  return build(scaled / (denominator << BigInt(10 * p)), p, numerator);
}

function build(n: bigint, power: number, written: bigint): string | undefined {
  // Rounding a tiny non-zero value down to 0 would suggest a zero limit: no suggestion instead.
  if (n === 0n && written !== 0n) return undefined;
  if (n << BigInt(10 * power) > MAX_INT64) return undefined;
  return `${n}${UNITS[power] as string}`;
}
