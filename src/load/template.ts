/**
 * Finds an unrendered Helm/Go template action (`{{ … }}`) in a YAML file. Rendered manifests
 * legitimately carry `{{` inside string values (Prometheus alert annotations, Grafana
 * dashboards, Argo workflow parameters), so a `{{` only counts when YAML could not have meant
 * it as text: outside any quoted or block scalar, not in the middle of a plain scalar, not in
 * a comment. That is where Helm puts `{{- if … }}` and `key: {{ .Values.x }}`.
 */
import { visit, type Document } from 'yaml';

export function findTemplateAction(text: string, documents: readonly Document.Parsed[]): number | undefined {
  const textRanges = scalarTextRanges(documents);
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
function scalarTextRanges(documents: readonly Document.Parsed[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const doc of documents) {
    visit(doc, {
      Scalar(_key, node) {
        if (!node.range) return;
        const [start, end] = node.range;
        ranges.push(node.type === 'PLAIN' ? [start + 1, end] : [start, end]);
      },
    });
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

function isInside(ranges: ReadonlyArray<[number, number]>, offset: number): boolean {
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
