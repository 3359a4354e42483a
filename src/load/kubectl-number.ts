/**
 * Which YAML scalars kubectl sends to the API server as JSON numbers, and as what text.
 *
 * kubectl converts YAML to JSON with sigs.k8s.io/yaml, which decodes with go-yaml v2: YAML 1.1
 * rules, not the YAML 1.2 core schema of the `yaml` package. The two disagree on numbers:
 * `0x10`, `0o20`, `020` (octal), `0b101` and `1_000` are numbers for kubectl (16, 16, 16, 5,
 * 1000), while `yaml` reads `020` as 20 and `1_000` as a string. Then Go's encoding/json writes
 * the number (`1e3` → `1000`), and that text is what the API server parses as a quantity.
 */

const INT_TAG = 'tag:yaml.org,2002:int';
const FLOAT_TAG = 'tag:yaml.org,2002:float';

/** go-yaml v2 resolve.go: the syntax a float must have before strconv.ParseFloat is tried. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** strconv.ParseFloat on a scalar starting with `.` (resolve.go's '.' hint): digits, optional exponent. */
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * The JSON number kubectl sends for a scalar, or undefined when kubectl sends a string (quoted,
 * `!!str`, a custom tag such as `!Ref`), a boolean or null, or fails on it (`.inf`, `1e400`
 * out of float range is a string for go-yaml too).
 *
 * @param source the scalar's text as written (for quoted scalars, their value)
 * @param tag the explicit tag, in `yaml`'s long form (`tag:yaml.org,2002:int`), if any
 * @param plain whether the scalar is plain (unquoted, not a block scalar)
 */
export function kubectlNumber(source: string, tag: string | undefined, plain: boolean): string | undefined {
  // Untagged quoted scalars are strings; `!!int`/`!!float` are resolved whatever the style.
  if (tag === undefined ? !plain : tag !== INT_TAG && tag !== FLOAT_TAG) return undefined;
  const first = source[0];
  if (first === '.') {
    return DOT_FLOAT.test(source) ? goJsonFloat(Number(source)) : undefined;
  }
  if (first === undefined || !/[-+0-9]/.test(first)) return undefined;
  // resolve.go strips every underscore before strconv.ParseInt(plain, 0, 64).
  const plainText = source.replace(/_/g, '');
  const integer = parseGoInt(plainText);
  if (integer !== undefined) return integer.toString();
  if (YAML_STYLE_FLOAT.test(plainText)) return goJsonFloat(Number(plainText));
  return undefined;
}

/**
 * strconv.ParseInt(s, 0, 64), then ParseUint(s, 0, 64): an optional sign (ParseInt only), then
 * `0x`/`0o`/`0b` prefixes or a leading `0` for octal; the value must fit in int64 or uint64.
 */
function parseGoInt(text: string): bigint | undefined {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!match) return undefined;
  const [, sign, digits = ''] = match;
  let value: bigint;
  if (/^0[xXoObB]/.test(digits)) value = BigInt(`0${digits[1]?.toLowerCase()}${digits.slice(2)}`);
  else if (digits.length > 1 && digits.startsWith('0')) value = BigInt(`0o${digits.slice(1)}`); // Go: a leading 0 means octal
  else value = BigInt(digits);
  if (sign === '-') value = -value;
  if (value >= INT64_MIN && value <= INT64_MAX) return value;
  // ParseUint accepts no sign at all.
  return sign === '' && value <= UINT64_MAX ? value : undefined;
}

/**
 * A float64 as Go's encoding/json writes it: the shortest round-trip digits, in exponent form
 * below 1e-6 or from 1e21 on (`1e-7`, `1e+21`) — the same thresholds and spelling as
 * JavaScript's Number#toString. An overflow (`1e400`) is an error for strconv.ParseFloat, so
 * go-yaml keeps the scalar as a string.
 */
function goJsonFloat(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  return String(value);
}
