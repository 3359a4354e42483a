/**
 * Glob patterns of the configuration's `ignore:` list, compiled to regular expressions without a
 * dependency: Node 20's `path.matchesGlob` is experimental and prints a warning on first use.
 *
 * Syntax (a documented subset of gitignore/minimatch, strict where they guess):
 * `*` any characters but `/`; `?` one character but `/`; `[abc]`, `[a-z]`, `[!a-z]` (or `[^a-z]`)
 * one character of a class; `**` as a whole segment any number of directories (zero included);
 * `{a,b}` alternatives (may contain `/`, may nest); `\` makes the next character literal.
 * `*` and `?` match a leading dot too: an ignore list means "these paths", hidden or not.
 * Patterns are relative to the configuration file's directory; `./` in front is allowed, a
 * trailing `/` matches directories only. Anything else that is probably a mistake is an error.
 */

export interface Glob {
  /** As written in the configuration. */
  pattern: string;
  /** Matches a relative path with `/` separators, no `./` in front and no trailing `/`. */
  regex: RegExp;
  /** Written with a trailing `/`: matches directories (and so everything below them) only. */
  directoryOnly: boolean;
}

export type GlobOutcome = { ok: true; glob: Glob } | { ok: false; reason: string };

/** A pattern with many brace groups multiplies out; past this it is surely a mistake. */
const MAX_ALTERNATIVES = 1024;

class GlobError extends Error {}

export function compileGlob(pattern: string): GlobOutcome {
  try {
    if (pattern.startsWith('!')) throw new GlobError('negated patterns ("!…") are not supported: a path is ignored when any pattern matches it');
    let body = pattern;
    while (body.startsWith('./')) body = body.slice(2);
    const directoryOnly = body.endsWith('/') && !body.endsWith('\\/');
    if (directoryOnly) body = body.slice(0, -1);
    if (body === '') throw new GlobError('the pattern matches nothing (it is empty)');
    if (body.startsWith('/')) {
      throw new GlobError(`patterns are relative to the configuration file's directory and cannot start with "/"; write "${body.replace(/^\/+/, '')}"`);
    }
    const sources = expandBraces(body).map(alternativeSource);
    return { ok: true, glob: { pattern, regex: new RegExp(`^(?:${sources.join('|')})$`, 'u'), directoryOnly } };
  } catch (error) {
    if (error instanceof GlobError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** `a/{b,c/d}/*` → [`a/b/*`, `a/c/d/*`]; escapes and character classes are kept as written. */
function expandBraces(pattern: string): string[] {
  const open = findBrace(pattern);
  if (open === -1) return [pattern];
  const alternatives: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < pattern.length; i = skip(pattern, i)) {
    const c = pattern[i];
    if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if ((c === ',' || c === '}') && depth === 0) {
      alternatives.push(pattern.slice(start, i));
      start = i + 1;
      if (c === '}') {
        const rest = expandBraces(pattern.slice(i + 1));
        const out = alternatives.flatMap((a) => expandBraces(pattern.slice(0, open) + a).flatMap((head) => rest.map((tail) => head + tail)));
        if (out.length > MAX_ALTERNATIVES) throw new GlobError(`the {…} groups expand to more than ${MAX_ALTERNATIVES} patterns`);
        return out;
      }
    }
  }
  throw new GlobError(`"{" at position ${open + 1} is never closed (write "\\{" for a literal brace)`);
}

/** The index of the first unescaped `{` outside a character class, or -1; a stray `}` is an error. */
function findBrace(pattern: string): number {
  for (let i = 0; i < pattern.length; i = skip(pattern, i)) {
    if (pattern[i] === '{') return i;
    if (pattern[i] === '}') throw new GlobError(`"}" at position ${i + 1} closes no "{" (write "\\}" for a literal brace)`);
  }
  return -1;
}

/** The index after the token at `i`: an escape pair, a whole character class, or one character. */
function skip(pattern: string, i: number): number {
  if (pattern[i] === '\\') return i + 2;
  if (pattern[i] === '[') return parseClass(pattern, i).end;
  return i + 1;
}

function alternativeSource(pattern: string): string {
  const segments = splitSegments(pattern);
  let source = '';
  segments.forEach((segment, i) => {
    const first = i === 0;
    const last = i === segments.length - 1;
    if (segment === '**') {
      // Zero or more whole segments: `**/x` also matches `x`, `a/**` also matches `a`.
      if (first && last) source += '.*';
      else if (first) source += '(?:[^/]+/)*';
      else source += '(?:/[^/]+)*';
      return;
    }
    if (segment === '') throw new GlobError('the pattern has an empty path segment ("//")');
    if (segment === '.' || segment === '..') throw new GlobError(`"${segment}" segments are not allowed: patterns match paths inside the configuration file's directory`);
    const startsAfterLeadingGlobstar = i === 1 && segments[0] === '**';
    source += (first || startsAfterLeadingGlobstar ? '' : '/') + segmentSource(segment);
  });
  return source;
}

/** Splits on unescaped `/` outside character classes; consecutive `**` segments are one. */
function splitSegments(pattern: string): string[] {
  const segments: string[] = [];
  let start = 0;
  for (let i = 0; i < pattern.length; i = skip(pattern, i)) {
    if (pattern[i] === '/') {
      segments.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  segments.push(pattern.slice(start));
  return segments.filter((s, i) => !(s === '**' && segments[i - 1] === '**'));
}

function segmentSource(segment: string): string {
  let source = '';
  for (let i = 0; i < segment.length; ) {
    const c = segment[i] ?? '';
    if (c === '*') {
      if (segment[i + 1] === '*') throw new GlobError(`"**" must be a whole path segment, as in "**/${segment.replace(/\*\*+/g, '*')}" (got "${segment}")`);
      source += '[^/]*';
      i++;
    } else if (c === '?') {
      source += '[^/]';
      i++;
    } else if (c === '[') {
      const parsed = parseClass(segment, i);
      source += parsed.source;
      i = parsed.end;
    } else if (c === '\\') {
      const next = segment[i + 1];
      if (next === undefined) throw new GlobError('the pattern ends with a lone "\\"');
      if (next === '/') throw new GlobError('"/" separates directories and cannot be escaped');
      source += escapeRegex(next);
      i += 2;
    } else {
      source += escapeRegex(c);
      i++;
    }
  }
  return source;
}

/** `[…]` at `start`: its regex (never matching `/`) and the index after its `]`. */
function parseClass(pattern: string, start: number): { source: string; end: number } {
  let i = start + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  const members: string[] = [];
  let first = true;
  for (; i < pattern.length; first = false) {
    let c = pattern[i] ?? '';
    if (c === ']' && !first) {
      return { source: `[${negated ? '^/' : ''}${members.join('')}]`, end: i + 1 };
    }
    if (c === '[' && pattern[i + 1] === ':') throw new GlobError('POSIX classes such as [[:alpha:]] are not supported; list the characters, e.g. [a-zA-Z]');
    if (c === '\\') {
      i++;
      c = pattern[i] ?? '';
      if (c === '') break;
    }
    if (c === '/') throw new GlobError(`a character class cannot match "/" (in "${pattern.slice(start)}")`);
    const isRange = pattern[i + 1] === '-' && pattern[i + 2] !== undefined && pattern[i + 2] !== ']';
    if (isRange) {
      let to = pattern[i + 2] ?? '';
      let after = i + 3;
      if (to === '\\') {
        to = pattern[i + 3] ?? '';
        after = i + 4;
      }
      if (to === '') break;
      if (to === '/' || (c < '/' && to > '/')) throw new GlobError(`a character class cannot match "/" (the range ${c}-${to})`);
      if (to < c) throw new GlobError(`the range "${c}-${to}" is reversed; write "${to}-${c}"`);
      members.push(`${escapeClass(c)}-${escapeClass(to)}`);
      i = after;
    } else {
      members.push(escapeClass(c));
      i++;
    }
  }
  throw new GlobError(`"[" at position ${start + 1} is never closed (write "\\[" for a literal bracket)`);
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

function escapeClass(c: string): string {
  return /[\]\\^[-]/.test(c) ? `\\${c}` : c;
}
