import type { Source } from '../model/source.js';

/**
 * Offset → 1-based line/column for one file. Line starts are found once; each lookup is a
 * binary search. Columns count UTF-16 code units, as editors and the `yaml` package do.
 */
export class Positions {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly file: string,
    private readonly text: string,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  at(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1 };
  }

  /** The range [start, end), without the trailing line breaks and spaces block collections carry. */
  source(start: number, end: number): Source {
    let last = Math.max(start, end);
    while (last > start && /\s/.test(this.text[last - 1] ?? '')) last--;
    const from = this.at(start);
    const to = this.at(last);
    return { file: this.file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  }
}
