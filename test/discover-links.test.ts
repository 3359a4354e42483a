import { execFileSync } from 'node:child_process';
import { chmod, mkdir, symlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { paths, root, run, touch, useTempRoot } from './discover-helpers.js';

// chmod 000 does not stop root from reading, so permission cases can only be tested unprivileged.
const isRoot = process.getuid?.() === 0;

useTempRoot();

describe('discover: symlinks and special files while walking', () => {
  it('follows symlinked files and directories', async () => {
    const target = await touch('single/target.yaml');
    await touch('outside/real.yaml');
    await touch('tree/own.yaml');
    await symlink(target, path.join(root, 'tree', 'linked.yaml'));
    await symlink(path.join(root, 'outside'), path.join(root, 'tree', 'linkdir'));
    const result = await run('tree');
    expect(paths(result)).toEqual(['tree/linkdir/real.yaml', 'tree/linked.yaml', 'tree/own.yaml']);
    expect(result.files.find((f) => f.path === 'tree/linked.yaml')?.absolutePath).toBe(path.join(root, 'tree', 'linked.yaml'));
  });

  it('dedupes a file reached twice, keeping the first path in byte order', async () => {
    await touch('a/x.yaml');
    await symlink(path.join(root, 'a', 'x.yaml'), path.join(root, 'link.yaml'));
    await symlink(path.join(root, 'a'), path.join(root, 'b'));
    const result = await run('.', 'a');
    expect(result.files).toEqual([{ path: 'a/x.yaml', absolutePath: path.join(root, 'a', 'x.yaml'), explicit: false, kind: 'manifest' }]);
    expect(result.skipped).toEqual([]);
  });

  it('prefers the on-disk path to a symlinked one, even when the link sorts first', async () => {
    await touch('z/x.yaml');
    await symlink(path.join(root, 'z'), path.join(root, 'a-link'));
    await symlink(path.join(root, 'z', 'x.yaml'), path.join(root, 'aa.yaml'));
    expect(paths(await run('.'))).toEqual(['z/x.yaml']);
    // Also across named paths: `overlays` links to `base`, which is named after it.
    await touch('base/b.yaml');
    await mkdir(path.join(root, 'overlays'));
    await symlink('../base', path.join(root, 'overlays', 'base'));
    expect(paths(await run('overlays', 'base'))).toEqual(['base/b.yaml']);
  });

  it('dedupes a named file found by a walk too, keeping it explicit', async () => {
    await touch('dir/a.yaml');
    const result = await run('dir', 'dir/a.yaml', './dir/a.yaml');
    expect(result.files).toEqual([{ path: 'dir/a.yaml', absolutePath: path.join(root, 'dir', 'a.yaml'), explicit: true, kind: 'manifest' }]);
  });

  it('skips a directory symlink to its parent as a symlink loop and terminates', async () => {
    await touch('loop/a.yaml');
    await symlink('..', path.join(root, 'loop', 'up'));
    await symlink('.', path.join(root, 'loop', 'self'));
    const result = await run('loop');
    expect(paths(result)).toEqual(['loop/a.yaml']);
    expect(result.skipped).toEqual([
      { file: 'loop/self', reason: 'symlink loop' },
      { file: 'loop/up', reason: 'symlink loop' },
    ]);
    expect(result.problems).toEqual([]);
  });

  it('skips a loop through two sibling directories linking to each other', async () => {
    await touch('a/x.yaml');
    await touch('b/y.yaml');
    await symlink('../b', path.join(root, 'a', 'l1'));
    await symlink('../a', path.join(root, 'b', 'l2'));
    const result = await run('a');
    expect(paths(result)).toEqual(['a/l1/y.yaml', 'a/x.yaml']);
    expect(result.skipped).toEqual([{ file: 'a/l1/l2', reason: 'symlink loop' }]);
  });

  it('skips a symlink that points at itself as a symlink loop', async () => {
    await symlink('self.yaml', path.join(root, 'self.yaml'));
    const result = await run('.');
    expect(result.files).toEqual([]);
    expect(result.skipped).toEqual([{ file: 'self.yaml', reason: 'symlink loop' }]);
  });

  it('skips a dangling symlink inside a walked directory, without an error', async () => {
    await touch('d/ok.yaml');
    await symlink(path.join(root, 'd', 'deleted.yaml'), path.join(root, 'd', 'dangling.yaml'));
    const result = await run('d');
    expect(paths(result)).toEqual(['d/ok.yaml']);
    expect(result.skipped).toEqual([{ file: 'd/dangling.yaml', reason: 'dangling symlink' }]);
    expect(result.problems).toEqual([]);
  });

  it('skips FIFOs and sockets without opening them (finishes fast)', async () => {
    await touch('s/ok.yaml');
    execFileSync('mkfifo', [path.join(root, 's', 'pipe.yaml')]);
    execFileSync('mkfifo', [path.join(root, 's', 'pipe.other')]);
    await symlink(path.join(root, 's', 'pipe.yaml'), path.join(root, 's', 'to-pipe.yml'));
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 's', 'sock.json'), resolve));
    try {
      const started = Date.now();
      const result = await run('s');
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(paths(result)).toEqual(['s/ok.yaml']);
      expect(result.skipped).toEqual([
        { file: 's/pipe.yaml', reason: 'not a regular file (FIFO)' },
        { file: 's/sock.json', reason: 'not a regular file (socket)' },
        { file: 's/to-pipe.yml', reason: 'not a regular file (FIFO)' },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 5_000);

  it.skipIf(isRoot)('reports an unreadable directory as file-unreadable with its path', async () => {
    await touch('locked/a.yaml');
    await touch('open/b.yaml');
    await chmod(path.join(root, 'locked'), 0o000);
    const result = await run('.');
    expect(paths(result)).toEqual(['open/b.yaml']);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'file-unreadable', file: 'locked', line: 1, column: 1 });
    expect(result.problems[0]?.message).toContain('permission denied');
  });
});
