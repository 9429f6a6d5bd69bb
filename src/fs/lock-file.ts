/** The lock file itself: who holds it (pid, host, token), creating it exclusively, reading it, judging staleness. */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { errnoCode } from './errno.js';

/** The JSON a lock file holds; `token` tells two runs with the same pid (other hosts, reused pids) apart. */
export interface LockRecord {
  pid: number;
  hostname: string;
  createdAt: string;
  token: string;
}

/** A lock file as found on disk; `record` is missing when the content is not (yet) valid JSON. */
export interface LockSnapshot {
  raw: string;
  record?: LockRecord;
  mtimeMs: number;
}

const EXCLUSIVE_FLAGS = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW;

/** A fresh record for this process. */
export function createLockRecord(): LockRecord {
  return {
    pid: process.pid,
    hostname: hostname(),
    createdAt: new Date().toISOString(),
    token: randomBytes(12).toString('hex'),
  };
}

/** Serializes a record as the lock file's content. */
export function formatLockRecord(record: LockRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** Creates the file only if absent (O_EXCL); false when it already exists. */
export async function createExclusive(path: string, content: string): Promise<boolean> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, EXCLUSIVE_FLAGS, 0o600);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
    await handle.close();
    return true;
  } catch (error) {
    // A half-written lock would block other runs until it went stale: remove it and report the failure.
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
}

/** Reads a lock file; `undefined` when there is none. */
export async function readLockFile(path: string): Promise<LockSnapshot | undefined> {
  try {
    // O_NOFOLLOW: a lock is never read through a planted symlink.
    const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const [raw, stats] = await Promise.all([handle.readFile('utf8'), handle.stat()]);
      return { raw, record: parseLockRecord(raw), mtimeMs: stats.mtimeMs };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

// Its creator fills a new lock file right after creating it; one still empty after this long was left by a run killed in between.
const EMPTY_LOCK_GRACE_MS = 1000;

/** A lock is stale when its process is gone from this host, it was left empty by a killed run, or nobody refreshed it for `staleMs`. */
export function isLockStale(lock: LockSnapshot, staleMs: number, now = Date.now()): boolean {
  const { record } = lock;
  if (record !== undefined && record.hostname === hostname() && !isProcessAlive(record.pid)) return true;
  if (lock.raw === '' && now - lock.mtimeMs > EMPTY_LOCK_GRACE_MS) return true;
  return now - lock.mtimeMs > staleMs;
}

function isProcessAlive(pid: number): boolean {
  // kill(0 or negative) signals whole process groups: such a pid can only come from a corrupt file.
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user, so it is alive.
    return errnoCode(error) === 'EPERM';
  }
}

function parseLockRecord(raw: string): LockRecord | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, hostname: host, createdAt, token } = value as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof host !== 'string') return undefined;
    return { pid, hostname: host, createdAt: String(createdAt ?? ''), token: String(token ?? '') };
  } catch {
    return undefined;
  }
}
