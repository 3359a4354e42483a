import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { describeFileKind, describeFsError, type InputFile } from '../discover.js';
import type { InputProblem, Skipped } from '../result.js';

export const DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024;

export type ReadOutcome =
  | { ok: true; text: string }
  | { ok: false; problem: InputProblem }
  | { ok: 'skipped'; skipped: Skipped };

/** As git and grep do: a NUL early in the file means it is not text. */
const BINARY_SNIFF_BYTES = 8000;

function fail(code: InputProblem['code'], file: string, message: string, line = 1, column = 1): ReadOutcome {
  return { ok: false, problem: { code, file, line, column, message } };
}

/** `1 GiB (1073741824 bytes)`: readable, and exact for comparing with `--max-file-size`. */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${shown} ${units[unit]} (${bytes} bytes)`;
}

function tooLarge(file: string, size: number, maxFileSize: number): ReadOutcome {
  return fail(
    'file-too-large',
    file,
    `file is ${formatSize(size)}, over the ${formatSize(maxFileSize)} limit; ` +
      'raise it with --max-file-size if this really is a manifest',
  );
}

/**
 * One file's text, or why it cannot be linted. Synchronous on purpose: for files in the page
 * cache a blocking stat/open/fstat/read/close costs ~60 µs in all, while the same five calls
 * through fs/promises cost ~200 µs of main-thread time in promise and thread-pool hand-offs
 * (measured on ../shared/corpus/real: 410 files read in 25–30 ms synchronously, 76–84 ms
 * asynchronously, even with every read in flight at once). Files linted in CI or pre-commit were
 * just checked out or staged, so they are in the cache. From a cold cache, 16 reads in flight
 * win back a little: the benchmark's 4× corpus (2,149 files, 44 MB) read in 306–357 ms one by
 * one and 192–207 ms 16 at a time, 1 % of the 13 s its lint takes.
 */
export function readInputFile(file: InputFile, options: { maxFileSize: number }): ReadOutcome {
  const shown = file.path;
  // stat before open: a FIFO must never be opened (open would wait for a writer forever) and an
  // oversized file must be refused without reading a byte of it.
  let stats: Stats;
  try {
    stats = statSync(file.absolutePath);
  } catch (error) {
    return fail('file-unreadable', shown, `cannot read file: ${describeFsError(error)}`);
  }
  const notReadable = checkStats(shown, stats, options.maxFileSize);
  if (notReadable !== undefined) return notReadable;

  let fd: number | undefined;
  try {
    // O_NONBLOCK: if the file was swapped for a FIFO since the stat, open still returns at once
    // (and the fstat below rejects it); it changes nothing for regular files.
    fd = openSync(file.absolutePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const opened = fstatSync(fd);
    const changed = checkStats(shown, opened, options.maxFileSize);
    if (changed !== undefined) return changed;
    const bytes = readBounded(fd, opened.size, options.maxFileSize);
    return decodeInput(shown, bytes, options);
  } catch (error) {
    return fail('file-unreadable', shown, `cannot read file: ${describeFsError(error)}`);
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Nothing was written; a failed close loses nothing.
  }
}

function checkStats(file: string, stats: Stats, maxFileSize: number): ReadOutcome | undefined {
  if (stats.isDirectory()) return fail('file-unreadable', file, 'cannot read file: is a directory (EISDIR)');
  if (!stats.isFile()) return fail('file-unreadable', file, `not a regular file (${describeFileKind(stats)})`);
  if (stats.size > maxFileSize) return tooLarge(file, stats.size, maxFileSize);
  return undefined;
}

/**
 * Reads at most `maxFileSize + 1` bytes, whatever stat said: the file may grow after the stat, and
 * some files (/proc) report size 0. One byte over the cap is enough to know it is too large.
 */
function readBounded(fd: number, sizeHint: number, maxFileSize: number): Uint8Array {
  const limit = maxFileSize + 1;
  let buffer = Buffer.allocUnsafe(Math.min(Math.max(sizeHint + 1, 64 * 1024), limit));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (buffer.length >= limit) break;
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const wanted = buffer.length - length;
    const bytesRead = readSync(fd, buffer, length, wanted, null);
    length += bytesRead;
    if (bytesRead === 0) break;
    // A regular file reads short only at its end, so once stat's size is in, no second read just
    // to see 0 bytes. Files that report size 0 (/proc) may read short anywhere: read on.
    if (bytesRead < wanted && sizeHint > 0 && length >= sizeHint) break;
  }
  return buffer.subarray(0, length);
}

/** Bytes to text, shared by files and stdin: size cap, UTF-16, binary and UTF-8 checks, BOMs. */
export function decodeInput(file: string, bytes: Uint8Array, options: { maxFileSize: number }): ReadOutcome {
  if (bytes.length > options.maxFileSize) return tooLarge(file, bytes.length, options.maxFileSize);

  // UTF-32 starts with the UTF-16LE BOM too; decoding it as UTF-16 would give NUL-riddled nonsense.
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) {
    return fail('file-encoding', file, 'file is UTF-32 (byte order mark FF FE 00 00); save the file as UTF-8');
  }
  // UTF-16 with a BOM is what Windows editors (and PowerShell's `>`) write; kubectl accepts it, so do we.
  const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (littleEndian || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    let units = bytes;
    if (!littleEndian) {
      // Swapped into UTF-16LE by hand: 'utf-16be' is missing from Node builds without full ICU.
      units = new Uint8Array(bytes.length);
      for (let i = 0; i + 1 < bytes.length; i += 2) {
        units[i] = bytes[i + 1] as number;
        units[i + 1] = bytes[i] as number;
      }
      if (bytes.length % 2 === 1) units[bytes.length - 1] = bytes[bytes.length - 1] as number;
    }
    try {
      return textOutcome(file, new TextDecoder('utf-16le', { fatal: true }).decode(units));
    } catch {
      const name = littleEndian ? 'UTF-16LE' : 'UTF-16BE';
      return fail('file-encoding', file, `not valid ${name} despite its byte order mark; save the file as UTF-8`);
    }
  }

  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  const nul = sniff.indexOf(0);
  if (nul !== -1) return fail('file-binary', file, `binary file (NUL byte at offset ${nul}); not a manifest`);

  let text: string;
  try {
    // The decoder drops a leading UTF-8 BOM (ignoreBOM defaults to false).
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const { line, column } = positionOf(bytes, offset);
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return fail(
      'file-encoding',
      file,
      `not valid UTF-8 (byte 0x${byte} at line ${line}, column ${column}); save the file as UTF-8`,
      line,
      column,
    );
  }
  return textOutcome(file, text);
}

function textOutcome(file: string, text: string): ReadOutcome {
  // Only truly blank files are skipped here; comment-only YAML is a valid (empty) stream for the loader.
  if (text.trim() === '') return { ok: 'skipped', skipped: { file, reason: 'empty file' } };
  return { ok: true, text };
}

/**
 * Offset of the first byte that starts an invalid UTF-8 sequence (the lead byte of a truncated or
 * overlong sequence: that is where the mis-encoded character begins in the user's editor).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    // Allowed range of the second byte per lead byte (RFC 3629 table): excludes overlongs,
    // UTF-16 surrogates (ED A0..BF) and code points above U+10FFFF.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k];
      if (next === undefined) return i;
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (next < min || next > max) return i;
    }
    i += length;
  }
  return bytes.length;
}

/**
 * 1-based line and column of `offset`, from the valid UTF-8 before it. Columns count UTF-16 code
 * units, as the YAML parser's positions and ESLint-style reporters do.
 */
function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // BOM takes no column
  for (let i = start; i < offset; i += 1) {
    const byte = bytes[i] as number;
    if (byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a)) {
      line += 1;
      column = 1;
    } else if (byte < 0x80 || byte >= 0xc0) {
      // A lead byte starts a character; four-byte sequences are astral, two UTF-16 code units.
      column += byte >= 0xf0 ? 2 : 1;
    }
  }
  return { line, column };
}
