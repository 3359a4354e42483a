/**
 * Bad input, end to end: each case is reported with file:line:column in every format, forces
 * exit 2 where the file could not be parsed, never prints a stack trace, and does not stop the
 * other files from being linted.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';
import type { LintResult } from '../src/result.js';

const NO_LIMIT = 'apiVersion: v1\nkind: Pod\nmetadata: {name: still-linted}\nspec:\n  containers: [{name: c}]\n';

const CASES: Array<{ file: string; content: string | Buffer; code: string; line: number; column: number; says: string }> = [
  { file: 'syntax.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata: {name: [x}\n', code: 'yaml-syntax', line: 3, column: 20, says: 'end with a ]' },
  { file: 'tabs.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n', code: 'yaml-syntax', line: 4, column: 1, says: 'tabs' },
  { file: 'dupes.yaml', content: 'apiVersion: v1\nkind: Pod\nkind: Pod\nmetadata: {name: x}\n', code: 'yaml-duplicate-key', line: 3, column: 1, says: 'the last value wins' },
  { file: 'chart.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n', code: 'helm-template', line: 4, column: 9, says: 'helm template' },
  { file: 'binary.yaml', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), code: 'file-binary', line: 1, column: 1, says: 'binary' },
  { file: 'latin1.yaml', content: Buffer.from('apiVersion: v1\nkind: Pod # caf\xe9\n', 'latin1'), code: 'file-encoding', line: 2, column: 16, says: 'byte 0xE9' },
  { file: 'bad.json', content: '{"apiVersion": "v1", "kind": "Pod",', code: 'yaml-syntax', line: 1, column: 36, says: '' },
];

let dir: string;
let result: LintResult;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'oomlint-bad-'));
  for (const c of CASES) writeFileSync(join(dir, c.file), c.content);
  writeFileSync(join(dir, 'huge.yaml'), '');
  truncateSync(join(dir, 'huge.yaml'), 64 * 1024 * 1024); // sparse: never read
  writeFileSync(join(dir, 'empty.yaml'), '\n\n');
  writeFileSync(join(dir, 'good.yaml'), NO_LIMIT);
  writeFileSync(join(dir, 'locked.yaml'), NO_LIMIT);
  chmodSync(join(dir, 'locked.yaml'), 0o000);
  result = await lint(['.'], { cwd: dir });
});

describe('every bad input is an error with a position', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.code}`, () => {
      const error = result.errors.find((e) => e.file === c.file);
      expect(error).toMatchObject({ code: c.code, line: c.line, column: c.column });
      if (c.says) expect(error?.message).toContain(c.says);
    });
  }

  it('a file over the size cap is refused before reading', () => {
    expect(result.errors.find((e) => e.file === 'huge.yaml')).toMatchObject({ code: 'file-too-large', line: 1, column: 1 });
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file', () => {
    expect(result.errors.find((e) => e.file === 'locked.yaml')).toMatchObject({ code: 'file-unreadable' });
  });

  it('an empty file is skipped with a reason, not an error', () => {
    expect(result.summary.skipped).toContainEqual(expect.objectContaining({ file: 'empty.yaml', reason: 'empty file' }));
    expect(result.errors.find((e) => e.file === 'empty.yaml')).toBeUndefined();
  });

  it('the good file is still linted', () => {
    expect(result.findings.some((f) => f.file === 'good.yaml' && f.object === 'Pod still-linted')).toBe(true);
  });
});

describe('the CLI shows them in every format and exits 2 without a stack trace', () => {
  const bin = join(import.meta.dirname, '..', 'bin', 'oomlint.js');
  for (const format of ['stylish', 'json']) {
    it(format, () => {
      const run = spawnSync(process.execPath, [bin, '.', '--format', format, '--no-color'], { cwd: dir, encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      for (const c of CASES) {
        if (format === 'stylish') expect(run.stdout).toContain(`${c.file}:${c.line}:${c.column}`);
        else expect(JSON.parse(run.stdout).errors).toContainEqual(expect.objectContaining({ file: c.file, line: c.line, column: c.column, code: c.code }));
      }
      expect(run.stdout).toContain('empty.yaml');
    });
  }
});
