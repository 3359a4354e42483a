/**
 * A YAML stream split into its documents without parsing it, so that the loader can compose only
 * the documents that can matter. YAML 1.2 (c-forbidden, rule [206]) makes a line that starts at
 * column 0 with `---` or `...` followed by white space or the end of the line a document marker
 * wherever it appears, even inside a block scalar or a multi-line quoted scalar; the `yaml`
 * lexer agrees (lexer.js parseLineStart and its block/flow/quoted scalar ends test the same
 * condition). So a line scanner finds the boundaries the parser will find.
 *
 * The splitter only handles streams of `---`-separated documents. Directives (`%YAML`, `%TAG`),
 * document-end markers (`...`), byte order marks and a final `---` without a line break change
 * how the parser attaches comments, errors and tag handles around documents; they are rare in
 * manifests, so such files are not split (undefined) and the loader parses them whole, as before.
 */

export interface DocumentChunk {
  /** Offsets in the text, end exclusive. The chunks of a file are contiguous and cover it. */
  start: number;
  end: number;
}

/** The documents of `text` in order, one chunk per document the `yaml` parser yields; undefined when the file is not split. */
export function splitDocuments(text: string): DocumentChunk[] | undefined {
  if (text.includes('\uFEFF')) return undefined;
  const starts: number[] = [];
  // Whether the text before the first `---` holds a document of its own, or only comments.
  let contentBeforeFirstMarker = false;
  for (let lineStart = 0; lineStart < text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const first = text.charCodeAt(lineStart);
    if (first === 0x25 /* % */) return undefined;
    if (isMarker(text, lineStart, lineEnd, 0x2e /* . */)) return undefined;
    if (isMarker(text, lineStart, lineEnd, 0x2d /* - */)) {
      // A `---` that ends the text without a line break: the lexer reads the line before it
      // differently while it waits for more input (a tab there becomes an indentation error).
      if (newline === -1) return undefined;
      starts.push(lineStart);
    }
    else if (starts.length === 0 && !contentBeforeFirstMarker && !isBlankOrComment(text, lineStart, lineEnd)) contentBeforeFirstMarker = true;
    lineStart = lineEnd + 1;
  }
  // Only comments and blank lines: the parser yields no document.
  if (starts.length === 0 && !contentBeforeFirstMarker) return [];
  // Comments before the first marker belong to the first document (its comment before).
  if (contentBeforeFirstMarker) starts.unshift(0);
  else starts[0] = 0;
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? text.length }));
}

/** `---` or `...` (by `dot`) at the start of the line, followed by white space or the line's end. */
function isMarker(text: string, lineStart: number, lineEnd: number, char: number): boolean {
  if (lineEnd - lineStart < 3) return false;
  if (text.charCodeAt(lineStart) !== char || text.charCodeAt(lineStart + 1) !== char || text.charCodeAt(lineStart + 2) !== char) return false;
  const after = text.charCodeAt(lineStart + 3);
  // NaN past the end of the text; \r of a CRLF line; the yaml lexer's isEmpty.
  return Number.isNaN(after) || after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d;
}

function isBlankOrComment(text: string, lineStart: number, lineEnd: number): boolean {
  for (let i = lineStart; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d) continue;
    return c === 0x23; // #
  }
  return true;
}
