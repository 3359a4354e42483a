/**
 * Memory values at the edges, end to end: a container requesting 1Gi with the limit below. Each
 * row lists every rule that fires, and each is true of what the API server receives (kubectl
 * turns YAML into JSON with go-yaml v2 first): none crashes, none is silently misread.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';

async function lintLimit(limit: string) {
  const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: edge}\nspec:\n  containers:\n    - name: c\n      resources:\n        requests: {memory: 1Gi}\n        limits:\n          memory: ${limit}\n`;
  const result = await lint(['-'], { stdin: { bytes: new TextEncoder().encode(text), filename: 'edge.yaml' } });
  return { ...result, ruleIds: [...new Set(result.findings.map((f) => f.ruleId))].sort() };
}

const ROWS: Array<[limit: string, ruleIds: string[], why: string]> = [
  ['1Gi', ['memory-no-headroom'], 'limit = request'],
  ['2Gi', [], '2× the request: fine'],
  ['1073741824', ['memory-no-headroom'], 'a YAML number: 1Gi in bytes'],
  ['"1073741824"', ['memory-no-headroom'], 'the same as a string'],
  ['" 1Gi "', ['memory-no-headroom'], 'the JSON decoder trims spaces'],
  ['+1Gi', ['memory-no-headroom'], 'a sign is part of the grammar'],
  ['0', ['memory-limit-below-request'], 'the API rejects limit < request'],
  ['-0', ['memory-limit-below-request'], '-0 is 0'],
  ['-1Gi', ['memory-quantity-invalid'], 'negative quantities are rejected'],
  ['512', ['memory-limit-below-request', 'memory-quantity-suspicious'], '512 bytes'],
  ['"512"', ['memory-limit-below-request', 'memory-quantity-suspicious'], 'the same as a string'],
  ['1e3', ['memory-limit-below-request', 'memory-quantity-suspicious'], '1000 bytes (kubectl sends 1000)'],
  ['!!int "1024"', ['memory-limit-below-request', 'memory-quantity-suspicious'], 'a tag makes the string a number'],
  ['.5Gi', ['memory-limit-below-request'], '512Mi: a leading dot is legal'],
  ['.5', ['memory-quantity-suspicious'], 'half a byte'],
  ['1e-3', ['memory-quantity-suspicious'], 'a thousandth of a byte'],
  ['1Ei', ['memory-limit-request-ratio'], '2^60 bytes'],
  ['9223372036854775807', ['memory-limit-request-ratio'], 'int64 max'],
  ['9223372036854775808', ['memory-limit-request-ratio'], 'past int64: a uint64 for go-yaml'],
  ['9Ei', ['memory-limit-request-ratio'], 'binary quantities are capped at 2^63-1'],
  ['1e3Mi', ['memory-quantity-invalid'], 'an exponent and a suffix together are rejected'],
  ['.inf', ['memory-quantity-invalid'], 'kubectl cannot even encode +Inf as JSON'],
  ['yes', ['memory-quantity-invalid'], 'a YAML 1.1 boolean for kubectl, a string for oomlint: invalid either way'],
  ['[1Gi]', ['memory-limit-missing', 'memory-quantity-invalid'], 'a list is rejected, so no limit is set'],
  ['~', ['memory-limit-missing'], 'null: no limit'],
  ['!Ref 1Gi', ['memory-no-headroom'], 'a custom tag: go-yaml keeps the string "1Gi"'],
  ['!!binary MTBNaQ==', ['memory-limit-below-request'], 'go-yaml decodes !!binary: "10Mi"'],
];

describe('memory quantities at the edges (request 1Gi)', () => {
  for (const [limit, ruleIds, why] of ROWS) {
    it(`limit ${limit} → ${ruleIds.join(', ') || 'nothing'} (${why})`, async () => {
      const result = await lintLimit(limit);
      expect(result.errors).toEqual([]);
      expect(result.ruleIds).toEqual(ruleIds);
    });
  }

  it('1e400: a legal quantity (10^400 bytes); no rule calls it invalid or below the request', async () => {
    // A gap rather than a wrong word: the ratio rule says nothing about an infinite limit.
    const result = await lintLimit('1e400');
    expect(result.errors).toEqual([]);
    expect(result.ruleIds).not.toContain('memory-quantity-invalid');
    expect(result.ruleIds).not.toContain('memory-limit-below-request');
  });
});

/**
 * YAML 1.1 numbers that go-yaml (kubectl) reads but the YAML 1.2 `yaml` package does not, or reads
 * otherwise: the loader gives their kubectl value as `jsonNumber` (test/hostile-keys-tags.test.ts),
 * and the quantity reader in src/model/resources.ts reads that.
 */
describe('YAML 1.1 numbers, as kubectl sends them', () => {
  for (const [limit, bytes] of [
    ['0x10', 16],
    ['0o20', 16],
    ['020', 16],
    ['1_000', 1000],
  ] as const) {
    it(`limit ${limit} is ${bytes} bytes: below the request and suspicious, never "not a quantity"`, async () => {
      const result = await lintLimit(limit);
      expect(result.ruleIds).toEqual(['memory-limit-below-request', 'memory-quantity-suspicious']);
      expect(result.findings.find((f) => f.ruleId === 'memory-quantity-suspicious')?.message).toContain(`${bytes} bytes`);
    });
  }
});
