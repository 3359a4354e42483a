/**
 * HotSpot's own grammar for sizes (-Xmx, -Xms, -Xss, -XX:...Size=) and for double flags
 * (-XX:MaxRAMPercentage=). These are what the JVM accepts or refuses at start-up; the memory
 * calculators' grammars (libjvm / Cloud Foundry `ParseSize`) are ported separately in
 * memory-calculator.ts because they differ (see the notes on `parseHotSpotSize`).
 *
 * Source: openjdk/jdk src/hotspot/share/runtime/arguments.cpp (JDK 11–21):
 * `Arguments::atojulong`, `parse_memory_size`, `parse_argument`, `set_numeric_flag`,
 * `set_fp_numeric_flag`.
 */

export const KIB = 1024;
export const MIB = 1024 * KIB;
export const GIB = 1024 * MIB;
export const TIB = 1024 * GIB;

export type SizeResult = { ok: true; bytes: number } | { ok: false; reason: string };
export type DoubleResult = { ok: true; value: number } | { ok: false; reason: string };

const U64_MAX = 2n ** 64n - 1n;
const UNIT: Readonly<Record<string, bigint>> = {
  '': 1n,
  k: 2n ** 10n,
  m: 2n ** 20n,
  g: 2n ** 30n,
  t: 2n ** 40n,
};

/**
 * A port of `Arguments::atojulong`: the first character must be a digit (no sign, no leading
 * space); `0x`/`0X` switches `strtoull` to base 16; at most ONE character may follow the
 * number and it must be one of k/K, m/M, g/G, t/T (binary multiples); results above 2^64 - 1
 * (strtoull's ERANGE, or the suffix multiplication overflowing) are refused.
 * Returns undefined when HotSpot refuses the text.
 */
export function atojulong(s: string): bigint | undefined {
  if (!/^[0-9]/.test(s)) return undefined;
  let n: bigint;
  let rest: string;
  if (s[0] === '0' && (s[1] === 'x' || s[1] === 'X')) {
    const hex = /^0[xX]([0-9a-fA-F]+)/.exec(s);
    // "0x" with no hex digit: strtoull reads just "0" and stops at the x.
    n = hex ? BigInt(`0x${hex[1]}`) : 0n;
    rest = hex ? s.slice(hex[0].length) : s.slice(1);
  } else {
    const dec = /^[0-9]+/.exec(s) as RegExpExecArray;
    n = BigInt(dec[0]); // base 10 even with leading zeros ("0512m" is 512m, not octal)
    rest = s.slice(dec[0].length);
  }
  if (n > U64_MAX) return undefined; // errno == ERANGE
  if (rest.length > 1) return undefined; // "more than a single non-digit character"
  const unit = UNIT[rest.toLowerCase()];
  if (unit === undefined || (rest !== '' && !/[kmgtKMGT]/.test(rest))) return undefined;
  const bytes = n * unit;
  return bytes > U64_MAX ? undefined : bytes; // "*result/G != n": the multiplication overflowed
}

/**
 * Parses a HotSpot size (the text after `-Xmx`, `-XX:MaxMetaspaceSize=`, …) to bytes, or says
 * why HotSpot refuses it. Differences from the memory calculators' `ParseSize` (test-backed in
 * hotspot-size.test.ts): HotSpot does not trim whitespace, accepts hexadecimal (`0x1` = 1 byte),
 * has no `b` suffix (CF's calculator has one) and refuses values above 2^64 - 1 (libjvm wraps).
 * Bytes above 2^53 are rounded to the nearest double.
 */
export function parseHotSpotSize(text: string): SizeResult {
  const bytes = atojulong(text);
  if (bytes !== undefined) return { ok: true, bytes: Number(bytes) };
  return { ok: false, reason: explainBadSize(text) };
}

/** The shortest exact HotSpot spelling of a byte count: 1610612736 → "1536m", 1000 → "1000". */
export function hotSpotSpelling(bytes: bigint | number): string {
  const b = BigInt(bytes);
  if (b > 0n) {
    for (const suffix of ['t', 'g', 'm', 'k'] as const) {
      const unit = UNIT[suffix] as bigint;
      if (b % unit === 0n) return `${b / unit}${suffix}`;
    }
  }
  return String(b);
}

const SPACE = /[ \t\n\v\f\r]/;

function explainBadSize(text: string): string {
  if (text === '') return 'the size is missing (HotSpot wants digits right after the option, e.g. 512m)';
  if (SPACE.test(text)) return `HotSpot sizes cannot contain spaces: "${text}"`;
  if (text.startsWith('-')) return 'HotSpot sizes cannot be negative';
  if (text.startsWith('=')) return `HotSpot takes no "=" here: use ${text.slice(1)} directly after the option`;
  // number, optional fraction, optional one-letter unit, optional "b"/"i"/"iB" tail (512mb, 1GiB, 2Mi)
  const m = /^\+?([0-9]*)(?:\.([0-9]*))?([kmgtKMGT]?)(i?[bB]|i)?$/.exec(text);
  if (m && (m[1] || m[2])) {
    const [, int = '', frac, unit = '', tail] = m;
    const scale = 10n ** BigInt((frac ?? '').length);
    const exact = (BigInt(int || '0') * scale + BigInt(frac || '0')) * (UNIT[unit.toLowerCase()] as bigint);
    const use = hotSpotSpelling(exact / scale); // rounded down to a whole byte
    if (frac !== undefined) return `HotSpot sizes are whole numbers: use ${use}`;
    if (text.startsWith('+')) return `HotSpot sizes must start with a digit: use ${use}`;
    if (exact / scale > U64_MAX) return 'the size exceeds 2^64 - 1 bytes, the largest HotSpot can represent';
    if (tail !== undefined && unit === '' && /^[bB]$/.test(tail)) return `HotSpot sizes have no "b" suffix: use ${use}`;
    if (tail !== undefined) return `HotSpot size suffixes are one letter (k, m, g, t; all binary): use ${use}`;
  }
  return `"${text}" is not a HotSpot size: digits with an optional k, m, g or t suffix`;
}

/**
 * A port of how `Arguments::parse_argument` reads the value of a double flag such as
 * `-XX:MaxRAMPercentage=<value>` (JDK 11–21):
 * 1. text shaped `[-0-9]+ "." [0-9eE+-]+` goes to `set_fp_numeric_flag`: `strtod` must consume
 *    all of it and not overflow (`75.0`, `1.5e1`);
 * 2. otherwise text made only of `[-kmgtxKMGTX0-9a-fA-F]` goes to `set_numeric_flag`, which
 *    refuses a leading `-` for a double flag and otherwise parses with `atojulong`
 *    (so `75` and even `0x4B` or `1k` are accepted, the last then failing the range check);
 * 3. anything else ("75%", "75.", ".5", "75,5") is "Improperly specified VM option".
 * The range check (0–100 for the RAM percentages) is the caller's.
 */
export function parseHotSpotDouble(text: string): DoubleResult {
  if (/^[-0-9]+\.[0-9eE+-]+$/.test(text)) {
    if (/^-?[0-9]+\.[0-9]*(?:[eE][+-]?[0-9]+)?$/.test(text)) {
      const value = Number(text);
      const mantissaIsZero = !/[1-9]/.test(text.split(/[eE]/)[0] as string);
      if (Number.isFinite(value) && (value !== 0 || mantissaIsZero)) return { ok: true, value };
      return { ok: false, reason: `${text} is out of the range of a double (strtod ERANGE)` };
    }
    return { ok: false, reason: `"${text}" is not a number HotSpot can read` };
  }
  if (/^[-kmgtxKMGTX0-9a-fA-F]+$/.test(text)) {
    if (text.startsWith('-')) return { ok: false, reason: 'HotSpot reads a negative whole number only for integer flags: write it as a decimal like -5.0 (which the range check will then refuse)' };
    const n = atojulong(text);
    if (n !== undefined) return { ok: true, value: Number(n) };
  }
  const pct = /^([0-9]+(?:\.[0-9]+)?)\s*%$/.exec(text);
  if (pct) return { ok: false, reason: `HotSpot percentages are plain numbers: use ${pct[1]}` };
  if (/^[0-9]+\.$/.test(text)) return { ok: false, reason: `HotSpot needs a digit after the decimal point: use ${text.slice(0, -1)} or ${text}0` };
  if (/^\.[0-9]+$/.test(text)) return { ok: false, reason: `HotSpot needs a digit before the decimal point: use 0${text}` };
  if (/^[0-9]+,[0-9]+$/.test(text)) return { ok: false, reason: `HotSpot reads a decimal point, not a comma: use ${text.replace(',', '.')}` };
  if (text === '') return { ok: false, reason: 'the value is missing' };
  return { ok: false, reason: `"${text}" is not a number HotSpot can read` };
}
