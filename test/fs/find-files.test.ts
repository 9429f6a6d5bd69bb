import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { findFiles } from '../../src/fs/find-files.js';

describe('findFiles', () => {
  it('finds accepted names in every folder but the skipped ones, sorted, without following symlinks', (t) => {
    const root = mkdtempSync(join(tmpdir(), 'lucid-env-find-'));
    t.after(() => rmSync(root, { recursive: true, force: true }));
    for (const path of ['a/.env', 'a/b/.env.prod', 'node_modules/x/.env', '.git/.env', 'venv/.env', 'a/notes.txt', '.env']) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), '');
    }
    symlinkSync(join(root, 'a'), join(root, 'link'));
    const accept = (name: string) => name.startsWith('.env');
    const shown = (files: string[]) => files.map((file) => relative(root, file));
    assert.deepEqual(shown(findFiles(root, accept, { skip: ['venv'] })), ['.env', 'a/.env', 'a/b/.env.prod']);
    assert.deepEqual(shown(findFiles(root, accept)), ['.env', 'a/.env', 'a/b/.env.prod', 'venv/.env']);
    assert.deepEqual(shown(findFiles(root, accept, { shallow: true })), ['.env']);
    assert.equal(findFiles(root, accept, { skip: ['venv'], limit: 2 }).length, 2);
    assert.throws(() => findFiles(join(root, 'missing'), accept), { code: 'ENOENT' });
  });
});
