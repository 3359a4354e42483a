/** JSON arrays (parseJSON): Go's json.Decoder reads the first value and ignores what follows */

export type JsonItem = { kind: 'string'; text: string; start: number; end: number } | { kind: 'other'; start: number };

export function parseJsonArray(s: string, lo: number, hi: number): JsonItem[] | undefined {
  const ws = (i: number): number => {
    while (i < hi && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
    return i;
  };
  const string = (i: number): { end: number; text: string } | undefined => {
    if (s[i] !== '"') return undefined;
    let text = '';
    for (let j = i + 1; j < hi; j++) {
      const ch = s[j] as string;
      if (ch === '"') return { end: j + 1, text };
      if (ch < ' ') return undefined;
      if (ch !== '\\') {
        text += ch;
        continue;
      }
      const e = s[++j];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && simple[e] !== undefined) text += simple[e];
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(j + 1, j + 5)) && j + 5 <= hi) {
        text += String.fromCharCode(parseInt(s.slice(j + 1, j + 5), 16));
        j += 4;
      } else return undefined;
    }
    return undefined;
  };
  const value = (i: number, depth: number): number | undefined => {
    if (depth > 1000) return undefined;
    const ch = s[i];
    if (ch === '"') return string(i)?.end;
    if (ch === '[' || ch === '{') {
      const close = ch === '[' ? ']' : '}';
      let j = ws(i + 1);
      if (s[j] === close) return j + 1;
      for (;;) {
        if (ch === '{') {
          const key = string(j);
          if (!key) return undefined;
          j = ws(key.end);
          if (s[j] !== ':') return undefined;
          j = ws(j + 1);
        }
        const end = value(j, depth + 1);
        if (end === undefined) return undefined;
        j = ws(end);
        if (s[j] === close) return j + 1;
        if (s[j] !== ',') return undefined;
        j = ws(j + 1);
      }
    }
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(s.slice(i, hi));
    return literal ? i + literal[0].length : undefined;
  };
  if (s[lo] !== '[') return undefined;
  const items: JsonItem[] = [];
  let j = ws(lo + 1);
  if (s[j] === ']') return items;
  for (;;) {
    const str = string(j);
    if (str) items.push({ kind: 'string', text: str.text, start: j, end: str.end });
    const end = str ? str.end : value(j, 1);
    if (end === undefined) return undefined;
    if (!str) items.push({ kind: 'other', start: j });
    j = ws(end);
    if (s[j] === ']') return items;
    if (s[j] !== ',') return undefined;
    j = ws(j + 1);
  }
}
