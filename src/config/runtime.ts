/**
 * The configuration's `runtime:` section: the assumptions of the JVM memory budget
 * (src/model/runtime/jvm-budget.ts, docs/jvm-budget.md) a team may know better for its own
 * services. One table drives the JSON schema, reading the file and --print-config, so a setting
 * cannot exist in one and not the others. Sizes are whole MiB and say so in their names.
 */
import { DEFAULT_JVM_BUDGET, type ConfigurableExpectation, type JvmBudgetDefaults } from '../model/runtime/jvm-budget.js';

const MIB = 2 ** 20;

type BudgetNumber = Exclude<keyof JvmBudgetDefaults, 'configured'>;

interface JvmSetting {
  /** The key under `runtime.jvm`. */
  key: string;
  field: BudgetNumber;
  /** Bytes per unit of the setting (1 for counts and percentages). */
  unit: number;
  minimum: number;
  maximum: number;
  description: string;
}

// Not offered: HotSpot's own defaults (code cache reservation, stack size: flags set those), the
// libjvm formula constants, the G1/Serial overheads and the worst case's other native memory
// (measured, docs/validation.md), and the loaded-class count of the expected budget, which only
// labels the measurement (expectedMetaspaceMiB is the number that counts).
export const JVM_SETTINGS: readonly JvmSetting[] = [
  {
    key: 'expectedMetaspaceMiB',
    field: 'expectedMetaspace',
    unit: MIB,
    minimum: 0,
    maximum: 65536,
    description: 'Expected budget: metaspace a service commits (default 114, measured for ≈23,000 loaded classes on OpenJDK 17); -XX:MaxMetaspaceSize below it wins.',
  },
  {
    key: 'expectedCodeCacheMiB',
    field: 'expectedCodeCache',
    unit: MIB,
    minimum: 0,
    maximum: 2048,
    description: 'Expected budget: compiled code in the code cache (default 20, assumed); -XX:ReservedCodeCacheSize below it wins.',
  },
  {
    key: 'expectedDirectMiB',
    field: 'expectedDirect',
    unit: MIB,
    minimum: 0,
    maximum: 1048576,
    description: 'Expected budget: direct (NIO) buffers (default 64, measured); raise it for Netty-heavy services; a smaller -XX:MaxDirectMemorySize (without it, a smaller maximum heap) wins.',
  },
  {
    key: 'expectedThreads',
    field: 'expectedThreads',
    unit: 1,
    minimum: 1,
    maximum: 100000,
    description: 'Expected budget: live threads, each touching 64 KiB of its stack (default 150, measured).',
  },
  {
    key: 'expectedNonHeapMiB',
    field: 'expectedNonHeap',
    unit: MIB,
    minimum: 0,
    maximum: 1048576,
    description:
      'Expected budget: non-heap memory besides the collector (default 280, the median measured in the validation harness). Metaspace, code, stacks and direct buffers are part of it; the rest counts as "other native memory".',
  },
  {
    key: 'worstCaseLoadedClasses',
    field: 'worstLoadedClasses',
    unit: 1,
    minimum: 0,
    maximum: 10000000,
    description: "Worst case: loaded classes in the memory calculator's metaspace formula (14,000,000 + 5,800 bytes per class) when -XX:MaxMetaspaceSize is not set (default 35000).",
  },
  {
    key: 'worstCaseThreads',
    field: 'worstThreads',
    unit: 1,
    minimum: 1,
    maximum: 100000,
    description: "Worst case: threads that each get a full stack (default 250, the memory calculators' BPL_JVM_THREAD_COUNT). A rule's own worstCaseThreads option wins for that rule.",
  },
  {
    key: 'headroomPercent',
    field: 'headroomPercent',
    unit: 1,
    minimum: 0,
    maximum: 99,
    description: "Worst case: share of the memory limit left unallocated, as the memory calculator's BPL_JVM_HEAD_ROOM (default 0).",
  },
];

const EXPECTATIONS: ReadonlySet<string> = new Set<ConfigurableExpectation>(['expectedMetaspace', 'expectedThreads', 'expectedCodeCache', 'expectedDirect', 'expectedNonHeap']);

/** The JSON schema of `runtime`, defaults included so editors show them. */
export function runtimeSchema(): Record<string, unknown> {
  const properties = Object.fromEntries(
    JVM_SETTINGS.map((s) => [s.key, { description: s.description, type: 'integer', minimum: s.minimum, maximum: s.maximum, default: DEFAULT_JVM_BUDGET[s.field] / s.unit }]),
  );
  return {
    description: 'Assumptions of the memory models the rules share.',
    type: 'object',
    additionalProperties: false,
    properties: {
      jvm: { description: 'The JVM memory budget (docs/jvm-budget.md): what the expected and worst-case budgets assume about the regions outside the heap.', type: 'object', additionalProperties: false, properties },
    },
  };
}

/** The budget with the file's `runtime.jvm` values (already validated against runtimeSchema). */
export function jvmBudgetOf(jvm: Readonly<Record<string, number>> | undefined): JvmBudgetDefaults {
  if (!jvm || Object.keys(jvm).length === 0) return DEFAULT_JVM_BUDGET;
  const budget: JvmBudgetDefaults = { ...DEFAULT_JVM_BUDGET };
  const configured: Partial<Record<ConfigurableExpectation, string>> = {};
  for (const setting of JVM_SETTINGS) {
    const value = jvm[setting.key];
    if (value === undefined) continue;
    budget[setting.field] = value * setting.unit;
    // The default written out (as --print-config does) is still the measurement, not a user's number.
    if (EXPECTATIONS.has(setting.field) && budget[setting.field] !== DEFAULT_JVM_BUDGET[setting.field]) {
      configured[setting.field as ConfigurableExpectation] = `runtime.jvm.${setting.key}`;
    }
  }
  return Object.freeze(Object.keys(configured).length > 0 ? { ...budget, configured: Object.freeze(configured) } : budget);
}

/** `runtime.jvm` as the user would write it, every setting present (for --print-config). */
export function jvmSettingsOf(budget: JvmBudgetDefaults): Record<string, number> {
  return Object.fromEntries(JVM_SETTINGS.map((s) => [s.key, budget[s.field] / s.unit]));
}
