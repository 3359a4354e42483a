/** examples/ is the README's first command: it must show every rule firing and one clean object. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint } from '../src/index.js';

const result = await lint(['examples'], { cwd: join(import.meta.dirname, '..') });

describe('examples/', () => {
  it('reads without input errors', () => {
    expect(result.errors).toEqual([]);
  });

  for (const rule of rules) {
    it(`makes ${rule.id} fire`, () => {
      expect(result.findings.filter((f) => f.ruleId === rule.id).length).toBeGreaterThan(0);
    });
  }

  it('has a clean object, which is linted (it has a container) and draws no finding', async () => {
    const clean = await lint(['examples/catalog.yaml'], { cwd: join(import.meta.dirname, '..') });
    expect(clean.summary).toMatchObject({ objects: 2, containers: 1, findings: 0 });
  });
});
