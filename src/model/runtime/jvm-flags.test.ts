import { describe, expect, it } from 'vitest';
import { GIB, KIB, MIB } from './hotspot-size.js';
import { JVM_OPTION_PRECEDENCE, type JvmToken, parseJvmOptions, splitJvmOptionsString, tokenizeJvmOptions } from './jvm-flags.js';

const source = { file: 'deploy.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };
const tokens = (origin: string, ...texts: string[]): JvmToken[] => texts.map((text) => ({ text, source, origin }));
const parse = (...texts: string[]) => parseJvmOptions(tokens('JAVA_TOOL_OPTIONS', ...texts));
const reasons = (...texts: string[]) => parse(...texts).invalid.map((i) => [i.token.text, i.reason, i.jvmError]);

describe('splitJvmOptionsString (Arguments::parse_options_buffer)', () => {
  it.each([
    ['-Xmx512m -Xss512k', ['-Xmx512m', '-Xss512k']],
    ['  -Xmx512m\t\n-Xss512k\v\f\r ', ['-Xmx512m', '-Xss512k']],
    ['-Dgreeting="hello world" -Xmx1g', ['-Dgreeting=hello world', '-Xmx1g']],
    ["'-Dx=a b' -Dy=\"'\"", ['-Dx=a b', "-Dy='"]],
    ['-Da="b c"d"e f"', ['-Da=b cde f']], // quotes may sit mid-token and are removed
    ['-Dpath=C:\\dir\\"x y"', ['-Dpath=C:\\dir\\x y']], // no escapes: the backslash is literal
    ['""', ['']],
    ['', []],
    ['   ', []],
  ])('%j', (value, expected) => {
    expect(splitJvmOptionsString(value)).toEqual(expected);
  });

  it('keeps each token’s offsets, quotes included', () => {
    expect(tokenizeJvmOptions(' -Xmx1g  -Dx="a b" ')).toEqual({ tokens: [{ text: '-Xmx1g', start: 1, end: 7 }, { text: '-Dx=a b', start: 9, end: 18 }] });
  });

  it('reports an unmatched quote, which stops the JVM', () => {
    expect(tokenizeJvmOptions('-Xmx1g -Dx="a b')).toEqual({ tokens: [{ text: '-Xmx1g', start: 0, end: 6 }, { text: '-Dx=a b', start: 7, end: 15 }], unmatchedQuote: 11 });
  });

  it('documents the precedence, lowest first', () => {
    expect(JVM_OPTION_PRECEDENCE).toEqual(['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', 'command line', '_JAVA_OPTIONS']);
  });
});

describe('parseJvmOptions', () => {
  it('reads the memory flags', () => {
    const s = parse('-Xmx512m', '-Xms256m', '-XX:MaxMetaspaceSize=150M', '-XX:ReservedCodeCacheSize=64M', '-XX:MaxDirectMemorySize=128M', '-Xss512k', '-XX:MaxRAM=2g', '-XX:+UseContainerSupport', '-XX:-TieredCompilation');
    expect(s.invalid).toEqual([]);
    expect(s.maxHeap).toEqual({ value: 512 * MIB, text: '-Xmx512m', source, origin: 'JAVA_TOOL_OPTIONS' });
    expect([s.initialHeap?.value, s.maxMetaspace?.value, s.reservedCodeCache?.value, s.maxDirectMemory?.value, s.threadStack?.value, s.maxRam?.value]).toEqual([256 * MIB, 150 * MIB, 64 * MIB, 128 * MIB, 512 * KIB, 2 * GIB]);
    expect([s.useContainerSupport?.value, s.tieredCompilation?.value]).toEqual([true, false]);
  });

  it('lets the last occurrence win across sources', () => {
    const s = parseJvmOptions([...tokens('JAVA_TOOL_OPTIONS', '-Xmx512m', '-XX:MaxRAMPercentage=50'), ...tokens('command line', '-XX:MaxHeapSize=1g', '-XX:MaxRAMPercentage=75.0')]);
    expect([s.maxHeap?.value, s.maxHeap?.origin, s.maxRamPercentage?.value]).toEqual([GIB, 'command line', 75]);
  });

  it('reads percentages as doubles, 75 and 75.0 alike', () => {
    expect([parse('-XX:MaxRAMPercentage=75').maxRamPercentage?.value, parse('-XX:MinRAMPercentage=60.5').minRamPercentage?.value, parse('-XX:InitialRAMPercentage=1.5625').initialRamPercentage?.value]).toEqual([75, 60.5, 1.5625]);
  });

  it('reads thread stacks in bytes: -Xss rounded up to KiB, ThreadStackSize in KiB', () => {
    expect([parse('-Xss1000').threadStack?.value, parse('-XX:ThreadStackSize=512').threadStack?.value, parse('-XX:ThreadStackSize=1m').threadStack?.value]).toEqual([KIB, 512 * KIB, GIB]);
  });

  it('ignores flags that do not size memory', () => {
    const s = parse('-XX:+UseStringDeduplication', '-Dspring.profiles.active=prod', '-verbose:gc', '-XX:MaxGCPauseMillis=200', '-Xmn128m', '-javaagent:/otel.jar', '-XX:+ExitOnOutOfMemoryError');
    expect(s).toEqual({ invalid: [] });
  });

  it('keeps -XX:MaxRAMFraction (deprecated) and the chosen collector', () => {
    const s = parse('-XX:MaxRAMFraction=2', '-XX:MinRAMFraction=1', '-XX:+UseSerialGC');
    expect([s.maxRamFraction?.value, s.minRamFraction?.value, s.gc?.value]).toEqual([2, 1, 'serial']);
    expect(parse('-XX:+UseG1GC', '-XX:-UseG1GC').gc).toBeUndefined();
  });
});

describe('parseJvmOptions: what HotSpot refuses at start-up', () => {
  it.each([
    ['-Xmx1.5g', 'HotSpot sizes are whole numbers: use 1536m', 'Invalid maximum heap size: -Xmx1.5g'],
    ['-Xmx512mb', 'HotSpot size suffixes are one letter (k, m, g, t; all binary): use 512m', 'Invalid maximum heap size: -Xmx512mb'],
    ['-Xmx', 'the size is missing (HotSpot wants digits right after the option, e.g. 512m)', 'Invalid maximum heap size: -Xmx'],
    ['-Xmx=512m', 'HotSpot takes no "=" here: use 512m directly after the option', 'Invalid maximum heap size: -Xmx=512m'],
    ['-Xmx0', 'HotSpot refuses a size of 0 here', 'Invalid maximum heap size: -Xmx0'],
    ['-Xms1.5g', 'HotSpot sizes are whole numbers: use 1536m', 'Invalid initial heap size: -Xms1.5g'],
    ['-Xss2g', 'HotSpot thread stacks are at most 1g', 'Invalid thread stack size: -Xss2g'],
    ['-XX:MaxMetaspaceSize=256MB', 'HotSpot size suffixes are one letter (k, m, g, t; all binary): use 256m', "Improperly specified VM option 'MaxMetaspaceSize=256MB'"],
    ['-XX:ReservedCodeCacheSize=0.5g', 'HotSpot sizes are whole numbers: use 512m', 'Invalid maximum code cache size: -XX:ReservedCodeCacheSize=0.5g'],
    ['-XX:MaxRAMPercentage=75%', 'HotSpot percentages are plain numbers: use 75', "Improperly specified VM option 'MaxRAMPercentage=75%'"],
    ['-XX:MaxRAMPercentage=150', 'MaxRAMPercentage must be between 0 and 100', 'double MaxRAMPercentage=150.000000 is outside the allowed range [ 0.000000 ... 100.000000 ]'],
    ['-XX:MaxRAMPercentage', 'MaxRAMPercentage needs a value: -XX:MaxRAMPercentage=<value>', "Improperly specified VM option 'MaxRAMPercentage'"],
    ['-XX:+MaxRAMPercentage=75', 'MaxRAMPercentage is not a boolean flag: write -XX:MaxRAMPercentage=<value>', "Unexpected +/- setting in VM option 'MaxRAMPercentage=75'"],
    ['-XX:UseContainerSupport=false', 'boolean HotSpot flags are written -XX:+UseContainerSupport or -XX:-UseContainerSupport: use -XX:-UseContainerSupport', "Missing +/- setting for VM option 'UseContainerSupport=false'"],
    ['-XX:ThreadStackSize=-1', 'ThreadStackSize is in KiB and must be between 0 and 1048576 (1g of stack)', 'intx ThreadStackSize=-1 is outside the allowed range [ 0 ... 1048576 ]'],
    ['-XX:ThreadStackSize=1g', 'ThreadStackSize is in KiB and must be between 0 and 1048576 (1g of stack)', 'intx ThreadStackSize=1073741824 is outside the allowed range [ 0 ... 1048576 ]'],
    ['-XX:MaxRAMFraction=0', 'MaxRAMFraction is a divisor and must be at least 1', 'uintx MaxRAMFraction=0 is outside the allowed range [ 1 ... 18446744073709551615 ]'],
    ['-XX:maxRAMPercentage=75', 'HotSpot flag names are case-sensitive: MaxRAMPercentage', "Unrecognized VM option 'maxRAMPercentage=75'"],
    ['-Xmx1m', 'HotSpot needs a maximum heap of at least 2m', 'Too small maximum heap'],
    ['-Xms512k', 'HotSpot needs an initial heap of at least 1m (or 0 to let it choose)', 'Too small initial heap'],
    ['-XX:ReservedCodeCacheSize=2m', 'HotSpot needs a code cache of at least 2496k (the default InitialCodeCacheSize on x86-64)', 'Invalid ReservedCodeCacheSize: 2048K. Must be at least InitialCodeCacheSize=2496K.'],
    ['-XX:ReservedCodeCacheSize=3g', 'HotSpot code caches are at most 2g', 'Invalid ReservedCodeCacheSize=3072M. Must be at most 2048M.'],
  ])('%s', (text, reason, jvmError) => {
    expect(reasons(text)).toEqual([[text, reason, jvmError]]);
  });

  it('reports a bad token even when a later one overrides it (HotSpot stops at the first)', () => {
    expect(reasons('-Xmx1.5g', '-Xmx2g').map(([t]) => t)).toEqual(['-Xmx1.5g']);
    expect(parse('-Xmx1.5g', '-Xmx2g').maxHeap?.value).toBe(2 * GIB);
  });

  it('reports -Xms above -Xmx on the later of the two', () => {
    const message = 'Initial heap size set to a larger value than the maximum heap size';
    expect(reasons('-Xms2g', '-Xmx1g')).toEqual([['-Xmx1g', 'the initial heap (-Xms2g, 2g) is larger than the maximum heap (-Xmx1g, 1g)', message]]);
    expect(reasons('-Xmx1g', '-Xms2g')[0]?.[0]).toBe('-Xms2g');
    expect(parseJvmOptions([...tokens('command line', '-Xmx1g'), ...tokens('_JAVA_OPTIONS', '-Xms2g')]).invalid).toHaveLength(1);
  });

  it('accepts -XX:InitialHeapSize above -Xmx from an environment variable (HotSpot raises the maximum instead)', () => {
    expect(parseJvmOptions([...tokens('JAVA_TOOL_OPTIONS', '-XX:InitialHeapSize=2g'), ...tokens('command line', '-Xmx1g')]).invalid).toEqual([]);
    expect(parseJvmOptions(tokens('command line', '-XX:InitialHeapSize=2g', '-Xmx1g')).invalid).toHaveLength(1);
  });

  it('accepts a small code cache when InitialCodeCacheSize is lowered too, and a case slip under IgnoreUnrecognizedVMOptions', () => {
    expect(parse('-XX:InitialCodeCacheSize=1m', '-XX:ReservedCodeCacheSize=2m').invalid).toEqual([]);
    expect(parse('-XX:maxRAMPercentage=75', '-XX:+IgnoreUnrecognizedVMOptions').invalid).toEqual([]);
  });

  it('refuses two collectors', () => {
    expect(reasons('-XX:+UseG1GC', '-XX:+UseParallelGC')).toEqual([['-XX:+UseParallelGC', 'more than one garbage collector is selected (-XX:+UseG1GC, -XX:+UseParallelGC)', 'Multiple garbage collectors selected']]);
  });
});
