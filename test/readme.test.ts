/** README truths that can be checked: the rule table is the registry's, every flag is documented. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { HELP } from '../src/cli-options.js';
import { withRuleTable } from '../src/rule-table.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it('starts with exactly the two commands: lint the examples, run the tests', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = firstBlock.trim().split('\n').map((l) => l.replace(/\s+#.*$/, '').trim());
    expect(commands).toEqual(['npm ci && npx oomlint examples', 'npm ci && npm test']);
  });

  it('has the generated rule table (run `npm run docs` after changing a rule)', () => {
    expect(withRuleTable(readme, rules)).toBe(readme);
  });

  it('documents every CLI flag', () => {
    for (const flag of HELP.match(/--[a-z-]+/g) ?? []) expect(readme, flag).toContain(flag);
  });
});

describe('.ci/run', () => {
  it('runs the README test command', () => {
    const ci = readFileSync(join(import.meta.dirname, '..', '.ci', 'run'), 'utf8');
    expect(ci).toContain('npm ci && npm test');
  });
});
