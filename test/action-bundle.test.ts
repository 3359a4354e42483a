/**
 * The action as shipped: action.yml agrees with the code, the committed dist/action.js is exactly
 * what scripts/build-action.mjs builds from the current sources, and the SARIF file for upload-sarif.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_NAMES, inputVariable, readInputs } from '../src/action/inputs.js';
import { BUNDLE, runAction, workspace } from './action-runner.js';

const ROOT = join(import.meta.dirname, '..');

interface ActionYml {
  inputs: Record<string, { description: string; required: boolean; default: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'), { strict: true, uniqueKeys: true }) as ActionYml;

describe('action.yml', () => {
  it('runs dist/action.js on node24, the newest Actions runtime (node20 is deprecated on the runners)', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action.js' });
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
  });

  it('declares exactly the inputs the action reads, each described and optional', () => {
    expect(Object.keys(action.inputs)).toEqual([...INPUT_NAMES]);
    for (const input of Object.values(action.inputs)) {
      expect(input.description.length).toBeGreaterThan(20);
      expect(input.required).toBe(false);
    }
  });

  it('its defaults mean what an unset input means in the code', () => {
    const fromYml = Object.fromEntries(INPUT_NAMES.map((name) => [inputVariable(name), action.inputs[name]?.default]));
    expect(readInputs({ GITHUB_WORKSPACE: '/ws', ...fromYml }, '/')).toEqual(readInputs({ GITHUB_WORKSPACE: '/ws' }, '/'));
    expect(readInputs({ GITHUB_WORKSPACE: '/ws' }, '/')).toEqual({
      ok: true,
      inputs: { paths: ['.'], format: 'stylish', annotations: true, onlyChanged: false, workspace: '/ws', workingDirectory: '/ws' },
    });
  });

  it('declares the outputs a run writes', () => {
    expect(Object.keys(action.outputs)).toEqual(['findings', 'errors', 'sarif-file']);
  });
});

describe('dist/action.js', () => {
  it('is what scripts/build-action.mjs builds from the current sources (else run `npm run bundle` and commit it)', () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'oomlint-bundle-')), 'action.js');
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-action.mjs'), '--outfile', outfile], { encoding: 'utf8' });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const fresh = readFileSync(outfile, 'utf8');
    const committed = readFileSync(BUNDLE, 'utf8');
    // Compared as a boolean first: a 1 MB string diff would drown the message.
    expect(fresh === committed, 'dist/action.js is stale: run `npm run bundle` and commit dist/').toBe(true);
  });

  it('holds no absolute path of the machine that built it', () => {
    expect(readFileSync(BUNDLE, 'utf8')).not.toContain(ROOT);
  });
});

const NO_LIMIT = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      resources: {requests: {memory: 64Mi}}\n';

describe('sarif-file', () => {
  it('writes SARIF 2.1.0 with paths from the repository root, and names the file in the outputs', () => {
    const dir = workspace({ 'deploy/pod.yaml': NO_LIMIT });
    const run = runAction(dir, { 'working-directory': 'deploy', 'sarif-file': 'reports/oomlint.sarif' });
    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({ findings: '1', errors: '0', 'sarif-file': join(dir, 'reports', 'oomlint.sarif') });
    const sarif = JSON.parse(readFileSync(join(dir, 'reports', 'oomlint.sarif'), 'utf8')) as {
      version: string;
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }> }>;
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.artifactLocation.uri, r.locations[0]?.physicalLocation.region])).toEqual([
      ['memory-limit-missing', 'deploy/pod.yaml', expect.objectContaining({ startLine: 7, startColumn: 7 })],
    ]);
  });

  it('a SARIF file that cannot be written is a setup error (exit 2), after the other outputs', () => {
    const dir = workspace({ 'pod.yaml': NO_LIMIT });
    const run = runAction(dir, { 'sarif-file': 'pod.yaml/oomlint.sarif' });
    expect(run.code).toBe(2);
    expect(run.commands.at(-1)?.startsWith(`::error title=oomlint::sarif-file: cannot write ${dir}/pod.yaml/oomlint.sarif: `)).toBe(true);
    // No file, so no path for upload-sarif; the counts are still there.
    expect(run.outputs).toEqual({ findings: '1', errors: '0', 'sarif-file': '' });
  });
});
