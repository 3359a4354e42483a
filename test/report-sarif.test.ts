import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
// ajv is CommonJS: under NodeNext the default import is `module.exports`, so the class is `.default`.
import AjvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { loadReporter, reportText } from '../src/report/index.js';
import { artifactLocation, FINGERPRINT_KEY, SARIF_SCHEMA_URI, sarif, toSarif, type SarifLog } from '../src/report/sarif.js';
import type { Finding, LintResult } from '../src/result.js';
import { REPOSITORY_URL } from '../src/rule-docs.js';
import * as fx from './report-results.js';

// The official OASIS schema, vendored (see test/fixtures/README.md). Draft-07, which ajv's default
// class speaks. `strictRequired` is off only because the schema's own `anyOf: [{required: [...]}]`
// branches name properties defined outside them, which is valid JSON Schema that ajv's strict
// mode dislikes; every other strict check stays on.
const schema = JSON.parse(readFileSync(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
const ajv = new AjvModule.default({ allErrors: true, strict: true, strictRequired: false });
// ajv ships no format checks (ajv-formats is not a dependency) and strict mode refuses unknown
// formats, so the three the schema uses are checked here: RFC 3986 characters and scheme syntax,
// a relative reference whose first segment has no `:`, and RFC 3339 date-times. Not the full
// RFC grammar, but enough to catch a raw space, `<`, `%` or a bogus scheme in a URI.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
ajv.addFormat('uri', (s: string) => SCHEME.test(s) && URI_CHARS.test(s));
ajv.addFormat('uri-reference', (s: string) => URI_CHARS.test(s) && (SCHEME.test(s) || !/^[^/?#]*:/.test(s)));
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i.test(s) && !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

async function render(result: LintResult): Promise<SarifLog> {
  return JSON.parse(await sarif(result, { color: false })) as SarifLog;
}

const log = await render(fx.result);
const [run] = log.runs;
const ruleIndex = (id: string): number => rules.findIndex((r) => r.id === id);
const resultFor = (f: Finding) => run.results[fx.findings.indexOf(f)]!;

describe('sarif: schema', () => {
  it('is valid SARIF 2.1.0 for findings, suppressions and input problems', () => {
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is valid with nothing found, and with paths that need percent-encoding', async () => {
    expect(validate(await render(fx.empty)), JSON.stringify(validate.errors)).toBe(true);
    const odd = ['<stdin>', 'dir with space/a:b#c%.yaml', '/tmp/abs path/x.yaml', 'ünï/cødé.yaml'];
    const weird: LintResult = {
      ...fx.result,
      findings: odd.map((file) => ({ ...fx.noHeadroom, file })),
      errors: [{ ...fx.yamlError, file: 'a:b.yaml' }],
    };
    expect(validate(await render(weird)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the validator rejects what the schema forbids (so the checks above can fail)', () => {
    const broken = (edit: (copy: SarifLog) => void): boolean => {
      const copy = structuredClone(log);
      edit(copy);
      return validate(copy);
    };
    expect(broken(() => {})).toBe(true);
    expect(broken((c) => Object.assign(c.runs[0].results[0]!, { level: 'info' }))).toBe(false);
    expect(broken((c) => Object.assign(c.runs[0].results[0]!.locations[0]!.physicalLocation.artifactLocation, { uri: 'a b.yaml' }))).toBe(false);
    expect(broken((c) => Object.assign(c.runs[0].results[0]!.locations[0]!.physicalLocation.region, { startLine: 0 }))).toBe(false);
    expect(broken((c) => Object.assign(c.runs[0].tool.driver, { informationUri: 'not a uri' }))).toBe(false);
    expect(broken((c) => Object.assign(c.runs[0].invocations[0], { executionSuccessful: 'yes' }))).toBe(false);
  });
});

describe('sarif: tool and rules', () => {
  it('names oomlint, its package version and home', () => {
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'oomlint', version: pkg.version, informationUri: REPOSITORY_URL });
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('describes every registered rule, in registry order, from its meta', () => {
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    const level = { error: 'error', warning: 'warning', info: 'note' } as const;
    for (const [i, rule] of rules.entries()) {
      expect(run.tool.driver.rules[i]).toEqual({
        id: rule.id,
        shortDescription: { text: rule.meta.summary },
        helpUri: rule.meta.docsUrl,
        help: {
          text: `${rule.meta.summary}. Documentation: ${rule.meta.docsUrl}`,
          markdown: `${rule.meta.summary}.\n\n[Rule documentation](${rule.meta.docsUrl})`,
        },
        defaultConfiguration: { level: level[rule.meta.severity] },
      });
    }
    expect(run.tool.driver.rules[ruleIndex('memory-limit-missing')]!.defaultConfiguration).toEqual({ level: 'error' });
    expect(run.tool.driver.rules[ruleIndex('memory-no-headroom')]!.defaultConfiguration).toEqual({ level: 'warning' });
  });

  it('adds a descriptor for a result whose id is not a rule, so ruleIndex stays valid', () => {
    const pseudo = { ...fx.noHeadroom, ruleId: 'unused-disable-directive', helpUri: `${REPOSITORY_URL}/blob/main/README.md#suppressions` };
    const out = toSarif({ ...fx.empty, findings: [pseudo, pseudo] }, { toolVersion: '9.9.9', rules });
    expect(out.runs[0].tool.driver.rules).toHaveLength(rules.length + 1);
    expect(out.runs[0].tool.driver.rules[rules.length]).toEqual({ id: 'unused-disable-directive', helpUri: pseudo.helpUri });
    expect(out.runs[0].results.map((r) => r.ruleIndex)).toEqual([rules.length, rules.length]);
    expect(out.runs[0].tool.driver.version).toBe('9.9.9');
  });
});

describe('sarif: results', () => {
  it('keeps every finding, in order, suppressed ones included', () => {
    expect(run.results.map((r) => r.ruleId)).toEqual(fx.findings.map((f) => f.ruleId));
  });

  it('carries rule, level, message, exact range, fingerprint and object', () => {
    expect(resultFor(fx.limitMissing)).toEqual({
      ruleId: 'memory-limit-missing',
      ruleIndex: ruleIndex('memory-limit-missing'),
      level: 'error',
      message: { text: fx.limitMissing.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'deploy/api.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 30, startColumn: 11, endLine: 31, endColumn: 4 },
          },
        },
      ],
      partialFingerprints: { 'oomlint/v1': sha256(fx.identity(fx.limitMissing)) },
      properties: { object: 'Deployment shop/api', container: 'api' },
    });
    expect(FINGERPRINT_KEY).toBe('oomlint/v1');
  });

  it('maps severities to levels: warning → warning, info → note', () => {
    expect(resultFor(fx.noHeadroom).level).toBe('warning');
    expect(resultFor(fx.requestMissingInfo).level).toBe('note');
    expect(resultFor(fx.requestMissingInfo).locations[0]!.physicalLocation.region).toEqual({ startLine: 120, startColumn: 15, endLine: 120, endColumn: 22 });
  });

  it('marks suppressed findings with an in-source suppression, its reason and place', () => {
    expect(resultFor(fx.suppressedLimit).suppressions).toEqual([
      {
        kind: 'inSource',
        justification: 'bounded by the namespace quota',
        location: {
          physicalLocation: {
            artifactLocation: { uri: 'deploy/worker.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 17, startColumn: 1 },
          },
        },
      },
    ]);
    const others = run.results.filter((_, i) => fx.findings[i] !== fx.suppressedLimit);
    expect(others.every((r) => !('suppressions' in r))).toBe(true);
    const noReason = toSarif({ ...fx.empty, findings: [{ ...fx.suppressedLimit, suppressions: [{ kind: 'annotation', file: 'deploy/worker.yaml', line: 5 }] }] }, { toolVersion: '1', rules });
    expect(noReason.runs[0].results[0]!.suppressions?.[0]).not.toHaveProperty('justification');
  });
});

describe('sarif: fingerprints', () => {
  const prints = (l: SarifLog): string[] => l.runs[0].results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]!);

  it('are SHA-256 of rule, file, object, container and occurrence — never positions', async () => {
    expect(prints(log)).toEqual([
      sha256(fx.identity(fx.limitMissing)),
      sha256(fx.identity(fx.noHeadroom)),
      sha256(fx.identity(fx.requestMissingInfo)),
      sha256(fx.identity(fx.suppressedLimit)),
      sha256(fx.identity(fx.flagInvalid1, 1)),
      sha256(fx.identity(fx.flagInvalid2, 2)),
    ]);
    expect(new Set(prints(log)).size).toBe(fx.findings.length);
  });

  it('survive lines inserted above and columns moved', async () => {
    const moved = fx.shifted(fx.result, 12);
    moved.findings = moved.findings.map((f) => ({ ...f, column: f.column + 2, endColumn: f.endColumn + 2 }));
    const again = await render(moved);
    expect(again.runs[0].results[0]!.locations[0]!.physicalLocation.region.startLine).toBe(42);
    expect(prints(again)).toEqual(prints(log));
  });

  it('change with the file, the object, the container or the rule', async () => {
    const variants: Finding[] = [
      { ...fx.limitMissing, file: 'deploy/api-v2.yaml' },
      { ...fx.limitMissing, object: 'Deployment shop/api-v2' },
      { ...fx.limitMissing, container: 'app' },
      { ...fx.limitMissing, ruleId: 'memory-request-missing' },
    ];
    const [base] = prints(log);
    for (const v of variants) expect(prints(await render({ ...fx.empty, findings: [v] }))[0]).not.toBe(base);
  });
});

describe('sarif: input problems and invocation', () => {
  it('are error notifications with the code and the place; execution was not successful', () => {
    expect(run.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: fx.yamlError.message },
            descriptor: { id: 'yaml-syntax' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'deploy/broken.yaml', uriBaseId: '%SRCROOT%' },
                  region: { startLine: 7, startColumn: 3 },
                },
              },
            ],
          },
        ],
      },
    ]);
  });

  it('is successful with no input problems, even with findings', async () => {
    const clean = await render({ ...fx.result, errors: [] });
    expect(clean.runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });
});

describe('sarif: artifact locations', () => {
  it('percent-encodes each segment of a relative path, on %SRCROOT%', () => {
    expect(artifactLocation('deploy/api.yaml')).toEqual({ uri: 'deploy/api.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('<stdin>')).toEqual({ uri: '%3Cstdin%3E', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('a b/c:d#e%f?.yaml').uri).toBe('a%20b/c%3Ad%23e%25f%3F.yaml');
    expect(artifactLocation('ünï.yaml').uri).toBe('%C3%BCn%C3%AF.yaml');
  });

  it('makes absolute paths file: URIs without a base', () => {
    expect(artifactLocation('/tmp/abs path/x.yaml')).toEqual({ uri: 'file:///tmp/abs%20path/x.yaml' });
  });
});

it('is what loadReporter("sarif") gives, one JSON document ending in a newline', async () => {
  const reporter = await loadReporter('sarif');
  expect(reporter).toBe(sarif);
  const text = reportText(await reporter(fx.result, { color: true }));
  expect(text.endsWith('}\n')).toBe(true);
  expect(JSON.parse(text)).toEqual(log);
});
