import { execFileSync } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../src/discover.js';
import { paths, root, run, touch, useTempRoot } from './discover-helpers.js';

// Symlinks and special files met while walking are in discover-links.test.ts.

useTempRoot();

describe('discover: walking directories', () => {
  it('walks recursively and keeps .yaml, .yml and .json in any case', async () => {
    for (const name of ['a.yaml', 'b.YML', 'c.Json', 'deep/er/d.yml', 'deep/e.JSON', 'f.txt', 'README.md', 'yaml', 'g.yaml.bak']) {
      await touch(name);
    }
    const result = await run('.');
    expect(paths(result)).toEqual(['a.yaml', 'b.YML', 'c.Json', 'deep/e.JSON', 'deep/er/d.yml']);
    expect(result.files.every((file) => !file.explicit)).toBe(true);
    expect(result.files[0]?.absolutePath).toBe(path.join(root, 'a.yaml'));
    expect(result.problems).toEqual([]);
    expect(result.skipped).toEqual([]);
  });

  it('skips node_modules and .git while walking, but walks them when named', async () => {
    await touch('app.yaml');
    await touch('node_modules/pkg/chart.yaml');
    await touch('.git/config.yaml');
    await touch('sub/node_modules/x.yaml');
    expect(paths(await run('.'))).toEqual(['app.yaml']);
    expect(paths(await run('node_modules'))).toEqual(['node_modules/pkg/chart.yaml']);
  });

  it('walks a directory named x.yaml instead of reading it', async () => {
    await touch('x.yaml/inner.yml');
    const result = await run('.');
    expect(paths(result)).toEqual(['x.yaml/inner.yml']);
    expect(paths(await run('x.yaml'))).toEqual(['x.yaml/inner.yml']);
    expect(result.problems).toEqual([]);
  });

  it('keeps paths with spaces and unicode intact', async () => {
    await touch('my manifests/ünïcødé 文件.yaml');
    const result = await run('my manifests');
    expect(paths(result)).toEqual(['my manifests/ünïcødé 文件.yaml']);
    expect(result.files[0]?.absolutePath).toBe(path.join(root, 'my manifests', 'ünïcødé 文件.yaml'));
  });

  it('sorts by UTF-8 byte order, not UTF-16 code units or locale', async () => {
    // '～' (U+FF5E, EF BD 9E) sorts before '😀' (F0 9F 98 80) in bytes, after it in UTF-16 units.
    for (const name of ['😀.yaml', '～.yaml', 'é.yaml', 'z.yaml', 'a.yaml', '_.yaml', 'B.yaml', 'a/b.yaml', 'a-b.yaml']) {
      await touch(name);
    }
    expect(paths(await run('.'))).toEqual([
      'B.yaml', '_.yaml', 'a-b.yaml', 'a.yaml', 'a/b.yaml', 'z.yaml', 'é.yaml', '～.yaml', '😀.yaml',
    ]);
  });

  it('is deterministic whatever order the paths are given in', async () => {
    await touch('one/a.yaml');
    await touch('two/b.yaml');
    const forward = await run('one', 'two');
    const backward = await run('two', 'one');
    expect(forward).toEqual(backward);
    expect(paths(forward)).toEqual(['one/a.yaml', 'two/b.yaml']);
  });
});

describe('discover: Dockerfiles', () => {
  const kinds = (result: Awaited<ReturnType<typeof run>>) => result.files.map((file) => [file.path, file.kind]);

  it('finds Dockerfile, Containerfile and their variants while walking, marked dockerfile', async () => {
    const names = [
      'Dockerfile', 'svc/dockerfile', 'Dockerfile.prod', 'dockerfile.dev', 'api.Dockerfile', 'worker.dockerfile',
      'Containerfile', 'podman/Containerfile.ci', 'deploy.yaml', 'rootfs/Dockerfile-chroot',
    ];
    for (const name of names) await touch(name, 'FROM alpine\n');
    expect(kinds(await run('.'))).toEqual([
      ['Containerfile', 'dockerfile'], ['Dockerfile', 'dockerfile'], ['Dockerfile.prod', 'dockerfile'],
      ['api.Dockerfile', 'dockerfile'], ['deploy.yaml', 'manifest'], ['dockerfile.dev', 'dockerfile'],
      ['podman/Containerfile.ci', 'dockerfile'], ['rootfs/Dockerfile-chroot', 'dockerfile'], ['svc/dockerfile', 'dockerfile'],
      ['worker.dockerfile', 'dockerfile'],
    ]);
  });

  it('matches the names case-sensitively and leaves look-alikes out', async () => {
    const names = [
      'DOCKERFILE', 'DockerFile', 'Dockerfiles', 'MyDockerfile', 'Dockerfile-', '.Dockerfile', 'Dockerfile.',
      'Dockerfile.dockerignore', 'api.Dockerfile.dockerignore', 'Dockerfile.bak', 'Dockerfile~', 'Dockerfile.md',
      'Dockerfile.j2', 'Dockerfile.template', 'dockerfile-parser.js', 'README.dockerfile.txt',
    ];
    for (const name of names) await touch(name, 'FROM alpine\n');
    expect(paths(await run('.'))).toEqual([]);
  });

  it('reads Dockerfile.yaml and Dockerfile.json as manifests: the extension wins', async () => {
    await touch('Dockerfile.yaml');
    await touch('app.Dockerfile.json', '{}');
    expect(kinds(await run('.'))).toEqual([['Dockerfile.yaml', 'manifest'], ['app.Dockerfile.json', 'manifest']]);
  });

  it('takes a named file as a Dockerfile when named like one, else as a manifest', async () => {
    for (const name of ['Dockerfile.bak', 'build/Containerfile', 'x.dockerfile', 'DOCKERFILE', 'pod.txt']) await touch(name);
    const result = await run('Dockerfile.bak', 'build/Containerfile', 'x.dockerfile', 'DOCKERFILE', 'pod.txt');
    expect(kinds(result)).toEqual([
      ['DOCKERFILE', 'manifest'], ['Dockerfile.bak', 'dockerfile'], ['build/Containerfile', 'dockerfile'],
      ['pod.txt', 'manifest'], ['x.dockerfile', 'dockerfile'],
    ]);
    expect(result.files.every((file) => file.explicit)).toBe(true);
  });

  it('follows a symlink named like a Dockerfile and skips a FIFO named like one', async () => {
    await touch('real/Dockerfile.base', 'FROM alpine\n');
    await mkdir(path.join(root, 'app'));
    await symlink(path.join(root, 'real', 'Dockerfile.base'), path.join(root, 'app', 'Dockerfile'));
    execFileSync('mkfifo', [path.join(root, 'app', 'Containerfile')]);
    const result = await run('app');
    expect(kinds(result)).toEqual([['app/Dockerfile', 'dockerfile']]);
    expect(result.skipped).toEqual([{ file: 'app/Containerfile', reason: 'not a regular file (FIFO)' }]);
  }, 5_000);
});

describe('discover: explicit paths', () => {
  it('takes a named file whatever its extension, marked explicit', async () => {
    await touch('deploy.txt');
    await touch('Containerfile');
    const result = await run('deploy.txt', './Containerfile');
    expect(result.files).toEqual([
      { path: 'Containerfile', absolutePath: path.join(root, 'Containerfile'), explicit: true, kind: 'dockerfile' },
      { path: 'deploy.txt', absolutePath: path.join(root, 'deploy.txt'), explicit: true, kind: 'manifest' },
    ]);
  });

  it('reports a missing path as path-not-found at line 1, column 1', async () => {
    const result = await run('nope.yaml', 'missing/dir');
    expect(result.files).toEqual([]);
    expect(result.problems).toEqual([
      { code: 'path-not-found', file: 'nope.yaml', line: 1, column: 1, message: 'path does not exist: nope.yaml' },
      { code: 'path-not-found', file: 'missing/dir', line: 1, column: 1, message: 'path does not exist: missing/dir' },
    ]);
  });

  it('reports a named dangling symlink as path-not-found, saying it is a broken symlink', async () => {
    await symlink(path.join(root, 'gone.yaml'), path.join(root, 'link.yaml'));
    const result = await run('link.yaml');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'path-not-found', file: 'link.yaml', line: 1, column: 1 });
    expect(result.problems[0]?.message).toContain('broken symlink');
    expect(result.skipped).toEqual([]);
  });

  it('shows paths relative to cwd inside it and absolute outside it', async () => {
    const inside = await touch('work/in.yaml');
    const outside = await touch('elsewhere/out.yaml');
    await touch('work/..dots/x.yaml');
    const result = await discover([inside, outside, '..dots'], { cwd: path.join(root, 'work') });
    expect(result.problems).toEqual([]);
    expect(paths(result)).toEqual(['..dots/x.yaml', outside.split(path.sep).join('/'), 'in.yaml']);
  });

  it('rejects a named FIFO or device as file-unreadable without opening it', async () => {
    const fifo = path.join(root, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const result = await run('pipe.yaml', '/dev/null');
    expect(result.files).toEqual([]);
    expect(result.problems).toEqual([
      { code: 'file-unreadable', file: 'pipe.yaml', line: 1, column: 1, message: 'not a regular file (FIFO); oomlint reads only regular files' },
      { code: 'file-unreadable', file: '/dev/null', line: 1, column: 1, message: 'not a regular file (character device); oomlint reads only regular files' },
    ]);
  }, 5_000);
});
