import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { LucidError } from '../../src/errors.js';
import { readText, readTextIfExists } from '../../src/fs/read.js';
import { isLucid, makeScratchDir } from './scratch.js';

describe('readText', () => {
  it('reads UTF-8 text with its bytes, mode and flags', async (t) => {
    const file = join(makeScratchDir(t), '.env');
    writeFileSync(file, 'GREETING=héllo ✓\n', { mode: 0o640 });
    chmodSync(file, 0o640);
    const result = await readText(file);
    assert.equal(result.text, 'GREETING=héllo ✓\n');
    assert.deepEqual(Buffer.from(result.bytes), Buffer.from('GREETING=héllo ✓\n', 'utf8'));
    assert.equal(result.isBinary, false);
    assert.equal(result.isValidUtf8, true);
    assert.equal(result.hasBom, false);
    assert.equal(result.mode, 0o640);
    assert.equal(result.isSymlink, false);
  });

  it('keeps a byte order mark in the text so a write-back is byte-identical', async (t) => {
    const file = join(makeScratchDir(t), '.env');
    writeFileSync(file, Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0x3d, 0x31]));
    const result = await readText(file);
    assert.equal(result.hasBom, true);
    assert.equal(result.text, '\uFEFFA=1');
    assert.deepEqual(Buffer.from(result.text, 'utf8'), Buffer.from(result.bytes));
  });

  it('reports binary content (a NUL byte) instead of throwing', async (t) => {
    const file = join(makeScratchDir(t), 'image.env');
    writeFileSync(file, Buffer.from([0x41, 0x3d, 0x00, 0x01, 0x02]));
    const result = await readText(file);
    assert.equal(result.isBinary, true);
    assert.equal(result.isValidUtf8, true);
  });

  it('reports invalid UTF-8 instead of throwing, decoding it with replacement characters', async (t) => {
    const file = join(makeScratchDir(t), 'latin1.env');
    writeFileSync(file, Buffer.from([0x41, 0x3d, 0xe9, 0x74, 0xe9, 0x0a]));
    const result = await readText(file);
    assert.equal(result.isValidUtf8, false);
    assert.equal(result.isBinary, false);
    assert.equal(result.text, 'A=\uFFFDt\uFFFD\n');
  });

  it('refuses a missing file with FILE_UNREADABLE naming the path and what it is', async (t) => {
    const file = join(makeScratchDir(t), 'x.yml');
    await assert.rejects(readText(file, { what: 'compose file' }), isLucid('FILE_UNREADABLE', `cannot read compose file ${file}: no such file`));
  });

  it('refuses a directory', async (t) => {
    const dir = makeScratchDir(t);
    await assert.rejects(readText(dir), isLucid('FILE_UNREADABLE', `cannot read file ${dir}: is a directory`));
  });

  it('refuses a FIFO without hanging', async (t) => {
    const fifo = join(makeScratchDir(t), 'pipe');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(readText(fifo), isLucid('FILE_UNREADABLE', `cannot read file ${fifo}: not a regular file`));
  });

  it('refuses a file larger than maxBytes with FILE_TOO_LARGE, and accepts exactly maxBytes', async (t) => {
    const dir = makeScratchDir(t);
    writeFileSync(join(dir, 'big'), 'SECRET=abcd');
    writeFileSync(join(dir, 'fits'), 'SECRET=abc');
    await assert.rejects(readText(join(dir, 'big'), { maxBytes: 10, what: 'env file' }), (error: unknown) => {
      isLucid('FILE_TOO_LARGE', `cannot read env file ${join(dir, 'big')}: larger than 10 bytes`)(error);
      assert.doesNotMatch(String((error as LucidError).hint), /abcd/);
      return true;
    });
    assert.equal((await readText(join(dir, 'fits'), { maxBytes: 10 })).text, 'SECRET=abc');
  });

  it('uses the 64 MiB default in its message', async (t) => {
    const file = join(makeScratchDir(t), 'huge');
    execFileSync('truncate', ['-s', `${64 * 1024 * 1024 + 1}`, file]);
    await assert.rejects(readText(file), isLucid('FILE_TOO_LARGE', `cannot read file ${file}: larger than 64 MiB`));
  });

  it('reads through a symlink and says so; a broken symlink is unreadable', async (t) => {
    const dir = makeScratchDir(t);
    writeFileSync(join(dir, 'real.env'), 'A=1\n');
    symlinkSync('real.env', join(dir, '.env'));
    symlinkSync('nowhere.env', join(dir, 'broken.env'));
    const result = await readText(join(dir, '.env'));
    assert.equal(result.text, 'A=1\n');
    assert.equal(result.isSymlink, true);
    const broken = join(dir, 'broken.env');
    await assert.rejects(readText(broken), isLucid('FILE_UNREADABLE', `cannot read file ${broken}: broken symlink`));
  });
});

describe('readTextIfExists', () => {
  it('gives undefined for a missing file or a missing parent', async (t) => {
    const dir = makeScratchDir(t);
    assert.equal(await readTextIfExists(join(dir, '.env')), undefined);
    assert.equal(await readTextIfExists(join(dir, 'no', '.env')), undefined);
  });

  it('reads an existing file and still refuses a directory', async (t) => {
    const dir = makeScratchDir(t);
    writeFileSync(join(dir, '.env'), 'A=1\n');
    mkdirSync(join(dir, 'sub'));
    assert.equal((await readTextIfExists(join(dir, '.env')))?.text, 'A=1\n');
    await assert.rejects(readTextIfExists(join(dir, 'sub')), isLucid('FILE_UNREADABLE'));
  });
});
