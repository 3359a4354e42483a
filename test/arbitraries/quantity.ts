/**
 * Generators for Kubernetes quantity text: built from the grammar's pieces (sign, digits, a
 * fraction, a suffix or an exponent), with the edges that matter weighted in (leading zeros,
 * digit-less numbers, int64/int32 exponent boundaries, wrong-case and made-up suffixes), then
 * optionally damaged by one inserted character. Plus byte counts for the formatter round trip.
 */
import fc from 'fast-check';

const digits = (max: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '7', '9'), maxLength: max });

/** Exponents around the interesting boundaries: nano (-9/-10), double range, int32 wrap, int64 range. */
const exponentDigits = fc.oneof(
  fc.integer({ min: -40, max: 40 }).map(String),
  fc.constantFrom('-9', '-10', '308', '309', '400', '-400', '03', '+3', '-03', '0', '+0', '-0'),
  // int32 wrap: 2^32 + k is k, 2^31 is -2^31.
  fc.integer({ min: -5, max: 5 }).map((k) => String(2n ** 32n + BigInt(k))),
  fc.constantFrom('2147483647', '2147483648', '-2147483648', '-2147483649', '4294967295', '-4294967296'),
  // int64 range: the last accepted exponents and the first refused ones.
  fc.constantFrom('9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809', '99999999999999999999'),
  digits(25).filter((d) => d.length > 0),
);

const suffix = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei') },
  { weight: 4, arbitrary: fc.constantFrom('', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E') },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('e', 'E'), exponentDigits).map(([e, d]) => e + d) },
  // Spellings people write that the API server refuses.
  { weight: 2, arbitrary: fc.constantFrom('K', 'g', 'gi', 'mi', 'KB', 'MB', 'GB', 'MiB', 'GiB', 'Gb', 'e', 'E+', 'e-', 'e1.5', 'i', 'iB', 'b', 'B', 'Kii', 'GiE') },
);

/** Text shaped like a quantity: [sign] [digits] [. [digits]] [suffix]. */
export const quantityText: fc.Arbitrary<string> = fc
  .record({
    sign: fc.constantFrom('', '', '+', '-'),
    zeros: fc.constantFrom('', '', '0', '000'),
    int: digits(22),
    fraction: fc.option(digits(14), { nil: undefined }),
    suffix,
  })
  .map(({ sign, zeros, int, fraction, suffix: s }) => `${sign}${zeros}${int}${fraction === undefined ? '' : `.${fraction}`}${s}`);

const noise = fc.constantFrom(' ', '\t', '.', '+', '-', 'e', 'E', 'i', 'x', ',', '_', '%', '"', '0', '9', '\u00a0', '\u{1F600}', 'é');

/** quantityText, sometimes with one character inserted somewhere: near misses of valid quantities. */
export const quantityLike: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: quantityText },
  {
    weight: 1,
    arbitrary: fc.tuple(quantityText, noise, fc.nat()).map(([text, c, at]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + c + text.slice(i);
    }),
  },
);

/** Any UTF-16 string, lone surrogates included (what a JS string can hold, not just valid Unicode). */
export const utf16String: fc.Arbitrary<string> = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });

/** Strings of every kind: ASCII, full Unicode code points, raw UTF-16, and quantity look-alikes. */
export const anyString: fc.Arbitrary<string> = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), utf16String, quantityLike);

const BINARY_UNITS = [10, 20, 30, 40, 50, 60];

/**
 * Byte counts below 2^63 (the API server caps binary quantities at 2^63 - 1): exact binary
 * multiples (n × 2^k, which formatBytes spells exactly while n < 100,000), plain integers of all
 * sizes, and fractions (formatBytes prints `0.512 bytes` for values the parser keeps to nano).
 */
export const byteCount: fc.Arbitrary<number> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 120_000 }), fc.constantFrom(...BINARY_UNITS)).map(([n, k]) => n * 2 ** k).filter((b) => b < 2 ** 63),
  fc.integer({ min: 0, max: 1 << 22 }),
  fc.maxSafeInteger().map(Math.abs),
  fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(Number).filter((b) => b < 2 ** 63),
  fc.double({ min: 1e-9, max: 2 ** 20, noNaN: true }),
);
