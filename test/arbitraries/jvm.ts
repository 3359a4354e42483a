/**
 * Generators for JVM option text: HotSpot sizes (valid, near misses, overflowing), the memory
 * flags that take them, percentages, booleans and unrelated options, and whole option strings as
 * JAVA_TOOL_OPTIONS holds them. Also used for the env values of generated workloads.
 */
import fc from 'fast-check';

const U64_MAX = 2n ** 64n - 1n;
export const HOTSPOT_UNITS: Readonly<Record<string, bigint>> = { '': 1n, k: 2n ** 10n, m: 2n ** 20n, g: 2n ** 30n, t: 2n ** 40n };

/** A HotSpot size that must be accepted, with its bytes: decimal digits (leading zeros allowed) and a one-letter unit of either case. */
export const validHotSpotSize: fc.Arbitrary<{ text: string; bytes: bigint }> = fc
  .record({ unit: fc.constantFrom('', 'k', 'm', 'g', 't', 'K', 'M', 'G', 'T'), zeros: fc.constantFrom('', '', '0', '00'), small: fc.boolean() })
  .chain(({ unit, zeros, small }) => {
    const scale = HOTSPOT_UNITS[unit.toLowerCase()] as bigint;
    const max = small ? 4096n : U64_MAX / scale;
    return fc.bigInt({ min: 0n, max }).map((n) => ({ text: `${zeros}${n}${unit}`, bytes: n * scale }));
  });

/** Near misses and hostile text for sizes: fractions, two-letter units, signs, spaces, hex, overflow. */
export const sizeLike: fc.Arbitrary<string> = fc.oneof(
  validHotSpotSize.map((s) => s.text),
  fc.tuple(fc.nat(99_999), fc.constantFrom('.5g', '.0', 'mb', 'MB', 'GiB', 'Mi', 'b', 'B', 'kk', 'i', ' ', 'e3', '%')).map(([n, tail]) => `${n}${tail}`),
  fc.tuple(fc.constantFrom('+', '-', ' ', '=', '.', '0x', '0X', '0x0'), fc.nat(99_999), fc.constantFrom('', 'k', 'm', 'g', 'b', 'f')).map(([a, n, b]) => `${a}${n}${b}`),
  fc.bigInt({ min: U64_MAX - 5n, max: U64_MAX + 5n }).map(String),
  fc.constantFrom('16777216t', '16777215t', '17179869184g', '17179869183g', '0x', '0xg', '0xFFFFFFFFFFFFFFFF', '0x10000000000000000', ''),
  fc.string({ unit: fc.constantFrom('0', '1', '9', 'x', 'X', 'a', 'f', 'k', 'm', 'G', 't', 'b', '.', '-', '+', ' '), maxLength: 8 }),
);

/** -XX:MaxRAMPercentage values: integers, decimals with 1–6 places, exponents, and out-of-range or malformed ones. */
export const percentText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map(String),
  fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 1, max: 6 })).map(([v, places]) => v.toFixed(places)),
  fc.constantFrom('7.5e1', '1.e2', '0.0', '100.0', '100.000001', '101', '-5.0', '75%', '75.', '.5', '75,5', '1k', '0x4B', '1e400', '', 'abc'),
);

const sizeFlag = fc.tuple(fc.constantFrom('-Xmx', '-Xms', '-Xss', '-Xmn', '-XX:MaxHeapSize=', '-XX:InitialHeapSize=', '-XX:MaxMetaspaceSize=', '-XX:MaxDirectMemorySize=', '-XX:ReservedCodeCacheSize=', '-XX:MaxRAM=', '-XX:ThreadStackSize='), sizeLike);
const percentFlag = fc.tuple(fc.constantFrom('-XX:MaxRAMPercentage=', '-XX:InitialRAMPercentage=', '-XX:MinRAMPercentage='), percentText);

/** One JVM option token as written (may be refused by HotSpot). */
export const jvmFlag: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: sizeFlag.map(([flag, v]) => flag + v) },
  { weight: 3, arbitrary: percentFlag.map(([flag, v]) => flag + v) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '-XX:+UseContainerSupport', '-XX:-UseContainerSupport', '-XX:UseContainerSupport', '-XX:+UseG1GC', '-XX:+UseZGC', '-XX:+UseSerialGC',
      '-XX:MaxRAMFraction=2', '-XX:MaxRAMFraction=0', '-XX:-TieredCompilation', '-XX:+IgnoreUnrecognizedVMOptions', '-XX:maxrampercentage=75',
      '-XX:+MaxRAMPercentage', '-XX:MaxRAMPercentage', '-Dfile.encoding=UTF-8', '-server', '-jar', 'app.jar', '-XX:InitialCodeCacheSize=1m',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** A whole options string (JAVA_TOOL_OPTIONS, JAVA_OPTS…): tokens joined by white space, sometimes quoted. */
export const jvmOptionsString: fc.Arbitrary<string> = fc
  .array(fc.tuple(jvmFlag, fc.constantFrom(' ', ' ', '  ', '\t', '\n'), fc.constantFrom('', '', '', '"', "'")), { maxLength: 5 })
  .map((parts) => parts.map(([flag, space, quote]) => `${quote}${flag}${quote}${space}`).join('').trim());
