// Oracle: the 25 LJ-HELP-* rows of ../shared/corpus/jvm/calculator-cases.tsv (libjvm
// helper/memory_calculator_test.go), reproduced with the pure port in memory-calculator-helper.ts.
// Each row's environment and files are restated from its `notes` column in SETUP below.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type HelperInput, UNSET_TOTAL_MEMORY, executeMemoryCalculator } from './memory-calculator-helper.js';
import { GIBI, TEBI } from './memory-calculator.js';

const CORPUS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'jvm');
type Row = Record<string, string>;
function readTsv(name: string): Row[] {
  const [header = '', ...lines] = readFileSync(join(CORPUS, name), 'utf8').split('\n').filter((l) => l !== '');
  const keys = header.split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [keys[i], v])));
}
function otherOf(row: Row): Map<string, string> {
  const text = row['expected_other'] ?? '-';
  if (text === '-') return new Map();
  return new Map(text.split(/; (?=[A-Za-z_]+=)/).map((item) => {
    const eq = item.indexOf('=');
    const value = item.slice(eq + 1);
    return [item.slice(0, eq), value.startsWith('"') ? (JSON.parse(value) as string) : value];
  }));
}

const APP = '/tmp/application'; // "BPI_APPLICATION_PATH=<empty temp dir> (0 app classes)"
const STUB_JAR = '../count/testdata/stub-dependency.jar'; // count_classes_test.go:58 → 2 classes
const countClasses = (path: string): number | undefined => ({ [APP]: 0, [STUB_JAR]: 2 })[path];
/** "BPI_APPLICATION_PATH=<empty temp dir>, BPI_JVM_CLASS_COUNT=100 (test line 105)". */
const BASE_ENV = { BPI_APPLICATION_PATH: APP, BPI_JVM_CLASS_COUNT: '100' };
const UNSET = `${UNSET_TOTAL_MEMORY}\n`;

const SETUP: Record<string, { env?: Record<string, string | undefined>; files?: HelperInput['files'] }> = {
  'LJ-HELP-01': { env: { BPI_APPLICATION_PATH: undefined } },
  'LJ-HELP-02': { env: { BPI_JVM_CLASS_COUNT: undefined } },
  'LJ-HELP-03': {},
  'LJ-HELP-04': { env: { BPL_JVM_CLASS_ADJUSTMENT: '10' } },
  'LJ-HELP-05': { env: { BPL_JVM_CLASS_ADJUSTMENT: '-40' } },
  'LJ-HELP-06': { env: { BPL_JVM_CLASS_ADJUSTMENT: '110%' } },
  'LJ-HELP-07': { env: { BPL_JVM_CLASS_ADJUSTMENT: '60%' } },
  'LJ-HELP-08': { env: { BPL_JVM_CLASS_ADJUSTMENT: '-40%' } },
  'LJ-HELP-09': { env: { BPL_JVM_HEADROOM: '10' } },
  'LJ-HELP-10': { env: { BPL_JVM_HEAD_ROOM: '10' } },
  'LJ-HELP-11': { env: { BPL_JVM_HEADROOM: '20', BPL_JVM_HEAD_ROOM: '10' } },
  'LJ-HELP-12': { env: { BPL_JVM_LOADED_CLASS_COUNT: '100' } },
  'LJ-HELP-13': { env: { BPL_JVM_THREAD_COUNT: '100' } },
  'LJ-HELP-14': { files: { cgroupV1: UNSET, meminfo: 'MemTotal:       32779096 kB\nMemFree:          900000 kB\nMemAvailable:   11514136 kB\n' } },
  'LJ-HELP-15': { files: { cgroupV1: UNSET, meminfo: 'MemAvailable:   WILL NOT PARSE\n' } },
  'LJ-HELP-16': { files: { cgroupV1: UNSET } },
  'LJ-HELP-17': { files: { cgroupV1: `${64 * TEBI + 1}\n` } },
  'LJ-HELP-18': { files: { cgroupV1: `${10 * GIBI}\n` } },
  'LJ-HELP-19': { files: { cgroupV2: `${11 * GIBI}\n` } },
  // 20–25: only JAVA_TOOL_OPTIONS differs, taken from the row's input_flags.
  'LJ-HELP-20': {}, 'LJ-HELP-21': {}, 'LJ-HELP-22': {}, 'LJ-HELP-23': {}, 'LJ-HELP-24': {}, 'LJ-HELP-25': {},
};

const ROWS = readTsv('calculator-cases.tsv').filter((r) => r['id']?.startsWith('LJ-HELP-'));

describe('libjvm helper.MemoryCalculator.Execute (LJ-HELP)', () => {
  it('covers all 25 rows', () => {
    expect(ROWS.map((r) => r['id'])).toEqual(Object.keys(SETUP));
  });

  it.each(ROWS.map((r) => [r['id'] as string, r] as const))('%s', (id, row) => {
    const setup = SETUP[id] ?? {};
    const flags = row['input_flags'] as string;
    // input_flags "-" = JAVA_TOOL_OPTIONS unset; "" = set but empty (LJ-HELP-23).
    const env = { ...BASE_ENV, ...(flags === '-' ? {} : { JAVA_TOOL_OPTIONS: JSON.parse(flags) as string }), ...setup.env };
    const result = executeMemoryCalculator({ env, files: setup.files ?? {}, countClasses });
    const other = otherOf(row);
    if (other.has('error_exact')) return expect(result).toEqual({ ok: false, error: other.get('error_exact') });
    if (other.has('error_prefix')) {
      if (result.ok) throw new Error('expected an error');
      return expect(result.error.startsWith(other.get('error_prefix') as string)).toBe(true);
    }
    if (!result.ok) throw new Error(result.error);
    expect(result.javaToolOptions).toBe(other.get('JAVA_TOOL_OPTIONS'));
    if (other.has('agent_class_count')) expect(result.agentClassCount).toBe(Number(other.get('agent_class_count')));
    // The derived (not asserted) inputs the corpus lists for the row agree with what the port computed.
    expect([result.totalMemory, result.headRoom, result.loadedClassCount, result.threadCount]).toEqual(
      ['total_memory_bytes', 'headroom_percent', 'loaded_classes', 'thread_count'].map((k) => Number(row[k])),
    );
  });
});
