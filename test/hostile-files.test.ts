/**
 * Hostile files and file systems, end to end through lint(): encodings, sizes, many files and
 * odd directory entries. Each unreadable input is an error with file:line:column (exit 2 from the
 * CLI, no stack trace), each skipped one has a reason, and the good files beside them are linted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';
import type { LintResult } from '../src/result.js';

/** A pod without a memory limit: memory-limit-missing at line 8, columns 5–14 (the `resources` key). */
const POD = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources: {requests: {memory: 64Mi}}\n`;
const MiB = 2 ** 20;

let dir: string;
beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'oomlint-hostile-')));
});
// Removing a mode-000 file needs only the directory's permission.
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(relative: string, content: string | Uint8Array): void {
  mkdirSync(join(dir, relative, '..'), { recursive: true });
  writeFileSync(join(dir, relative), content);
}

const limitMissing = (result: LintResult, file: string) => result.findings.filter((f) => f.file === file && f.ruleId === 'memory-limit-missing');

describe('encodings', () => {
  let result: LintResult;
  beforeAll(async () => {
    const utf16 = (text: string, bigEndian: boolean) => {
      const units = Buffer.from(`\ufeff${text}`, 'utf16le');
      if (bigEndian) units.swap16();
      return units;
    };
    write('enc/png.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    write('enc/nul.yaml', `${POD('nul')}\0`);
    write('enc/latin1.yaml', Buffer.from(`${POD('latin1')}# caf\xe9\n`, 'latin1'));
    write('enc/utf16le.yaml', utf16(POD('le'), false));
    write('enc/utf16be.yaml', utf16(POD('be'), true));
    write('enc/crlf.yaml', POD('crlf').replace(/\n/g, '\r\n'));
    write('enc/lf.yaml', POD('lf'));
    result = await lint(['enc'], { cwd: dir });
  });

  it('binary, NUL bytes and invalid UTF-8 are errors with their position', () => {
    expect(result.errors).toEqual([
      { code: 'file-encoding', file: 'enc/latin1.yaml', line: 9, column: 6, message: 'not valid UTF-8 (byte 0xE9 at line 9, column 6); save the file as UTF-8' },
      { code: 'file-binary', file: 'enc/nul.yaml', line: 1, column: 1, message: 'binary file (NUL byte at offset 138); not a manifest' },
      { code: 'file-binary', file: 'enc/png.yaml', line: 1, column: 1, message: 'binary file (NUL byte at offset 8); not a manifest' },
    ]);
  });

  it('UTF-16 with a byte order mark (either order) is read, positions in characters as in UTF-8', () => {
    for (const file of ['enc/utf16le.yaml', 'enc/utf16be.yaml', 'enc/lf.yaml']) {
      expect(limitMissing(result, file)).toMatchObject([{ line: 8, column: 5, endLine: 8, endColumn: 14 }]);
    }
  });

  it('CRLF line endings give the findings of LF at the same lines and columns', () => {
    const strip = (file: string) => result.findings.filter((f) => f.file === file).map(({ file: _f, object: _o, message: _m, ...rest }) => rest);
    expect(strip('enc/crlf.yaml')).toEqual(strip('enc/lf.yaml'));
    expect(strip('enc/lf.yaml').length).toBeGreaterThan(0);
  });
});

describe('sizes: refused from stat alone, before a byte is read', () => {
  let result: LintResult;
  let ms: number;
  let heapMiB: number;
  beforeAll(async () => {
    write('size/real-100MiB.yaml', Buffer.alloc(100 * MiB, 'a: b\n'));
    write('size/sparse-1GiB.yaml', '');
    truncateSync(join(dir, 'size/sparse-1GiB.yaml'), 1024 * MiB);
    write('size/small.yaml', POD('small'));
    const heap = process.memoryUsage().heapUsed;
    const started = performance.now();
    result = await lint(['size'], { cwd: dir });
    ms = performance.now() - started;
    heapMiB = (process.memoryUsage().heapUsed - heap) / MiB;
  });

  it('a 100 MiB file and a 1 GiB sparse file are errors naming --max-file-size; the small file is linted', () => {
    expect(result.errors).toEqual([
      {
        code: 'file-too-large',
        file: 'size/real-100MiB.yaml',
        line: 1,
        column: 1,
        message: 'file is 100 MiB (104857600 bytes), over the 16 MiB (16777216 bytes) limit; raise it with --max-file-size if this really is a manifest',
      },
      {
        code: 'file-too-large',
        file: 'size/sparse-1GiB.yaml',
        line: 1,
        column: 1,
        message: 'file is 1 GiB (1073741824 bytes), over the 16 MiB (16777216 bytes) limit; raise it with --max-file-size if this really is a manifest',
      },
    ]);
    expect(limitMissing(result, 'size/small.yaml')).toHaveLength(1);
  });

  it('at once (a hang guard, not a benchmark) and without reading them into memory', () => {
    expect(ms).toBeLessThan(5000);
    expect(heapMiB).toBeLessThan(50);
  });
});

describe('20,000 small files', () => {
  it('are all found, read and linted in bounded time', async () => {
    for (let d = 0; d < 20; d++) {
      mkdirSync(join(dir, 'many', `d${d}`), { recursive: true });
      for (let i = 0; i < 1000; i++) writeFileSync(join(dir, 'many', `d${d}`, `p${i}.yaml`), POD(`p${d}-${i}`));
    }
    const started = performance.now();
    const result = await lint(['many'], { cwd: dir });
    expect(result.summary).toMatchObject({ files: 20_000, objects: 20_000, containers: 20_000 });
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'memory-limit-missing')).toHaveLength(20_000);
    // About 4 s on a 2-core machine (read one at a time, synchronously: read.ts); the budget leaves room for a slow disk.
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);
});

describe('file system oddities, through lint()', () => {
  let result: LintResult;
  beforeAll(async () => {
    write('fs/ok dir/ünïcödé 名前.yaml', POD('unicode'));
    mkdirSync(join(dir, 'fs', 'dir.yaml'), { recursive: true });
    write('fs/dir.yaml/inside.yaml', POD('inside'));
    symlinkSync('nowhere.yaml', join(dir, 'fs', 'dangling.yaml'));
    symlinkSync('.', join(dir, 'fs', 'loop'));
    symlinkSync('self.yaml', join(dir, 'fs', 'self.yaml'));
    execFileSync('mkfifo', [join(dir, 'fs', 'pipe.yaml')]);
    write('fs/locked.yaml', POD('locked'));
    chmodSync(join(dir, 'fs', 'locked.yaml'), 0o000);
    result = await lint(['fs'], { cwd: dir });
  });

  it('dangling symlinks, symlink loops and FIFOs are skipped with a reason, never opened', () => {
    expect(result.summary.skipped).toEqual([
      { file: 'fs/dangling.yaml', reason: 'dangling symlink' },
      { file: 'fs/loop', reason: 'symlink loop' },
      { file: 'fs/pipe.yaml', reason: 'not a regular file (FIFO)' },
      { file: 'fs/self.yaml', reason: 'symlink loop' },
    ]);
  });

  it('a directory named x.yaml is walked, and paths with spaces and unicode are linted and shown intact', () => {
    expect(limitMissing(result, 'fs/dir.yaml/inside.yaml')).toHaveLength(1);
    expect(limitMissing(result, 'fs/ok dir/ünïcödé 名前.yaml')).toMatchObject([{ line: 8, column: 5, object: 'Pod unicode' }]);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file is an error, the others are still linted', () => {
    expect(result.errors).toEqual([{ code: 'file-unreadable', file: 'fs/locked.yaml', line: 1, column: 1, message: 'cannot read file: permission denied (EACCES)' }]);
  });
});

describe('the CLI on all of it: exit 2, every error listed, no stack trace', () => {
  it('stylish and json', () => {
    const bin = join(import.meta.dirname, '..', 'bin', 'oomlint.js');
    for (const format of ['stylish', 'json']) {
      const run = spawnSync(process.execPath, [bin, 'enc', 'size', 'fs', '--format', format, '--no-color'], { cwd: dir, encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .*:\d+:\d+/);
      for (const shown of ['enc/latin1.yaml', 'size/sparse-1GiB.yaml', 'fs/ok dir/ünïcödé 名前.yaml']) expect(run.stdout).toContain(shown);
    }
  });
});
