// Oracle: every row of ../shared/corpus/jvm/size-cases.tsv and format-cases.tsv, reproduced with the
// calculators' own grammars (memory-calculator.ts, cf-memory-calculator.ts). HotSpot's grammar is
// compared with the same rows in hotspot-size.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CfOption, cfFlagString, cfJvmOptionsString, isCfFlag, parseCfFlag, parseCfTotalMemory } from './cf-memory-calculator.js';
import { type RegionName, matchRegionFlag, parseCfSize, parseRegionFlag, parseSize, parseUnit, regionFlagString, sizeString } from './memory-calculator.js';

const CORPUS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'jvm');
type Row = Record<string, string>;
function readTsv(name: string): Row[] {
  const [header = '', ...lines] = readFileSync(join(CORPUS, name), 'utf8').split('\n').filter((l) => l !== '');
  const keys = header.split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [keys[i], v])));
}

const LJ_REGION: Record<string, RegionName> = { DirectMemory: 'directMemory', Heap: 'heap', Metaspace: 'metaspace', ReservedCodeCache: 'reservedCodeCache', Stack: 'stack' };
const CF_OPTION: Record<string, CfOption> = { MaxDirectMemory: 'maxDirectMemory', MaxHeap: 'maxHeap', MaxMetaspace: 'maxMetaspace', ReservedCodeCache: 'reservedCodeCache', Stack: 'stack' };

/** The Go function a size row exercises, from the first word of its notes: "calc.ParseSize.", "memory.IsMaxHeap.", "flags.TotalMemory.Set". */
function sizeFunction(notes: string): (input: string) => number | boolean {
  const name = (notes.split(/\s/)[0] as string).replace(/\.$/, '');
  const [pkg, fn = ''] = [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)];
  if (name === 'calc.ParseSize') return parseSize;
  if (name === 'calc.ParseUnit') return parseUnit;
  if (name === 'memory.ParseSize') return parseCfSize;
  if (name === 'flags.TotalMemory.Set') return parseCfTotalMemory;
  const m = /^(Match|Parse|Is)(\w+)$/.exec(fn);
  const region = pkg === 'calc' ? LJ_REGION[m?.[2] ?? ''] : undefined;
  const option = pkg === 'memory' ? CF_OPTION[m?.[2] ?? ''] : undefined;
  if (region && m?.[1] === 'Match') return (s) => matchRegionFlag(region, s);
  if (region && m?.[1] === 'Parse') return (s) => parseRegionFlag(region, s);
  if (option && m?.[1] === 'Is') return (s) => isCfFlag(option, s);
  if (option && m?.[1] === 'Parse') return (s) => parseCfFlag(option, s);
  throw new Error(`no port for ${name}`);
}

describe('size-cases.tsv', () => {
  const rows = readTsv('size-cases.tsv');
  it('has the 82 rows its README lists', () => expect(rows).toHaveLength(82));

  it.each(rows.map((r) => [r['id'] as string, r] as const))('%s', (_id, row) => {
    const fn = sizeFunction(row['notes'] as string);
    const input = JSON.parse(row['input_string'] as string) as string;
    const expected = row['expected_bytes_or_error'] as string;
    if (expected === 'error') return expect(() => fn(input)).toThrow();
    if (expected === 'match' || expected === 'no-match') return expect(fn(input)).toBe(expected === 'match');
    expect(fn(input)).toBe(Number(expected));
  });
});

describe('format-cases.tsv', () => {
  const rows = readTsv('format-cases.tsv');
  it('has the 24 rows its README lists', () => expect(rows).toHaveLength(24));

  it.each(rows.map((r) => [r['id'] as string, r] as const))('%s', (_id, row) => {
    const fn = row['function'] as string;
    const bytes = Number(row['input_bytes']);
    const expected = JSON.parse(row['expected_string'] as string) as string;
    const type = /^\w+\.(\w+)\.String$/.exec(fn)?.[1] ?? '';
    let actual: string;
    if (type === 'Size') actual = sizeString(bytes);
    else if (fn === 'calc.HeadRoom.String') actual = regionFlagString('headRoom', bytes);
    else if (fn.startsWith('calc.') && LJ_REGION[type]) actual = regionFlagString(LJ_REGION[type], bytes);
    else if (fn.startsWith('memory.') && CF_OPTION[type]) actual = cfFlagString(CF_OPTION[type], bytes);
    else if (fn === 'flags.JVMOptions.String') {
      // "all five options set to memory.Kibi"
      actual = cfJvmOptionsString({ maxDirectMemory: 1024, maxHeap: 1024, maxMetaspace: 1024, reservedCodeCache: 1024, stack: 1024 });
    } else throw new Error(`no port for ${fn}`);
    expect(actual).toBe(expected);
  });
});

describe('code-derived edges the README states (not rows)', () => {
  it('libjvm ignores sizes it cannot read, so -Xmx1.5g, -Xmx1GB and -Xmx1024b leave the heap to the calculator', () => {
    for (const token of ['-Xmx1.5g', '-Xmx1GB', '-Xmx1024b']) expect(matchRegionFlag('heap', token)).toBe(false);
    expect(isCfFlag('maxHeap', '-Xmx1024b') && parseCfFlag('maxHeap', '-Xmx1024b')).toBe(1024); // CF reads b
  });
  it('libjvm multiplies without an overflow check (int64 wraps)', () => {
    expect(parseSize('8388608T')).toBe(-(2 ** 63)); // 2^23 × 2^40 = 2^63 wraps to -2^63
  });
  it('Size.String floors below 1K to a bare "0"', () => expect(sizeString(1023)).toBe('0'));
});
