/** The configuration file: found upward, validated with positions, images: map resolved. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { lint } from '../src/index.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'oomlint-config-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('loadConfig', () => {
  it('is optional', () => {
    expect(loadConfig(project({}))).toEqual({ ok: true, config: { images: new Map() } });
  });

  it('is found upward and resolves images: paths relative to the file', () => {
    const root = project({ '.oomlint.yaml': 'images:\n  ghcr.io/example/api: services/api/Dockerfile\n', 'deploy/x': '' });
    const outcome = loadConfig(join(root, 'deploy'));
    expect(outcome.ok && outcome.config.images.get('example/api')).toBe(join(root, 'services/api/Dockerfile'));
    expect(outcome.ok && outcome.config.file).toBe('../.oomlint.yaml');
  });

  it('reads oomlint.config.json too', () => {
    const root = project({ 'oomlint.config.json': '{"images": {"api": "Dockerfile"}}' });
    const outcome = loadConfig(root);
    expect(outcome.ok && [...outcome.config.images.keys()]).toEqual(['api']);
  });

  it('an unknown setting is an error that names it, with its line', () => {
    const root = project({ '.oomlint.yaml': 'images: {}\nrulez:\n  x: 1\n' });
    expect(loadConfig(root)).toEqual({
      ok: false,
      problem: { code: 'config-invalid', file: '.oomlint.yaml', line: 2, column: 1, message: 'unknown setting "rulez" (see schema/oomlint.schema.json)' },
    });
  });

  it('a mistyped value is an error that says what was expected', () => {
    const root = project({ '.oomlint.yaml': 'images:\n  api: 3\n' });
    const outcome = loadConfig(root);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem).toMatchObject({ line: 2, column: 8, message: '"images.api" must be string (see schema/oomlint.schema.json)' });
  });

  it('--config names a file explicitly; a missing one is an error', () => {
    const root = project({ 'conf/o.yaml': 'images: {}\n' });
    expect(loadConfig(root, 'conf/o.yaml').ok).toBe(true);
    expect(loadConfig(root, 'nope.yaml')).toMatchObject({ ok: false, problem: { code: 'config-invalid', line: 1 } });
  });
});

describe('lint with a configuration', () => {
  it('an invalid configuration stops the run with that one error', async () => {
    const root = project({ '.oomlint.yaml': 'nope: 1\n', 'a.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n' });
    const result = await lint(['.'], { cwd: root });
    expect(result.errors.map((e) => e.code)).toEqual(['config-invalid']);
    expect(result.summary.files).toBe(0);
  });

  it('links a Dockerfile through images: even when it lies outside the linted paths', async () => {
    const root = project({
      '.oomlint.yaml': 'images:\n  ghcr.io/example/api: build/Dockerfile\n',
      'build/Dockerfile': 'FROM eclipse-temurin:17-jre\nENV JAVA_TOOL_OPTIONS=-Xmx1g\n',
      'deploy/a.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: api, image: ghcr.io/example/api:1}]\n',
    });
    const result = await lint(['deploy'], { cwd: root });
    expect(result.errors).toEqual([]);
    expect(result.summary.files).toBe(2);
  });
});
