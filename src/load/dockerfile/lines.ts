/** Lines: Docker's logical lines (continuations joined) and the whitespace it trims with. */

/** Go's unicode.IsSpace, which Docker trims with (JS `\s` differs on U+0085 and U+FEFF). */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
/** Docker's `reWhitespace`, which splits keyword from arguments and FROM's arguments. */
export const WORD_SPACE = /[\t\v\f\r ]/;
export const isSpace = (ch: string | undefined): boolean => ch !== undefined && GO_SPACE.test(ch);

/** One instruction as Docker sees it: physical lines joined, with the file offset of every character. */
export interface Logical {
  text: string;
  /** at[i] is the offset in the file of text[i]; at[text.length] is one past the last character. */
  at: number[];
  /** Offset of the first physical line after the instruction. */
  next: number;
}

/**
 * Docker's line joining (parser.Parse): a line ending in the escape character (trailing spaces and
 * tabs allowed, but not an escaped escape character) continues on the next; comment lines and blank
 * lines inside a continuation are dropped; continuation lines keep their leading whitespace.
 */
export function readLogical(text: string, start: number, continuation: RegExp): Logical {
  const chars: string[] = [];
  const at: number[] = [];
  let pos = start;
  let first = true;
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    const next = newline === -1 ? text.length : newline + 1;
    let contentEnd = newline === -1 ? text.length : newline;
    while (contentEnd > pos && (text[contentEnd - 1] === '\r' || text[contentEnd - 1] === '\n')) contentEnd--;
    let from = pos;
    pos = next;
    if (first) {
      while (from < contentEnd && isSpace(text[from])) from++;
    } else {
      let firstChar = from;
      while (firstChar < contentEnd && isSpace(text[firstChar])) firstChar++;
      if (firstChar === contentEnd || text[firstChar] === '#') continue;
    }
    first = false;
    const match = continuation.exec(text.slice(from, contentEnd));
    const end = match ? from + match.index + (match[1] === undefined ? 0 : match[1].length) : contentEnd;
    for (let i = from; i < end; i++) {
      chars.push(text[i] as string);
      at.push(i);
    }
    if (!match) break;
  }
  at.push(at.length > 0 ? (at[at.length - 1] as number) + 1 : start);
  return { text: chars.join(''), at, next: pos };
}

/** Offset of the next physical line with content, skipping blank and comment lines. */
export function skipBlankLines(text: string, pos: number): number {
  while (pos < text.length) {
    let i = pos;
    while (i < text.length && text[i] !== '\n' && isSpace(text[i])) i++;
    if (i < text.length && text[i] !== '\n' && text[i] !== '#') return pos;
    const newline = text.indexOf('\n', pos);
    if (newline === -1) return text.length;
    pos = newline + 1;
  }
  return pos;
}
