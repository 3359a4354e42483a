/**
 * A range in an input file. 1-based lines and columns, end exclusive (as ESLint and SARIF),
 * so `endColumn` is the column just after the last character of the node.
 */
export interface Source {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
