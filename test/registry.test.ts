/** The registry matches the rule folders, and every rule is complete (STYLE.md checklist). */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';

const RULES_DIR = join(import.meta.dirname, '..', 'rules');
const folders = readdirSync(RULES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('rule registry', () => {
  it('registers every rule folder exactly once, sorted by id', () => {
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual(folders);
    expect([...ids].sort()).toEqual(ids);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('has kebab-case id, docs, tests, severity and summary', () => {
        expect(rule.id).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
        expect(existsSync(join(RULES_DIR, rule.id, 'README.md'))).toBe(true);
        expect(existsSync(join(RULES_DIR, rule.id, 'index.test.ts'))).toBe(true);
        expect(['error', 'warning', 'info']).toContain(rule.meta.severity);
        expect(rule.meta.summary.length).toBeGreaterThan(10);
        expect(rule.meta.docsUrl).toContain(`/rules/${rule.id}/README.md`);
      });

      it('has an option schema that compiles, forbids unknown options and accepts its defaults', () => {
        const ajv = new Ajv.default({ strict: true });
        const validate = ajv.compile(rule.options.schema);
        expect(rule.options.schema).toMatchObject({ type: 'object', additionalProperties: false });
        expect(validate(rule.options.defaults)).toBe(true);
        expect(validate({ ...rule.options.defaults, notAnOption: 1 })).toBe(false);
      });

      it('supersedes only registered rules', () => {
        for (const id of rule.meta.supersedes ?? []) expect(rules.map((r) => r.id)).toContain(id);
      });
    });
  }
});
