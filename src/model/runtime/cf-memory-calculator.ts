/**
 * A port of the Cloud Foundry Java buildpack memory calculator
 * (cloudfoundry/java-buildpack-memory-calculator v4 @3d845d86, Apache-2.0): calculator/calculator.go,
 * flags/*.go and memory/*.go, from the facts in ../shared/corpus/jvm/README.md (no code copied).
 * Same arithmetic as libjvm, but: a `b` size suffix, options split on single spaces, two checks
 * worded "required memory …", and no defaults for the thread and class counts.
 */
import { KIBI, MEBI, parseCfSize, sizeString } from './memory-calculator.js';

export type CfOption = 'maxDirectMemory' | 'maxHeap' | 'maxMetaspace' | 'reservedCodeCache' | 'stack';
export type CfOptions = Partial<Record<CfOption, number>>;

/** memory/max_direct_memory.go:25, reserved_code_cache.go:25, stack.go:25 */
export const CF_DEFAULTS = { maxDirectMemory: 10 * MEBI, reservedCodeCache: 240 * MEBI, stack: MEBI } as const;

/** Each option's flag text; `Is…` matches the prefix, `Parse…` reads the rest with `memory.ParseSize`. */
export const CF_FLAGS: Readonly<Record<CfOption, string>> = {
  maxDirectMemory: '-XX:MaxDirectMemorySize=',
  maxHeap: '-Xmx',
  maxMetaspace: '-XX:MaxMetaspaceSize=',
  reservedCodeCache: '-XX:ReservedCodeCacheSize=',
  stack: '-Xss',
};
/** `JVMOptions.String` order (flags/jvm_options.go). */
const STRING_ORDER: readonly CfOption[] = ['maxDirectMemory', 'maxHeap', 'maxMetaspace', 'reservedCodeCache', 'stack'];

export const isCfFlag = (option: CfOption, token: string): boolean => token.startsWith(CF_FLAGS[option]);
export const parseCfFlag = (option: CfOption, token: string): number => parseCfSize(token.slice(CF_FLAGS[option].length));
export const cfFlagString = (option: CfOption, bytes: number): string => CF_FLAGS[option] + sizeString(bytes);

/** `JVMOptions.Set` (flags/jvm_options.go:38): `strings.Split(s, " ")`, a plain single-space split. */
export function parseCfJvmOptions(s: string): CfOptions {
  const options: CfOptions = {};
  for (const token of s.split(' ')) {
    for (const option of STRING_ORDER) if (isCfFlag(option, token)) options[option] = parseCfFlag(option, token);
  }
  return options;
}

/** `JVMOptions.String`: the set options, space-separated, in the fixed order. */
export const cfJvmOptionsString = (options: CfOptions): string =>
  STRING_ORDER.flatMap((o) => {
    const bytes = options[o];
    return bytes === undefined ? [] : [cfFlagString(o, bytes)];
  }).join(' ');

/** `JVMOptions.Validate` always succeeds. */
export const validateCfJvmOptions = (_options: CfOptions): string | undefined => undefined;

// CLI input validation (flags/{head_room,loaded_class_count,thread_count,total_memory}.go): an error text or undefined.
export const validateCfHeadRoom = (n: number): string | undefined => (n < 0 || n > 100 ? `--head-room must be a valid percentage: ${n}` : undefined);
export function validateCfLoadedClassCount(n: number): string | undefined {
  if (n === 0) return '--loaded-class-count must be specified';
  return n < 0 ? `--loaded-class-count must be positive: ${n}` : undefined;
}
export function validateCfThreadCount(n: number): string | undefined {
  if (n === 0) return '--thread-count must be specified';
  return n < 0 ? `--thread-count must be positive: ${n}` : undefined;
}
/** Minimum 1K (flags/total_memory.go:30,61); this port's wording for the below-minimum message. */
export function validateCfTotalMemory(n: number): string | undefined {
  if (n === 0) return '--total-memory must be specified';
  return n < KIBI ? `--total-memory must be at least ${sizeString(KIBI)}: ${n}` : undefined;
}
/** `HeadRoom.Set`, `LoadedClassCount.Set`, `ThreadCount.Set`: strconv.ParseInt(s, 10, 64). */
export function parseCfInt(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}
/** `TotalMemory.Set`: memory.ParseSize. */
export const parseCfTotalMemory = (s: string): number => parseCfSize(s);

export interface CfInput {
  totalMemory: number;
  headRoom: number;
  loadedClassCount: number;
  threadCount: number;
  options: CfOptions;
}
export type CfResult = { ok: true; emitted: Array<{ option: CfOption; bytes: number }> } | { ok: false; error: string };

/** `Calculator.Calculate` (calculator/calculator.go:44-113): the values for the options not given, or an error. */
export function calculateCf({ totalMemory: total, headRoom, loadedClassCount, threadCount, options }: CfInput): CfResult {
  const headroom = Math.trunc(total * (headRoom / 100)); // Size(float64(total) * (float64(headRoom)/100))
  const direct = options.maxDirectMemory ?? CF_DEFAULTS.maxDirectMemory;
  const metaspace = options.maxMetaspace ?? loadedClassCount * 5800 + 14_000_000; // :103-105
  const codeCache = options.reservedCodeCache ?? CF_DEFAULTS.reservedCodeCache;
  const stack = options.stack ?? CF_DEFAULTS.stack;
  const overhead = headroom + direct + metaspace + codeCache + stack * threadCount; // :107-113, includes headroom
  // The order of the listed regions is this port's reading of the format strings (tests assert only that an error occurs).
  const list = (heap?: number): string =>
    [cfFlagString('maxDirectMemory', direct), ...(heap === undefined ? [] : [cfFlagString('maxHeap', heap)]), cfFlagString('maxMetaspace', metaspace), cfFlagString('reservedCodeCache', codeCache), `${cfFlagString('stack', stack)} x ${threadCount} threads`].join(', ');
  if (overhead > total) return { ok: false, error: `required memory ${sizeString(overhead)} is greater than ${sizeString(total)} available for allocation: ${list()}` };
  const heap = options.maxHeap ?? total - overhead; // :99-101
  if (overhead + heap > total) return { ok: false, error: `required memory ${sizeString(overhead + heap)} is greater than ${sizeString(total)} available for allocation: ${list(heap)}` };
  const values: Array<[CfOption, number]> = [['maxDirectMemory', direct], ['maxMetaspace', metaspace], ['reservedCodeCache', codeCache], ['stack', stack], ['maxHeap', heap]];
  return { ok: true, emitted: values.filter(([o]) => options[o] === undefined).map(([option, bytes]) => ({ option, bytes })) };
}
