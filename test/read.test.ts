import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, realpath, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputFile } from '../src/discover.js';
import { DEFAULT_MAX_FILE_SIZE, decodeInput, readInputFile } from '../src/load/read.js';

// chmod 000 does not stop root from reading, so the permission case can only be tested unprivileged.
const isRoot = process.getuid?.() === 0;
const options = { maxFileSize: DEFAULT_MAX_FILE_SIZE };

let root: string;

beforeEach(async () => {
  root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'oomlint-read-')));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(name: string, content: string | Uint8Array): Promise<InputFile> {
  const absolutePath = path.join(root, name);
  await writeFile(absolutePath, content);
  return { path: name, absolutePath, explicit: true, kind: 'manifest' };
}

const decode = (bytes: Uint8Array | string, maxFileSize = DEFAULT_MAX_FILE_SIZE) =>
  decodeInput('in.yaml', typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes, { maxFileSize });

describe('readInputFile', () => {
  it('reads a UTF-8 file as text', async () => {
    const file = await put('ok file ü.yaml', 'kind: Pod\nmetadata: {name: ü}\n');
    expect(readInputFile(file, options)).toEqual({ ok: true, text: 'kind: Pod\nmetadata: {name: ü}\n' });
  });

  it('refuses a 1 GiB sparse file from its size alone, quickly', async () => {
    const file = await put('huge.yaml', '');
    await truncate(file.absolutePath, 1024 ** 3);
    const started = Date.now();
    const outcome = readInputFile(file, options);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(outcome.ok).toBe(false);
    if (outcome.ok !== false) return;
    expect(outcome.problem).toMatchObject({ code: 'file-too-large', file: 'huge.yaml', line: 1, column: 1 });
    expect(outcome.problem.message).toBe(
      'file is 1 GiB (1073741824 bytes), over the 16 MiB (16777216 bytes) limit; raise it with --max-file-size if this really is a manifest',
    );
  }, 5_000);

  it('applies the cap exactly: at the cap is fine, one byte over is too large', async () => {
    const atCap = await put('ten.yaml', 'a: 123456\n');
    expect(readInputFile(atCap, { maxFileSize: 10 })).toEqual({ ok: true, text: 'a: 123456\n' });
    const over = await put('eleven.yaml', 'a: 1234567\n');
    const outcome = readInputFile(over, { maxFileSize: 10 });
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'file-too-large' } });
    expect(outcome.ok === false && outcome.problem.message).toContain('11 bytes');
  });

  it('skips an empty or whitespace-only file, but returns a comment-only one', async () => {
    expect(readInputFile(await put('empty.yaml', ''), options)).toEqual({
      ok: 'skipped',
      skipped: { file: 'empty.yaml', reason: 'empty file' },
    });
    expect(readInputFile(await put('blank.yaml', ' \n\t\r\n'), options)).toEqual({
      ok: 'skipped',
      skipped: { file: 'blank.yaml', reason: 'empty file' },
    });
    expect(readInputFile(await put('comment.yaml', '# nothing yet\n'), options)).toEqual({ ok: true, text: '# nothing yet\n' });
  });

  it('reports a file that vanished after discovery as file-unreadable, in words', async () => {
    const file: InputFile = { path: 'gone.yaml', absolutePath: path.join(root, 'gone.yaml'), explicit: false, kind: 'manifest' };
    expect(readInputFile(file, options)).toEqual({
      ok: false,
      problem: { code: 'file-unreadable', file: 'gone.yaml', line: 1, column: 1, message: 'cannot read file: no such file or directory (ENOENT)' },
    });
  });

  it('reports a directory as file-unreadable', async () => {
    await mkdir(path.join(root, 'dir.yaml'));
    const file: InputFile = { path: 'dir.yaml', absolutePath: path.join(root, 'dir.yaml'), explicit: true, kind: 'manifest' };
    expect(readInputFile(file, options)).toMatchObject({
      ok: false,
      problem: { code: 'file-unreadable', message: 'cannot read file: is a directory (EISDIR)' },
    });
  });

  it('rejects a FIFO without opening it (does not block)', async () => {
    const absolutePath = path.join(root, 'pipe.yaml');
    execFileSync('mkfifo', [absolutePath]);
    const outcome = readInputFile({ path: 'pipe.yaml', absolutePath, explicit: true, kind: 'manifest' }, options);
    expect(outcome).toEqual({
      ok: false,
      problem: { code: 'file-unreadable', file: 'pipe.yaml', line: 1, column: 1, message: 'not a regular file (FIFO)' },
    });
  }, 5_000);

  it.skipIf(isRoot)('reports a permission-denied file as file-unreadable', async () => {
    const file = await put('secret.yaml', 'kind: Secret\n');
    await chmod(file.absolutePath, 0o000);
    expect(readInputFile(file, options)).toEqual({
      ok: false,
      problem: { code: 'file-unreadable', file: 'secret.yaml', line: 1, column: 1, message: 'cannot read file: permission denied (EACCES)' },
    });
  });

  it('goes through the same decoding as stdin (binary detection)', async () => {
    const file = await put('image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]));
    expect(readInputFile(file, options)).toMatchObject({ ok: false, problem: { code: 'file-binary', file: 'image.yaml' } });
  });
});

describe('decodeInput', () => {
  it('enforces the size cap on bytes already in memory (stdin)', () => {
    expect(decode('a: 12345\n', 8)).toEqual({
      ok: false,
      problem: {
        code: 'file-too-large',
        file: 'in.yaml',
        line: 1,
        column: 1,
        message: 'file is 9 bytes, over the 8 bytes limit; raise it with --max-file-size if this really is a manifest',
      },
    });
  });

  it('reports a NUL byte in the first 8000 bytes as file-binary with its offset', () => {
    expect(decode('kind: Pod\n\0rest')).toEqual({
      ok: false,
      problem: { code: 'file-binary', file: 'in.yaml', line: 1, column: 1, message: 'binary file (NUL byte at offset 10); not a manifest' },
    });
    const late = Buffer.concat([Buffer.alloc(7999, 'a'), Buffer.from([0])]);
    expect(decode(late)).toMatchObject({ ok: false, problem: { message: 'binary file (NUL byte at offset 7999); not a manifest' } });
  });

  it('does not look for NUL bytes past the first 8000', () => {
    const bytes = Buffer.concat([Buffer.from('a: b\n'), Buffer.alloc(7995, ' '), Buffer.from([0])]);
    expect(decode(bytes).ok).toBe(true);
  });

  it('decodes UTF-16LE and UTF-16BE with a BOM, dropping the BOM', () => {
    const text = 'kind: ConfigMap\ndata: {k: ü😀}\n';
    const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
    expect(decode(le)).toEqual({ ok: true, text });
    const be = Buffer.from(le).swap16();
    expect(be[0]).toBe(0xfe);
    expect(decode(be)).toEqual({ ok: true, text });
  });

  it('reports broken UTF-16 and UTF-32 as file-encoding', () => {
    const oddLength = Buffer.concat([Buffer.from('\uFEFFa: b', 'utf16le'), Buffer.from([0x41])]);
    expect(decode(oddLength)).toMatchObject({ ok: false, problem: { code: 'file-encoding', message: expect.stringContaining('not valid UTF-16LE') } });
    const utf32 = Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]);
    expect(decode(utf32)).toMatchObject({ ok: false, problem: { code: 'file-encoding', message: expect.stringContaining('UTF-32') } });
  });

  it('strips a UTF-8 BOM', () => {
    expect(decode(Buffer.from('\uFEFFkind: Pod\n', 'utf8'))).toEqual({ ok: true, text: 'kind: Pod\n' });
    expect(decode(Buffer.from('\uFEFF \n', 'utf8'))).toEqual({ ok: 'skipped', skipped: { file: 'in.yaml', reason: 'empty file' } });
  });

  it('locates the first invalid UTF-8 byte by line and column (Latin-1 é)', () => {
    // Line 2 is "b: é" in UTF-8 (4 characters), then a Latin-1 é (0xE9) at column 5.
    const bytes = Buffer.concat([Buffer.from('a: 1\nb: é', 'utf8'), Buffer.from([0xe9]), Buffer.from('t\n')]);
    expect(decode(bytes)).toEqual({
      ok: false,
      problem: {
        code: 'file-encoding',
        file: 'in.yaml',
        line: 2,
        column: 5,
        message: 'not valid UTF-8 (byte 0xE9 at line 2, column 5); save the file as UTF-8',
      },
    });
  });

  it.each([
    ['overlong encoding', [0x61, 0xc0, 0xaf], 1, 2, 'C0'],
    ['encoded surrogate', [0x61, 0x62, 0xed, 0xa0, 0x80], 1, 3, 'ED'],
    ['truncated at end of file', [0x0a, 0x0a, 0x78, 0xe2, 0x82], 3, 2, 'E2'],
    ['lone continuation byte', [0x0d, 0x0a, 0x80], 2, 1, '80'],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 1, 1, 'F4'],
    ['after an astral character (2 UTF-16 columns)', [0xf0, 0x9f, 0x98, 0x80, 0xff], 1, 3, 'FF'],
    ['after a UTF-8 BOM (no column)', [0xef, 0xbb, 0xbf, 0x61, 0xfe], 1, 2, 'FE'],
    ['after a lone CR line break', [0x61, 0x0d, 0x62, 0xc1, 0x81], 2, 2, 'C1'],
  ])('reports %s at the right place', (_name, bytes, line, column, hex) => {
    expect(decode(Uint8Array.from(bytes))).toEqual({
      ok: false,
      problem: {
        code: 'file-encoding',
        file: 'in.yaml',
        line,
        column,
        message: `not valid UTF-8 (byte 0x${hex} at line ${line}, column ${column}); save the file as UTF-8`,
      },
    });
  });

  it('accepts valid multi-byte UTF-8 at every length', () => {
    expect(decode(Buffer.from('k: "é€😀\u{10FFFF}"\n', 'utf8'))).toEqual({ ok: true, text: 'k: "é€😀\u{10FFFF}"\n' });
  });
});
