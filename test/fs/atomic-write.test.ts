import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { LucidError } from '../../src/errors.js';
import { writeFileAtomic } from '../../src/fs/atomic-write.js';
import { isLucid, makeScratchDir } from './scratch.js';

describe('writeFileAtomic', () => {
  it('writes a new file with exactly the given text and mode 0600', async (t) => {
    const dir = makeScratchDir(t);
    const file = join(dir, '.env');
    const result = await writeFileAtomic(file, 'PASSWORD=pä$$wörd 🔑\n');
    assert.deepEqual(result, { mode: 0o600, created: true });
    assert.equal(readFileSync(file, 'utf8'), 'PASSWORD=pä$$wörd 🔑\n');
    assert.equal(statSync(file).mode & 0o7777, 0o600);
    assert.deepEqual(readdirSync(dir), ['.env']);
  });

  it('writes bytes exactly, including an empty file', async (t) => {
    const dir = makeScratchDir(t);
    const bytes = new Uint8Array(randomBytes(300_000));
    await writeFileAtomic(join(dir, 'blob'), bytes);
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'blob'))), bytes);
    await writeFileAtomic(join(dir, 'empty'), '');
    assert.equal(readFileSync(join(dir, 'empty')).length, 0);
  });

  it("keeps an existing file's mode and replaces it by rename (a new inode)", async (t) => {
    const dir = makeScratchDir(t);
    const file = join(dir, '.env');
    writeFileSync(file, 'A=1\n');
    chmodSync(file, 0o644);
    const before = statSync(file);
    const result = await writeFileAtomic(file, 'A=2\n');
    assert.deepEqual(result, { mode: 0o644, created: false });
    const after = statSync(file);
    assert.equal(after.mode & 0o7777, 0o644);
    assert.notEqual(after.ino, before.ino);
    assert.equal(readFileSync(file, 'utf8'), 'A=2\n');
    assert.deepEqual(readdirSync(dir), ['.env']);
  });

  it('applies an explicit mode, tightening an existing file', async (t) => {
    const file = join(makeScratchDir(t), '.env');
    writeFileSync(file, 'A=1\n');
    chmodSync(file, 0o644);
    assert.deepEqual(await writeFileAtomic(file, 'A=2\n', { mode: 0o600 }), { mode: 0o600, created: false });
    assert.equal(statSync(file).mode & 0o7777, 0o600);
  });

  it('never leaves a temp file behind across many writes', async (t) => {
    const dir = makeScratchDir(t);
    for (let round = 0; round < 20; round++) await writeFileAtomic(join(dir, '.env'), `ROUND=${round}\n`);
    assert.deepEqual(readdirSync(dir), ['.env']);
    assert.equal(readFileSync(join(dir, '.env'), 'utf8'), 'ROUND=19\n');
  });

  it('refuses a symlinked target with SYMLINK_REFUSED, leaving link and target unchanged', async (t) => {
    const dir = makeScratchDir(t);
    writeFileSync(join(dir, 'real.env'), 'A=1\n');
    symlinkSync('real.env', join(dir, '.env'));
    const link = join(dir, '.env');
    await assert.rejects(writeFileAtomic(link, 'A=2\n'), (error: unknown) => {
      isLucid('SYMLINK_REFUSED', `refusing to write ${link}: it is a symlink`)(error);
      assert.match(String((error as LucidError).hint), /--follow-symlinks/);
      return true;
    });
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), 'real.env');
    assert.equal(readFileSync(join(dir, 'real.env'), 'utf8'), 'A=1\n');
    assert.deepEqual(readdirSync(dir).sort(), ['.env', 'real.env']);
  });

  it('with followSymlinks writes the real file (temp beside it) and keeps the link a link', async (t) => {
    const dir = makeScratchDir(t);
    mkdirSync(join(dir, 'secrets'));
    writeFileSync(join(dir, 'secrets', 'real.env'), 'A=1\n');
    chmodSync(join(dir, 'secrets', 'real.env'), 0o640);
    symlinkSync('secrets/real.env', join(dir, '.env'));
    const result = await writeFileAtomic(join(dir, '.env'), 'A=2\n', { followSymlinks: true });
    assert.deepEqual(result, { mode: 0o640, created: false });
    assert.equal(readFileSync(join(dir, 'secrets', 'real.env'), 'utf8'), 'A=2\n');
    assert.ok(lstatSync(join(dir, '.env')).isSymbolicLink());
    assert.equal(readlinkSync(join(dir, '.env')), 'secrets/real.env');
    assert.deepEqual(readdirSync(dir).sort(), ['.env', 'secrets']);
    assert.deepEqual(readdirSync(join(dir, 'secrets')), ['real.env']);
  });

  it('with followSymlinks creates the file a dangling link points to', async (t) => {
    const dir = makeScratchDir(t);
    symlinkSync('real.env', join(dir, '.env'));
    await writeFileAtomic(join(dir, '.env'), 'A=1\n', { followSymlinks: true });
    assert.equal(readFileSync(join(dir, 'real.env'), 'utf8'), 'A=1\n');
    assert.equal(statSync(join(dir, 'real.env')).mode & 0o7777, 0o600);
  });

  it('refuses a directory target and a missing directory with WRITE_FAILED', async (t) => {
    const dir = makeScratchDir(t);
    mkdirSync(join(dir, 'sub'));
    const sub = join(dir, 'sub');
    await assert.rejects(writeFileAtomic(sub, 'x'), isLucid('WRITE_FAILED', `could not write ${sub}: is a directory`));
    const missing = join(dir, 'nope', '.env');
    await assert.rejects(writeFileAtomic(missing, 'x'), isLucid('WRITE_FAILED', `could not write ${missing}: its directory does not exist`));
  });

  it('two concurrent writers: the result is entirely one of them, and no temp file remains', async (t) => {
    const dir = makeScratchDir(t);
    const file = join(dir, '.env');
    const first = Buffer.alloc(512 * 1024, 'a');
    const second = Buffer.alloc(384 * 1024, 'b');
    for (let round = 0; round < 10; round++) {
      await Promise.all([writeFileAtomic(file, first), writeFileAtomic(file, second)]);
      const result = readFileSync(file);
      assert.ok(result.equals(first) || result.equals(second), `round ${round}: mixed or partial content`);
      assert.deepEqual(readdirSync(dir), ['.env']);
    }
  });

  it("keeps the owner of someone else's file when root writes it", async (t) => {
    if (process.getuid?.() !== 0) return t.skip('needs root to chown a file to another user');
    const file = join(makeScratchDir(t), '.env');
    writeFileSync(file, 'A=1\n');
    chownSync(file, 65534, 65534);
    chmodSync(file, 0o640);
    await writeFileAtomic(file, 'A=2\n');
    const stats = statSync(file);
    assert.deepEqual([stats.uid, stats.gid], [65534, 65534]);
    assert.equal(stats.mode & 0o7777, 0o640);
  });
});
