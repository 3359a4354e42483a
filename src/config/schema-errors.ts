/**
 * ajv's errors → one sentence per mistake that names the setting, what it must be and what was
 * written. ajv reports every branch of an `anyOf` (a rule is "warning" or { severity, options });
 * only the branch whose type matches what the user wrote is reported, so `{ options: { x: 1 } }`
 * is told about the option, not that it is not a string.
 */
import type { ErrorObject } from 'ajv';

export interface ConfigError {
  /** Keys and list indices from the top of the file to the value at fault. */
  path: string[];
  /** The unknown key inside that value, reported where the key is written. */
  key?: string;
  message: string;
}

export function explainErrors(errors: readonly ErrorObject[], value: unknown): ConfigError[] {
  const out: ConfigError[] = [];
  let kept = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if');
  for (const anyOf of errors.filter((e) => e.keyword === 'anyOf')) {
    const prefix = `${anyOf.schemaPath}/`;
    const branchOf = (e: ErrorObject): number | undefined => (e.schemaPath.startsWith(prefix) ? Number(e.schemaPath.slice(prefix.length).split('/')[0]) : undefined);
    const branches = (anyOf.schema as Array<Record<string, unknown>>).map((_, i) => i);
    const wrongType = new Set(errors.filter((e) => e.keyword === 'type' && e.instancePath === anyOf.instancePath && e.schemaPath === `${prefix}${branchOf(e)}/type`).map(branchOf));
    const fitting = branches.filter((b) => !wrongType.has(b));
    kept = kept.filter((e) => {
      const branch = branchOf(e);
      return branch === undefined || fitting.includes(branch);
    });
    if (fitting.length === 0) {
      const expected = (anyOf.schema as Array<Record<string, unknown>>).map(expectation).join(', or ');
      out.push({ path: pointer(anyOf.instancePath), message: `${quoted(anyOf.instancePath, value)} must be ${expected} (got ${describe(anyOf.data)})` });
    }
  }
  for (const e of kept) {
    const explained = explain(e, value);
    if (explained) out.push(explained);
  }
  return out;
}

function explain(e: ErrorObject, value: unknown): ConfigError | undefined {
  const path = pointer(e.instancePath);
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  const name = quoted(e.instancePath, value);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((parent.properties ?? {}) as object);
      return { path, key, message: unknownKey(path, key, known) };
    }
    case 'type':
      // The enum error at the same place says more ("one of error, warning, info").
      if (Array.isArray(parent.enum)) return undefined;
      if (path.length === 0) return { path, message: `the configuration must be a mapping of settings (got ${describe(e.data)})` };
      return { path, message: `${name} must be ${typeWords(String((e.params as { type: string }).type))} (got ${describe(e.data)})` };
    case 'enum':
      return { path, message: `${name} must be one of ${(parent.enum as unknown[]).join(', ')} (got ${describe(e.data)})` };
    case 'minLength':
      return { path, message: `${name} must not be empty` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, message: `${name} ${e.message ?? 'is out of range'} (got ${describe(e.data)})` };
    default:
      return { path, message: `${name} ${e.message ?? 'is invalid'}` };
  }
}

function unknownKey(path: readonly string[], key: string, known: readonly string[]): string {
  const hint = suggestion(key, known);
  if (path.length === 0) return `unknown setting "${key}"${hint}; the settings are ${known.join(', ')}`;
  if (path.length === 1 && path[0] === 'rules') return `unknown rule "${key}"${hint}; see --list-rules`;
  if (path.length === 3 && path[0] === 'rules' && path[2] === 'options') {
    if (known.length === 0) return `rule "${path[1]}" takes no options (got "${key}")`;
    return `rule "${path[1]}" has no option "${key}"${hint}; its options are ${known.join(', ')}`;
  }
  return `unknown setting "${[...path, key].join('.')}"${hint}; the settings here are ${known.join(', ')}`;
}

/** `; did you mean "rules"?` when one known name is a small edit away (case, `-` and `_` ignored). */
function suggestion(key: string, known: readonly string[]): string {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(norm(key), norm(name));
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(norm(best.name).length / 4)) ? ` (did you mean "${best.name}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** JSON pointer → keys (`/rules/a~1b` → ['rules', 'a/b']). */
function pointer(instancePath: string): string[] {
  return instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `"runtime.jvm.expectedThreads"`, `"ignore[2]"`: keys joined by dots, list items by index. */
function quoted(instancePath: string, value: unknown): string {
  let text = '';
  let node = value;
  for (const segment of pointer(instancePath)) {
    text += Array.isArray(node) ? `[${segment}]` : `${text ? '.' : ''}${segment}`;
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return `"${text}"`;
}

/** What a JSON schema branch wants, in a YAML user's words. */
function expectation(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.join(', ')}`;
  const keys = Object.keys((schema.properties ?? {}) as object);
  return schema.type === 'object' && keys.length > 0 ? `a mapping with ${keys.join(' and/or ')}` : typeWords(String(schema.type));
}

function typeWords(type: string): string {
  const words: Record<string, string> = {
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    object: 'a mapping (key: value)',
    array: 'a list',
  };
  return words[type] ?? type;
}

function describe(data: unknown): string {
  if (data === null || data === undefined) return 'an empty value';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') return JSON.stringify(data.length > 60 ? `${data.slice(0, 57)}...` : data);
  return String(data);
}
