/**
 * The configuration file: `.oomlint.yaml`, `.oomlint.yml` or `oomlint.config.json`, found upward
 * from the working directory (or named with --config), validated against
 * schema/oomlint.schema.json before anything runs. A bad file is an input problem (exit 2) that
 * names the setting, never a crash.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import Ajv from 'ajv';
import { isMap, isScalar, parseDocument } from 'yaml';
import type { InputProblem } from './result.js';
import { Positions } from './load/positions.js';
import { imageRepository } from './model/image-ref.js';
import schema from '../schema/oomlint.schema.json' with { type: 'json' };

export const CONFIG_NAMES = ['.oomlint.yaml', '.oomlint.yml', 'oomlint.config.json'] as const;

export interface Config {
  /** The file it came from, as shown to users; undefined when no file was found. */
  file?: string;
  /** Image repository → absolute path of the Dockerfile that builds it. */
  images: Map<string, string>;
}

export type ConfigOutcome = { ok: true; config: Config } | { ok: false; problem: InputProblem };

export function loadConfig(cwd: string, explicit?: string): ConfigOutcome {
  const path = explicit ? resolve(cwd, explicit) : findUpward(cwd);
  if (!path) return { ok: true, config: { images: new Map() } };
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
    return problem(shown, at.line, at.column, `configuration is not valid YAML/JSON: ${syntax.message.split('\n')[0]}`);
  }
  const value: unknown = doc.toJS() ?? {};
  const validate = new Ajv.default({ allErrors: true, strict: true }).compile(schema);
  if (!validate(value)) {
    const error = validate.errors?.[0];
    const path = (error?.instancePath ?? '').split('/').filter(Boolean);
    const extra = error?.keyword === 'additionalProperties' ? String((error.params as { additionalProperty?: string }).additionalProperty) : undefined;
    const node = extra ? keyNode(doc.getIn(path, true) ?? doc.contents, extra) : (doc.getIn(path, true) as Ranged | undefined);
    const keyPath = [...path, ...(extra ? [extra] : [])].join('.') || '(top level)';
    const at = positions.at(node?.range?.[0] ?? 0);
    const why = extra ? `unknown setting "${keyPath}"` : `"${keyPath}" ${error?.message ?? 'is invalid'}`;
    return problem(shown, at.line, at.column, `${why} (see schema/oomlint.schema.json)`);
  }
  const images = new Map<string, string>();
  for (const [image, dockerfile] of Object.entries((value as { images?: Record<string, string> }).images ?? {})) {
    const repository = imageRepository(image);
    if (repository) images.set(repository, resolve(dirname(path), dockerfile));
  }
  return { ok: true, config: { file: shown, images } };
}

type Ranged = { range?: [number, number, number] };

/** The key node of `key` in a YAML map, so an unknown setting is reported where its name is written. */
function keyNode(map: unknown, key: string): Ranged | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair?.key as Ranged | undefined;
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
