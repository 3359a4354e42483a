// @ts-check
/**
 * One table description, two renderings: Markdown for docs/performance.md and padded plain text
 * for the terminal, so the two reports cannot disagree.
 */

/**
 * @typedef {object} Table
 * @property {string[]} header
 * @property {('left' | 'right')[]} align one per column; numbers are right-aligned
 * @property {string[][]} rows
 */

/** @param {Table} table @returns {string} */
export function markdownTable({ header, align, rows }) {
  /** @param {string[]} cells */
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const rule = `|${align.map((side) => (side === 'right' ? '---:' : '---')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** @param {Table} table @returns {string} */
export function textTable({ header, align, rows }) {
  // Markdown code spans mean nothing on a terminal.
  const all = [header, ...rows].map((cells) => cells.map((cell) => cell.replaceAll('`', '')));
  const widths = header.map((_, column) => Math.max(...all.map((cells) => (cells[column] ?? '').length)));
  /** @param {string[]} cells */
  const line = (cells) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return align[column] === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const [head = [], ...body] = all;
  return [line(head), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}
