/**
 * One lucid-env run per file at a time (SPEC section 8): `<dir>/.lucid-env/<basename>.lock`, keyed by
 * the file's real path, so a run through a symlink and one through the real path exclude each other.
 */

import { stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LucidError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { errnoCode, formatErrno } from './errno.js';
import type { LockRecord, LockSnapshot } from './lock-file.js';
import { createExclusive, createLockRecord, formatLockRecord, isLockStale, readLockFile } from './lock-file.js';
import { ensurePrivateDir, removeIfEmpty, symlinkRefused } from './private-dir.js';
import { resolveRealPath } from './real-path.js';

/** Options of {@link acquireLock}. */
export interface AcquireLockOptions {
  /** How long to wait for another run to finish before failing with LOCKED (default 2000 ms). */
  waitMs?: number;
  /** A lock not refreshed for this long is taken over (default 30000 ms); holders refresh it while they run. */
  staleMs?: number;
}

/** A held lock. */
export interface Lock {
  /** The lock file's path. */
  path: string;
  /** The real path of the locked file. */
  target: string;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): Promise<void>;
}

const RETRY_MS = 50;
// The takeover guard is held for a few milliseconds; one this old was left by a crashed run.
const GUARD_STALE_MS = 5000;

/** The lock file path for a target file (give it the real path: see {@link resolveRealPath}). */
export function formatLockPath(targetPath: string): string {
  return join(dirname(targetPath), '.lucid-env', `${basename(targetPath)}.lock`);
}

/** Takes the lock on a file, waiting up to `waitMs` for another run; throws LOCKED if it is still held then. */
export async function acquireLock(targetPath: string, options: AcquireLockOptions = {}): Promise<Lock> {
  const { waitMs = 2000, staleMs = 30000 } = options;
  const target = await resolveRealPath(targetPath);
  const lockPath = formatLockPath(target);
  const record = createLockRecord();
  const deadline = Date.now() + waitMs;
  try {
    const { created } = await ensurePrivateDir(dirname(lockPath));
    const held: HeldLock = { path: lockPath, target, record, staleMs, createdDirectory: created };
    for (;;) {
      if (await createLockFile(held)) return holdLock(held);
      const current = await readLockFile(lockPath);
      if (current !== undefined && isLockStale(current, staleMs)) {
        if (await takeOver(lockPath, current, record)) return holdLock(held);
      }
      if (Date.now() >= deadline) throw lockedError(targetPath, lockPath, current);
      // A lock released between our create and read is retried at once.
      if (current !== undefined) await sleep(RETRY_MS);
    }
  } catch (error) {
    if (error instanceof LucidError) throw error;
    // The lock is opened O_NOFOLLOW: a planted symlink is refused, never written through.
    if (errnoCode(error) === 'ELOOP') throw symlinkRefused(lockPath);
    const { reason, hint } = formatErrno(error);
    throw new LucidError('WRITE_FAILED', `could not create lock file ${lockPath}: ${reason}`, { cause: error, hint });
  }
}

/**
 * Replaces a stale lock by renaming a fresh one over it, then re-reads it to confirm. A guard file makes the
 * check-and-replace exclusive: without it, two runs that both judged the lock stale could both "win".
 */
async function takeOver(lockPath: string, stale: LockSnapshot, record: LockRecord): Promise<boolean> {
  const guardPath = `${lockPath}.takeover`;
  if (!(await createExclusive(guardPath, ''))) {
    await removeAbandonedGuard(guardPath);
    return false;
  }
  try {
    const again = await readLockFile(lockPath);
    // Only replace the very lock judged stale: it may have been released, refreshed or taken over meanwhile.
    if (again === undefined || again.raw !== stale.raw || again.mtimeMs !== stale.mtimeMs) return false;
    await writeFileAtomic(lockPath, formatLockRecord(record), { mode: 0o600 });
    const mine = await readLockFile(lockPath);
    return mine?.record?.token === record.token;
  } finally {
    await unlink(guardPath).catch(() => undefined);
  }
}

async function removeAbandonedGuard(guardPath: string): Promise<void> {
  try {
    if (Date.now() - (await stat(guardPath)).mtimeMs > GUARD_STALE_MS) await unlink(guardPath);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
  }
}

/** Creates the lock file; a state folder removed meanwhile by another run's cleanup is created again. */
async function createLockFile(held: HeldLock): Promise<boolean> {
  try {
    return await createExclusive(held.path, formatLockRecord(held.record));
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
    if ((await ensurePrivateDir(dirname(held.path))).created) held.createdDirectory = true;
    return createExclusive(held.path, formatLockRecord(held.record));
  }
}

interface HeldLock {
  path: string;
  target: string;
  record: LockRecord;
  staleMs: number;
  /** This run created the state folder for the lock: it is removed again if nothing else was written there. */
  createdDirectory: boolean;
}

function holdLock(held: HeldLock): Lock {
  const { path: lockPath, record, staleMs } = held;
  // Refreshing the mtime keeps a long but live run from being judged stale by others.
  const heartbeat = setInterval(
    () => {
      const now = new Date();
      utimes(lockPath, now, now).catch(() => undefined);
    },
    Math.max(RETRY_MS, Math.floor(staleMs / 3)),
  );
  heartbeat.unref();
  let isReleased = false;
  return {
    path: lockPath,
    target: held.target,
    async release() {
      if (isReleased) return;
      isReleased = true;
      clearInterval(heartbeat);
      try {
        const current = await readLockFile(lockPath);
        if (current?.record?.token === record.token) await unlink(lockPath);
        if (held.createdDirectory) await removeIfEmpty(dirname(lockPath));
      } catch {
        // Release runs in `finally` blocks: failing here would hide the run's real outcome, and a lock left
        // behind by a finished process is stale and taken over by the next run anyway.
      }
    },
  };
}

function lockedError(targetPath: string, lockPath: string, current: LockSnapshot | undefined): LucidError {
  const holder = current?.record;
  const who = holder === undefined ? 'pid unknown' : holder.hostname === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.hostname}`;
  return new LucidError('LOCKED', `another lucid-env run holds the lock on ${targetPath} (${who})`, {
    hint: `wait for it to finish, or remove ${lockPath} if no run is active`,
  });
}
