import { GO_SPACE, NANO, parseCore, type Core } from './quantity-core.js';
import { explain, quote, suggestQuantity } from './quantity-diagnostics.js';

export { suggestQuantity } from './quantity-diagnostics.js';
export { formatBytes } from './quantity-format.js';

/**
 * Kubernetes resource quantities, parsed exactly as the API server does
 * (k8s.io/apimachinery/pkg/api/resource, `ParseQuantity` in quantity.go and
 * `interpret` in suffix.go).
 *
 * The parser below is a line-by-line port of Go's `parseQuantityString` scanner followed by the
 * suffix lookup, so it accepts and rejects exactly the same strings, including the quirks:
 *
 * - `""` is an error, but a quantity with no digits at all is *accepted as zero* when the fast
 *   int64 path is taken: `Gi`, `Ki`, `M`, `m`, `E`, `e3`, `+`, `-`, `.`, `+.Gi` all parse as 0.
 *   The same digit-less text is an error ("unable to parse numeric part") when Go falls back to
 *   the inf.Dec path, which happens for `Pi`, `Ei` (precision estimate < 0) and for exponents
 *   below -9 (`e-10`, `.e-10`).
 * - `1.` and `.5` are numbers; `1.Gi` is 1Gi (Go has a TODO to reject this, but does not).
 * - `E` alone is the exa suffix (10^18); `E3`/`e3`/`E+3`/`e-03` are exponents.
 * - The exponent is parsed with `strconv.ParseInt(s, 10, 64)` (so it must fit in int64, or the
 *   suffix is rejected) and then converted with `int32(parsed)`, which wraps silently:
 *   `1e4294967296` is 1 and `1e2147483648` is 1 × 10^-2147483648 (TOB-K8S-015).
 * - Values are kept down to nano (10^-9); anything finer is rounded *away from zero* to the next
 *   nano, so `1e-12` and `0.0000000001` become 1n, and `-1e-12` becomes -1n.
 * - BinarySI quantities (`Ki`…`Ei`) are silently capped at 2^63-1 in magnitude (`8Ei`, `16Ei`).
 *   Decimal and exponent quantities are not capped.
 * - Suffixes are case-sensitive and must be one of the known ones: `1g`, `1K`, `512MB`, `1gi`
 *   are errors. Whitespace is never skipped by ParseQuantity: `1 Gi`, ` 1Gi`, `1Gi ` are errors
 *   (but see {@link parseQuantityJSON}: the JSON decoder trims leading/trailing whitespace).
 */
export type Quantity =
  | {
      ok: true;
      /** The text as written. */
      raw: string;
      /**
       * Value in base units (bytes for memory) after the API server's own rounding (to nano,
       * away from zero) and BinarySI cap; may be fractional (`512m` = 0.512). The nearest double
       * to that exact value; ±Infinity when its magnitude is beyond the double range (`1e400`).
       */
      value: number;
      /** What the kubelet uses: the value rounded *up*, away from zero, to a whole number (Quantity.Value()). */
      bytes: number;
      /** True when the exact value is a whole number (also true for an overflowing `1e400`). */
      isWhole: boolean;
      /** The suffix as written: '', 'Ki'…'Ei', 'n','u','m','k','M','G','T','P','E', or an exponent like 'e3'. */
      suffix: string;
      /** True when the value is strictly below zero (`-0` is not negative). */
      negative: boolean;
    }
  | {
      ok: false;
      raw: string;
      /** Why the API server rejects it, in one sentence. */
      reason: string;
      /** The quantity the author most likely meant (`1g` → `1Gi`), when there is one. */
      suggestion?: string;
    };

// ---------------------------------------------------------------------------------------------
// Parsing: the core's value as a Quantity, or the diagnostics when it is rejected.

function fromCore(raw: string, core: Extract<Core, { ok: true }>): Quantity {
  const { nanos, suffix } = core;
  if (nanos === 'inf') {
    const inf = core.positive ? Infinity : -Infinity;
    return { ok: true, raw, value: inf, bytes: inf, isWhole: true, suffix, negative: !core.positive };
  }
  if (nanos === 0n) return { ok: true, raw, value: 0, bytes: 0, isWhole: true, suffix, negative: false };
  const whole = nanos / NANO;
  const frac = nanos % NANO;
  const sign = core.positive ? '' : '-';
  // Via a decimal string so the double is the correctly rounded one.
  const value = Number(`${sign}${whole}.${frac.toString().padStart(9, '0')}`);
  // Quantity.Value(): rounded up, away from zero.
  const bytes = Number(`${sign}${frac === 0n ? whole : whole + 1n}`);
  return { ok: true, raw, value, bytes, isWhole: frac === 0n, suffix, negative: !core.positive };
}

/** Parse a quantity exactly as the API server's `resource.ParseQuantity` does. Never throws. */
export function parseQuantity(raw: string): Quantity {
  try {
    const core = parseCore(raw);
    if (core.ok) return fromCore(raw, core);
    const suggestion = suggestQuantity(raw);
    return { ok: false, raw, reason: explain(raw, core.error, suggestion), ...(suggestion !== undefined ? { suggestion } : {}) };
  } catch {
    // Defensive only: nothing above is expected to throw (e.g. a non-string from untyped JS).
    return { ok: false, raw: String(raw), reason: `${quote(String(raw))} is not a Kubernetes quantity` };
  }
}

const GO_TRIM = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'g');

/**
 * What the API server does with a quantity that arrives as a JSON (or YAML-converted) string:
 * `Quantity.UnmarshalJSON` calls `ParseQuantity(strings.TrimSpace(value))` ("TODO: Remove
 * support for leading/trailing whitespace"), so `"1Gi "` is accepted in a manifest although
 * `parseQuantity("1Gi ")` is an error. Inner whitespace (`1 Gi`) is still rejected. `raw` stays
 * as written.
 */
export function parseQuantityJSON(raw: string): Quantity {
  const trimmed = typeof raw === 'string' ? raw.replace(GO_TRIM, '') : raw;
  const q = parseQuantity(trimmed);
  return { ...q, raw };
}
