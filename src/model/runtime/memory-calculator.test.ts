// Oracle: every row of ../shared/corpus/jvm/calculator-cases.tsv except LJ-HELP-* (those are in
// memory-calculator-helper.test.ts), reproduced with the ports in memory-calculator.ts and
// cf-memory-calculator.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CfOption,
  calculateCf,
  parseCfInt,
  parseCfJvmOptions,
  validateCfHeadRoom,
  validateCfJvmOptions,
  validateCfLoadedClassCount,
  validateCfThreadCount,
  validateCfTotalMemory,
} from './cf-memory-calculator.js';
import {
  type MemoryRegions,
  type Region,
  allRegionsSize,
  allRegionsString,
  calculate,
  fixedRegionsSize,
  fixedRegionsString,
  memoryRegionsFromFlags,
  nonHeapRegionsSize,
  nonHeapRegionsString,
} from './memory-calculator.js';

const CORPUS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'jvm');
type Row = Record<string, string>;
function readTsv(name: string): Row[] {
  const [header = '', ...lines] = readFileSync(join(CORPUS, name), 'utf8').split('\n').filter((l) => l !== '');
  const keys = header.split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [keys[i], v])));
}
/** `expected_other`: "key=value; key=value" with JSON strings for string values. */
function otherOf(row: Row): Map<string, string> {
  const text = row['expected_other'] ?? '-';
  if (text === '-') return new Map();
  return new Map(text.split(/; (?=[A-Za-z_]+=)/).map((item) => {
    const eq = item.indexOf('=');
    const value = item.slice(eq + 1);
    return [item.slice(0, eq), value.startsWith('"') ? (JSON.parse(value) as string) : value];
  }));
}
const num = (row: Row, key: string): number => Number(row[key]);
const flagsOf = (row: Row): string => (row['input_flags'] === '-' ? '' : (JSON.parse(row['input_flags'] as string) as string));

const ROWS = readTsv('calculator-cases.tsv');
const byPrefix = (prefix: string): Array<[string, Row]> => ROWS.filter((r) => r['id']?.startsWith(prefix)).map((r) => [r['id'] as string, r]);

it('the corpus has the 68 rows its README lists, and every id belongs to a group reproduced here or in the helper test', () => {
  expect(ROWS).toHaveLength(68);
  const groups = ['LJ-CALC-', 'LJ-REG-', 'LJ-HELP-', 'CF-CALC-', 'CF-OPT-', 'CF-VAL-'];
  expect(ROWS.filter((r) => !groups.some((g) => r['id']?.startsWith(g)))).toEqual([]);
  expect(groups.map((g) => byPrefix(g).length)).toEqual([6, 11, 25, 8, 2, 16]);
});

describe('libjvm calc.Calculator.Calculate (LJ-CALC)', () => {
  it.each(byPrefix('LJ-CALC-'))('%s', (_id, row) => {
    const result = calculate({ totalMemory: num(row, 'total_memory_bytes'), headRoom: num(row, 'headroom_percent'), loadedClassCount: num(row, 'loaded_classes'), threadCount: num(row, 'thread_count') }, flagsOf(row));
    const other = otherOf(row);
    const error = other.get('error_exact');
    if (error !== undefined) return expect(result).toEqual({ ok: false, error });
    if (!result.ok) throw new Error(result.error);
    const { regions } = result;
    if (row['expected_metaspace_bytes'] !== '-') expect(regions.metaspace).toEqual({ value: num(row, 'expected_metaspace_bytes'), provenance: 'Calculated' });
    if (row['expected_heap_bytes'] !== '-') expect(regions.heap).toEqual({ value: num(row, 'expected_heap_bytes'), provenance: 'Calculated' });
    if (other.has('headroom_bytes')) expect(regions.headRoom?.value).toBe(Number(other.get('headroom_bytes')));
    expect(row['expected_metaspace_bytes'] !== '-' || row['expected_heap_bytes'] !== '-' || other.size > 0).toBe(true);
  });
});

describe('libjvm calc.MemoryRegions (LJ-REG)', () => {
  const k1 = (provenance: Region['provenance'] = 'UserConfigured'): Region => ({ value: 1024, provenance });
  // The Go zero value: direct, code cache and stack are value fields (0), the others nil pointers.
  const empty: MemoryRegions = { directMemory: { value: 0, provenance: 'Default' }, reservedCodeCache: { value: 0, provenance: 'Default' }, stack: { value: 0, provenance: 'Default' } };
  const fixed: MemoryRegions = { directMemory: k1(), metaspace: k1(), reservedCodeCache: k1(), stack: k1() };
  const nonHeap: MemoryRegions = { ...fixed, headRoom: k1() };
  const all: MemoryRegions = { ...nonHeap, heap: k1() };
  const structs: Record<string, MemoryRegions> = {
    'LJ-REG-03': empty, 'LJ-REG-04': all, 'LJ-REG-05': all, 'LJ-REG-06': empty, 'LJ-REG-07': fixed,
    'LJ-REG-08': fixed, 'LJ-REG-09': empty, 'LJ-REG-10': nonHeap, 'LJ-REG-11': nonHeap,
  };
  const functions: Record<string, (m: MemoryRegions, threads: number) => number | string> = {
    AllRegionsSize: allRegionsSize, AllRegionsString: allRegionsString, FixedRegionsSize: fixedRegionsSize,
    FixedRegionsString: fixedRegionsString, NonHeapRegionsSize: nonHeapRegionsSize, NonHeapRegionsString: nonHeapRegionsString,
  };

  it.each(byPrefix('LJ-REG-'))('%s', (id, row) => {
    const other = otherOf(row);
    if (id === 'LJ-REG-01' || id === 'LJ-REG-02') {
      const regions = memoryRegionsFromFlags(flagsOf(row));
      const provenance = other.get('all_provenance');
      for (const [key, region] of [['direct', 'directMemory'], ['code_cache', 'reservedCodeCache'], ['stack', 'stack']] as const) {
        expect(regions[region]).toEqual({ value: Number(other.get(`${key}_bytes`)), provenance: provenance ?? other.get(`${key}_provenance`) });
      }
      if (other.get('heap') === 'unset') expect(regions.heap).toBeUndefined();
      else expect(regions.heap).toEqual({ value: num(row, 'expected_heap_bytes'), provenance });
      if (other.get('metaspace') === 'unset') expect(regions.metaspace).toBeUndefined();
      else expect(regions.metaspace).toEqual({ value: num(row, 'expected_metaspace_bytes'), provenance });
      return expect(regions.headRoom).toBeUndefined();
    }
    const name = /MemoryRegions(?:\{\})?\.(\w+)\(|^(\w+)\(/.exec(row['notes'] as string);
    const fn = functions[(name?.[1] ?? name?.[2]) as string];
    const struct = structs[id];
    if (!fn || !struct) throw new Error(`no function/struct for ${id}`);
    const threads = num(row, 'thread_count');
    if (other.has('error_exact')) return expect(() => fn(struct, threads)).toThrow(new Error(other.get('error_exact')));
    if (other.has('size_bytes')) return expect(fn(struct, threads)).toBe(Number(other.get('size_bytes')));
    expect(fn(struct, threads)).toBe(other.get('string_exact'));
  });
});

describe('Cloud Foundry calculator.Calculator.Calculate (CF-CALC)', () => {
  const OPTION: Record<string, CfOption> = { MaxDirectMemory: 'maxDirectMemory', MaxMetaspace: 'maxMetaspace', ReservedCodeCache: 'reservedCodeCache', Stack: 'stack', MaxHeap: 'maxHeap' };
  it.each(byPrefix('CF-CALC-'))('%s', (_id, row) => {
    const result = calculateCf({ totalMemory: num(row, 'total_memory_bytes'), headRoom: num(row, 'headroom_percent'), loadedClassCount: num(row, 'loaded_classes'), threadCount: num(row, 'thread_count'), options: parseCfJvmOptions(flagsOf(row)) });
    const other = otherOf(row);
    if (other.get('error') === 'any') return expect(result.ok).toBe(false);
    if (!result.ok) throw new Error(result.error);
    const expected = (other.get('emitted_set') as string).split(',').map((item) => {
      const [type = '', bytes] = item.split(':');
      return { option: OPTION[type], bytes: Number(bytes) };
    });
    const order = (a: { option?: string }, b: { option?: string }): number => String(a.option).localeCompare(String(b.option));
    expect([...result.emitted].sort(order)).toEqual(expected.sort(order)); // ConsistOf: order not asserted
    const emitted = new Map(result.emitted.map((e) => [e.option, e.bytes]));
    if (row['expected_heap_bytes'] !== '-') expect(emitted.get('maxHeap')).toBe(num(row, 'expected_heap_bytes'));
    if (row['expected_metaspace_bytes'] !== '-') expect(emitted.get('maxMetaspace')).toBe(num(row, 'expected_metaspace_bytes'));
  });
});

describe('Cloud Foundry flags (CF-OPT, CF-VAL)', () => {
  it.each([...byPrefix('CF-OPT-'), ...byPrefix('CF-VAL-')])('%s', (id, row) => {
    const other = otherOf(row);
    const notes = row['notes'] as string;
    if (id === 'CF-OPT-01') return expect(validateCfJvmOptions({})).toBeUndefined();
    if (id === 'CF-OPT-02') {
      return expect(parseCfJvmOptions(flagsOf(row))).toEqual({
        maxDirectMemory: Number(other.get('direct_bytes')), maxHeap: num(row, 'expected_heap_bytes'), maxMetaspace: num(row, 'expected_metaspace_bytes'),
        reservedCodeCache: Number(other.get('code_cache_bytes')), stack: Number(other.get('stack_bytes')),
      });
    }
    const m = /^flags\.(HeadRoom|LoadedClassCount|ThreadCount|TotalMemory)(?:\((-?\d+)\)\.Validate\(\)|\.Set\("(\d+)"\))/.exec(notes);
    if (!m) throw new Error(`unrecognised CF-VAL row ${id}: ${notes}`);
    const [, type, validated, set] = m;
    if (set !== undefined) return expect(parseCfInt(set)).toBe(Number(other.get('parsed')));
    const validate = { HeadRoom: validateCfHeadRoom, LoadedClassCount: validateCfLoadedClassCount, ThreadCount: validateCfThreadCount, TotalMemory: validateCfTotalMemory }[type as 'HeadRoom'];
    const column = { HeadRoom: 'headroom_percent', LoadedClassCount: 'loaded_classes', ThreadCount: 'thread_count', TotalMemory: 'total_memory_bytes' }[type as 'HeadRoom'];
    expect(num(row, column)).toBe(Number(validated)); // the row's input column agrees with its notes
    const error = validate(Number(validated));
    expect(error === undefined).toBe(other.get('valid') === 'true');
  });
});
