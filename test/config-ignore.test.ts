/** `ignore:` globs: the matcher (no dependency, no experimental Node API) and isIgnored. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ignoredBy, isIgnored, loadConfig } from '../src/config.js';
import { compileGlob, type Glob } from '../src/config/glob.js';

function glob(pattern: string): Glob {
  const outcome = compileGlob(pattern);
  if (!outcome.ok) throw new Error(`${pattern}: ${outcome.reason}`);
  return outcome.glob;
}

describe('compileGlob matches', () => {
  it.each([
    ['*.yaml', ['a.yaml', '.hidden.yaml', '*.yaml'], ['dir/a.yaml', 'a.yml', 'a.yaml.bak']],
    ['charts/**', ['charts', 'charts/a.yaml', 'charts/x/y/z.yaml'], ['chartsX/a.yaml', 'x/charts/a.yaml']],
    ['**/testdata', ['testdata', 'a/testdata', 'a/b/testdata'], ['a/testdata2', 'testdata/x']],
    ['**', ['a', 'a/b/c.yaml'], []],
    ['a/**/b', ['a/b', 'a/x/b', 'a/x/y/b'], ['a/xb', 'ab', 'a/b/c']],
    ['a/**/**/b', ['a/b', 'a/x/y/b'], ['a/bb']],
    ['**/*.{yaml,yml}', ['a.yaml', 'x/y/b.yml'], ['a.json', 'a.yamll']],
    ['deploy/{dev,staging/eu}/**', ['deploy/dev/a.yaml', 'deploy/staging/eu/b.yaml'], ['deploy/staging/us/c.yaml', 'deploy/devx/a.yaml']],
    ['{a,b{1,2}}.yaml', ['a.yaml', 'b1.yaml', 'b2.yaml'], ['b.yaml', 'b3.yaml']],
    ['file?.yaml', ['file1.yaml', 'file..yaml'], ['file.yaml', 'file10.yaml', 'file/.yaml']],
    ['[a-c]*.yaml', ['a1.yaml', 'c.yaml'], ['d.yaml', 'A.yaml']],
    ['[!a-c]*.yaml', ['d.yaml', 'A.yaml'], ['a.yaml', 'b9.yaml']],
    ['[^a-c]?', ['dd'], ['ad']],
    ['[]]x', [']x'], ['x', ']]x']],
    ['[a-]x', ['ax', '-x'], ['bx']],
    ['a\\*b', ['a*b'], ['axb', 'ab']],
    ['\\{a,b\\}', ['{a,b}'], ['a', 'b']],
    ['a.b(c)+$', ['a.b(c)+$'], ['axb(c)+$', 'a.bcc']],
    ['./vendor/**', ['vendor', 'vendor/a'], ['x/vendor/a']],
    ['Dockerfile.*', ['Dockerfile.dev'], ['Dockerfile', 'dockerfile.dev']],
    ['ünï/*.yaml', ['ünï/a.yaml'], ['uni/a.yaml']],
  ])('%s', (pattern, yes, no) => {
    const g = glob(pattern);
    for (const path of yes) expect(g.regex.test(path), `${pattern} should match ${path}`).toBe(true);
    for (const path of no) expect(g.regex.test(path), `${pattern} should not match ${path}`).toBe(false);
  });

  it('a trailing / marks a directory-only pattern', () => {
    expect(glob('build/')).toMatchObject({ pattern: 'build/', directoryOnly: true });
    expect(glob('build')).toMatchObject({ directoryOnly: false });
  });
});

describe('compileGlob refuses what is probably a mistake, saying why', () => {
  it.each([
    ['[abc', '"[" at position 1 is never closed (write "\\[" for a literal bracket)'],
    ['a/[b', '"[" at position 3 is never closed (write "\\[" for a literal bracket)'],
    ['[!]', '"[" at position 1 is never closed (write "\\[" for a literal bracket)'],
    ['[z-a].yaml', 'the range "z-a" is reversed; write "a-z"'],
    ['[[:alpha:]]', 'POSIX classes such as [[:alpha:]] are not supported; list the characters, e.g. [a-zA-Z]'],
    ['[a/b]', 'a character class cannot match "/" (in "[a/b]")'],
    ['[+-0]', 'a character class cannot match "/" (the range +-0)'],
    ['a**', '"**" must be a whole path segment, as in "**/a*" (got "a**")'],
    ['**.yaml', '"**" must be a whole path segment, as in "**/*.yaml" (got "**.yaml")'],
    ['/vendor/**', 'patterns are relative to the configuration file\'s directory and cannot start with "/"; write "vendor/**"'],
    ['!vendor', 'negated patterns ("!…") are not supported: a path is ignored when any pattern matches it'],
    ['../shared/**', '".." segments are not allowed: patterns match paths inside the configuration file\'s directory'],
    ['a/./b', '"." segments are not allowed: patterns match paths inside the configuration file\'s directory'],
    ['a//b', 'the pattern has an empty path segment ("//")'],
    ['./', 'the pattern matches nothing (it is empty)'],
    ['{a,b', '"{" at position 1 is never closed (write "\\{" for a literal brace)'],
    ['a}', '"}" at position 2 closes no "{" (write "\\}" for a literal brace)'],
    ['a\\', 'the pattern ends with a lone "\\"'],
    ['a\\/b', '"/" separates directories and cannot be escaped'],
    ['{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}', 'the {…} groups expand to more than 1024 patterns'],
  ])('%s', (pattern, reason) => {
    expect(compileGlob(pattern)).toEqual({ ok: false, reason });
  });
});

describe('isIgnored', () => {
  const config = { directory: '/repo', ignore: ['vendor/**', 'build/', '*.generated.yaml', '**/testdata'].map(glob) };

  it.each([
    ['/repo/vendor/x.yaml', false, 'vendor/**'],
    ['/repo/vendor', true, 'vendor/**'],
    ['/repo/build/a.yaml', false, 'build/'],
    ['/repo/build', true, 'build/'],
    ['/repo/a.generated.yaml', false, '*.generated.yaml'],
    ['/repo/deep/x/testdata/pod.yaml', false, '**/testdata'],
  ])('%s (directory: %s) is ignored by %s', (path, isDirectory, pattern) => {
    expect(ignoredBy(config, path, isDirectory)).toBe(pattern);
    expect(isIgnored(config, path, isDirectory)).toBe(true);
  });

  it.each([
    ['/repo/build', 'a file named like a directory-only pattern'],
    ['/repo/sub/a.generated.yaml', 'patterns are anchored at the configuration directory'],
    ['/repo/vendored/x.yaml', 'a segment only matches whole'],
    ['/repo', 'the directory itself'],
    ['/elsewhere/vendor/x.yaml', 'a path outside the configuration directory'],
    ['/repo-2/vendor/x.yaml', 'a sibling whose name starts like it'],
  ])('%s is not ignored: %s', (path) => {
    expect(isIgnored(config, path)).toBe(false);
  });

  it('nothing is ignored without a configuration file', () => {
    expect(isIgnored({ ignore: [glob('**')] }, '/repo/a.yaml')).toBe(false);
  });

  it('patterns are relative to the configuration file, not to the working directory', () => {
    const root = mkdtempSync(join(tmpdir(), 'oomlint-ignore-'));
    writeFileSync(join(root, '.oomlint.yaml'), 'ignore:\n  - deploy/old/**\n');
    const outcome = loadConfig(join(root, 'deploy'));
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(isIgnored(outcome.config, join(root, 'deploy/old/a.yaml'))).toBe(true);
    expect(isIgnored(outcome.config, join(root, 'deploy/new/a.yaml'))).toBe(false);
    expect(isIgnored(outcome.config, join(root, 'old/a.yaml'))).toBe(false);
  });
});
