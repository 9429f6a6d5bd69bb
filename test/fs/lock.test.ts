import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { LucidError } from '../../src/errors.js';
import { acquireLock, formatLockPath } from '../../src/fs/lock.js';
import { makeScratchDir } from './scratch.js';

function isLocked(message: string, lockPath: string) {
  return (error: unknown) => {
    assert.ok(error instanceof LucidError, `expected a LucidError, got ${String(error)}`);
    assert.equal(error.code, 'LOCKED');
    assert.equal(error.message, message);
    assert.equal(error.hint, `wait for it to finish, or remove ${lockPath} if no run is active`);
    return true;
  };
}

/** The pid of a process that has already exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  assert.equal(child.status, 0);
  return child.pid;
}

function writeForeignLock(lockPath: string, record: object, ageMs = 0): void {
  writeFileSync(lockPath, JSON.stringify(record));
  const then = new Date(Date.now() - ageMs);
  utimesSync(lockPath, then, then);
}

describe('acquireLock', () => {
  it('creates <dir>/.lucid-env/<name>.lock (dir 0700, file 0600) holding pid, hostname and createdAt', async (t) => {
    const target = join(makeScratchDir(t), '.env');
    const lock = await acquireLock(target);
    try {
      assert.equal(lock.path, join(target, '..', '.lucid-env', '.env.lock'));
      assert.equal(lock.path, formatLockPath(target));
      assert.equal(statSync(join(target, '..', '.lucid-env')).mode & 0o777, 0o700);
      assert.equal(statSync(lock.path).mode & 0o777, 0o600);
      const record = JSON.parse(readFileSync(lock.path, 'utf8')) as Record<string, unknown>;
      assert.equal(record['pid'], process.pid);
      assert.equal(record['hostname'], hostname());
      assert.ok(Math.abs(Date.parse(String(record['createdAt'])) - Date.now()) < 10_000);
    } finally {
      await lock.release();
    }
  });

  it('a second acquire waits, then fails with LOCKED naming the file and the pid', async (t) => {
    const target = join(makeScratchDir(t), '.env');
    const lock = await acquireLock(target);
    try {
      const started = Date.now();
      await assert.rejects(acquireLock(target, { waitMs: 300 }), isLocked(`another lucid-env run holds the lock on ${target} (pid ${process.pid})`, lock.path));
      assert.ok(Date.now() - started >= 290, 'it should have waited about waitMs');
    } finally {
      await lock.release();
    }
  });

  it('a waiting acquire succeeds once the holder releases', async (t) => {
    const target = join(makeScratchDir(t), '.env');
    const first = await acquireLock(target);
    setTimeout(() => void first.release(), 150);
    const second = await acquireLock(target, { waitMs: 2000 });
    assert.equal(JSON.parse(readFileSync(second.path, 'utf8')).pid, process.pid);
    await second.release();
  });

  it('release removes the lock; re-acquiring works; releasing twice is harmless', async (t) => {
    const target = join(makeScratchDir(t), '.env');
    const lock = await acquireLock(target);
    await lock.release();
    assert.equal(existsSync(lock.path), false);
    await lock.release();
    const again = await acquireLock(target, { waitMs: 0 });
    assert.ok(existsSync(again.path));
    await again.release();
  });

  it('takes over a lock whose process is dead', async (t) => {
    const target = join(makeScratchDir(t), '.env');
    const lockPath = formatLockPath(target);
    mkdirSync(dirname(lockPath), { mode: 0o700 });
    writeForeignLock(lockPath, { pid: deadPid(), hostname: hostname(), createdAt: new Date().toISOString() });
    const lock = await acquireLock(target, { waitMs: 0 });
    assert.equal(JSON.parse(readFileSync(lockPath, 'utf8')).pid, process.pid);
    await lock.release();
    assert.equal(existsSync(lockPath), false);
  });

  it('respects a fresh lock from another host, and takes it over once older than staleMs', async (t) => {
    const target = join(makeScratchDir(t), '.env');
    const lockPath = formatLockPath(target);
    mkdirSync(dirname(lockPath), { mode: 0o700 });
    const foreign = { pid: 4242, hostname: 'elsewhere.invalid', createdAt: new Date().toISOString() };
    writeForeignLock(lockPath, foreign);
    await assert.rejects(
      acquireLock(target, { waitMs: 100 }),
      isLocked(`another lucid-env run holds the lock on ${target} (pid 4242 on elsewhere.invalid)`, lockPath),
    );
    writeForeignLock(lockPath, foreign, 60_000);
    const lock = await acquireLock(target, { waitMs: 0, staleMs: 30_000 });
    assert.equal(JSON.parse(readFileSync(lockPath, 'utf8')).hostname, hostname());
    await lock.release();
  });

  it('treats an unreadable lock as held until it is stale', async (t) => {
    const target = join(makeScratchDir(t), '.env');
    const lockPath = formatLockPath(target);
    mkdirSync(dirname(lockPath), { mode: 0o700 });
    writeFileSync(lockPath, 'not json');
    await assert.rejects(acquireLock(target, { waitMs: 0 }), isLocked(`another lucid-env run holds the lock on ${target} (pid unknown)`, lockPath));
    utimesSync(lockPath, new Date(0), new Date(0));
    await (await acquireLock(target, { waitMs: 0 })).release();
  });

  it('exactly one of several racing runs takes over a stale lock', async (t) => {
    const target = join(makeScratchDir(t), '.env');
    const lockPath = formatLockPath(target);
    mkdirSync(dirname(lockPath), { mode: 0o700 });
    for (let round = 0; round < 5; round++) {
      writeForeignLock(lockPath, { pid: deadPid(), hostname: hostname(), createdAt: new Date().toISOString() });
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => acquireLock(target, { waitMs: 0 })));
      const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      assert.equal(winners.length, 1, `round ${round}`);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') assert.equal((outcome.reason as LucidError).code, 'LOCKED');
      }
      await (winners[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
      assert.equal(existsSync(`${lockPath}.takeover`), false);
    }
  });

  it('removes a takeover guard abandoned by a crashed run', async (t) => {
    const target = join(makeScratchDir(t), '.env');
    const lockPath = formatLockPath(target);
    mkdirSync(dirname(lockPath), { mode: 0o700 });
    writeForeignLock(lockPath, { pid: deadPid(), hostname: hostname(), createdAt: new Date().toISOString() });
    writeForeignLock(`${lockPath}.takeover`, {}, 60_000);
    const lock = await acquireLock(target, { waitMs: 1000 });
    assert.equal(JSON.parse(readFileSync(lockPath, 'utf8')).pid, process.pid);
    await lock.release();
  });

  it('a live holder refreshes its lock, so it never looks stale', async (t) => {
    const target = join(makeScratchDir(t), '.env');
    const lock = await acquireLock(target, { staleMs: 150 });
    try {
      await sleep(450);
      await assert.rejects(acquireLock(target, { waitMs: 0, staleMs: 150 }), (error: unknown) => {
        assert.equal((error as LucidError).code, 'LOCKED');
        return true;
      });
    } finally {
      await lock.release();
    }
  });

  it('release leaves alone a lock that is no longer ours', async (t) => {
    const target = join(makeScratchDir(t), '.env');
    const lock = await acquireLock(target);
    writeFileSync(lock.path, JSON.stringify({ pid: 1, hostname: 'elsewhere.invalid', createdAt: '', token: 'theirs' }));
    await lock.release();
    assert.ok(existsSync(lock.path));
  });
});
