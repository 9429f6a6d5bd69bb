/** Atomic, durable replacement of a file (SPEC section 9): temp file beside it, fsync, rename, fsync the directory. */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { lstat, open, readlink, rename, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { LucidError } from '../errors.js';
import { formatTempPath, removeAbandonedTempFiles } from './abandoned-temp-files.js';
import { errnoCode, formatErrno } from './errno.js';
import { syncDirectory } from './sync-directory.js';
import { trackTempFile, untrackTempFile } from './temp-files.js';

/** Options of {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /** Final permission bits; default: the existing file's mode, or 0o600 for a new file. */
  mode?: number;
  /** Write to the file a symlink points to instead of refusing (`--follow-symlinks`). */
  followSymlinks?: boolean;
}

/** What {@link writeFileAtomic} did. */
export interface WriteResult {
  /** Permission bits of the written file. */
  mode: number;
  /** The file did not exist before. */
  created: boolean;
}

const TEMP_FLAGS = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW;
const MAX_SYMLINK_HOPS = 40;

/** Replaces a file all at once: on any failure the original is untouched and no temp file remains. */
export async function writeFileAtomic(path: string, content: string | Uint8Array, options: WriteFileAtomicOptions = {}): Promise<WriteResult> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let tempPath: string | undefined;
  try {
    const target = await resolveTarget(path, options.followSymlinks ?? false);
    const mode = options.mode ?? (target.existing ? target.existing.mode & 0o7777 : 0o600);
    const temp = await createTempFile(target.path);
    tempPath = temp.path;
    await fillAndClose(temp.handle, bytes, mode, target.existing);
    await rename(tempPath, target.path);
    untrackTempFile(tempPath);
    tempPath = undefined;
    await syncDirectory(dirname(target.path));
    return { mode, created: target.existing === undefined };
  } catch (error) {
    if (tempPath !== undefined) {
      await unlink(tempPath).catch(() => undefined);
      untrackTempFile(tempPath);
    }
    throw toWriteFailed(path, error);
  }
}

/** Follows symlinks only when allowed; returns the path to replace and its current stats, if it exists. */
async function resolveTarget(path: string, followSymlinks: boolean): Promise<{ path: string; existing?: Stats }> {
  let current = path;
  for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop++) {
    let stats: Stats;
    try {
      stats = await lstat(current);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return { path: current };
      throw error;
    }
    if (stats.isFile()) return { path: current, existing: stats };
    if (!stats.isSymbolicLink()) {
      const reason = stats.isDirectory() ? 'is a directory' : 'not a regular file';
      throw new LucidError('WRITE_FAILED', `could not write ${path}: ${reason}`);
    }
    if (!followSymlinks) {
      throw new LucidError('SYMLINK_REFUSED', `refusing to write ${path}: it is a symlink`, {
        hint: 'pass --follow-symlinks to write to the file it points to',
      });
    }
    // Resolve one hop at a time rather than realpath(), so a link to a file not yet created still works.
    current = resolve(dirname(current), await readlink(current));
  }
  throw new LucidError('WRITE_FAILED', `could not write ${path}: too many levels of symlinks`);
}

/** Creates `.<basename>.<pid>-<random>.tmp` beside the target, exclusively and without following links. */
async function createTempFile(targetPath: string): Promise<{ path: string; handle: FileHandle }> {
  await removeAbandonedTempFiles(targetPath);
  for (let attempt = 0; ; attempt++) {
    const path = formatTempPath(targetPath, process.pid, randomBytes(6).toString('hex'));
    // Tracked before open() so a signal arriving during open still removes the file.
    trackTempFile(path);
    try {
      return { path, handle: await open(path, TEMP_FLAGS, 0o600) };
    } catch (error) {
      untrackTempFile(path);
      if (errnoCode(error) !== 'EEXIST' || attempt >= 4) throw error;
    }
  }
}

async function fillAndClose(handle: FileHandle, bytes: Uint8Array, mode: number, existing?: Stats): Promise<void> {
  try {
    await writeAll(handle, bytes);
    if (existing) await keepOwner(handle, existing);
    // Set last: chown may clear mode bits, and until now the temp file was 0600 whatever the final mode.
    await handle.chmod(mode);
    await handle.sync();
    // A short file that looks complete is the failure mode this module exists to prevent (write-file-atomic's bug).
    if ((await handle.stat()).size !== bytes.length) throw new Error('size on disk differs from what was written');
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  await handle.close();
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, offset);
    if (bytesWritten === 0) throw new Error('the file system accepted no more bytes');
    offset += bytesWritten;
  }
}

/** When root edits someone else's file, the new inode keeps the old owner so their services can still read it. */
async function keepOwner(handle: FileHandle, existing: Stats): Promise<void> {
  if (existing.uid === process.geteuid?.() && existing.gid === process.getegid?.()) return;
  try {
    await handle.chown(existing.uid, existing.gid);
  } catch (error) {
    // A non-root user cannot give files away; the file then belongs to them, as with any editor.
    if (errnoCode(error) !== 'EPERM') throw error;
  }
}

function toWriteFailed(path: string, error: unknown): LucidError {
  if (error instanceof LucidError) return error;
  const code = errnoCode(error);
  const { reason, hint } = formatErrno(error);
  const why = code === 'ENOENT' ? 'its directory does not exist' : reason;
  const fix = code === 'EACCES' || code === 'EPERM' ? `check that you can write to ${dirname(path)}` : hint;
  return new LucidError('WRITE_FAILED', `could not write ${path}: ${why}`, { cause: error, hint: fix });
}
