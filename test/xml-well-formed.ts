/**
 * An XML 1.0 well-formedness check for the subset the junit reporter writes (no XML parser is a
 * dependency): an optional prolog, one root element, properly nested tags, unique attributes with
 * double-quoted values free of `<` and bare `&`, text free of `<` and bare `&`, and none of the
 * characters XML 1.0 cannot carry. No comments, CDATA or DTDs — the reporter writes none.
 */
const NAME = '[A-Za-z_][\\w.-]*';
const REF = '&(?:amp|lt|gt|quot|apos|#\\d+|#x[0-9A-Fa-f]+);';
const ATTRIBUTE = new RegExp(`\\s+(${NAME})="(?:[^"<&]|${REF})*"`, 'g');
const TAG = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}="(?:[^"<&]|${REF})*")*)\\s*(/?)>`, 'y');
const TEXT = new RegExp(`(?:[^<&]|${REF})*`, 'y');
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function assertWellFormed(xml: string): void {
  const fail = (why: string, at: number): never => {
    throw new Error(`not well-formed XML: ${why} at ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`);
  };
  const forbidden = FORBIDDEN.exec(xml);
  if (forbidden) fail('character not allowed in XML 1.0', forbidden.index);
  let pos = 0;
  if (xml.startsWith('<?')) {
    if (!xml.startsWith(PROLOG)) fail('unexpected prolog', 0);
    pos = PROLOG.length;
  }
  const open: string[] = [];
  let roots = 0;
  while (pos < xml.length) {
    TEXT.lastIndex = pos;
    const text = TEXT.exec(xml)?.[0] ?? '';
    if (open.length === 0 && text.trim() !== '') fail('text outside the root element', pos);
    pos += text.length;
    if (pos >= xml.length) break;
    TAG.lastIndex = pos;
    const tag = TAG.exec(xml);
    if (!tag) return fail('malformed markup or bare <', pos);
    const [whole, closing, name = '', attributes = '', selfClosing] = tag;
    if (closing) {
      if (attributes !== '' || selfClosing) fail('closing tag with attributes', pos);
      if (open.pop() !== name) fail(`</${name}> does not close the open element`, pos);
    } else {
      if (open.length === 0 && ++roots > 1) fail('second root element', pos);
      const names = [...attributes.matchAll(ATTRIBUTE)].map((m) => m[1]);
      if (new Set(names).size !== names.length) fail('duplicate attribute', pos);
      if (!selfClosing) open.push(name);
    }
    pos += whole.length;
  }
  if (open.length > 0) fail(`<${open.at(-1)}> is never closed`, xml.length);
  if (roots !== 1) fail('no root element', 0);
}
