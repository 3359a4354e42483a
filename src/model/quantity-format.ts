/** Byte counts in Kubernetes spelling, for messages. */

// ---------------------------------------------------------------------------------------------
// Formatting.

const BINARY_UNITS: readonly (readonly [string, number])[] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

function plainNumber(n: number): string {
  if (Number.isInteger(n) || n >= 1e-6) return String(n);
  return n.toFixed(9).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * Bytes in Kubernetes spelling, exact when possible (`536870912` → `512Mi`, `1610612736` →
 * `1536Mi`), else rounded to one decimal in the largest binary unit from Mi up (`≈1.4Gi`,
 * `≈300.5Mi`); below 1Mi, a non-multiple of 1Ki is plain bytes (`1000 bytes`, `0.512 bytes`).
 * ±Infinity is `unbounded` / `-unbounded`.
 */
export function formatBytes(bytes: number): string {
  if (Number.isNaN(bytes)) return 'NaN';
  if (bytes === Infinity) return 'unbounded';
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  if (bytes === 0) return '0';
  if (Number.isInteger(bytes)) {
    for (const [suffix, size] of BINARY_UNITS) {
      // Exact spellings stay readable (1536Mi); 1e12 as 976562500Ki does not, so it is rounded below.
      if (bytes % size === 0 && bytes / size < 100_000) return `${bytes / size}${suffix}`;
    }
  }
  if (bytes >= 2 ** 20) {
    for (let i = 0; i < BINARY_UNITS.length; i++) {
      const [suffix, size] = BINARY_UNITS[i] as readonly [string, number];
      if (bytes < size) continue;
      const rounded = Math.round((bytes / size) * 10) / 10;
      const bigger = BINARY_UNITS[i - 1];
      // 1Gi - 1 byte rounds to 1024.0Mi: say ≈1.0Gi instead.
      if (rounded >= 1024 && bigger) return `≈${(bytes / bigger[1]).toFixed(1)}${bigger[0]}`;
      return `≈${rounded.toFixed(1)}${suffix}`;
    }
  }
  return `${plainNumber(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
}
