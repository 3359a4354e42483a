/** schema/oomlint.schema.json is generated from the registry; --print-config's output is a valid configuration. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { rules } from '../rules/index.js';
import { configSchemaText, defaultConfig, loadConfig, printConfig, withOverrides, type Config } from '../src/config.js';
import { DEFAULT_JVM_BUDGET } from '../src/model/runtime/jvm-budget.js';

const committed = readFileSync(join(import.meta.dirname, '..', 'schema', 'oomlint.schema.json'), 'utf8');

function load(text: string): Config {
  const root = mkdtempSync(join(tmpdir(), 'oomlint-schema-'));
  writeFileSync(join(root, '.oomlint.yaml'), text);
  const outcome = loadConfig(root);
  if (!outcome.ok) throw new Error(outcome.problem.message);
  return outcome.config;
}

describe('schema/oomlint.schema.json', () => {
  it('is what the registry generates (run `npm run docs` after changing a rule or a setting)', () => {
    expect(committed).toBe(configSchemaText(rules));
  });

  // Editors read the committed file, not our code: check it on its own.
  const validate = new Ajv.default({ allErrors: true, strict: true }).compile(JSON.parse(committed) as object);

  it('names every rule, with its options and their defaults for completion', () => {
    const schema = JSON.parse(committed) as { properties: { rules: { properties: Record<string, { anyOf: Array<{ properties?: { options: { properties: Record<string, { default?: unknown }> } } }> }> } } };
    expect(Object.keys(schema.properties.rules.properties)).toEqual(rules.map((r) => r.id));
    const options = schema.properties.rules.properties['memory-no-headroom']?.anyOf[1]?.properties?.options.properties;
    expect(options?.minRatio?.default).toBe(1.5);
  });

  it('accepts the README example and rejects a misspelt rule', () => {
    const readmeExample = {
      failOn: 'warning',
      ignore: ['vendor/**', 'charts/*/templates/', '**/testdata/'],
      images: { 'ghcr.io/example/orders': 'services/orders/Dockerfile' },
      runtime: { jvm: { expectedThreads: 300, expectedDirectMiB: 256, worstCaseThreads: 400 } },
      rules: { 'pod-qos-best-effort': 'off', 'memory-no-headroom': { severity: 'info', options: { minRatio: 1.25 } }, 'jvm-heap-exceeds-limit': { options: { worstCase: false } } },
    };
    expect(validate(readmeExample)).toBe(true);
    expect(validate({ rules: { 'memory-limit-mising': 'off' } })).toBe(false);
    expect(validate({ rules: { 'memory-no-headroom': { options: { minRatio: 0.5 } } } })).toBe(false);
  });
});

describe('printConfig', () => {
  it('without a file: every rule at its default severity with its default options, and the defaults of the rest', () => {
    const text = printConfig(defaultConfig());
    expect(text.split('\n')[0]).toBe('# oomlint effective configuration (no configuration file: the defaults)');
    const printed = parse(text) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['failOn', 'ignore', 'images', 'runtime', 'rules']);
    expect(printed.failOn).toBe('error');
    expect(printed.ignore).toEqual([]);
    expect(printed.images).toEqual({});
    expect(printed.runtime).toEqual({
      jvm: {
        expectedMetaspaceMiB: 114,
        expectedCodeCacheMiB: 20,
        expectedDirectMiB: 64,
        expectedThreads: 150,
        expectedNonHeapMiB: 280,
        worstCaseLoadedClasses: 35000,
        worstCaseThreads: 250,
        headroomPercent: 0,
      },
    });
    const printedRules = printed.rules as Record<string, { severity: string; options: object }>;
    expect(Object.keys(printedRules)).toEqual(rules.map((r) => r.id));
    for (const rule of rules) expect(printedRules[rule.id]?.severity).toBe(rule.meta.severity);
    expect(printedRules['memory-no-headroom']).toEqual({ severity: 'warning', options: { minRatio: 1.5, ignoreGuaranteed: false } });
    // worstCaseThreads has no default of its own (runtime.jvm.worstCaseThreads is it).
    expect(printedRules['jvm-heap-exceeds-limit']).toEqual({ severity: 'error', options: { worstCase: true } });
  });

  it('shows the file and the command line: severities, merged options, failOn, ignore, images, runtime', () => {
    const config = load(
      'failOn: warning\nignore: [vendor/**]\nimages:\n  ghcr.io/example/api: services/api/Dockerfile\nruntime:\n  jvm: {expectedThreads: 300}\n' +
        'rules:\n  memory-no-headroom: {severity: info, options: {minRatio: 1.25}}\n  jvm-heap-exceeds-limit: {options: {worstCaseThreads: 400}}\n',
    );
    const text = printConfig(withOverrides(config, { rules: { 'memory-limit-missing': { setting: 'off' } }, failOn: 'info' }));
    expect(text.split('\n').slice(0, 8)).toEqual([
      '# oomlint effective configuration (.oomlint.yaml, with every default filled in)',
      'failOn: info',
      'ignore:',
      '  - vendor/**',
      'images:',
      '  example/api: services/api/Dockerfile',
      'runtime:',
      '  jvm:',
    ]);
    expect(text).toContain('\n    expectedThreads: 300\n');
    expect(text).toContain('\n  memory-no-headroom:\n    severity: info\n    options:\n      minRatio: 1.25\n      ignoreGuaranteed: false\n');
    expect(text).toContain('\n  jvm-heap-exceeds-limit:\n    severity: error\n    options:\n      worstCase: true\n      worstCaseThreads: 400\n');
    expect(text).toContain('\n  memory-limit-missing:\n    severity: off\n    options: {}\n');
  });

  it('is itself a configuration file that loads to the same settings', () => {
    const config = load('failOn: warning\nignore: ["**/testdata/"]\nimages:\n  ghcr.io/example/api: api/Dockerfile\nruntime:\n  jvm: {expectedDirectMiB: 256}\nrules:\n  pod-qos-best-effort: off\n');
    const again = load(printConfig(config));
    expect(again.failOn).toBe('warning');
    expect(again.ignore.map((g) => g.pattern)).toEqual(['**/testdata/']);
    expect([...again.images.keys()]).toEqual(['example/api']);
    expect(again.settings.jvmBudget.expectedDirect).toBe(256 * 2 ** 20);
    expect(again.settings.jvmBudget).toEqual(config.settings.jvmBudget);
    expect(again.settings.jvmBudget).toEqual({ ...DEFAULT_JVM_BUDGET, expectedDirect: 256 * 2 ** 20, configured: { expectedDirect: 'runtime.jvm.expectedDirectMiB' } });
    expect(again.rules['pod-qos-best-effort']).toEqual({ setting: 'off', options: {} });
    expect(Object.keys(again.rules)).toEqual(rules.map((r) => r.id));
  });
});
