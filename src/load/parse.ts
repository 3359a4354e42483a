/**
 * The `yaml` parser and composer, run over a whole file or over some of its documents (chunks
 * from documents.ts) with the file's offsets, under oomlint's depth and token limits.
 */
import { Composer, Lexer, Parser, type CST, type Document } from 'yaml';
import { buildTree, isBlank } from './cst-tree.js';
import type { DocumentChunk } from './documents.js';
import type { Tree } from './tree.js';

export interface ParsedDocument<T> {
  /** What `read` made of the document. */
  value: T;
  /** 0-based index of the document in its file. */
  index: number;
}

export interface ParseLimit {
  offset: number;
  message: string;
  /** Index of the document that was being read when the limit was hit (it is dropped). */
  index: number;
}

export interface ParseResult<T> {
  list: Array<ParsedDocument<T>>;
  limit?: ParseLimit;
  /**
   * A chunk may not be one document as the parser reads the whole file (it yielded more or
   * fewer, or a syntax error that could run past its end): parse the file whole instead.
   */
  misplit: boolean;
}

/**
 * What to compose: the whole text, as one stream of any number of documents; or runs of
 * consecutive chunks, each with the index of its first document and how many documents it holds
 * (1 when absent).
 */
export type ParseInput = { whole: true } | { whole: false; chunks: ReadonlyArray<DocumentChunk & { index: number; count?: number }> };

const DOC_MODE = '\x02';

/**
 * What the loader makes of each document: of a composed `yaml` Document, or, when `built` is
 * given, of the tree cst-tree.ts builds straight from the syntax tree of a plain document.
 */
export interface DocumentReader<T> {
  composed: (doc: Document.Parsed) => T;
  built?: (tree: Tree, start: number) => T;
}

export const tooDeep = (limit: number): string =>
  `nesting too deep (more than ${limit} levels; real manifests stay below 40); oomlint stops reading the file here`;

/**
 * The `yaml` parser fed one lexical token at a time, so nesting depth and size are checked
 * before the syntax tree grows: a 100,000-level `[[[…` or 16 MiB of `- - - …` stops at once.
 * The documents completed before a limit is hit are still composed and linted. The token
 * budget is the file's, shared by all its chunks. Each document is handed to `read` as soon as
 * it is complete, so that its syntax tree can be freed before the next one is built.
 */
export function parseDocuments<T>(text: string, input: ParseInput, maxDepth: number, maxTokens: number, read: DocumentReader<T>): ParseResult<T> {
  const ranges: ReadonlyArray<DocumentChunk & { index: number; count?: number }> = input.whole ? [{ start: 0, end: text.length, index: 0 }] : input.chunks;
  const list: Array<ParsedDocument<T>> = [];
  let lexemes = 0;
  for (const range of ranges) {
    const parser = new Parser();
    // Token offsets (and so every node's range) count from here: positions stay the file's.
    parser.offset = range.start;
    // uniqueKeys off: `yaml` compares each key with every earlier one (20,000 keys took 3 s);
    // toTree finds duplicates with a hash map instead.
    const composer = new Composer({ merge: true, uniqueKeys: false });
    let found = 0;
    let broken = false;
    const take = (docs: Iterable<Document.Parsed>): void => {
      for (const doc of docs) {
        if (doc.range[0] >= range.end) continue; // the empty document the look-ahead opens
        list.push({ value: read.composed(doc), index: range.index + found++ });
        if (doc.errors.length > 0) broken = true;
      }
    };
    const toComposer = (token: CST.Token): void => take(composer.next(token));
    /**
     * A document's syntax tree is held until the next top-level token: an error token there
     * belongs to it (the composer adds it to the document's errors), so only a document followed
     * by another document, or by the end, is built without the composer. Comments and line
     * breaks in between are held with it, to reach the composer in their order. Any other
     * top-level token (an error before a document, a directive such as `%YAML 1.1`, which
     * changes how scalars resolve, `...`, a byte order mark) leaves the rest of the run to the
     * composer.
     */
    let plainStream = read.built !== undefined;
    let held: CST.Document | undefined;
    const blanks: CST.Token[] = [];
    const release = (clean: boolean): void => {
      if (!held) return;
      const doc = held;
      held = undefined;
      const built = clean && plainStream && doc.offset < range.end ? buildTree(doc, text) : undefined;
      if (built && read.built) {
        take(composer.end()); // the documents before it come first
        list.push({ value: read.built(built.tree, built.start), index: range.index + found++ });
      } else toComposer(doc);
      for (const token of blanks.splice(0)) toComposer(token);
    };
    const compose = (tokens: Iterable<CST.Token>): void => {
      for (const token of tokens) {
        if (token.type === 'document') {
          release(true);
          held = token;
        } else if (isBlank(token)) {
          if (held) blanks.push(token);
          else toComposer(token);
        } else {
          plainStream = false;
          release(false);
          toComposer(token);
        }
      }
    };
    // A chunk is read with the next document's `---` after it, as the parser meets it in the
    // whole stream: what the parser makes of a document's last lines can depend on what follows
    // (`? key` + a tab-only line is an indentation error only before another document).
    const lookAhead = range.end < text.length ? '---\n' : '';
    const source = range.start === 0 && range.end === text.length ? text : text.slice(range.start, range.end) + lookAhead;
    let limit: { offset: number; message: string } | undefined;
    for (const lexeme of new Lexer().lex(source)) {
      const offset = parser.offset;
      compose(parser.next(lexeme));
      if (offset >= range.end) continue; // the look-ahead: neither counted nor limited
      // The parser's stack holds the document and every collection still open around this token.
      if (parser.stack.length - 1 > maxDepth) {
        limit = { offset, message: tooDeep(maxDepth) };
        break;
      }
      // A chunk lexed on its own opens with a doc-mode token (\x02) that the lexer emits only
      // at the start of the stream: not counted, so the budget runs out where it always did.
      if ((range.start === 0 || lexeme !== DOC_MODE) && ++lexemes > maxTokens) {
        limit = { offset, message: `too many YAML tokens (limit ${maxTokens.toLocaleString('en-US')}); split the file — oomlint stops reading it here` };
        break;
      }
    }
    // After a limit, the unfinished document is dropped: only complete ones are composed.
    if (!limit) compose(parser.end());
    release(true);
    take(composer.end());
    if (limit) return { list, limit: { ...limit, index: range.index + found }, misplit: false };
    // A document with a syntax error may not end at the next `---` in the parser's reading (an
    // unclosed quoted scalar reads on to the end of the file: lexer.js parseQuotedScalar), so a
    // file with such a document before its last chunk is parsed whole, as the parser reads it.
    if (!input.whole && (found !== (range.count ?? 1) || (broken && range.end < text.length))) return { list, misplit: true };
  }
  return { list, misplit: false };
}

