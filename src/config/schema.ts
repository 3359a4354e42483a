/**
 * The configuration's JSON schema, composed from the rule registry: every rule id and its own
 * option schema, so editors complete them and ajv checks them before any rule runs.
 * schema/oomlint.schema.json is this function's output (scripts/generate-schema.mjs writes it;
 * test/config-schema.test.ts fails when it is stale).
 */
import type { AnyRule } from '../rule.js';
import { runtimeSchema } from './runtime.js';

export const SCHEMA_ID = 'https://github.com/oomlint/oomlint/blob/main/schema/oomlint.schema.json';
export const RULE_SETTINGS = ['off', 'info', 'warning', 'error'] as const;
export const FAIL_ON = ['error', 'warning', 'info'] as const;

export function configSchema(rules: readonly AnyRule[]): Record<string, unknown> {
  const setting = { type: 'string', enum: [...RULE_SETTINGS] };
  const ruleProperties = Object.fromEntries(
    rules.map((rule) => [
      rule.id,
      {
        description: `${rule.meta.summary} (default: ${rule.meta.severity}; ${rule.meta.docsUrl})`,
        anyOf: [
          { ...setting, description: 'The severity, or off.' },
          {
            type: 'object',
            additionalProperties: false,
            properties: { severity: { ...setting, description: `The severity, or off (default: ${rule.meta.severity}).` }, options: optionsSchema(rule) },
          },
        ],
      },
    ]),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'oomlint configuration (.oomlint.yaml, .oomlint.yml, oomlint.config.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: {
        description: 'Rule id → severity (off, info, warning, error), or { severity, options }. --rule on the command line wins.',
        type: 'object',
        additionalProperties: false,
        properties: ruleProperties,
      },
      failOn: {
        description: 'Exit 1 when a finding is at least this severity (default: error). --fail-on on the command line wins.',
        type: 'string',
        enum: [...FAIL_ON],
        default: 'error',
      },
      ignore: {
        description:
          "Paths never linted: globs relative to this file's directory (*, **, ?, [a-z], {a,b}; a trailing / matches directories only). A pattern matching a directory ignores everything below it.",
        type: 'array',
        items: { type: 'string', minLength: 1 },
      },
      images: {
        description:
          "Image repository (registry host and tag ignored) → the Dockerfile that builds it, relative to this file. Links containers to their Dockerfile so runtime settings baked into the image (ENV, CMD, ENTRYPOINT) are checked against the container's memory limit.",
        type: 'object',
        additionalProperties: { type: 'string', minLength: 1 },
      },
      runtime: runtimeSchema(),
    },
  };
}

/** The committed file's exact text. */
export function configSchemaText(rules: readonly AnyRule[]): string {
  return `${JSON.stringify(configSchema(rules), null, 2)}\n`;
}

/** The rule's option schema (a copy: rules are frozen), each option with its default for editors. */
function optionsSchema(rule: AnyRule): Record<string, unknown> {
  const schema = structuredClone(rule.options.schema) as { properties?: Record<string, Record<string, unknown>> };
  const defaults = rule.options.defaults as Record<string, unknown>;
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (defaults[name] !== undefined) property.default = defaults[name];
  }
  return { description: `Options of ${rule.id}; see ${rule.meta.docsUrl}#options`, ...schema };
}
