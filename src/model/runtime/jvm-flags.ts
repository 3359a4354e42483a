/**
 * JVM option tokens → the memory-relevant HotSpot settings, with the start-up errors HotSpot would
 * raise. Facts are from openjdk/jdk (JDK 17–21) src/hotspot/share/runtime/arguments.cpp
 * (`parse_each_vm_init_arg`, `parse_argument`, `process_argument`, `parse_xss`), gc/shared/
 * gcArguments.cpp (`initialize_heap_flags_and_sizes`), compiler/compilerDefinitions.cpp
 * (`check_args_consistency`), gc/shared/gcConfig.cpp and gc_globals.hpp (flag ranges).
 */
import type { Source } from '../source.js';
import { GIB, KIB, MIB, hotSpotSpelling, parseHotSpotDouble, parseHotSpotSize } from './hotspot-size.js';
import { ENVIRONMENT_ORIGINS } from './jvm-options-string.js';

export { JVM_OPTION_PRECEDENCE, splitJvmOptionsString, tokenizeJvmOptions } from './jvm-options-string.js';

/** origin: 'JAVA_TOOL_OPTIONS' | 'JDK_JAVA_OPTIONS' | 'command line' | '_JAVA_OPTIONS' | 'JAVA_OPTS' | … (free text, shown in messages). */
export interface JvmToken {
  text: string;
  source: Source;
  origin: string;
}
export interface JvmFlag<T> {
  value: T;
  /** The token as written. */
  text: string;
  source: Source;
  origin: string;
}
export type GarbageCollector = 'serial' | 'parallel' | 'g1' | 'z' | 'shenandoah' | 'epsilon';

export interface JvmSettings {
  /** -Xmx / -XX:MaxHeapSize, bytes. */
  maxHeap?: JvmFlag<number>;
  /** -Xms / -XX:InitialHeapSize, bytes (0 = "let ergonomics choose"). */
  initialHeap?: JvmFlag<number>;
  maxRamPercentage?: JvmFlag<number>;
  initialRamPercentage?: JvmFlag<number>;
  minRamPercentage?: JvmFlag<number>;
  maxRam?: JvmFlag<number>;
  maxMetaspace?: JvmFlag<number>;
  reservedCodeCache?: JvmFlag<number>;
  maxDirectMemory?: JvmFlag<number>;
  /** Bytes per thread: -Xss rounded up to whole KiB as HotSpot stores it, or -XX:ThreadStackSize (given in KiB) × 1024. 0 = platform default. */
  threadStack?: JvmFlag<number>;
  tieredCompilation?: JvmFlag<boolean>;
  useContainerSupport?: JvmFlag<boolean>;
  /** -XX:MaxRAMFraction=n (deprecated since JDK 10): used as MaxRAMPercentage = 100 / n when MaxRAMPercentage is not set. */
  maxRamFraction?: JvmFlag<number>;
  /** -XX:MinRAMFraction=n (deprecated since JDK 10): MinRAMPercentage = 100 / n likewise. */
  minRamFraction?: JvmFlag<number>;
  /** The collector chosen with -XX:+Use…GC (exactly one; several is a start-up error). */
  gc?: JvmFlag<GarbageCollector>;
  /** Options HotSpot refuses at start-up. `jvmError` is what the JVM prints, when known. */
  invalid: Array<{ token: JvmToken; reason: string; jvmError?: string }>;
}

type SizeKey = 'maxHeap' | 'initialHeap' | 'maxRam' | 'maxMetaspace' | 'reservedCodeCache' | 'maxDirectMemory';
type PercentKey = 'maxRamPercentage' | 'initialRamPercentage' | 'minRamPercentage';

/** -XX: size flags parsed by `parse_argument` → `set_numeric_flag` → `atojulong`. */
const XX_SIZE: Readonly<Record<string, SizeKey>> = {
  InitialHeapSize: 'initialHeap',
  MaxRAM: 'maxRam',
  MaxMetaspaceSize: 'maxMetaspace',
  MaxDirectMemorySize: 'maxDirectMemory',
};
/** double flags, `range(0.0, 100.0)` in gc_globals.hpp. */
const XX_PERCENT: Readonly<Record<string, PercentKey>> = {
  MaxRAMPercentage: 'maxRamPercentage',
  InitialRAMPercentage: 'initialRamPercentage',
  MinRAMPercentage: 'minRamPercentage',
};
/** uintx flags, `range(1, max_uintx)`. */
const XX_FRACTION: Readonly<Record<string, 'maxRamFraction' | 'minRamFraction' | undefined>> = {
  MaxRAMFraction: 'maxRamFraction',
  MinRAMFraction: 'minRamFraction',
  InitialRAMFraction: undefined,
};
const XX_GC: Readonly<Record<string, GarbageCollector>> = {
  UseSerialGC: 'serial',
  UseParallelGC: 'parallel',
  UseG1GC: 'g1',
  UseZGC: 'z',
  UseShenandoahGC: 'shenandoah',
  UseEpsilonGC: 'epsilon',
};
const XX_BOOL: readonly string[] = ['UseContainerSupport', 'TieredCompilation', 'IgnoreUnrecognizedVMOptions', ...Object.keys(XX_GC)];
/** Flags HotSpot parses in `parse_each_vm_init_arg` before `-XX:` processing (JDK 17+). */
const XX_EARLY: readonly string[] = ['MaxHeapSize', 'ReservedCodeCacheSize'];
const KNOWN_NON_BOOL = [...XX_EARLY, 'ThreadStackSize', ...Object.keys(XX_SIZE), ...Object.keys(XX_PERCENT), ...Object.keys(XX_FRACTION)];
const KNOWN_BY_LOWER = new Map([...XX_BOOL, ...KNOWN_NON_BOOL].map((name) => [name.toLowerCase(), name]));

/** ThreadStackSize `range(0, 1 * M)` (in KiB); parse_xss uses the same limits scaled by K. */
const MAX_STACK_KIB = 1024 * 1024;
/** Default InitialCodeCacheSize on x86-64 with C2 (c2_globals_x86.hpp), the floor for ReservedCodeCacheSize. */
const INITIAL_CODE_CACHE = 2496 * KIB;
/** CODE_CACHE_SIZE_LIMIT (codeCache.hpp). */
const CODE_CACHE_LIMIT = 2 * GIB;

/** Parses tokens given in precedence order (lowest first, see JVM_OPTION_PRECEDENCE); the last occurrence of a flag wins. */
export function parseJvmOptions(tokens: readonly JvmToken[]): JvmSettings {
  const s: JvmSettings = { invalid: [] };
  const order = new Map<object, number>(); // flag → index of its token, to report on the later of two
  const bad = (token: JvmToken, reason: string, jvmError?: string): void => {
    s.invalid.push(jvmError === undefined ? { token, reason } : { token, reason, jvmError });
  };
  const set = <K extends keyof Omit<JvmSettings, 'invalid'>>(key: K, token: JvmToken, value: NonNullable<JvmSettings[K]>['value'], index: number): void => {
    const flag = { value, text: token.text, source: token.source, origin: token.origin } as NonNullable<JvmSettings[K]>;
    s[key] = flag;
    order.set(flag, index);
  };
  // match_special_option_and_act reads ±IgnoreUnrecognizedVMOptions from every source before any flag is parsed.
  let ignoreUnrecognized = false;
  for (const t of tokens) {
    if (t.text === '-XX:+IgnoreUnrecognizedVMOptions') ignoreUnrecognized = true;
    if (t.text === '-XX:-IgnoreUnrecognizedVMOptions') ignoreUnrecognized = false;
  }
  const gcs = new Map<GarbageCollector, { on: boolean; token: JvmToken; index: number }>();

  tokens.forEach((token, index) => {
    const text = token.text;
    const size = (tail: string, min: number, jvmError: string): number | undefined => {
      const r = parseHotSpotSize(tail);
      if (!r.ok) return void bad(token, r.reason, `${jvmError}: ${text}`);
      if (r.bytes < min) return void bad(token, 'HotSpot refuses a size of 0 here', `${jvmError}: ${text}`);
      return r.bytes;
    };
    if (text.startsWith('-Xmn')) return; // young generation: not budgeted
    if (text.startsWith('-Xms')) {
      const v = size(text.slice(4), 0, 'Invalid initial heap size'); // 0 = ergonomics
      if (v !== undefined) set('initialHeap', token, v, index);
    } else if (text.startsWith('-Xmx') || text.startsWith('-XX:MaxHeapSize=')) {
      const v = size(text.slice(text.startsWith('-Xmx') ? 4 : 16), 1, 'Invalid maximum heap size');
      if (v !== undefined) set('maxHeap', token, v, index);
    } else if (text.startsWith('-Xss')) {
      const v = size(text.slice(4), 0, 'Invalid thread stack size');
      if (v === undefined) return;
      if (v > MAX_STACK_KIB * KIB) return bad(token, 'HotSpot thread stacks are at most 1g', `Invalid thread stack size: ${text}`);
      set('threadStack', token, Math.ceil(v / KIB) * KIB, index); // parse_xss: align_up(size, K)
    } else if (text.startsWith('-Xmaxjitcodesize') || text.startsWith('-XX:ReservedCodeCacheSize=')) {
      const v = size(text.slice(text.startsWith('-Xmax') ? 16 : 26), 1, 'Invalid maximum code cache size');
      if (v !== undefined) set('reservedCodeCache', token, v, index);
    } else if (text.startsWith('-XX:')) {
      xxOption(token, text.slice(4), index);
    }
  });

  function xxOption(token: JvmToken, body: string, index: number): void {
    const m = /^([+-]?)([A-Za-z0-9_]+)(?:(=)([^]*))?$/.exec(body);
    if (!m) return;
    const [, sign = '', name = '', eq, value = ''] = m;
    const isBool = XX_BOOL.includes(name);
    if (!isBool && !KNOWN_NON_BOOL.includes(name)) {
      const known = KNOWN_BY_LOWER.get(name.toLowerCase());
      if (known && !ignoreUnrecognized) {
        bad(token, `HotSpot flag names are case-sensitive: ${known}`, `Unrecognized VM option '${body.replace(/^[+-]/, '')}'`);
      }
      return;
    }
    const argname = body.replace(/^[+-]/, '');
    if (isBool) {
      if (sign === '' || eq !== undefined) {
        const fix = `-XX:${value === 'false' || value === '0' ? '-' : '+'}${name}`;
        return bad(token, `boolean HotSpot flags are written -XX:+${name} or -XX:-${name}: use ${fix}`, sign === '' ? `Missing +/- setting for VM option '${argname}'` : `Improperly specified VM option '${argname}'`);
      }
      const on = sign === '+';
      if (name === 'UseContainerSupport') set('useContainerSupport', token, on, index);
      else if (name === 'TieredCompilation') set('tieredCompilation', token, on, index);
      const gc = XX_GC[name];
      if (gc) gcs.set(gc, { on, token, index });
      return;
    }
    if (sign !== '') return bad(token, `${name} is not a boolean flag: write -XX:${name}=<value>`, `Unexpected +/- setting in VM option '${argname}'`);
    const improper = `Improperly specified VM option '${argname}'`;
    if (eq === undefined) return bad(token, `${name} needs a value: -XX:${name}=<value>`, improper);
    const pct = XX_PERCENT[name];
    if (pct) {
      const r = parseHotSpotDouble(value);
      if (!r.ok) return bad(token, r.reason, improper);
      if (!(r.value >= 0 && r.value <= 100)) return bad(token, `${name} must be between 0 and 100`, `double ${name}=${r.value.toFixed(6)} is outside the allowed range [ 0.000000 ... 100.000000 ]`);
      return set(pct, token, r.value, index);
    }
    if (name === 'ThreadStackSize') {
      // intx, in KiB: set_numeric_flag accepts a leading '-' for intx, then the range check fails.
      const r = parseHotSpotSize(value.replace(/^-(?=[0-9])/, ''));
      if (!r.ok) return bad(token, r.reason, improper);
      if (value.startsWith('-') || r.bytes > MAX_STACK_KIB) {
        return bad(token, `ThreadStackSize is in KiB and must be between 0 and ${MAX_STACK_KIB} (1g of stack)`, `intx ThreadStackSize=${value.startsWith('-') ? '-' : ''}${r.bytes} is outside the allowed range [ 0 ... ${MAX_STACK_KIB} ]`);
      }
      return set('threadStack', token, r.bytes * KIB, index);
    }
    if (name in XX_FRACTION) {
      const r = parseHotSpotSize(value);
      if (!r.ok) return bad(token, r.reason, improper);
      if (r.bytes < 1) return bad(token, `${name} is a divisor and must be at least 1`, `uintx ${name}=0 is outside the allowed range [ 1 ... 18446744073709551615 ]`);
      const key = XX_FRACTION[name];
      return key ? set(key, token, r.bytes, index) : undefined;
    }
    const key = XX_SIZE[name];
    if (key) {
      const r = parseHotSpotSize(value);
      if (!r.ok) return bad(token, r.reason, improper);
      set(key, token, r.bytes, index);
    }
  }

  // Checks HotSpot makes on the final values, once every source is parsed.
  const tokenOf = (f: JvmFlag<unknown>): JvmToken => ({ text: f.text, source: f.source, origin: f.origin });
  const { maxHeap, initialHeap, reservedCodeCache } = s;
  if (maxHeap && maxHeap.value < 2 * MIB) bad(tokenOf(maxHeap), 'HotSpot needs a maximum heap of at least 2m', 'Too small maximum heap');
  if (initialHeap && initialHeap.value !== 0 && initialHeap.value < MIB) {
    bad(tokenOf(initialHeap), 'HotSpot needs an initial heap of at least 1m (or 0 to let it choose)', 'Too small initial heap');
  }
  if (maxHeap && initialHeap && initialHeap.value > maxHeap.value) {
    // -Xmx, -XX:MaxHeapSize and -Xms are set with FLAG_SET_CMDLINE whatever their source; -XX:InitialHeapSize
    // from an environment variable is ENVIRON_VAR, so HotSpot raises MaxHeapSize to it instead of exiting.
    const envInitial = initialHeap.text.startsWith('-XX:InitialHeapSize=') && ENVIRONMENT_ORIGINS.has(initialHeap.origin);
    if (!envInitial) {
      const later = (order.get(initialHeap) ?? 0) > (order.get(maxHeap) ?? 0) ? initialHeap : maxHeap;
      const reason = `the initial heap (${initialHeap.text}, ${hotSpotSpelling(initialHeap.value)}) is larger than the maximum heap (${maxHeap.text}, ${hotSpotSpelling(maxHeap.value)})`;
      bad(tokenOf(later), reason, 'Initial heap size set to a larger value than the maximum heap size');
    }
  }
  if (reservedCodeCache) {
    const v = reservedCodeCache.value;
    const initialSet = tokens.some((t) => t.text.startsWith('-XX:InitialCodeCacheSize='));
    if (v < INITIAL_CODE_CACHE && !initialSet) {
      bad(tokenOf(reservedCodeCache), 'HotSpot needs a code cache of at least 2496k (the default InitialCodeCacheSize on x86-64)', `Invalid ReservedCodeCacheSize: ${Math.floor(v / KIB)}K. Must be at least InitialCodeCacheSize=2496K.`);
    } else if (v > CODE_CACHE_LIMIT) {
      bad(tokenOf(reservedCodeCache), 'HotSpot code caches are at most 2g', `Invalid ReservedCodeCacheSize=${Math.floor(v / MIB)}M. Must be at most 2048M.`);
    }
  }
  const chosen = [...gcs.entries()].filter(([, g]) => g.on).sort((a, b) => a[1].index - b[1].index);
  const last = chosen[chosen.length - 1];
  if (chosen.length > 1 && last) bad(last[1].token, `more than one garbage collector is selected (${chosen.map(([, g]) => g.token.text).join(', ')})`, 'Multiple garbage collectors selected');
  else if (last) set('gc', last[1].token, last[0], last[1].index);
  return s;
}
