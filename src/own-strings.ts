/**
 * Copies of what outlives a file, holding no reference into the file's text.
 *
 * V8 makes `text.slice(start, end)` of 13 characters or more a view into the whole text (a
 * sliced string), and `yaml` reads every scalar that way; a template string is a tree of its
 * parts until it is flattened. So a container name kept in a finding kept its whole manifest
 * alive: after a run over the 44 MB synthetic corpus, 38 of the 96 MB still held were file texts
 * that the streaming lint had long released (issue 6). Findings, suppression scans and the shared
 * context go through `ownStrings` when the file that produced them is done.
 */

/** Shorter slices and concatenations are already copies (V8's SlicedString::kMinLength). */
const MIN_SHARED_LENGTH = 13;

/** The same characters in a string of its own. */
export function ownString(value: string): string {
  // Slicing a concatenation flattens it into a new string first, so the result is a view into
  // that copy (one character longer), not into the original's parent.
  return value.length < MIN_SHARED_LENGTH ? value : (' ' + value).slice(1);
}

/**
 * A deep copy of plain data (objects, arrays, Maps, Sets) with every string its own. Equal
 * strings share one copy (the object name and help URL of a file's findings, say). Class
 * instances are returned as they are: they are not data to copy, and none is kept past a file.
 */
export function ownStrings<T>(value: T): T {
  const copies = new Map<string, string>();
  const copy = (item: unknown): unknown => {
    if (typeof item === 'string') {
      if (item.length < MIN_SHARED_LENGTH) return item;
      let own = copies.get(item);
      if (own === undefined) copies.set(item, (own = ownString(item)));
      return own;
    }
    if (typeof item !== 'object' || item === null) return item;
    if (Array.isArray(item)) return item.map(copy);
    if (item instanceof Map) return new Map([...item].map(([k, v]) => [copy(k), copy(v)]));
    if (item instanceof Set) return new Set([...item].map(copy));
    const prototype: unknown = Object.getPrototypeOf(item);
    if (prototype !== Object.prototype && prototype !== null) return item;
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(item)) out[key] = copy(entry);
    return out;
  };
  return copy(value) as T;
}
