/** Crash safety of `rotate` (issue 5, SPEC section 9): SIGKILL at random moments, a full disk, a read-only disk, a held lock. */

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import { formatLockPath } from '../../src/fs/lock.js';
import { mountTmpfs, remountReadOnly, unmount } from '../fs/scratch.js';
import { CLI, changedKeys, cli, cliEnv, ENV_REL, generatedCopy, listBackups, readValues, valuesOf } from './support.js';

const ROTATE = ['rotate', '-t', 'foundation', '-e', ENV_REL, 'ENCRYPTION_KEY', '-q'];
const PAGE = 4096;

/** Spawns a rotate and SIGKILLs it after `delayMs` (if still running); resolves to its pid and how it ended. */
function rotateKilledAfter(cwd: string, delayMs: number): Promise<{ pid: number; code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...ROTATE], { cwd, env: cliEnv(), stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ pid: child.pid ?? -1, code, signal });
    });
  });
}

/** Every file under a folder (recursively) with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(dir.length), readFileSync(join(entry.parentPath, entry.name), 'latin1'));
  }
  return files;
}

/** Fills the file system of `dir` with a filler file, then gives `freePages` pages back. */
function fillDisk(dir: string, freePages: number): void {
  const fd = openSync(join(dir, 'filler'), 'w');
  const block = Buffer.alloc(PAGE, 0x78);
  let pages = 0;
  try {
    for (;;) {
      writeSync(fd, block);
      pages++;
    }
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
  }
  ftruncateSync(fd, Math.max(0, pages - freePages) * PAGE);
  closeSync(fd);
}

/**
 * Runs `body` on a generated copy whose env folder is a fresh tmpfs holding the env file and one rotation's state
 * (skipped when not root); unmounts before the copy is removed.
 */
async function onTmpfs(t: TestContext, size: string, body: (copy: { dir: string; env: string; envDir: string }) => Promise<void>): Promise<void> {
  const { dir, env, text } = await generatedCopy(t);
  const envDir = join(env, '..');
  if (!mountTmpfs(t, envDir, `size=${size},mode=0755`)) return;
  try {
    writeFileSync(env, text, { mode: 0o600 });
    await cli(ROTATE, { cwd: dir });
    await body({ dir, env, envDir });
  } finally {
    unmount(envDir);
  }
}

describe('rotate survives SIGKILL at any moment', () => {
  it('40 runs killed at random moments: the file always parses, keeps every key, is never cut; the next run succeeds', async (t) => {
    const { dir, env } = await generatedCopy(t);
    // Rotations first, so ENCRYPTION_KEY_PREVIOUS exists (every later rotation keeps the file's length) and to time a run.
    const durations: number[] = [];
    for (let warm = 0; warm < 3; warm++) {
      const started = Date.now();
      await cli(ROTATE, { cwd: dir });
      durations.push(Date.now() - started);
    }
    const runMs = Math.min(...durations);
    const lockPath = formatLockPath(env);
    const stats = { killed: 0, finished: 0, changedByKilledRun: 0, staleLocks: 0, emptyLocks: 0 };
    for (let round = 0; round < 40; round++) {
      const before = readFileSync(env, 'utf8');
      const beforeValues = valuesOf(before, env);
      // Even rounds: 0-150 ms (start-up, lock); odd rounds: the second half of a run (backup, write, history).
      const delayMs = round % 2 === 0 ? Math.random() * 150 : runMs * (0.5 + 0.6 * Math.random());
      const run = await rotateKilledAfter(dir, delayMs);
      const after = readFileSync(env, 'utf8');
      const afterValues = valuesOf(after, env);
      assert.equal(Buffer.byteLength(after), Buffer.byteLength(before), `round ${round}: the file length changed`);
      assert.deepEqual([...afterValues.keys()], [...beforeValues.keys()], `round ${round}: keys changed`);
      if (after !== before) {
        assert.deepEqual(changedKeys(beforeValues, afterValues), ['ENCRYPTION_KEY', 'ENCRYPTION_KEY_PREVIOUS']);
        assert.equal(afterValues.get('ENCRYPTION_KEY_PREVIOUS'), beforeValues.get('ENCRYPTION_KEY'));
      }
      if (run.signal === 'SIGKILL') {
        stats.killed++;
        if (after !== before) stats.changedByKilledRun++;
        if (existsSync(lockPath)) {
          // Killed after creating the lock: it names the dead run, or is empty when the kill came before it was filled.
          const raw = readFileSync(lockPath, 'utf8');
          if (raw === '') stats.emptyLocks++;
          else assert.equal((JSON.parse(raw) as { pid: number }).pid, run.pid, 'the lock left behind names the killed run');
          stats.staleLocks++;
        }
      } else {
        stats.finished++;
        assert.equal(run.code, 0);
        assert.equal(existsSync(lockPath), false, 'a finished run released its lock');
      }
      // The next run takes a dead run's lock over and rotates.
      const next = readValues(env);
      await cli(ROTATE, { cwd: dir });
      const rotated = readValues(env);
      assert.deepEqual(changedKeys(next, rotated), ['ENCRYPTION_KEY', 'ENCRYPTION_KEY_PREVIOUS']);
      assert.equal(rotated.get('ENCRYPTION_KEY_PREVIOUS'), next.get('ENCRYPTION_KEY'));
      assert.equal(existsSync(lockPath), false);
    }
    const leftovers = readdirSync(join(env, '..')).filter((name) => name.endsWith('.tmp'));
    t.diagnostic(`run ${runMs} ms; ${JSON.stringify(stats)}; temp files left by SIGKILL: ${leftovers.length}`);
    assert.ok(stats.killed >= 20, `only ${stats.killed} of 40 runs were killed`);
  });
});

describe('rotate on a failing disk changes nothing', () => {
  for (const freePages of [0, 1, 2]) {
    it(`full disk with ${freePages} free page(s): exit 2 "disk full", env file, history and old backups byte-identical`, (t) =>
      onTmpfs(t, '128k', async ({ dir, env, envDir }) => {
        fillDisk(envDir, freePages);
        const before = snapshot(envDir);
        const oldBackups = listBackups(env).files;
        const run = await cli(ROTATE, { cwd: dir }, 2);
        assert.match(
          run.stderr,
          /^error \[WRITE_FAILED\] could not (?:write|create lock file) \S+: disk full\n {2}hint: free some disk space and run again\n$/,
        );
        const after = snapshot(envDir);
        for (const [path, bytes] of before) assert.ok(after.get(path) === bytes, `${path} changed`);
        // A new file can only be a backup holding the unchanged env file: no temp file, no lock is left.
        for (const [path, bytes] of after) {
          if (before.has(path)) continue;
          assert.match(path, /^\/\.lucid-env\/backups\/\.env\.foundation\..*\.bak$/);
          assert.equal(bytes, before.get('/.env.foundation'));
        }
        assert.deepEqual(
          listBackups(env).files.filter((name) => oldBackups.includes(name)),
          oldBackups,
        );
      }));
  }

  it('a rotate that fails after its backups prunes no older backup', async (t) => {
    if (process.getuid?.() !== 0) return t.skip('needs root for chattr +i');
    const { dir, env, text } = await generatedCopy(t);
    const backups = listBackups(env).dir;
    mkdirSync(backups, { recursive: true, mode: 0o700 });
    for (let day = 1; day <= 10; day++)
      writeFileSync(join(backups, `.env.foundation.2020-01-${String(day).padStart(2, '0')}T00-00-00-000Z.bak`), `OLD=${day}\n`, { mode: 0o600 });
    const oldBackups = listBackups(env).files;
    const target = join(dir, 'stuck.env');
    writeFileSync(target, `ENCRYPTION_KEY=${readValues(env).get('ENCRYPTION_KEY')}\n`, { mode: 0o600 });
    execFileSync('chattr', ['+i', target]);
    try {
      await cli([...ROTATE, '--propagate', 'stuck.env'], { cwd: dir }, 2);
    } finally {
      execFileSync('chattr', ['-i', target]);
    }
    const after = listBackups(env).files;
    assert.deepEqual(
      after.filter((name) => oldBackups.includes(name)),
      oldBackups,
      'an older backup was pruned by a run that changed nothing',
    );
    for (const name of after.filter((file) => !oldBackups.includes(file))) assert.equal(readFileSync(join(backups, name), 'utf8'), text);
  });

  it('read-only file system: exit 2, file intact', async (t) => {
    await onTmpfs(t, '256k', async ({ dir, envDir }) => {
      const before = snapshot(envDir);
      try {
        remountReadOnly(envDir);
      } catch (error) {
        return t.skip(`mount -o remount,ro failed: ${String(error).split('\n')[0]}`);
      }
      const run = await cli(ROTATE, { cwd: dir }, 2);
      assert.match(run.stderr, /^error \[WRITE_FAILED\] could not \S+ .*: read-only file system\n/);
      assert.deepEqual(snapshot(envDir), before);
    });
  });
});

describe('the lock', () => {
  it('an empty lock file left by a run killed before filling it is taken over (not LOCKED for 30 s)', async (t) => {
    const { dir, env, text } = await generatedCopy(t);
    const lockPath = formatLockPath(env);
    writeFileSync(lockPath, '', { mode: 0o600 });
    await cli(ROTATE, { cwd: dir });
    assert.notEqual(readFileSync(env, 'utf8'), text);
    assert.equal(existsSync(lockPath), false);
  });

  it('a second run while a live process holds the lock waits briefly, then fails with LOCKED; a dead holder is taken over', async (t) => {
    const { dir, env, text } = await generatedCopy(t);
    const holder = spawn('sleep', ['60'], { stdio: 'ignore' });
    const exited = new Promise((done) => holder.on('exit', done));
    t.after(() => holder.kill('SIGKILL'));
    const lockPath = formatLockPath(env);
    writeFileSync(lockPath, `${JSON.stringify({ pid: holder.pid, hostname: hostname(), createdAt: new Date().toISOString(), token: 'held-by-test' })}\n`, {
      mode: 0o600,
    });
    const started = Date.now();
    const run = await cli(ROTATE, { cwd: dir }, 2);
    const elapsed = Date.now() - started;
    assert.equal(
      run.stderr,
      `error [LOCKED] another lucid-env run holds the lock on ${env} (pid ${holder.pid})\n` +
        `  hint: wait for it to finish, or remove ${lockPath} if no run is active\n`,
    );
    assert.ok(elapsed >= 2000 && elapsed < 10_000, `waited ${elapsed} ms`);
    assert.equal(readFileSync(env, 'utf8'), text);
    assert.equal(JSON.parse(readFileSync(lockPath, 'utf8')).token, 'held-by-test', 'the live lock was not touched');
    assert.deepEqual(listBackups(env).files, []);

    holder.kill('SIGKILL');
    await exited;
    await cli(ROTATE, { cwd: dir });
    assert.notEqual(readFileSync(env, 'utf8'), text);
    assert.equal(existsSync(lockPath), false);
  });
});
