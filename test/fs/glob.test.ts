import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { expandGlob } from '../../src/fs/glob.js';
import { makeScratchDir } from './scratch.js';

const FILES = ['deploy/a/.env', 'deploy/b/.env', 'deploy/b/c/.env', 'deploy/a/prod.env', 'deploy/node_modules/x/.env', '.git/.env', 'deploy/.lucid-env/.env'];

function project(t: import('node:test').TestContext): string {
  const root = makeScratchDir(t);
  for (const file of FILES) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), 'A=1\n');
  }
  symlinkSync(join(root, 'deploy/a/.env'), join(root, 'deploy/link.env'));
  return root;
}

describe('expandGlob (rotate --propagate)', () => {
  it('matches *, **, ? and {a,b} relative to cwd, dot files included, sorted absolute paths', (t) => {
    const root = project(t);
    const found = (glob: string) => expandGlob(glob, root).map((path) => path.slice(root.length + 1));
    assert.deepEqual(found('deploy/*/.env'), ['deploy/a/.env', 'deploy/b/.env']);
    assert.deepEqual(found('deploy/**/.env'), ['deploy/a/.env', 'deploy/b/.env', 'deploy/b/c/.env']);
    assert.deepEqual(found('deploy/{a,b}/*.env'), ['deploy/a/.env', 'deploy/a/prod.env', 'deploy/b/.env']);
    assert.deepEqual(found('deploy/?/.env'), ['deploy/a/.env', 'deploy/b/.env']);
    assert.deepEqual(found(`${root}/deploy/b/*/.env`), ['deploy/b/c/.env']);
  });

  it('never searches node_modules, .git or .lucid-env, and skips symlinks', (t) => {
    const root = project(t);
    assert.deepEqual(
      expandGlob('**/*.env', root).map((path) => path.slice(root.length + 1)),
      ['deploy/a/.env', 'deploy/a/prod.env', 'deploy/b/.env', 'deploy/b/c/.env'],
    );
  });

  it('finds nothing for a glob that matches nothing', (t) => {
    assert.deepEqual(expandGlob('nowhere/*.env', project(t)), []);
  });
});
