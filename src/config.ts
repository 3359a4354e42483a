/**
 * The configuration file: `.oomlint.yaml`, `.oomlint.yml` or `oomlint.config.json`, found upward
 * from the working directory (or named with --config), validated with ajv against the schema
 * composed from the rule registry (src/config/schema.ts, committed as schema/oomlint.schema.json)
 * before anything runs. A bad file is an input problem (exit 2) that names the setting, what it
 * must be, and its line and column; never a crash. A `# yaml-language-server: $schema=…` line is
 * a YAML comment, so editors may point at the schema without oomlint noticing.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { rules as allRules } from '../rules/index.js';
import type { RuleConfig } from './engine.js';
import { Positions } from './load/positions.js';
import { imageRepository } from './model/image-ref.js';
import type { InputProblem, RuleSetting, Severity } from './result.js';
import { DEFAULT_RULE_SETTINGS, type AnyRule, type RuleSettings } from './rule.js';
import { compileSchema } from './config/ajv.js';
import { compileGlob, type Glob } from './config/glob.js';
import { jvmBudgetOf } from './config/runtime.js';
import { explainErrors } from './config/schema-errors.js';
import { configSchema } from './config/schema.js';

export { ignoredBy, isIgnored } from './config/ignore.js';
export { printConfig } from './config/print.js';
export { configSchema, configSchemaText } from './config/schema.js';

export const CONFIG_NAMES = ['.oomlint.yaml', '.oomlint.yml', 'oomlint.config.json'] as const;

export interface Config {
  /** The file it came from, as shown to users; undefined when no file was found. */
  file?: string;
  /** The file's directory (absolute): `ignore:` and `images:` paths are relative to it. */
  directory?: string;
  /** Image repository → absolute path of the Dockerfile that builds it. */
  images: Map<string, string>;
  /** Rule id → severity and options, as the file sets them (defaults are the engine's). */
  rules: Readonly<Record<string, RuleConfig>>;
  /** Exit 1 at findings of this severity or above (the --fail-on flag wins). */
  failOn: Severity;
  /** Paths never linted (see isIgnored). */
  ignore: readonly Glob[];
  /** The model assumptions rules read (`runtime:`), for runRules. */
  settings: Readonly<RuleSettings>;
}

export type ConfigOutcome = { ok: true; config: Config } | { ok: false; problem: InputProblem };

/** The configuration when there is no file. */
export function defaultConfig(): Config {
  return { images: new Map(), rules: {}, failOn: 'error', ignore: [], settings: DEFAULT_RULE_SETTINGS };
}

/** What the file may hold, once the schema accepted it. */
interface ConfigFile {
  rules?: Record<string, RuleSetting | { severity?: RuleSetting; options?: Record<string, unknown> }>;
  failOn?: Severity;
  ignore?: string[];
  images?: Record<string, string>;
  runtime?: { jvm?: Record<string, number> };
}

/** `rules` is the registry the schema is composed from (tests pass a smaller one). */
export function loadConfig(cwd: string, explicit?: string, rules: readonly AnyRule[] = allRules): ConfigOutcome {
  const path = explicit ? resolve(cwd, explicit) : findUpward(cwd);
  if (!path) return { ok: true, config: defaultConfig() };
  const shown = relative(cwd, path) || path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return problem(shown, 1, 1, `cannot read the configuration file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  const positions = new Positions(shown, text);
  const syntax = doc.errors[0];
  if (syntax) {
    const at = positions.at(syntax.pos[0]);
    return problem(shown, at.line, at.column, `configuration is not valid YAML/JSON: ${(syntax.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const value: unknown = doc.toJS() ?? {};
  const validate = validatorFor(rules);
  if (!validate(value)) {
    // Every mistake is explained; the first in the file is reported (fix it, run again).
    const [first] = explainErrors(validate.errors ?? [], value)
      .map((e) => ({ ...e, offset: offsetOf(doc, e.path, e.key) }))
      .sort((a, b) => a.offset - b.offset);
    const at = positions.at(first?.offset ?? 0);
    return problem(shown, at.line, at.column, first?.message ?? 'the configuration does not match schema/oomlint.schema.json');
  }
  const file = value as ConfigFile;
  const directory = dirname(path);

  const ignore: Glob[] = [];
  for (const [index, pattern] of (file.ignore ?? []).entries()) {
    const compiled = compileGlob(pattern);
    if (!compiled.ok) {
      const at = positions.at(offsetOf(doc, ['ignore', String(index)]));
      return problem(shown, at.line, at.column, `"ignore[${index}]" is not a valid glob: ${compiled.reason} (got ${JSON.stringify(pattern)})`);
    }
    ignore.push(compiled.glob);
  }

  const images = new Map<string, string>();
  for (const [image, dockerfile] of Object.entries(file.images ?? {})) {
    const repository = imageRepository(image);
    if (!repository) {
      const at = positions.at(offsetOf(doc, ['images'], image));
      return problem(shown, at.line, at.column, `"images" key ${JSON.stringify(image)} is not an image reference (expected e.g. ghcr.io/example/api)`);
    }
    images.set(repository, resolve(directory, dockerfile));
  }

  const ruleConfigs: Record<string, RuleConfig> = {};
  for (const [id, entry] of Object.entries(file.rules ?? {})) {
    ruleConfigs[id] = typeof entry === 'string' ? { setting: entry } : { ...(entry.severity ? { setting: entry.severity } : {}), ...(entry.options ? { options: entry.options } : {}) };
  }

  return {
    ok: true,
    config: {
      file: shown,
      directory,
      images,
      rules: ruleConfigs,
      failOn: file.failOn ?? 'error',
      ignore,
      settings: Object.freeze({ ...DEFAULT_RULE_SETTINGS, jvmBudget: jvmBudgetOf(file.runtime?.jvm) }),
    },
  };
}

/**
 * The configuration with the command line's settings on top: `--rule id=severity` replaces the
 * file's severity for that rule (its options stay), `--fail-on` replaces `failOn`.
 */
export function withOverrides(config: Config, overrides: { rules?: Readonly<Record<string, RuleConfig>>; failOn?: Severity | undefined }): Config {
  const rules: Record<string, RuleConfig> = { ...config.rules };
  for (const [id, cli] of Object.entries(overrides.rules ?? {})) rules[id] = { ...rules[id], ...cli };
  return { ...config, rules, failOn: overrides.failOn ?? config.failOn };
}

const validators = new WeakMap<readonly AnyRule[], ValidateFunction>();

function validatorFor(rules: readonly AnyRule[]): ValidateFunction {
  let validate = validators.get(rules);
  if (!validate) {
    // verbose: errors carry the schema and data they are about, for the messages.
    validate = compileSchema(configSchema(rules), { allErrors: true, strict: true, verbose: true });
    validators.set(rules, validate);
  }
  return validate;
}

type Ranged = { range?: [number, number, number] | null };

/**
 * Where the value at `path` is written (or, with `key`, where that key of it is written); the
 * nearest written parent when the path leads nowhere (a value that YAML spells differently).
 */
function offsetOf(doc: Document, path: readonly string[], key?: string): number {
  let node: unknown = doc.contents;
  let offset = (node as Ranged | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment)?.value;
    else if (isSeq(node)) node = node.items[Number(segment)];
    else return offset;
    const start = (node as Ranged | null | undefined)?.range?.[0];
    if (start === undefined) return offset;
    offset = start;
  }
  if (key !== undefined && isMap(node)) {
    const written = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key)?.key as Ranged | undefined;
    return written?.range?.[0] ?? offset;
  }
  return offset;
}

function findUpward(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function problem(file: string, line: number, column: number, message: string): ConfigOutcome {
  return { ok: false, problem: { code: 'config-invalid', file, line, column, message } };
}
