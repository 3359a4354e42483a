/** Words (parser/split_command.go and parser/line_parsers.go), on [lo, hi) of a logical line */
import { isSpace, WORD_SPACE } from './lines.js';

export interface Span {
  start: number;
  end: number;
}

/** extractBuilderFlags: leading `--name[=value]` words; returns them and where the arguments start. */
export function extractFlags(s: string, lo: number, hi: number): { flags: Array<{ text: string; start: number }>; rest: number } {
  const flags: Array<{ text: string; start: number }> = [];
  let phase: 'space' | 'word' | 'quote' = 'space';
  let word = '';
  let wordStart = lo;
  let quote = '';
  let blankOK = false;
  let parsingFlagArg = false;
  let needFlagArg = true;
  for (let pos = lo; pos <= hi; pos++) {
    let ch = pos < hi ? (s[pos] as string) : '';
    if (phase === 'space') {
      if (pos === hi) break;
      if (isSpace(ch)) continue;
      if (!parsingFlagArg && (ch !== '-' || pos + 1 === hi || s[pos + 1] !== '-')) return { flags, rest: pos };
      phase = 'word';
      wordStart = pos;
    }
    if (pos === hi) {
      if (word !== '--' && (blankOK || word.length > 0)) flags.push({ text: word, start: wordStart });
      break;
    }
    if (phase === 'word') {
      if (isSpace(ch)) {
        phase = 'space';
        if (parsingFlagArg) {
          (flags[flags.length - 1] as { text: string }).text += `=${word}`;
          parsingFlagArg = false;
          needFlagArg = true;
        } else {
          if (word === '--') return { flags, rest: pos };
          if (blankOK || word.length > 0) {
            if (needFlagArg) parsingFlagArg = true;
            flags.push({ text: word, start: wordStart });
          }
        }
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === '=' && needFlagArg) needFlagArg = false;
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
        continue;
      }
      if (ch === '\\') {
        if (pos + 1 === hi) continue;
        pos++;
        ch = s[pos] as string;
      }
      word += ch;
      continue;
    }
    if (ch === quote) {
      phase = 'word';
      continue;
    }
    if (ch === '\\') {
      if (pos + 1 === hi) {
        phase = 'word';
        continue;
      }
      pos++;
      ch = s[pos] as string;
    }
    word += ch;
  }
  return { flags, rest: hi };
}

/** parseWords: space-separated words, quotes and escapes kept (each word is a slice of the line). */
export function parseWords(s: string, lo: number, hi: number, escape: string): Span[] {
  const words: Span[] = [];
  let phase: 'space' | 'word' | 'quote' = 'space';
  let start = lo;
  let end = lo;
  let quote = '';
  let blankOK = false;
  for (let pos = lo; pos <= hi; pos++) {
    const ch = pos < hi ? s[pos] : '';
    if (phase === 'space') {
      if (pos === hi) break;
      if (isSpace(ch)) continue;
      phase = 'word';
      start = pos;
      end = pos;
    }
    if (pos === hi) {
      if (blankOK || end > start) words.push({ start, end });
      break;
    }
    if (phase === 'word') {
      if (isSpace(ch)) {
        phase = 'space';
        if (blankOK || end > start) words.push({ start, end });
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
      }
      if (ch === escape) {
        if (pos + 1 === hi) continue; // an escape character at the very end is dropped
        pos++;
      }
      end = pos + 1;
      continue;
    }
    if (ch === quote) phase = 'word';
    if (ch === escape && quote !== "'") {
      if (pos + 1 === hi) {
        phase = 'word';
        continue;
      }
      pos++;
    }
    end = pos + 1;
  }
  return words;
}

/** Whitespace-separated fields (parseStringsWhitespaceDelimited), for FROM. */
export function splitFields(s: string, lo: number, hi: number): Span[] {
  const fields: Span[] = [];
  let i = lo;
  while (i < hi) {
    while (i < hi && WORD_SPACE.test(s[i] as string)) i++;
    if (i >= hi) break;
    const start = i;
    while (i < hi && !WORD_SPACE.test(s[i] as string)) i++;
    fields.push({ start, end: i });
  }
  return fields;
}
