/**
 * oomlint never executes, fetches or evaluates anything from its input (README "Security"). This
 * scans the production sources for every way a Node program could: starting processes, network
 * modules and fetch, eval and its relatives, and imports of computed specifiers. The two known
 * exceptions are pinned here with the reason they are safe, so a new one fails the test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|js|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'));
}

const FILES = [...sources('src'), ...sources('rules'), ...sources('bin')].sort();

/** What a program needs to run, fetch or evaluate something. */
const FORBIDDEN: Array<[name: string, pattern: RegExp]> = [
  ['child processes', /\b(child_process|node:cluster|worker_threads)\b|\b(execSync|execFile|execFileSync|spawn|spawnSync|fork)\s*\(/],
  ['network modules', /['"](node:)?(https?|http2|net|tls|dgram|dns|undici)['"]/],
  ['network calls', /\b(fetch|XMLHttpRequest|WebSocket|EventSource)\s*\(|\bnew\s+(XMLHttpRequest|WebSocket|EventSource)\b/],
  ['evaluation', /\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(|['"](node:)?vm['"]|\bprocess\.binding\b/],
  ['string timers', /\bset(Timeout|Interval|Immediate)\s*\(\s*['"`]/],
  ['computed imports', /\bimport\s*\(\s*(?!['"]\.{0,2}\/?[\w@./-]+['"]\s*\))/],
  ['require', /\brequire\s*\(\s*(?!['"][\w@./:-]+['"]\s*\))/],
];

/** file → the exact lines allowed to match, and why they cannot reach the input. */
const ALLOWED: Record<string, Array<[line: RegExp, why: string]>> = {
  // The GitHub Action's only-changed mode runs git (never oomlint itself); see the next describe.
  'src/action/changed-files.ts': [
    [/^import \{ execFileSync \} from 'node:child_process';$/, 'the import'],
    [/^execFileSync\('git', args, \{ cwd, encoding: 'utf8', stdio: \[/, 'git, without a shell, with the arguments below'],
  ],
  // The stylish reporter loads chalk from eslint-formatter-pretty's own dependencies: the path is
  // createRequire(...).resolve('chalk'), a fixed package name, never anything from the input.
  'src/report/stylish.ts': [[/await import\(pathToFileURL\(chalkPath\)\.href\)/, 'chalk, resolved by a fixed name']],
};

describe('production code never runs, fetches or evaluates anything', () => {
  it('scans a plausible set of files', () => {
    expect(FILES).toContain('src/index.ts');
    expect(FILES).toContain('src/load/yaml.ts');
    expect(FILES).toContain('rules/index.ts');
    expect(FILES).toContain('bin/oomlint.js');
    expect(FILES.some((f) => f.endsWith('.test.ts'))).toBe(false);
  });

  for (const [name, pattern] of FORBIDDEN) {
    it(`no ${name}`, () => {
      const hits = FILES.flatMap((file) =>
        readFileSync(join(ROOT, file), 'utf8')
          .split('\n')
          .map((line, i) => ({ file, line: i + 1, text: line.trim() }))
          .filter(({ text }) => !text.startsWith('//') && !text.startsWith('*') && pattern.test(text))
          .filter(({ file: f, text }) => !(ALLOWED[f] ?? []).some(([allowed]) => allowed.test(text))),
      );
      expect(hits).toEqual([]);
    });
  }

  it('every allowed exception still exists (else remove it from the list)', () => {
    for (const [file, lines] of Object.entries(ALLOWED)) {
      const text = readFileSync(join(ROOT, file), 'utf8').split('\n').map((l) => l.trim());
      for (const [line] of lines) expect(text.some((l) => line.test(l)), `${file}: ${line}`).toBe(true);
    }
  });

  it('the patterns catch what they are for (each would fail on a forbidden line)', () => {
    const samples = [
      "import { exec } from 'node:child_process';",
      "import https from 'node:https';",
      "const r = await fetch(url);",
      'const f = new Function(code);',
      'eval(text);',
      "setTimeout('x()', 1);",
      'await import(userPath);',
      'require(name);',
    ];
    for (const sample of samples) expect(FORBIDDEN.some(([, p]) => p.test(sample)), sample).toBe(true);
    for (const fine of ["await import('./stylish.js')", "import { readFile } from 'node:fs/promises';", 'evaluate(x);', 'prefetch(x);']) {
      expect(FORBIDDEN.some(([, p]) => p.test(fine)), fine).toBe(false);
    }
  });
});

describe('the one process oomlint code starts: git, in the GitHub Action', () => {
  const source = readFileSync(join(ROOT, 'src/action/changed-files.ts'), 'utf8');

  it('git with an argument list, never a shell, and one call site', () => {
    expect(source.match(/execFileSync\(/g)).toHaveLength(1);
    expect(source).not.toMatch(/shell\s*:/);
    expect(source.match(/\bgit\(\[/g)).toHaveLength(1);
  });

  it('fixed arguments but the commit range, which only ever holds two validated commit ids, then --', () => {
    expect(source).toContain("git(['diff', '--name-only', '-z', '--diff-filter=d', '--relative', range, '--'], workingDirectory)");
    expect(source).toContain('const range = `${base}...${head}`;');
    expect(source).toContain('const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i;');
    expect(source).toMatch(/!SHA\.test\(base\) \|\| !SHA\.test\(head\)/);
  });
});
