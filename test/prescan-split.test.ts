/**
 * The document splitter (src/load/documents.ts) against the `yaml` parser: parsing each chunk on
 * its own, with the file's offsets, yields exactly the documents the parser yields for the whole
 * stream (same ranges, errors and values), on every file of the corpora and on generated text
 * full of `---`-like lines inside block and quoted scalars, comments, directives and CRLF.
 */
import fc from 'fast-check';
import type { Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { splitDocuments } from '../src/load/documents.js';
import { parseDocuments } from '../src/load/parse.js';
import { runs, TIMEOUT } from './arbitraries/runs.js';
import { allManifests } from './prescan-files.js';

const BIG = Number.MAX_SAFE_INTEGER;

/** A document as plain data. */
function summary(doc: Document.Parsed) {
  return {
    range: doc.range,
    errors: doc.errors.map((e) => `${e.code} ${e.pos.join('-')} ${e.message}`),
    value: valueOf(doc),
  };
}

function valueOf(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: -1 }) as unknown;
  } catch (error) {
    return `throws: ${String(error)}`; // an alias to an unknown anchor
  }
}

/** The split parse equals the whole parse; returns false when the text is not split. */
function expectSplitMatchesParser(text: string): boolean {
  const chunks = splitDocuments(text);
  if (!chunks) return false;
  // Contiguous, covering the text (or nothing for a stream without documents).
  chunks.forEach((c, i) => expect(c.start).toBe(i === 0 ? 0 : chunks[i - 1]?.end));
  if (chunks.length > 0) expect(chunks.at(-1)?.end).toBe(text.length);
  const whole = parseDocuments(text, { whole: true }, BIG, BIG, { composed: summary });
  const split = parseDocuments(text, { whole: false, chunks: chunks.map((c, index) => ({ ...c, index })) }, BIG, BIG, { composed: summary });
  // The loader parses such a file whole (an unclosed quote reads past `---`); anything else must match.
  if (split.misplit) return false;
  expect(split.list).toEqual(whole.list);
  return true;
}

describe('splitDocuments on real files', () => {
  const files = allManifests();

  it('finds the documents the yaml parser finds, in every corpus file', () => {
    const split = files.filter(({ text }) => expectSplitMatchesParser(text.replace(/\r(?!\n)/g, '\n')));
    // Nearly all files are split (the others hold `...`, a directive or a byte order mark).
    expect(files.length).toBeGreaterThan(200);
    expect(split.length).toBeGreaterThan(files.length * 0.95);
  });
});

describe('splitDocuments', () => {
  it.each([
    ['no document', '# only a comment\n\n', 0],
    ['one implicit document', 'a: 1\n', 1],
    ['comments before the first marker', '# c\n---\na: 1\n', 1],
    ['content before the first marker', 'a: 1\n---\nb: 2\n', 2],
    ['empty documents', '---\n---\n', 2],
    ['`---` inside a block scalar ends it', 'a: |\n  x\n---\n  y\n', 2],
    ['`---x` is text', 'a: |\n  x\n---x\n', 1],
    ['`--- ` with a tab', 'a: 1\n---\t# c\nb: 2\n', 2],
    ['CRLF', 'a: 1\r\n---\r\nb: 2\r\n', 2],
    ['marker at the end', 'a: 1\n---\n', 2],
  ])('%s', (_name, text, count) => {
    expect(splitDocuments(text)?.length).toBe(count);
    expect(expectSplitMatchesParser(text)).toBe(true);
  });

  it.each([
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a document end marker', 'a: 1\n...\n---\nb: 2\n'],
    ['a byte order mark', '\uFEFFa: 1\n'],
    ['a final `---` without a line break', '? complex\n\t\n---'],
  ])('does not split a file with %s', (_name, text) => {
    expect(splitDocuments(text)).toBeUndefined();
  });

  it('leaves a quoted scalar that is never closed to the whole-file parse (the yaml lexer reads it past `---`)', () => {
    const text = "e: 'multi\n---\nb: 1\n";
    expect(splitDocuments(text)?.length).toBe(2);
    expect(expectSplitMatchesParser(text)).toBe(false);
  });
});

/** Lines that look like markers, scalars that run over lines, and plain content. */
const line = fc.constantFrom(
  '---', '--- ', '---\t# c', '--- # c', '---x', ' ---', '--- |', '--- >-', '--- a: 1', '--- [1,', '...', '... # end', '%YAML 1.2', '%TAG ! tag:x,2000:',
  '# comment', '  # indented comment', '', '   ', '\t', 'a: 1', 'kind: Service', 'apiVersion: v1', 'b: |', 'c: >-', 'd: "multi', 'e: \'multi',
  '  text', '  --- inside', 'more"', "more'", 'f: [1,', '2]', 'g: {h: 1,', 'i: 2}', '- item', '  - nested', 'key: &anchor v', 'ref: *anchor',
  '\t- tab', '? complex', ': value', 'x: {{ .Values.y }}', 'z: "{{ quoted }}"',
);

describe('splitDocuments (property)', () => {
  it(
    'splits generated text as the parser does',
    () => {
      fc.assert(
        fc.property(fc.array(line, { maxLength: 30 }), fc.boolean(), fc.boolean(), (lines, crlf, finalNewline) => {
          let text = lines.join('\n') + (finalNewline ? '\n' : '');
          if (crlf) text = text.replace(/\n/g, '\r\n');
          expectSplitMatchesParser(text);
        }),
        runs(2000),
      );
    },
    TIMEOUT,
  );
});
