/**
 * Finds an unrendered Helm/Go template action (`{{ … }}`) in a YAML file. Rendered manifests
 * legitimately carry `{{` inside string values (Prometheus alert annotations, Grafana
 * dashboards, Argo workflow parameters), so a `{{` only counts when YAML could not have meant
 * it as text: outside any quoted or block scalar, not in the middle of a plain scalar, not in
 * a comment. That is where Helm puts `{{- if … }}` and `key: {{ .Values.x }}`.
 */
import { CST, Lexer, visit, type Document } from 'yaml';
import type { DocumentChunk } from './documents.js';

export type TextRange = [start: number, end: number];

/** `textRanges`: the scalarTextRanges of every document read. */
export function findTemplateAction(text: string, textRanges: TextRange[]): number | undefined {
  textRanges.sort((a, b) => a[0] - b[0]);
  for (let offset = text.indexOf('{{'); offset !== -1; offset = text.indexOf('{{', offset + 2)) {
    // The cheap binary search first: most `{{` in rendered manifests sit inside string values.
    if (isInside(textRanges, offset)) continue;
    if (isInComment(text, offset)) {
      // The rest of the line is comment too: skip it, so a long line is scanned once, not once per `{{`.
      const lineEnd = text.indexOf('\n', offset);
      if (lineEnd === -1) return undefined;
      offset = lineEnd - 1;
      continue;
    }
    return offset;
  }
  return undefined;
}

/** [start, end) ranges where `{{` is just text: whole quoted/block scalars, plain scalars after their first character. */
export function scalarTextRanges(doc: Document.Parsed): TextRange[] {
  const ranges: TextRange[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (!node.range) return;
      const [start, end] = node.range;
      ranges.push(node.type === 'PLAIN' ? [start + 1, end] : [start, end]);
    },
  });
  return ranges;
}

/**
 * The scalarTextRanges of a document that is not composed, from the `yaml` lexer alone (a fifth
 * of the cost): a quoted scalar is one token; other scalar text follows a scalar marker, a block
 * scalar's body after a block scalar header, else plain. Only ranges holding `{{`
 * are kept, since only those can answer, so memory stays bounded by the `{{` in the text.
 */
export function lexedTextRanges(text: string, chunk: DocumentChunk): TextRange[] {
  const ranges: TextRange[] = [];
  let offset = chunk.start;
  let scalarNext = false;
  let afterBlockHeader = false;
  for (const token of new Lexer().lex(text.slice(chunk.start, chunk.end))) {
    if (scalarNext) {
      scalarNext = false;
      const end = offset + token.length;
      if (token.includes('{{')) ranges.push([afterBlockHeader ? offset : offset + 1, end]);
      offset = end;
      afterBlockHeader = false;
      continue;
    }
    const type = CST.tokenType(token);
    // Quoted scalars come whole as one token, a plain or block scalar's text after a marker.
    if ((type === 'double-quoted-scalar' || type === 'single-quoted-scalar') && token.includes('{{')) ranges.push([offset, offset + token.length]);
    // Markers take no room in the source; the token after a scalar marker is the scalar.
    if (type === 'scalar') scalarNext = true;
    if (type === 'scalar' || type === 'doc-mode' || type === 'flow-error-end') continue;
    if (type === 'block-scalar-header') afterBlockHeader = true;
    else if (type !== 'space' && type !== 'newline' && type !== 'comment') afterBlockHeader = false;
    offset += token.length;
  }
  return ranges;
}

function isInside(ranges: readonly TextRange[], offset: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  let candidate = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((ranges[mid]?.[0] ?? 0) <= offset) {
      candidate = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  // Scalars never overlap, so only the last range starting at or before offset can hold it.
  const range = ranges[candidate];
  return range !== undefined && offset < range[1];
}

function isInComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /(^|\s)#/.test(text.slice(lineStart, offset));
}
