import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LucidError } from '../../src/errors.js';
import { appendFileDurable } from '../../src/fs/append.js';
import { writeFileAtomic } from '../../src/fs/atomic-write.js';
import { makeScratchDir, moduleUrl, mountTmpfs, remountReadOnly, runNode, unmount } from './scratch.js';

function isWriteFailed(message: string) {
  return (error: unknown) => {
    assert.ok(error instanceof LucidError, `expected a LucidError, got ${String(error)}`);
    assert.equal(error.code, 'WRITE_FAILED');
    assert.equal(error.message, message);
    return true;
  };
}

describe('write failures leave the original intact', () => {
  it('full disk: WRITE_FAILED "disk full", old bytes kept, no temp file', async (t) => {
    const mountPoint = makeScratchDir(t);
    if (!mountTmpfs(t, mountPoint, 'size=64k,mode=0755')) return;
    try {
      const file = join(mountPoint, '.env');
      const original = Buffer.from(`SECRET=${'o'.repeat(10 * 1024)}\n`);
      writeFileSync(file, original, { mode: 0o600 });
      const rejection = await writeFileAtomic(file, `SECRET=${'n'.repeat(200 * 1024)}\n`).then(
        () => undefined,
        (error: unknown) => error,
      );
      isWriteFailed(`could not write ${file}: disk full`)(rejection);
      assert.match(String((rejection as LucidError).hint), /free some disk space/);
      assert.ok(readFileSync(file).equals(original), 'the original bytes changed');
      assert.deepEqual(readdirSync(mountPoint), ['.env']);
      // The disk is usable again afterwards: the failed temp file gave its space back.
      await writeFileAtomic(file, 'SECRET=small\n');
      assert.equal(readFileSync(file, 'utf8'), 'SECRET=small\n');
    } finally {
      unmount(mountPoint);
    }
  });

  it('full disk: an append that does not fit is cut back, earlier lines untouched', async (t) => {
    const mountPoint = makeScratchDir(t);
    if (!mountTmpfs(t, mountPoint, 'size=64k,mode=0755')) return;
    try {
      const file = join(mountPoint, 'history.jsonl');
      await appendFileDurable(file, '{"n":1}');
      await appendFileDurable(file, '{"n":2}');
      await assert.rejects(appendFileDurable(file, `{"n":3,"pad":"${'x'.repeat(200 * 1024)}"}`), isWriteFailed(`could not write ${file}: disk full`));
      assert.equal(readFileSync(file, 'utf8'), '{"n":1}\n{"n":2}\n');
    } finally {
      unmount(mountPoint);
    }
  });

  it('read-only file system: WRITE_FAILED, original intact, nothing created', async (t) => {
    const mountPoint = makeScratchDir(t);
    if (!mountTmpfs(t, mountPoint, 'size=64k,mode=0755')) return;
    try {
      const file = join(mountPoint, '.env');
      writeFileSync(file, 'A=1\n', { mode: 0o600 });
      try {
        remountReadOnly(mountPoint);
      } catch (error) {
        return t.skip(`mount -o remount,ro failed: ${String(error).split('\n')[0]}`);
      }
      await assert.rejects(writeFileAtomic(file, 'A=2\n'), (error: unknown) => {
        isWriteFailed(`could not write ${file}: read-only file system`)(error);
        return true;
      });
      await assert.rejects(appendFileDurable(file, 'B=2'), isWriteFailed(`could not write ${file}: read-only file system`));
      assert.equal(readFileSync(file, 'utf8'), 'A=1\n');
      assert.deepEqual(readdirSync(mountPoint), ['.env']);
    } finally {
      unmount(mountPoint);
    }
  });

  it('permission denied (run as nobody): WRITE_FAILED / FILE_UNREADABLE, original intact', (t) => {
    if (process.getuid?.() !== 0) return t.skip('needs root to run a child process as nobody');
    const dir = makeScratchDir(t);
    // root ignores permission bits, so the denial is observed from an unprivileged child process.
    chmodSync(dir, 0o755);
    const file = join(dir, '.env');
    writeFileSync(file, 'A=1\n', { mode: 0o600 });
    const source = `
      import { writeFileAtomic } from ${JSON.stringify(moduleUrl('atomic-write'))};
      import { readText } from ${JSON.stringify(moduleUrl('read'))};
      const outcome = async (promise) => promise.then(() => 'ok', (error) => ({ code: error.code, message: error.message, hint: error.hint }));
      const write = await outcome(writeFileAtomic(${JSON.stringify(file)}, 'A=2\\n'));
      const read = await outcome(readText(${JSON.stringify(file)}, { what: 'env file' }));
      process.stdout.write(JSON.stringify({ write, read }));`;
    const result = runNode(source, { uid: 65534, gid: 65534 });
    if (result.status !== 0) return t.skip(`could not run node as nobody: ${result.stderr.split('\n')[0] ?? ''}`);
    assert.deepEqual(JSON.parse(result.stdout), {
      write: {
        code: 'WRITE_FAILED',
        message: `could not write ${file}: permission denied`,
        hint: `check that you can write to ${dir}`,
      },
      read: {
        code: 'FILE_UNREADABLE',
        message: `cannot read env file ${file}: permission denied`,
        hint: 'check the permissions of the file and its directory',
      },
    });
    assert.equal(readFileSync(file, 'utf8'), 'A=1\n');
    assert.deepEqual(readdirSync(dir), ['.env']);
  });
});
