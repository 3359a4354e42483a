/**
 * A port of libjvm's launch-time helper (helper/memory_calculator.go, paketo-buildpacks/libjvm@53eac905),
 * with the environment, the three files it reads and the class counter passed in, so it is a pure
 * function. Facts and line numbers: ../shared/corpus/jvm/README.md. Error texts marked "asserted" are
 * the tested ones; the others are this port's wording.
 */
import { GIBI, TEBI, calculate, calculatedFlags, parseUnit } from './memory-calculator.js';

/** helper/memory_calculator.go:36-43 */
export const CLASS_LOAD_FACTOR = 0.35;
export const DEFAULT_HEADROOM = 0;
export const DEFAULT_THREAD_COUNT = 250;
export const MAX_JVM_SIZE = 64 * TEBI;
/** "No limit" in cgroup v1 (and what v2's `max` maps to). */
export const UNSET_TOTAL_MEMORY = 9_223_372_036_854_771_712n;

export interface HelperInput {
  env: Readonly<Record<string, string | undefined>>;
  /** Contents of /sys/fs/cgroup/memory/memory.limit_in_bytes, /sys/fs/cgroup/memory.max and /proc/meminfo; undefined = no such file. */
  files: { cgroupV1?: string; cgroupV2?: string; meminfo?: string };
  /** `count.Classes(path)`; undefined when the path does not exist (fs.ErrNotExist). */
  countClasses: (path: string) => number | undefined;
}

export type HelperResult =
  | { ok: true; javaToolOptions: string; totalMemory: number; headRoom: number; threadCount: number; loadedClassCount: number; agentClassCount: number }
  | { ok: false; error: string };

/** strconv.Atoi: optional sign, decimal digits, int64 range. */
function atoi(name: string, value: string): number {
  if (!/^[+-]?[0-9]+$/.test(value) || BigInt(value) > 2n ** 63n - 1n || BigInt(value) < -(2n ** 63n)) {
    throw new Error(`unable to convert ${name}=${value} to integer`);
  }
  return Number(value);
}

/** The `-javaagent:<path>` jars in JAVA_TOOL_OPTIONS (:235-256): the path is `strings.Split(token, ":")[1]`; a missing jar is skipped. */
export function countAgentClasses(javaToolOptions: string, countClasses: HelperInput['countClasses']): number {
  let total = 0;
  for (const token of javaToolOptions.split(/\s+/)) {
    if (!token.startsWith('-javaagent:')) continue;
    total += countClasses(token.split(':')[1] as string) ?? 0;
  }
  return total;
}

/** The loaded-class estimate (:86-133). */
function loadedClasses(input: HelperInput): { loaded: number; agents: number } {
  const { env } = input;
  const fixed = env['BPL_JVM_LOADED_CLASS_COUNT'];
  if (fixed !== undefined) return { loaded: atoi('$BPL_JVM_LOADED_CLASS_COUNT', fixed), agents: 0 }; // used verbatim: no factor, no scan
  const appPath = env['BPI_APPLICATION_PATH'];
  if (appPath === undefined) throw new Error('$BPI_APPLICATION_PATH must be set'); // asserted (LJ-HELP-01)
  const jvmCount = env['BPI_JVM_CLASS_COUNT'];
  if (jvmCount === undefined) throw new Error('$BPI_JVM_CLASS_COUNT must be set'); // asserted (LJ-HELP-02)
  let percent = 100;
  let adjustment = 0;
  const adjust = env['BPL_JVM_CLASS_ADJUSTMENT'];
  if (adjust !== undefined) {
    if (adjust.endsWith('%')) {
      const digits = adjust.slice(0, -1);
      // strconv.ParseUint: no sign at all, so "-40%" is an error (asserted prefix, LJ-HELP-08).
      if (!/^[0-9]+$/.test(digits)) throw new Error(`unable to parse $BPL_JVM_CLASS_ADJUSTMENT ${adjust} as a percentage\nstrconv.ParseUint: parsing ${JSON.stringify(digits)}: invalid syntax`);
      percent = Number(digits);
    } else {
      adjustment = atoi('$BPL_JVM_CLASS_ADJUSTMENT', adjust); // may be negative
    }
  }
  const appClasses = input.countClasses(appPath);
  if (appClasses === undefined) throw new Error(`unable to count classes in ${appPath}`);
  const agents = countAgentClasses(env['JAVA_TOOL_OPTIONS'] ?? '', input.countClasses);
  const total = (atoi('$BPI_JVM_CLASS_COUNT', jvmCount) + appClasses + agents + adjustment) * (percent / 100); // :126
  return { loaded: Math.trunc(total * CLASS_LOAD_FACTOR), agents }; // :132, int() truncates
}

/** Total memory (:141-168): cgroup v1, then v2, then MemAvailable from /proc/meminfo, else 1G; capped at 64T. */
function totalMemory(files: HelperInput['files']): number {
  let total: bigint | undefined;
  for (const file of [files.cgroupV1, files.cgroupV2]) {
    if (total !== undefined || file === undefined) continue;
    const text = file.trim();
    const value = text === 'max' ? UNSET_TOTAL_MEMORY : /^[0-9]+$/.test(text) ? BigInt(text) : undefined;
    if (value !== undefined && value !== UNSET_TOTAL_MEMORY) total = value;
  }
  if (total === undefined && files.meminfo !== undefined) {
    const line = files.meminfo.split('\n').find((l) => l.startsWith('MemAvailable:'));
    const m = line && /^MemAvailable:\s+([0-9]+)\s*(\S*)\s*$/.exec(line);
    if (m) {
      try {
        total = BigInt(m[1] as string) * BigInt(parseUnit(m[2] as string));
      } catch {
        // unknown unit: the helper warns and falls back
      }
    }
  }
  total ??= BigInt(GIBI);
  return Number(total > BigInt(MAX_JVM_SIZE) ? BigInt(MAX_JVM_SIZE) : total);
}

/** helper.MemoryCalculator.Execute(): the new JAVA_TOOL_OPTIONS value, or the helper's error. */
export function executeMemoryCalculator(input: HelperInput): HelperResult {
  try {
    const { env } = input;
    let headRoom = DEFAULT_HEADROOM;
    // The deprecated BPL_JVM_HEADROOM is read first and overridden by BPL_JVM_HEAD_ROOM (:63-78).
    for (const name of ['BPL_JVM_HEADROOM', 'BPL_JVM_HEAD_ROOM']) {
      const value = env[name];
      if (value !== undefined) headRoom = atoi(`$${name}`, value);
    }
    const existing = env['JAVA_TOOL_OPTIONS'];
    const { loaded: loadedClassCount, agents: agentClassCount } = loadedClasses(input);
    const threads = env['BPL_JVM_THREAD_COUNT'];
    const threadCount = threads === undefined ? DEFAULT_THREAD_COUNT : atoi('$BPL_JVM_THREAD_COUNT', threads);
    const total = totalMemory(input.files);
    const result = calculate({ totalMemory: total, headRoom, loadedClassCount, threadCount }, existing ?? '');
    if (!result.ok) return result;
    // :170-196: an existing JAVA_TOOL_OPTIONS (even empty) comes first, then the calculated flags, joined by spaces.
    const values = existing === undefined ? [] : [existing];
    values.push(...calculatedFlags(result.regions));
    return { ok: true, javaToolOptions: values.join(' '), totalMemory: total, headRoom, threadCount, loadedClassCount, agentClassCount };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
