/**
 * A port of the Paketo libjvm memory calculator's `calc` package (paketo-buildpacks/libjvm@53eac905,
 * Apache-2.0), the oracle for oomlint's worst-case JVM budget. The facts, formulas and error texts
 * are from ../shared/corpus/jvm/README.md (with calc/*.go line numbers); no code is copied. The
 * Cloud Foundry calculator is in cf-memory-calculator.ts, libjvm's launch-time helper in
 * memory-calculator-helper.ts.
 *
 * Numbers are doubles: exact up to 2^53 bytes (8 PiB); the Go code uses int64.
 */

export const KIBI = 1024;
export const MEBI = 1024 * KIBI;
export const GIBI = 1024 * MEBI;
export const TEBI = 1024 * GIBI;

/** calc/calculator.go:24-25 */
export const CLASS_SIZE = 5_800;
export const CLASS_OVERHEAD = 14_000_000;
/** calc/direct_memory.go:26, calc/reserved_code_cache.go:26, calc/stack.go:26 */
export const DEFAULT_DIRECT_MEMORY = 10 * MEBI;
export const DEFAULT_RESERVED_CODE_CACHE = 240 * MEBI;
export const DEFAULT_STACK = 1 * MEBI;

// ---------------------------------------------------------------------------------------------
// Sizes (calc/size.go; the CF calculator's memory/size.go shares String).

/** Go's `unicode.IsSpace`, used by `strings.TrimSpace` (JS `trim` differs: it trims U+FEFF, keeps U+0085). */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
export const goTrimSpace = (s: string): string => s.replace(GO_SPACE, '');

const INT64_MAX = 2n ** 63n - 1n;
const UNITS: Readonly<Record<string, bigint>> = { '': 1n, b: 1n, k: 1024n, m: 1024n ** 2n, g: 1024n ** 3n, t: 1024n ** 4n };

/** The number and unit letter of a size, or an error like Go's (message wording not asserted by the oracle). */
function parseSizeWith(pattern: RegExp, s: string, what: string): number {
  const trimmed = goTrimSpace(s);
  const m = pattern.exec(trimmed);
  if (!m) throw new Error(`${what} ${JSON.stringify(trimmed)} does not match pattern ${JSON.stringify(pattern.source)}`);
  const n = BigInt(m[1] as string);
  if (n > INT64_MAX) throw new Error(`unable to parse ${JSON.stringify(m[1])}: value out of range`); // strconv.ParseInt
  // `size *= Tebi` is unchecked int64 multiplication in Go: it wraps.
  return Number(BigInt.asIntN(64, n * (UNITS[(m[2] as string).toLowerCase()] as bigint)));
}

/** libjvm `ParseSize` (calc/size.go:51-76): TrimSpace, `^([\d]+)([kmgtKMGT]?)$`, ParseInt, × unit. No `b`, no fractions. */
export const parseSize = (s: string): number => parseSizeWith(/^([0-9]+)([kmgtKMGT]?)$/, s, 'memory size');

/** Cloud Foundry `memory.ParseSize` (memory/size.go:33-35): like libjvm's but `b`/`B` (bytes) is a suffix too. */
export const parseCfSize = (s: string): number => parseSizeWith(/^([0-9]+)([bkmgtBKMGT]?)$/, s, 'memory size');

/** libjvm `ParseUnit` (calc/size.go:102-117), for the unit after MemAvailable in /proc/meminfo. All binary. */
export function parseUnit(s: string): number {
  const unit = goTrimSpace(s);
  const table: Readonly<Record<string, number>> = { '': 1, B: 1, kB: KIBI, KB: KIBI, KiB: KIBI, MB: MEBI, MiB: MEBI, GB: GIBI, GiB: GIBI, TB: TEBI, TiB: TEBI };
  const value = table[unit];
  if (value === undefined) throw new Error(`unrecognized unit ${JSON.stringify(unit)}`);
  return value;
}

/**
 * `Size.String` (calc/size.go:78-98, memory/size.go:66-86): floor to whole KiB; "0" below 1K; else the
 * largest of T, G, M whose size divides the KiB count exactly, or K. (Division by 1024 is exact in doubles.)
 */
export function sizeString(bytes: number): string {
  const b = Math.trunc(bytes / KIBI);
  if (b === 0) return '0';
  for (const [unit, kib] of [['T', TEBI / KIBI], ['G', GIBI / KIBI], ['M', MEBI / KIBI]] as const) {
    if (b % kib === 0) return `${b / kib}${unit}`;
  }
  return `${b}K`;
}

// ---------------------------------------------------------------------------------------------
// Regions and their flags (calc/{direct_memory,heap,metaspace,reserved_code_cache,stack}.go).

export type Provenance = 'Default' | 'UserConfigured' | 'Calculated';
export interface Region {
  value: number;
  provenance: Provenance;
}
export type RegionName = 'directMemory' | 'heap' | 'metaspace' | 'reservedCodeCache' | 'stack';

/** Each flag's prefix; the token must be `^<prefix>([\d]+)([kmgtKMGT]?)$` after TrimSpace. */
export const REGION_FLAGS: Readonly<Record<RegionName, string>> = {
  directMemory: '-XX:MaxDirectMemorySize=',
  heap: '-Xmx',
  metaspace: '-XX:MaxMetaspaceSize=',
  reservedCodeCache: '-XX:ReservedCodeCacheSize=',
  stack: '-Xss',
};
/** The order the regions are parsed and (by the helper) emitted in. */
export const REGION_ORDER: readonly RegionName[] = ['directMemory', 'heap', 'metaspace', 'reservedCodeCache', 'stack'];

const flagPattern = (region: RegionName): RegExp => new RegExp(`^${REGION_FLAGS[region].replace(/[-=]/g, '\\$&')}([0-9]+[kmgtKMGT]?)$`);

/** `MatchHeap`, `MatchStack`, …: is `token` this region's flag with a valid size? */
export const matchRegionFlag = (region: RegionName, token: string): boolean => flagPattern(region).test(goTrimSpace(token));

/** `ParseHeap`, `ParseStack`, …: the size in a token `matchRegionFlag` accepted. */
export function parseRegionFlag(region: RegionName, token: string): number {
  const m = flagPattern(region).exec(goTrimSpace(token));
  if (!m) throw new Error(`${JSON.stringify(token)} does not match ${REGION_FLAGS[region]}`);
  return parseSize(m[1] as string);
}

/** `Heap.String()` → "-Xmx1K" etc.; `HeadRoom.String()` is the bare size. */
export const regionFlagString = (region: RegionName | 'headRoom', bytes: number): string => (region === 'headRoom' ? '' : REGION_FLAGS[region]) + sizeString(bytes);

export interface MemoryRegions {
  directMemory: Region;
  heap?: Region;
  metaspace?: Region;
  reservedCodeCache: Region;
  stack: Region;
  headRoom?: Region;
}

/**
 * Splits like go-shellwords (calc/memory_regions.go:42): white space separates words; '…' and "…"
 * group them; a backslash escapes the next character outside single quotes. (go-shellwords' handling
 * of unquoted ; & | < > and of $VAR is not modelled.)
 */
export function shellWords(s: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quote === undefined && (c === ' ' || c === '\t' || c === '\r' || c === '\n')) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (c === '\\' && quote !== "'") {
      word += s[++i] ?? '';
      inWord = true;
    } else if ((c === "'" || c === '"') && (quote === undefined || quote === c)) {
      quote = quote === undefined ? c : undefined;
      inWord = true;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== undefined) throw new Error('invalid command line string');
  if (inWord) words.push(word);
  return words;
}

/** `NewMemoryRegionsFromFlags` (calc/memory_regions.go:35-82): recognised flags are UserConfigured; other tokens are ignored. */
export function memoryRegionsFromFlags(flags: string): MemoryRegions {
  const regions: MemoryRegions = {
    directMemory: { value: DEFAULT_DIRECT_MEMORY, provenance: 'Default' },
    reservedCodeCache: { value: DEFAULT_RESERVED_CODE_CACHE, provenance: 'Default' },
    stack: { value: DEFAULT_STACK, provenance: 'Default' },
  };
  for (const token of shellWords(flags)) {
    for (const region of REGION_ORDER) {
      if (matchRegionFlag(region, token)) regions[region] = { value: parseRegionFlag(region, token), provenance: 'UserConfigured' };
    }
  }
  return regions;
}

// calc/memory_regions.go:85-146. The `…Size` functions throw Go's error texts.
export function fixedRegionsSize(m: MemoryRegions, threadCount: number): number {
  if (!m.metaspace) throw new Error('unable to calculate fixed regions size without metaspace');
  return m.directMemory.value + m.metaspace.value + m.reservedCodeCache.value + m.stack.value * threadCount;
}
export function fixedRegionsString(m: MemoryRegions, threadCount: number): string {
  const parts = [regionFlagString('directMemory', m.directMemory.value)];
  if (m.metaspace) parts.push(regionFlagString('metaspace', m.metaspace.value));
  parts.push(regionFlagString('reservedCodeCache', m.reservedCodeCache.value), `${regionFlagString('stack', m.stack.value)} * ${threadCount} threads`);
  return parts.join(', ');
}
export function nonHeapRegionsSize(m: MemoryRegions, threadCount: number): number {
  if (!m.headRoom) throw new Error('unable to calculate non-heap regions size without headroom');
  return m.headRoom.value + fixedRegionsSize(m, threadCount);
}
export function nonHeapRegionsString(m: MemoryRegions, threadCount: number): string {
  const fixed = fixedRegionsString(m, threadCount);
  return m.headRoom ? `${sizeString(m.headRoom.value)} headroom, ${fixed}` : fixed;
}
/** Note: libjvm tests `HeadRoom == nil` here although the message says "without heap" (memory_regions.go:85). */
export function allRegionsSize(m: MemoryRegions, threadCount: number): number {
  if (!m.headRoom) throw new Error('unable to calculate all regions size without heap');
  return (m.heap?.value ?? 0) + nonHeapRegionsSize(m, threadCount);
}
/** Prints -Xmx only when headroom is set, like libjvm (memory_regions.go:103-105). */
export function allRegionsString(m: MemoryRegions, threadCount: number): string {
  const nonHeap = nonHeapRegionsString(m, threadCount);
  return m.headRoom && m.heap ? `${regionFlagString('heap', m.heap.value)}, ${nonHeap}` : nonHeap;
}

// ---------------------------------------------------------------------------------------------
// The calculator (calc/calculator.go:41-93).

export interface CalculatorInput {
  totalMemory: number;
  /** Percent of totalMemory kept free; any integer (libjvm has no range check). */
  headRoom: number;
  loadedClassCount: number;
  threadCount: number;
}
export type CalculatorResult = { ok: true; regions: MemoryRegions } | { ok: false; error: string };

export function calculate(input: CalculatorInput, flags: string): CalculatorResult {
  try {
    return { ok: true, regions: calculateOrThrow(input, flags) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

function calculateOrThrow({ totalMemory: total, headRoom, loadedClassCount, threadCount }: CalculatorInput, flags: string): MemoryRegions {
  const m = memoryRegionsFromFlags(flags);
  m.metaspace ??= { value: CLASS_OVERHEAD + CLASS_SIZE * loadedClassCount, provenance: 'Calculated' };
  const available = (required: number, what: string, list: string): Error =>
    new Error(`${what} require ${sizeString(required)} which is greater than ${sizeString(total)} available for allocation: ${list}`);
  const fixed = fixedRegionsSize(m, threadCount);
  if (fixed > total) throw available(fixed, 'fixed memory regions', fixedRegionsString(m, threadCount));
  m.headRoom = { value: Math.trunc((headRoom / 100) * total), provenance: 'Calculated' }; // int64((float64(HeadRoom)/100) * float64(Total))
  const nonHeap = nonHeapRegionsSize(m, threadCount);
  if (nonHeap > total) throw available(nonHeap, 'non-heap memory regions', nonHeapRegionsString(m, threadCount));
  m.heap ??= { value: total - nonHeap, provenance: 'Calculated' };
  const all = allRegionsSize(m, threadCount);
  if (all > total) throw available(all, 'all memory regions', allRegionsString(m, threadCount));
  return m;
}

/** The flags the helper appends for regions the user did not configure, in libjvm's order (direct, -Xmx, metaspace, code cache, -Xss). */
export function calculatedFlags(m: MemoryRegions): string[] {
  return REGION_ORDER.flatMap((name) => {
    const region = m[name];
    return region && region.provenance !== 'UserConfigured' ? [regionFlagString(name, region.value)] : [];
  });
}
