import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LucidError } from '../../src/errors.js';
import { appendFileDurable } from '../../src/fs/append.js';
import { ensurePrivateDir } from '../../src/fs/private-dir.js';
import { makeScratchDir } from './scratch.js';

describe('appendFileDurable', () => {
  it('creates the file with mode 0600 and appends whole lines, adding the newline', async (t) => {
    const file = join(makeScratchDir(t), 'history.jsonl');
    await appendFileDurable(file, '{"key":"A"}');
    await appendFileDurable(file, '{"key":"B"}\n');
    assert.equal(readFileSync(file, 'utf8'), '{"key":"A"}\n{"key":"B"}\n');
    assert.equal(statSync(file).mode & 0o7777, 0o600);
  });

  it("keeps an existing file's earlier lines and mode", async (t) => {
    const file = join(makeScratchDir(t), 'history.jsonl');
    writeFileSync(file, 'one\n');
    chmodSync(file, 0o640);
    await appendFileDurable(file, 'two');
    assert.equal(readFileSync(file, 'utf8'), 'one\ntwo\n');
    assert.equal(statSync(file).mode & 0o7777, 0o640);
  });

  it('lines appended concurrently never interleave', async (t) => {
    const file = join(makeScratchDir(t), 'history.jsonl');
    const lines = Array.from({ length: 50 }, (_, index) => `${String(index).padStart(2, '0')}${'x'.repeat(2000)}`);
    await Promise.all(lines.map((line) => appendFileDurable(file, line)));
    const written = readFileSync(file, 'utf8').split('\n');
    assert.equal(written.pop(), '');
    assert.deepEqual([...written].sort(), lines);
  });

  it('refuses a symlink with SYMLINK_REFUSED and leaves its target alone', async (t) => {
    const dir = makeScratchDir(t);
    writeFileSync(join(dir, 'elsewhere'), 'keep\n');
    symlinkSync('elsewhere', join(dir, 'history.jsonl'));
    await assert.rejects(appendFileDurable(join(dir, 'history.jsonl'), 'line'), (error: unknown) => {
      assert.ok(error instanceof LucidError);
      assert.equal(error.code, 'SYMLINK_REFUSED');
      return true;
    });
    assert.equal(readFileSync(join(dir, 'elsewhere'), 'utf8'), 'keep\n');
  });

  it('fails with WRITE_FAILED when the directory is missing', async (t) => {
    const file = join(makeScratchDir(t), 'missing', 'history.jsonl');
    await assert.rejects(appendFileDurable(file, 'line'), (error: unknown) => {
      assert.ok(error instanceof LucidError);
      assert.equal(error.code, 'WRITE_FAILED');
      assert.equal(error.message, `could not write ${file}: its directory does not exist`);
      return true;
    });
  });
});

describe('ensurePrivateDir', () => {
  it('creates nested directories with mode 0700', async (t) => {
    const dir = join(makeScratchDir(t), 'project', '.lucid-env', 'backups');
    assert.deepEqual(await ensurePrivateDir(dir), { created: true, tightened: false });
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.deepEqual(await ensurePrivateDir(dir), { created: false, tightened: false });
  });

  it('tightens an existing directory that others can enter', async (t) => {
    const dir = join(makeScratchDir(t), '.lucid-env');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    assert.deepEqual(await ensurePrivateDir(dir), { created: false, tightened: true });
    assert.equal(statSync(dir).mode & 0o777, 0o700);
  });

  it('fails with WRITE_FAILED when a file is in the way', async (t) => {
    const path = join(makeScratchDir(t), '.lucid-env');
    writeFileSync(path, '');
    await assert.rejects(ensurePrivateDir(path), (error: unknown) => {
      assert.ok(error instanceof LucidError);
      assert.equal(error.code, 'WRITE_FAILED');
      assert.equal(error.message, `could not create directory ${path}: not a directory`);
      return true;
    });
  });
});
