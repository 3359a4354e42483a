/**
 * .NET (CoreCLR) GC heap limits, read exactly as the runtime reads them.
 *
 * Where the facts come from (dotnet/runtime):
 * - src/coreclr/gc/gcconfig.h: the settings and their public runtimeconfig.json names,
 *   `GCHeapHardLimit` / `System.GC.HeapHardLimit`, `GCHeapHardLimitPercent` /
 *   `System.GC.HeapHardLimitPercent`, the per-object-heap `GCHeapHardLimit{SOH,LOH,POH}[Percent]`
 *   / `System.GC.HeapHardLimit{SOH,LOH,POH}[Percent]`, and `GCTotalPhysicalMemory` (no public name).
 * - src/coreclr/vm/gcenv.ee.cpp `GCToEEInterface::GetIntConfigValue`: an environment value is read
 *   with `u16_strtoui64(value, &end, 16)`, i.e. as HEXADECIMAL whether or not it starts with `0x`.
 *   When no digit is read (`end == value`) or the number overflows 64 bits (ERANGE) the setting is
 *   treated as not set. Anything after the last hex digit is ignored. Only when the environment
 *   variable is not set is the runtimeconfig.json value used, through
 *   `Configuration::GetKnobULONGLONGValue` = `u16_strtoui64(value, nullptr, 0)`: decimal, `0x` hex,
 *   and (a C quirk) a leading `0` means octal.
 * - On Linux `u16_strtoui64` is glibc `strtoull` (src/coreclr/pal/src/cruntime/wchar.cpp): leading
 *   whitespace skipped, an optional `+`/`-` (a `-` negates modulo 2^64), `0x`/`0X` skipped in base 16.
 * - src/coreclr/utilcode/clrconfig.cpp `EnvGetString`: the variable looked up is `DOTNET_<name>`,
 *   then `COMPlus_<name>` (DOTNET_ wins; an empty value counts as not set). The PAL compares
 *   environment names byte for byte (src/coreclr/pal/src/misc/environ.cpp `FindEnvVarValue`), so on
 *   Linux only the exact spelling `DOTNET_GCHeapHardLimit` works. runtimeconfig.json property names
 *   are compared with u16_strcmp (src/coreclr/vm/configuration.cpp), also case-sensitively.
 * - src/coreclr/gc/gc.cpp `gc_heap::compute_hard_limit`: `GCHeapHardLimit` is used when non-zero;
 *   per-object-heap limits, when given, replace it. `GCHeapHardLimitPercent` is cast to uint32 and
 *   used only when no byte limit is set and only when `0 < percent < 100` (100 itself is ignored);
 *   it is a percentage of the container memory limit (or of physical memory outside a container).
 *   The per-object-heap percentages must each be below 100 (SOH and LOH also above 0) and sum to
 *   less than 100, otherwise GC initialisation fails with CLR_E_GC_BAD_HARD_LIMIT and the runtime
 *   does not start.
 * - gc.cpp `gc_heap::compute_memory_settings`: with no hard limit configured, a 64-bit process in a
 *   memory-restricted container gets `max(20 MiB, 75% of the container limit)` as its hard limit
 *   (since .NET Core 3.0; learn.microsoft.com "Runtime configuration options for garbage
 *   collection", Heap hard limit). See {@link dotnetDefaultHeapHardLimit}.
 * - The docs say the same: "use decimal notation for settings in runtimeconfig.json ... and
 *   hexadecimal notation for environment variable settings ... with or without the 0x prefix"; to
 *   limit the heap to 30 %, the value is 30 in JSON and 0x1E or 1E in the environment.
 */

export type DotnetGcSetting =
  | 'GCHeapHardLimit'
  | 'GCHeapHardLimitPercent'
  | 'GCHeapHardLimitSOH'
  | 'GCHeapHardLimitLOH'
  | 'GCHeapHardLimitPOH'
  | 'GCHeapHardLimitSOHPercent'
  | 'GCHeapHardLimitLOHPercent'
  | 'GCHeapHardLimitPOHPercent'
  | 'GCTotalPhysicalMemory';

const SETTINGS: readonly DotnetGcSetting[] = [
  'GCHeapHardLimit',
  'GCHeapHardLimitPercent',
  'GCHeapHardLimitSOH',
  'GCHeapHardLimitLOH',
  'GCHeapHardLimitPOH',
  'GCHeapHardLimitSOHPercent',
  'GCHeapHardLimitLOHPercent',
  'GCHeapHardLimitPOHPercent',
  'GCTotalPhysicalMemory',
];

/** runtimeconfig.json `configProperties` names (GCTotalPhysicalMemory has none). */
const PUBLIC_NAMES: ReadonlyMap<string, DotnetGcSetting> = new Map(
  SETTINGS.filter((s) => s !== 'GCTotalPhysicalMemory').map((s) => [`System.GC.${s.slice(2)}`, s] as const),
);

export interface DotnetHeapSetting {
  /** The name as given: `DOTNET_GCHeapHardLimit`, `COMPlus_GCHeapHardLimitPercent`, `System.GC.HeapHardLimit`. */
  name: string;
  /** The GC setting it configures. */
  setting: DotnetGcSetting;
  /** Where the value comes from: an environment variable (read as hex) or runtimeconfig.json. */
  from: 'environment' | 'runtimeconfig';
  /** The environment prefix as written (`DOTNET_` takes precedence over `COMPlus_`). */
  prefix?: string;
  text: string;
  /**
   * The value as the runtime reads it: bytes, or the percentage after the runtime's uint32 cast.
   * 0 when the runtime treats the setting as not set (empty, no digits, 64-bit overflow).
   * A double, so byte counts above 2^53 are approximate.
   */
  value: number;
  /** True when the runtime read the digits as hexadecimal. */
  readAsHex: boolean;
  /** Digits only (no `0x`, no a-f): the author probably meant a decimal number. */
  looksDecimal: boolean;
  /** The text read as a decimal number; NaN unless {@link looksDecimal}. */
  decimalReading: number;
  /** True for the *Percent settings. */
  percent?: boolean;
  /** False when the runtime ignores this value (not set, 0, out of range, misspelled name). */
  effective: boolean;
  /** Why the value is ignored, out of range, fatal or only partly read. */
  reason?: string;
  /**
   * For an environment variable that looks decimal but is read as hex: the hex spelling of what the
   * author meant (`536870912` → `0x20000000`, percent `75` → `0x4B`), when that value is usable.
   */
  suggestion?: string;
}

interface StrtoullResult {
  /** The uint64 result (wrapped for '-'), 0 when nothing was read or on overflow. */
  value: bigint;
  /** Index just after the last character consumed; 0 when no digit was read (end == start). */
  end: number;
  overflow: boolean;
  negative: boolean;
  /** The radix the digits were read in. */
  radix: 8 | 10 | 16;
}

const UINT64 = 1n << 64n;
const IS_SPACE = /[ \t\n\v\f\r]/;

/** glibc strtoull(text, &end, base) for base 16 and base 0. */
function strtoull(text: string, base: 0 | 16): StrtoullResult {
  let i = 0;
  while (i < text.length && IS_SPACE.test(text[i] as string)) i++;
  let negative = false;
  if (text[i] === '+' || text[i] === '-') {
    negative = text[i] === '-';
    i++;
  }
  let radix: 8 | 10 | 16 = base === 16 ? 16 : 10;
  const isHexDigit = (c: string | undefined): boolean => c !== undefined && /[0-9a-fA-F]/.test(c);
  if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && isHexDigit(text[i + 2])) {
    radix = 16;
    i += 2;
  } else if (base === 0 && text[i] === '0') {
    radix = 8;
  }
  const digitValue = (c: string): number => {
    const d = parseInt(c, 36);
    return Number.isNaN(d) || d >= radix ? -1 : d;
  };
  const start = i;
  let value = 0n;
  let overflow = false;
  while (i < text.length) {
    const d = digitValue(text[i] as string);
    if (d < 0) break;
    value = value * BigInt(radix) + BigInt(d);
    if (value >= UINT64) overflow = true;
    i++;
  }
  if (i === start) return { value: 0n, end: 0, overflow: false, negative, radix };
  if (overflow) return { value: 0n, end: i, overflow: true, negative, radix };
  if (negative && value !== 0n) value = UINT64 - value;
  return { value, end: i, overflow: false, negative, radix };
}

/**
 * Recognise a GC heap-limit setting by name and read its value as the runtime does.
 * `name` is an environment variable (`DOTNET_…`/`COMPlus_…`) or a runtimeconfig.json
 * `configProperties` key (`System.GC.…`). Returns undefined for unrelated names.
 */
export function parseDotnetHeapSetting(name: string, text: string): DotnetHeapSetting | undefined {
  const env = /^(dotnet_|complus_)(.*)$/i.exec(name);
  let setting: DotnetGcSetting | undefined;
  let from: DotnetHeapSetting['from'];
  let prefix: string | undefined;
  let misspelled: string | undefined;
  if (env) {
    prefix = env[1] as string;
    const rest = env[2] as string;
    setting = SETTINGS.find((s) => s.toLowerCase() === rest.toLowerCase());
    if (setting === undefined) return undefined;
    from = 'environment';
    const canonical = `${prefix.toUpperCase() === 'DOTNET_' ? 'DOTNET_' : 'COMPlus_'}${setting}`;
    if (name !== canonical)
      misspelled = `environment variable names are case-sensitive on Linux: the runtime looks up ${canonical} exactly, so ${name} is ignored`;
  } else {
    const exact = PUBLIC_NAMES.get(name);
    const folded = [...PUBLIC_NAMES].find(([k]) => k.toLowerCase() === name.toLowerCase());
    if (exact === undefined && folded === undefined) return undefined;
    setting = exact ?? (folded as [string, DotnetGcSetting])[1];
    from = 'runtimeconfig';
    // runtimeconfig.json property lookup is an ordinal (case-sensitive) comparison in the host.
    if (exact === undefined) misspelled = `runtimeconfig.json property names are case-sensitive: expected ${(folded as [string, DotnetGcSetting])[0]}`;
  }

  const percent = setting.endsWith('Percent');
  const trimmed = text.trim();
  const looksDecimal = /^[0-9]+$/.test(trimmed);
  const decimalReading = looksDecimal ? Number(trimmed) : NaN;
  const parsed = strtoull(text, from === 'environment' ? 16 : 0);
  const readAsHex = parsed.end > 0 && parsed.radix === 16;

  const base: Omit<DotnetHeapSetting, 'value' | 'effective'> = {
    name,
    setting,
    from,
    ...(prefix !== undefined ? { prefix } : {}),
    text,
    readAsHex,
    looksDecimal,
    decimalReading,
    ...(percent ? { percent: true } : {}),
  };
  const unset = (reason: string): DotnetHeapSetting => ({ ...base, value: 0, effective: false, reason });

  if (from === 'environment' && text === '')
    return unset('an empty environment variable counts as not set, so the default applies');
  if (parsed.end === 0)
    return unset(
      from === 'environment'
        ? 'no hexadecimal digit could be read, so the runtime treats the setting as not set'
        : 'no number could be read, so the runtime reads 0 (not set)',
    );
  if (parsed.overflow) {
    return from === 'environment'
      ? unset('the number does not fit in 64 bits, so the runtime treats the setting as not set')
      : { ...base, value: 2 ** 64 - 1, effective: !misspelled, reason: 'the number does not fit in 64 bits; the runtime reads 2^64-1' };
  }

  // The value the GC works with: size_t (64-bit) for byte counts, uint32 for percentages.
  const raw = parsed.value;
  const value = Number(percent ? raw & 0xffffffffn : raw);
  const notes: string[] = [];
  let effective = !misspelled;
  if (misspelled) notes.push(misspelled);

  const rest = text.slice(parsed.end);
  if (rest.trim() !== '')
    notes.push(
      `only "${text.slice(0, parsed.end).trim()}" is read${readAsHex ? ' (as hexadecimal)' : ''}; the trailing "${rest}" is ignored`,
    );
  if (parsed.negative && raw !== 0n) notes.push(`the '-' sign wraps around modulo 2^64`);
  if (percent && raw > 0xffffffffn) notes.push(`the runtime keeps only the low 32 bits, ${value}`);
  if (parsed.radix === 8 && /^\s*[+-]?0[0-9]/.test(text))
    notes.push(`a leading 0 makes the runtime read the number as octal: ${text.slice(0, parsed.end).trim()} is ${value}`);

  if (value === 0) {
    effective = false;
    notes.push('0 means not set, so the default applies');
  } else if (percent) {
    const perObjectHeap = setting !== 'GCHeapHardLimitPercent';
    if (value >= 100) {
      effective = false;
      notes.push(
        perObjectHeap
          ? `${value}% is not below 100, so GC initialisation fails (CLR_E_GC_BAD_HARD_LIMIT) and the runtime does not start`
          : `${value}% is not below 100, so the runtime ignores it and the default applies`,
      );
    }
  }

  const result: DotnetHeapSetting = { ...base, value, effective };
  if (notes.length > 0) result.reason = notes.join('; ');
  if (from === 'environment' && looksDecimal && value !== decimalReading && decimalReading > 0) {
    const usable = percent ? decimalReading < 100 : Number.isSafeInteger(decimalReading);
    if (usable) result.suggestion = `0x${decimalReading.toString(16).toUpperCase()}`;
  }
  return result;
}

/** 20 MiB: the floor of the default container hard limit. */
export const DOTNET_MIN_DEFAULT_HEAP_HARD_LIMIT = 20 * 1024 * 1024;

/**
 * The GC heap hard limit a 64-bit .NET Core 3.0+ process gets in a container with a memory limit
 * when no heap limit is configured: max(20 MiB, 75% of the limit), rounded down as the runtime's
 * integer arithmetic does. Undefined without a (finite, positive) limit: no default hard limit.
 */
export function dotnetDefaultHeapHardLimit(containerLimitBytes: number | undefined): number | undefined {
  if (containerLimitBytes === undefined || !Number.isFinite(containerLimitBytes) || containerLimitBytes <= 0) return undefined;
  const limit = BigInt(Math.floor(containerLimitBytes));
  return Math.max(DOTNET_MIN_DEFAULT_HEAP_HARD_LIMIT, Number((limit * 75n) / 100n));
}

/**
 * The hard limit `GCHeapHardLimitPercent` yields: total × percent / 100, rounded down, where total is
 * the container memory limit (or physical memory). Undefined when the runtime ignores the percentage
 * (not 0 < percent < 100).
 */
export function dotnetHeapHardLimitFromPercent(percent: number, totalBytes: number): number | undefined {
  if (!(percent > 0 && percent < 100) || !Number.isInteger(percent)) return undefined;
  if (!Number.isFinite(totalBytes) || totalBytes < 0) return undefined;
  return Number((BigInt(Math.floor(totalBytes)) * BigInt(percent)) / 100n);
}
