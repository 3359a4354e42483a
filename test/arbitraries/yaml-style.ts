/**
 * Serializes generated documents in the styles people and tools write: block YAML (2 or 4
 * spaces, indented or flush sequences), flow YAML, JSON (pretty or on one line), block with some
 * flow collections; plain, single-, double-quoted, literal and folded scalars; quoted keys;
 * comments before and after values (oomlint suppression comments among them); anchors and
 * aliases (for values the generators share, such as `envFrom`); `---` separators, document end
 * markers, empty documents, and CRLF line endings.
 */
import fc from 'fast-check';
import { Document, isMap, isScalar, isSeq, visit, type Scalar } from 'yaml';
import type { Doc } from './workload.js';

export interface Style {
  form: 'block' | 'flow' | 'json' | 'mixed';
  indent: 2 | 4;
  indentSeq: boolean;
  quoteKeys: boolean;
  /** The style of each string value, in document order (cycled). */
  scalars: Scalar.Type[];
  /** mixed form: which collections are written in flow style, in document order (cycled). */
  flow: boolean[];
  /** Comments by pair number in document order: before the pair, or after its value. */
  comments: Array<{ at: number; text: string; after: boolean }>;
  explicitStart: boolean;
  explicitEnd: boolean;
  emptyDocument: boolean;
  crlf: boolean;
}

const COMMENTS = [
  ' a comment', '', ' key: value # not a key', ' ---', ' oomlint-disable-next-line memory-limit-missing', ' oomlint-disable-line',
  ' oomlint-disable memory-request-missing -- reviewed', ' oomlint-enable', ' oomlint-disable-nextline memory-limit-missing', ' oomlint-disable no-such-rule',
];

export const style: fc.Arbitrary<Style> = fc.record({
  form: fc.constantFrom('block', 'block', 'flow', 'json', 'mixed'),
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  quoteKeys: fc.boolean(),
  scalars: fc.array(fc.constantFrom<Scalar.Type>('PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'), { minLength: 1, maxLength: 8 }),
  flow: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
  comments: fc.array(fc.record({ at: fc.nat(200), text: fc.constantFrom(...COMMENTS), after: fc.boolean() }), { maxLength: 4 }),
  explicitStart: fc.boolean(),
  explicitEnd: fc.boolean(),
  emptyDocument: fc.boolean(),
  crlf: fc.boolean(),
}) as fc.Arbitrary<Style>;

/** The text of a file holding `docs` in `style`. */
export function serialize(docs: readonly Doc[], s: Style): string {
  // JSON reuses indentSeq to choose between pretty-printed and one-line documents.
  const texts = docs.map((doc) => (s.form === 'json' ? JSON.stringify(doc, null, s.indentSeq ? s.indent : undefined) + '\n' : yamlText(doc, s)));
  if (s.emptyDocument) texts.splice(1, 0, s.form === 'json' ? '' : '# nothing here\n');
  const separated = texts.map((t, i) => (i > 0 || s.explicitStart ? `---\n${t}` : t) + (s.explicitEnd ? '...\n' : ''));
  const text = separated.join('');
  return s.crlf ? text.replace(/\n/g, '\r\n') : text;
}

function yamlText(doc: Doc, s: Style): string {
  const d = new Document(doc);
  let strings = 0;
  let collections = 0;
  let pairs = 0;
  // yaml 2.9.1 writes some combinations as text that does not parse back to the value; the
  // property's self-check found each, and the styles below avoid them:
  // - an empty collection set to block style becomes `key:\n[]` (invalid) when sequences are flush;
  // - a block scalar inside a flow collection falls back to a double-quoted string, folded even
  //   with lineWidth 0 ("-Xmx7.5e1" came back as "-Xmx7.5eundefined…"), so it is quoted there;
  // - a block scalar starting with white space gets the wrong indentation indicator at indent 4;
  // - a comment after a block scalar or a collection ends up inside the value;
  // - a multi-line plain scalar can be written as a complex key (`key: ?\n  …`) or a nested map
  //   (`X::\n  …`), so multi-line strings are block or quoted scalars.
  visit(d, {
    Map(_, node) {
      if (s.form === 'mixed' && node.items.length > 0) node.flow = s.flow[collections++ % s.flow.length] === true;
    },
    Seq(_, node) {
      if (s.form === 'mixed' && node.items.length > 0) node.flow = s.flow[collections++ % s.flow.length] === true;
    },
  });
  visit(d, {
    Scalar(key, node, path) {
      if (typeof node.value !== 'string') return;
      if (key === 'key') return void (node.type = s.quoteKeys ? 'QUOTE_DOUBLE' : 'PLAIN');
      const type = s.scalars[strings++ % s.scalars.length] as Scalar.Type;
      const inFlow = s.form === 'flow' || path.some((p) => (isMap(p) || isSeq(p)) && p.flow === true);
      const block = type.startsWith('BLOCK');
      const risky = block ? inFlow || /^\s/.test(node.value) : type === 'PLAIN' && node.value.includes('\n');
      node.type = risky ? 'QUOTE_DOUBLE' : type;
    },
  });
  visit(d, {
    Pair(_, pair) {
      const n = pairs++;
      for (const c of s.comments.filter((c) => c.at === n)) {
        const node = c.after ? pair.value : pair.key;
        if (!isScalar(node)) continue;
        if (!c.after) node.commentBefore = c.text;
        else if (!String(node.type).startsWith('BLOCK')) node.comment = c.text;
      }
    },
  });
  // lineWidth 0: no folding of long strings, which yaml 2.9.1 gets wrong in deep documents (a
  // folded double-quoted "-Xmx1024" came back as "-Xmx102undefined1024"; a folded block scalar
  // gained a leading newline). Multi-line values still come from block scalars and line breaks.
  const options = { indent: s.indent, indentSeq: s.indentSeq, lineWidth: 0 };
  return d.toString({ ...options, collectionStyle: s.form === 'flow' ? 'flow' : 'any' });
}
