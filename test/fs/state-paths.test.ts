/**
 * Issue 8, file system: state paths are never followed through symlinks, locks are taken on the
 * real file, a refused command leaves no `.lucid-env/`, and temp files of killed runs are swept by
 * the next write and reported by `check`.
 */
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import { acquireLock } from '../../src/fs/lock.js';
import { runInProcess } from '../helpers/context.js';

function scratch(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-env-state-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const PASSWORD = 'Qz8Wm3Kp6Lx1Rv4T';

describe('state paths are never followed through a symlink', () => {
  const cases: Record<string, (dir: string, elsewhere: string) => void> = {
    '.lucid-env': (dir, elsewhere) => symlinkSync(elsewhere, join(dir, '.lucid-env')),
    '.lucid-env/backups': (dir, elsewhere) => {
      mkdirSync(join(dir, '.lucid-env'), { mode: 0o700 });
      symlinkSync(elsewhere, join(dir, '.lucid-env', 'backups'));
    },
    '.lucid-env/history.jsonl': (dir, elsewhere) => {
      mkdirSync(join(dir, '.lucid-env'), { mode: 0o700 });
      symlinkSync(join(elsewhere, 'history.jsonl'), join(dir, '.lucid-env', 'history.jsonl'));
    },
    '.lucid-env/fingerprint.key': (dir, elsewhere) => {
      mkdirSync(join(dir, '.lucid-env'), { mode: 0o700 });
      writeFileSync(join(elsewhere, 'known.key'), `${'00'.repeat(32)}\n`);
      symlinkSync(join(elsewhere, 'known.key'), join(dir, '.lucid-env', 'fingerprint.key'));
    },
    '.lucid-env/.env.lock': (dir, elsewhere) => {
      mkdirSync(join(dir, '.lucid-env'), { mode: 0o700 });
      symlinkSync(join(elsewhere, 'lock'), join(dir, '.lucid-env', '.env.lock'));
    },
  };
  for (const [linked, plant] of Object.entries(cases)) {
    it(`a symlinked ${linked}: SYMLINK_REFUSED or LOCKED, the env file unchanged, nothing written where it points`, async (t) => {
      const dir = scratch(t);
      const elsewhere = join(dir, 'www');
      mkdirSync(elsewhere, { mode: 0o755 });
      writeFileSync(join(dir, '.env'), `DB_PASSWORD=${PASSWORD}\n`, { mode: 0o600 });
      plant(dir, elsewhere);
      const before = readdirSync(elsewhere);
      const run = await runInProcess(['set', 'DB_PASSWORD', '-e', '.env'], dir, { input: 'Nw5Jc2Hd9Fg7Ya3X' });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /^error \[(SYMLINK_REFUSED|LOCKED)\] /);
      assert.equal(statSync(elsewhere).mode & 0o777, 0o755, 'its mode was not changed');
      assert.deepEqual(readdirSync(elsewhere), before, 'nothing was written into it');
      assert.equal((await import('node:fs')).readFileSync(join(dir, '.env'), 'utf8'), `DB_PASSWORD=${PASSWORD}\n`);
    });
  }
});

describe('locks are taken on the real file', () => {
  it('a run through a symlinked folder and one through the real path exclude each other', async (t) => {
    const dir = scratch(t);
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    const held = await acquireLock(join(dir, 'real', '.env'));
    try {
      await assert.rejects(acquireLock(join(dir, 'link', '.env'), { waitMs: 0 }), (error: unknown) => (error as { code?: string }).code === 'LOCKED');
    } finally {
      await held.release();
    }
  });

  it('so do a symlinked env file (--follow-symlinks) and its target', async (t) => {
    const dir = scratch(t);
    writeFileSync(join(dir, 'real.env'), 'A=1\n');
    symlinkSync(join(dir, 'real.env'), join(dir, 'link.env'));
    const held = await acquireLock(join(dir, 'link.env'));
    try {
      assert.equal(held.target, join(dir, 'real.env'));
      await assert.rejects(acquireLock(join(dir, 'real.env'), { waitMs: 0 }), (error: unknown) => (error as { code?: string }).code === 'LOCKED');
    } finally {
      await held.release();
    }
  });
});

describe('a refused or failed command leaves no .lucid-env behind', () => {
  const refused: Record<string, { args: string[]; input?: string; env?: string }> = {
    'set with an empty stdin': { args: ['set', 'DB_PASSWORD', '-e', '.env'], input: '' },
    'set of a value no form can carry': { args: ['set', 'DB_PASSWORD', '-e', '.env'], input: `it's "quoted" #here` },
    'rotate of a key the template does not generate': { args: ['rotate', '-t', 'foundation', '-e', '.env', 'NOPE'] },
    'rotate --propagate to a file that disagrees': { args: ['rotate', '-t', 'foundation', '-e', '.env', 'JWT_SECRET_KEY', '--propagate', 'sub/*.env'] },
    'generate through a symlinked env file': { args: ['generate', '-t', 'foundation', '-e', 'link.env'] },
  };
  for (const [what, { args, input }] of Object.entries(refused)) {
    it(what, async (t) => {
      const dir = scratch(t);
      writeFileSync(join(dir, '.env'), 'DB_PASSWORD=\nJWT_SECRET_KEY=Kq3Wm8Lp2Vr7Tz4Nb9Jc6Fd1Gs5Ya0Hx\n', { mode: 0o600 });
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'sub', 'other.env'), 'JWT_SECRET_KEY=Zz3Wm8Lp2Vr7Tz4Nb9Jc6Fd1Gs5Ya0Hx\n', { mode: 0o600 });
      symlinkSync(join(dir, '.env'), join(dir, 'link.env'));
      const run = await runInProcess(args, dir, input === undefined ? {} : { input });
      assert.notEqual(run.code, 0, `${args.join(' ')} should not succeed`);
      assert.equal(existsSync(join(dir, '.lucid-env')), false, run.stderr);
      assert.equal(existsSync(join(dir, 'sub', '.lucid-env')), false, run.stderr);
    });
  }
});

describe('temp files of killed runs', () => {
  it("check warns about them (interrupted-write); the next write removes them; a live writer's stays", async (t) => {
    const dir = scratch(t);
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  app:\n    image: x\n    environment:\n      P: ${DB_PASSWORD}\n');
    writeFileSync(join(dir, '.env'), `DB_PASSWORD=${PASSWORD}\n`, { mode: 0o600 });
    const dead = 2 ** 22 + 12345;
    const stale = join(dir, `..env.${dead}-0123456789ab.tmp`);
    const live = join(dir, `..env.${process.pid}-0123456789ab.tmp`);
    writeFileSync(stale, 'DB_PASSWORD=new-secret-of-a-killed-run\n', { mode: 0o600 });
    writeFileSync(live, 'in flight\n', { mode: 0o600 });
    const checked = await runInProcess(['check', '-e', '.env', '--format', 'json'], dir);
    const findings = (JSON.parse(checked.stdout) as { findings: { code: string; file: string; message: string }[] }).findings;
    assert.deepEqual(
      findings.filter((finding) => finding.code === 'interrupted-write').map((finding) => [finding.file, finding.message]),
      [['.env', `..env.${dead}-0123456789ab.tmp was left by a run killed while writing this file; it may hold secrets`]],
    );
    const set = await runInProcess(['set', 'OTHER', '-e', '.env'], dir, { input: 'x' });
    assert.equal(set.code, 0, set.stderr);
    assert.equal(existsSync(stale), false);
    assert.equal(existsSync(live), true);
    assert.ok(lstatSync(join(dir, '.env')).isFile());
  });
});
