import { describe, it, expect } from 'vitest';
import { formatBytes, parseQuantity } from './quantity.js';

const Mi = 2 ** 20;
const Gi = 2 ** 30;

const FORMAT: readonly [number, string][] = [
  [0, '0'],
  [1, '1 byte'],
  [1000, '1000 bytes'],
  [1023, '1023 bytes'],
  [1024, '1Ki'],
  [1536, '1536 bytes'],
  [3072, '3Ki'],
  [536870912, '512Mi'],
  [1073741824, '1Gi'],
  [1610612736, '1536Mi'],
  [2 ** 40, '1Ti'],
  [2 ** 60, '1Ei'],
  [2 ** 63, '8Ei'],
  [1.4 * Gi + 12345, '≈1.4Gi'],
  [300.5 * Mi + 1, '≈300.5Mi'],
  [Mi + 1, '≈1.0Mi'],
  [Gi - 1, '≈1.0Gi'],
  [1e9, '≈953.7Mi'],
  [1e12, '≈931.3Gi'], // exact only while it reads well (< 100,000 units)
  [1e12 + 1, '≈931.3Gi'],
  [0.512, '0.512 bytes'],
  [1e-9, '0.000000001 bytes'],
  [1.5, '1.5 bytes'],
  [-Gi, '-1Gi'],
  [-1000, '-1000 bytes'],
  [Infinity, 'unbounded'],
  [-Infinity, '-unbounded'],
  [NaN, 'NaN'],
];

describe('formatBytes', () => {
  it.each(FORMAT)('%s → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('round-trips exact binary spellings through parseQuantity', () => {
    for (const bytes of [1024, 3 * Mi, 1610612736, 7 * 2 ** 40, 5 * 2 ** 50]) {
      const q = parseQuantity(formatBytes(bytes));
      expect(q.ok && q.value).toBe(bytes);
    }
  });
});
