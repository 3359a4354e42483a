/**
 * Rule READMEs are tests too (typescript-eslint's docs.test): each has the six headings in
 * order, and every YAML example marked ❌ makes the rule report while every ✅ example does not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { problemsOf } from './rule-tester.js';

const HEADINGS = ['What it catches', 'Why it matters', 'How to fix', 'Examples', 'Options', 'When to disable'];

interface Example {
  expectProblems: boolean;
  yaml: string;
  line: number;
}

function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  let marker: boolean | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('❌')) marker = true;
    else if (line.startsWith('✅')) marker = false;
    else if (line.startsWith('```yaml')) {
      const end = lines.indexOf('```', i + 1);
      if (marker !== undefined) examples.push({ expectProblems: marker, yaml: lines.slice(i + 1, end).join('\n'), line: i + 1 });
      marker = undefined;
      i = end;
    }
  }
  return examples;
}

for (const rule of rules) {
  describe(`${rule.id} README`, () => {
    const markdown = readFileSync(join(import.meta.dirname, '..', 'rules', rule.id, 'README.md'), 'utf8');

    it('starts with the id and has the six sections in order', () => {
      expect(markdown.split('\n')[0]).toBe(`# ${rule.id}`);
      const h2 = [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      expect(h2).toEqual(HEADINGS);
    });

    it('documents every option and says how to turn the rule off or suppress one case', () => {
      for (const option of Object.keys(rule.options.defaults)) expect(markdown).toContain(`\`${option}\``);
      expect(markdown).toContain(`--rule ${rule.id}=off`);
      expect(markdown).toContain(`# oomlint-disable-next-line ${rule.id} -- `);
      expect(markdown).toContain(`oomlint.io/ignore: "${rule.id} -- `);
    });

    const examples = examplesOf(markdown);
    it('has at least one ❌ and one ✅ example', () => {
      expect(examples.some((e) => e.expectProblems)).toBe(true);
      expect(examples.some((e) => !e.expectProblems)).toBe(true);
    });
    for (const example of examples) {
      it(`${example.expectProblems ? '❌' : '✅'} example at line ${example.line} ${example.expectProblems ? 'reports' : 'is clean'}`, () => {
        const problems = problemsOf(rule, example.yaml);
        if (example.expectProblems) expect(problems.length).toBeGreaterThan(0);
        else expect(problems).toEqual([]);
      });
    }
  });
}
