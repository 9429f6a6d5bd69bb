/** Crash safety of `rotate` (issue 5, SPEC section 9): SIGKILL at every durable step, a full disk, a read-only disk, a held lock. */

import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import { formatLockPath } from '../../src/fs/lock.js';
import { mountTmpfs, remountReadOnly, unmount } from '../fs/scratch.js';
import { CLI, changedKeys, cli, cliEnv, ENV_REL, generatedCopy, listBackups, readValues, valuesOf } from './support.js';

const ROTATE = ['rotate', '-t', 'foundation', '-e', ENV_REL, 'ENCRYPTION_KEY', '-q'];
const PAGE = 4096;

/** The system calls a rotate is killed at: each makes a step durable or visible (lock, backup, env file, history). */
const STEPS = ['fsync', 'rename', 'unlink'];

/** Whether strace can trace a child here (Linux with ptrace allowed). */
function canTrace(): boolean {
  return spawnSync('strace', ['-f', '-qq', '-o', '/dev/null', 'true'], { stdio: 'ignore' }).status === 0;
}

/** With one libuv worker, every file operation of a run happens on that thread, in program order. */
const ONE_WORKER = { UV_THREADPOOL_SIZE: '1' };

/** A copy of `dir` (removed after the test). */
function cloneOf(t: TestContext, dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'lucid-env-kill-'));
  t.after(() => rmSync(copy, { recursive: true, force: true }));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** Runs one rotate under strace and counts each step's calls on the thread that makes them. */
function countSteps(cwd: string): Map<string, number> {
  const trace = join(cwd, 'rotate.trace');
  const result = spawnSync('strace', ['-f', '-qq', '-o', trace, '-e', `trace=${STEPS.join(',')}`, process.execPath, CLI, ...ROTATE], {
    cwd,
    env: cliEnv(ONE_WORKER),
    stdio: 'ignore',
  });
  assert.equal(result.status, 0, 'the traced rotate failed');
  const perThread = new Map<string, number>();
  for (const line of readFileSync(trace, 'utf8').split('\n')) {
    const match = /^(\d+)\s+(\w+)\(/.exec(line);
    if (match === null) continue;
    const key = `${match[1]} ${match[2]}`;
    perThread.set(key, (perThread.get(key) ?? 0) + 1);
  }
  const steps = new Map<string, number>();
  for (const [key, count] of perThread) {
    const call = key.split(' ')[1] as string;
    steps.set(call, Math.max(steps.get(call) ?? 0, count));
  }
  return steps;
}

/** Runs a rotate that strace SIGKILLs on entering its `nth` `call` (strace counts per thread). */
function rotateKilledAt(cwd: string, call: string, nth: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const args = ['-f', '-qq', '-o', '/dev/null', '-e', `trace=${call}`, '-e', `inject=${call}:signal=KILL:when=${nth}`, process.execPath, CLI, ...ROTATE];
  return new Promise((done, fail) => {
    const child = spawn('strace', args, { cwd, env: cliEnv(ONE_WORKER), stdio: 'ignore' });
    child.on('error', fail);
    child.on('exit', (code, signal) => done({ code, signal }));
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

describe('rotate survives SIGKILL at every step', () => {
  it('killed before each fsync, rename and unlink: the file is old or new, never cut; the next run takes the lock over', async (t) => {
    if (!canTrace()) return t.skip('needs strace (Linux) to stop a run at a chosen system call');
    const { dir } = await generatedCopy(t);
    // A first rotation adds ENCRYPTION_KEY_PREVIOUS, so every later one keeps the file's length.
    await cli(ROTATE, { cwd: dir });
    const steps = countSteps(cloneOf(t, dir));
    assert.ok((steps.get('rename') ?? 0) >= 2 && (steps.get('fsync') ?? 0) >= 5, `unexpected steps ${JSON.stringify([...steps])}`);
    const points = [...steps].flatMap(([call, count]) => Array.from({ length: count }, (_, index) => ({ call, nth: index + 1 })));
    // Every kill point runs on its own copy, all at once: the runs are independent and mostly wait on each other's CPU.
    const rounds = await Promise.all(
      points.map(async (point) => {
        const copy = cloneOf(t, dir);
        const env = join(copy, ENV_REL);
        const before = readFileSync(env, 'utf8');
        const run = await rotateKilledAt(copy, point.call, point.nth);
        return { ...point, copy, env, before, run, after: readFileSync(env, 'utf8') };
      }),
    );
    for (const { call, nth, copy, env, before, run, after } of rounds) {
      const label = `killed at ${call} #${nth}`;
      assert.equal(run.signal, 'SIGKILL', `${label}: the run was not killed (exit ${String(run.code)})`);
      const beforeValues = valuesOf(before, env);
      const afterValues = valuesOf(after, env);
      assert.equal(Buffer.byteLength(after), Buffer.byteLength(before), `${label}: the file length changed`);
      assert.deepEqual([...afterValues.keys()], [...beforeValues.keys()], `${label}: keys changed`);
      if (after !== before) {
        assert.deepEqual(changedKeys(beforeValues, afterValues), ['ENCRYPTION_KEY', 'ENCRYPTION_KEY_PREVIOUS'], label);
        assert.equal(afterValues.get('ENCRYPTION_KEY_PREVIOUS'), beforeValues.get('ENCRYPTION_KEY'), label);
      }
      const lockPath = formatLockPath(env);
      assert.ok(existsSync(lockPath), `${label}: every kill point lies between taking the lock and releasing it`);
      // The next run takes the dead run's lock over and rotates.
      await cli(ROTATE, { cwd: copy });
      const rotated = readValues(env);
      assert.deepEqual(changedKeys(afterValues, rotated), ['ENCRYPTION_KEY', 'ENCRYPTION_KEY_PREVIOUS'], `${label}: the next run`);
      assert.equal(rotated.get('ENCRYPTION_KEY_PREVIOUS'), afterValues.get('ENCRYPTION_KEY'));
      assert.equal(existsSync(lockPath), false, `${label}: the next run released the lock`);
    }
    // Kills before the env file's rename leave it as it was, kills after it leave the new file: both happen.
    assert.ok(rounds.some((round) => round.after === round.before) && rounds.some((round) => round.after !== round.before));
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
    // Older than the grace its creator has to fill it, younger than the 30 s after which any lock is stale.
    const past = new Date(Date.now() - 5000);
    utimesSync(lockPath, past, past);
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
    const waited = Date.now() - started;
    assert.equal(
      run.stderr,
      `error [LOCKED] another lucid-env run holds the lock on ${env} (pid ${holder.pid})\n` +
        `  hint: wait for it to finish, or remove ${lockPath} if no run is active\n`,
    );
    assert.ok(waited >= 2000, `gave up after ${waited} ms, before the 2 s wait`);
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
