/**
 * The verdict does not depend on how the YAML is written: the same generated documents in two
 * styles (block, flow, JSON, mixed; quoting; indentation; document markers) give the same
 * findings, and CRLF line endings give exactly the same findings, positions included, as LF.
 * (Comments are left out where they would differ: they may hold suppressions.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config.js';
import { lint, type LintResult } from '../src/index.js';
import { runs, TIMEOUT } from './arbitraries/runs.js';
import { documents } from './arbitraries/workload.js';
import { serialize, style } from './arbitraries/yaml-style.js';

function lintText(text: string): Promise<LintResult> {
  return lint(['-'], { stdin: { bytes: new TextEncoder().encode(text), filename: 'generated.yaml' }, config: defaultConfig(), reportUnusedDisableDirectives: 'warning' });
}

/** What a finding says, without where it is (positions differ between styles). */
async function verdict(text: string): Promise<string[]> {
  const { findings, errors } = await lintText(text);
  expect(errors.filter((e) => !(e.code === 'helm-template' && text.includes('{{')))).toEqual([]);
  return findings.map((f) => `${f.ruleId}|${f.severity}|${f.object}|${f.container ?? ''}|${f.suppressions?.length ?? 0}|${f.message}`).sort();
}

describe('lint() verdicts are independent of YAML style', () => {
  it('the same documents in two styles give the same findings', async () => {
    const uncommented = style.map((s) => ({ ...s, comments: [] }));
    await fc.assert(
      fc.asyncProperty(documents, uncommented, uncommented, async (docs, a, b) => {
        expect(await verdict(serialize(docs, b))).toEqual(await verdict(serialize(docs, a)));
      }),
      runs(50),
    );
  }, TIMEOUT);

  it('CRLF line endings give the same findings at the same lines and columns as LF', async () => {
    await fc.assert(
      fc.asyncProperty(documents, style, async (docs, s) => {
        const lf = await lintText(serialize(docs, { ...s, crlf: false }));
        const crlf = await lintText(serialize(docs, { ...s, crlf: true }));
        expect(crlf).toEqual(lf);
      }),
      runs(50),
    );
  }, TIMEOUT);
});
