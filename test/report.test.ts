import { readFileSync } from 'node:fs';
// ajv is CommonJS: under NodeNext the default import is `module.exports`, which TypeScript types as
// the whole module, so the class is its `default` property (also what Node gives at run time).
import AjvModule from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import type { Finding, LintResult } from '../src/result.js';
import { FORMATS, loadReporter, reportText, reportWrites } from '../src/report/index.js';
import { JSON_OUTPUT_VERSION, json, toJsonOutput } from '../src/report/json.js';
import { stylish, toPlain } from '../src/report/stylish.js';

const schema = JSON.parse(readFileSync(new URL('../schema/json-output.schema.json', import.meta.url), 'utf8')) as object;
const validate = new AjvModule.default({ allErrors: true, strict: true }).compile(schema);

const help = (ruleId: string): string => `https://github.com/oomlint/oomlint/blob/main/rules/${ruleId}/README.md`;

function finding(partial: Partial<Finding> & Pick<Finding, 'ruleId' | 'severity' | 'message' | 'file' | 'line' | 'column'>): Finding {
  return {
    endLine: partial.line,
    endColumn: partial.column + 10,
    object: 'Deployment shop/api',
    helpUri: help(partial.ruleId),
    ...partial,
  };
}

// Deliberately not in file/line order: the reporters must not reorder what the engine sorted.
const findings: Finding[] = [
  finding({
    ruleId: 'limit-missing',
    severity: 'error',
    message: 'no memory limit; set `resources.limits.memory` to 512Mi',
    file: 'deploy/api.yaml',
    line: 30,
    column: 11,
    container: 'api',
  }),
  finding({
    ruleId: 'request-headroom',
    severity: 'warning',
    message: "container 'envoy' requests 64Mi, its limit is 64Mi: no headroom",
    file: 'deploy/api.yaml',
    line: 9,
    column: 7,
    container: 'envoy',
  }),
  finding({
    ruleId: 'quantity-style',
    severity: 'info',
    message: 'memory written as 536870912 (bytes); 512Mi reads better',
    file: 'deploy/api.yaml',
    line: 120,
    column: 15,
    object: 'CronJob shop/report',
  }),
  finding({
    ruleId: 'jvm-heap',
    severity: 'warning',
    message: '-Xmx900m leaves 124Mi of a 1Gi limit for the rest of the JVM',
    file: 'deploy/worker.yaml',
    line: 4,
    column: 3,
    object: 'StatefulSet jobs/worker',
    container: 'worker',
  }),
];

const result: LintResult = {
  findings,
  errors: [
    {
      code: 'yaml-duplicate-key',
      file: 'deploy/worker.yaml',
      line: 22,
      column: 5,
      message: 'duplicate key "memory" (first at line 21)',
    },
  ],
  summary: {
    files: 3,
    objects: 4,
    containers: 5,
    findings: 4,
    skipped: [{ file: 'charts/values.yaml', reason: 'not a Kubernetes manifest (no apiVersion or kind)' }],
  },
};

const clean: LintResult = {
  findings: [],
  errors: [],
  summary: { files: 1, objects: 1, containers: 1, findings: 0, skipped: [] },
};

const SUMMARY = '  3 files, 4 objects, 5 containers: 1 error, 2 warnings, 1 info, 1 input error, 1 skipped';

describe('json reporter', () => {
  const output = reportText(json(result, { color: true }));
  const parsed = JSON.parse(output) as Record<string, unknown> & { findings: Array<Record<string, unknown>> };

  it('is pretty-printed JSON of version 1 ending in a newline', () => {
    expect(JSON_OUTPUT_VERSION).toBe(1);
    expect(parsed.version).toBe(1);
    expect(Object.keys(parsed)).toEqual(['version', 'findings', 'errors', 'summary']);
    expect(output).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
  });

  it('comes a finding at a time, the same bytes as stringifying the whole output, also with no findings', () => {
    const many: LintResult = { ...result, findings: Array.from({ length: 300 }, (_, i) => ({ ...(result.findings[i % result.findings.length] as Finding), line: i + 1 })) };
    for (const r of [many, clean, { ...clean, errors: result.errors }]) {
      const pieces = [...json(r, { color: false })];
      expect(pieces.join('')).toBe(`${JSON.stringify(toJsonOutput(r), null, 2)}\n`);
      if (r === many) expect(pieces.length).toBeGreaterThan(300);
    }
  });

  it('is written in writes of about 64 KiB, not a write per piece', () => {
    const pieces = Array.from({ length: 10_000 }, (_, i) => `${i}`.padStart(100, ' '));
    const writes = [...reportWrites(pieces)];
    expect(writes.join('')).toBe(pieces.join(''));
    expect(writes.length).toBe(Math.ceil((100 * 10_000) / (64 * 1024 + 64)));
    expect([...reportWrites('whole')]).toEqual(['whole']);
  });

  it('validates against schema/json-output.schema.json', () => {
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(JSON.parse(reportText(json(clean, { color: false }))))).toBe(true);
  });

  it('keeps the engine order and every field, with container null when absent', () => {
    expect(parsed.findings.map((f) => `${f.file}:${f.line}`)).toEqual(findings.map((f) => `${f.file}:${f.line}`));
    expect(parsed.findings[2]).toEqual({
      ruleId: 'quantity-style',
      severity: 'info',
      message: 'memory written as 536870912 (bytes); 512Mi reads better',
      file: 'deploy/api.yaml',
      line: 120,
      column: 15,
      endLine: 120,
      endColumn: 25,
      object: 'CronJob shop/report',
      container: null,
      helpUri: help('quantity-style'),
      suppressions: [],
    });
    expect(parsed.errors).toEqual(result.errors);
    expect(parsed.summary).toEqual(result.summary);
  });

  it('does not leak fields that are not part of the contract', () => {
    const withFix = { ...result, findings: [{ ...findings[0]!, fix: 'set it', internal: true } as Finding] };
    const output = JSON.parse(reportText(json(withFix, { color: false }))) as { findings: object[] };
    expect(Object.keys(output.findings[0]!)).not.toContain('internal');
    expect(validate(output)).toBe(true);
  });
});

// The second finding, silenced by an annotation and a comment: kept in JSON, hidden by stylish.
const suppressed: LintResult = {
  ...result,
  findings: result.findings.map((f, i) =>
    i === 1
      ? {
          ...f,
          suppressions: [
            { kind: 'annotation', justification: 'the mesh sizes envoy', file: 'deploy/api.yaml', line: 7 },
            { kind: 'comment', file: 'deploy/api.yaml', line: 8 },
          ],
        }
      : f,
  ),
};

describe('json reporter: suppressions', () => {
  const parsed = JSON.parse(reportText(json(suppressed, { color: false }))) as { findings: Array<Record<string, unknown>> };

  it('keeps a suppressed finding with its suppressions, justification null when none was written', () => {
    expect(parsed.findings).toHaveLength(4);
    expect(parsed.findings[1]).toMatchObject({ ruleId: 'request-headroom', line: 9 });
    expect(parsed.findings[1]?.suppressions).toEqual([
      { kind: 'annotation', justification: 'the mesh sizes envoy', file: 'deploy/api.yaml', line: 7 },
      { kind: 'comment', justification: null, file: 'deploy/api.yaml', line: 8 },
    ]);
    expect(parsed.findings.map((f) => (f.suppressions as unknown[]).length)).toEqual([0, 2, 0, 0]);
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schema closes suppressions and still accepts version-1 output written before they existed', () => {
    const extra = JSON.parse(reportText(json(suppressed, { color: false })));
    extra.findings[1].suppressions[0].extra = 1;
    expect(validate(extra)).toBe(false);
    const kind = JSON.parse(reportText(json(suppressed, { color: false })));
    kind.findings[1].suppressions[0].kind = 'config';
    expect(validate(kind)).toBe(false);
    const older = JSON.parse(reportText(json(result, { color: false })));
    for (const f of older.findings) delete f.suppressions;
    expect(validate(older)).toBe(true);
  });
});

describe('schema/json-output.schema.json', () => {
  const valid = (): Record<string, any> => JSON.parse(reportText(json(result, { color: false })));

  it('rejects extra fields at every level', () => {
    expect(validate({ ...valid(), extra: 1 })).toBe(false);
    const finding = valid();
    finding.findings[0].extra = 1;
    expect(validate(finding)).toBe(false);
    const error = valid();
    error.errors[0].extra = 1;
    expect(validate(error)).toBe(false);
    const summary = valid();
    summary.summary.extra = 1;
    expect(validate(summary)).toBe(false);
    const skipped = valid();
    skipped.summary.skipped[0].extra = 1;
    expect(validate(skipped)).toBe(false);
  });

  it('rejects a wrong version, severity, position or missing container', () => {
    expect(validate({ ...valid(), version: 2 })).toBe(false);
    const severity = valid();
    severity.findings[0].severity = 'fatal';
    expect(validate(severity)).toBe(false);
    const line = valid();
    line.findings[0].line = 0;
    expect(validate(line)).toBe(false);
    const container = valid();
    delete container.findings[2].container;
    expect(validate(container)).toBe(false);
  });

  it('accepts a skipped file with a position', () => {
    const skipped = valid();
    skipped.summary.skipped[0] = { file: 'a.yaml', reason: 'not Kubernetes', line: 3, column: 1 };
    expect(validate(skipped)).toBe(true);
  });
});

/**
 * The formatter decides on hyperlinks at each call, from the environment: forcing them makes it
 * emit escapes even though tests are not on a TTY, so stripping them is really tested.
 */
function withHyperlinks(run: () => string | Promise<string>): string {
  vi.stubEnv('FORCE_HYPERLINK', '1');
  try {
    return run() as string;
  } finally {
    vi.unstubAllEnvs();
  }
}

describe('stylish reporter', () => {
  const plain = withHyperlinks(() => stylish(result, { color: false }));
  const lines = plain.split('\n');

  it('has no ANSI escapes or hyperlinks without colour', () => {
    expect(plain).not.toContain('\u001b');
    expect(plain).not.toContain('\u0007');
  });

  it('shows every message verbatim on a line with its file:line:column', () => {
    for (const f of findings) {
      const line = lines.find((l) => l.includes(f.message));
      expect(line, f.message).toBeDefined();
      expect(line).toContain(`${f.file}:${f.line}:${f.column} `);
      expect(line).toContain(f.ruleId);
    }
    const input = lines.find((l) => l.includes('duplicate key "memory" (first at line 21)'));
    expect(input).toContain('deploy/worker.yaml:22:5 ');
    expect(input).toContain('input/yaml-duplicate-key');
  });

  it('prefixes object, container and info', () => {
    expect(plain).toContain('Deployment shop/api › api: no memory limit;');
    expect(plain).toContain('info: CronJob shop/report: memory written as');
    expect(plain).toContain('StatefulSet jobs/worker › worker: -Xmx900m');
  });

  it('does not repeat an object the message already names', () => {
    const message = 'Deployment shop/api: container "api" has no memory limit; set resources.limits.memory';
    const named = { ...clean, findings: [{ ...findings[0]!, message }] };
    const output = stylish(named, { color: false }) as string;
    expect(output).toContain(`deploy/api.yaml:30:11  ${message}  limit-missing`);
  });

  it('groups by file under a plain header, without the formatter totals', () => {
    expect(lines.filter((l) => /^ {2}deploy\/\w+\.yaml$/.test(l))).toEqual(['  deploy/api.yaml', '  deploy/worker.yaml']);
    expect(plain).not.toMatch(/^ {2}\d+ (warning|error)s?$/m);
  });

  it('ends with the skipped file and the summary', () => {
    expect(lines.slice(-3)).toEqual(['  charts/values.yaml:1:1: skipped: not a Kubernetes manifest (no apiVersion or kind)', SUMMARY, '']);
  });

  it('links rule ids to their docs and headers to absolute file URLs', () => {
    const linked = withHyperlinks(() => stylish(result, { color: true }));
    expect(linked).toContain(`\u001b]8;;${help('limit-missing')}\u0007`);
    expect(linked).toContain(`\u001b]8;;file://${process.cwd()}/deploy/api.yaml\u0007`);
    // Input problems have no docs page: no link, and not the formatter's guess at eslint.org.
    expect(linked).not.toContain('eslint.org');
    expect(withHyperlinks(() => stylish(result, { color: false }))).not.toContain('file://');
  });

  it('keeps colours when asked', () => {
    const colored = stylish(result, { color: true }) as string;
    // Bold is drawn by the formatter's chalk, so this also checks that colour is forced when piped.
    expect(colored).toContain('\u001b[1mresources.limits.memory\u001b[22m');
    expect(toPlain(colored)).toContain(SUMMARY);
  });

  it('says when nothing was found', () => {
    expect(stylish(clean, { color: false })).toBe('  1 file, 1 object, 1 container: no memory problems found\n');
    const skippedOnly = { ...clean, summary: { ...clean.summary, skipped: result.summary.skipped } };
    expect(stylish(skippedOnly, { color: false })).toMatch(/: no memory problems found, 1 skipped\n$/);
  });

  it('hides suppressed findings and counts them in the summary', () => {
    const output = stylish(suppressed, { color: false }) as string;
    expect(output).not.toContain(findings[1]!.message);
    expect(output).toContain(findings[0]!.message);
    expect(output.split('\n').at(-2)).toBe('  3 files, 4 objects, 5 containers: 1 error, 1 warning, 1 info, 1 input error, 1 suppressed, 1 skipped');
    const onlySuppressed = { ...clean, findings: [suppressed.findings[1]!] };
    expect(stylish(onlySuppressed, { color: false })).toBe('  1 file, 1 object, 1 container: no memory problems found, 1 suppressed\n');
  });

  it('does not prefix a record whose object is its file (a directive comment)', () => {
    const unused: Finding = {
      ...findings[0]!,
      ruleId: 'unused-disable-directive',
      severity: 'warning',
      message: 'unused oomlint-disable directive (no problems were reported); remove it',
      object: 'deploy/api.yaml',
    };
    const { container: _, ...record } = unused;
    const output = stylish({ ...clean, findings: [record] }, { color: false }) as string;
    expect(output).toContain('deploy/api.yaml:30:11  unused oomlint-disable directive (no problems were reported); remove it  unused-disable-directive');
  });

  it('neutralises control characters from the manifests', () => {
    const hostile = { ...clean, findings: [{ ...findings[0]!, message: 'evil \u001b]8;;x\u0007name\nnext' }] };
    expect(stylish(hostile, { color: true })).not.toContain('\u001b]8;;x');
    expect(stylish(hostile, { color: false })).toContain('evil \uFFFD]8;;x\uFFFDname next');
  });

  it('strips hyperlinks whatever characters their URL has', () => {
    const link = '\u001b]8;;file:///tmp/a(1)%20b.yaml\u0007\u001b[4mb.yaml\u001b[24m\u001b]8;;\u0007';
    expect(toPlain(`  ${link}:3:5`)).toBe('  b.yaml:3:5');
  });
});

describe('loadReporter', () => {
  it('loads each format and refuses unknown ones', async () => {
    expect(FORMATS).toEqual(['stylish', 'json', 'sarif', 'github', 'junit', 'gitlab']);
    expect(await loadReporter('json')).toBe(json);
    expect(await loadReporter('stylish')).toBe(stylish);
    await expect(loadReporter('xml')).rejects.toThrow(/unknown format "xml"; expected one of: stylish, json, sarif, github, junit, gitlab/);
  });
});
