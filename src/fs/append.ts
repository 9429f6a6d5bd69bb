/** Durable appends to line-oriented logs such as `.lucid-env/history.jsonl`. */
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { lstat, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LucidError } from '../errors.js';
import { errnoCode, formatErrno } from './errno.js';
import { syncDirectory } from './sync-directory.js';

// O_NONBLOCK: a FIFO put in the log's place fails with ENXIO instead of blocking the run.
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Appends one line (a newline is added if missing) and fsyncs; a crash loses at most this line, never earlier ones. */
export async function appendFileDurable(path: string, line: string, options: { mode?: number } = {}): Promise<void> {
  const bytes = Buffer.from(line.endsWith('\n') ? line : `${line}\n`, 'utf8');
  let handle: FileHandle | undefined;
  try {
    const isNew = !(await exists(path));
    handle = await open(path, APPEND_FLAGS, options.mode ?? 0o600);
    const stats = await handle.stat();
    if (!stats.isFile()) throw new LucidError('WRITE_FAILED', `could not write ${path}: not a regular file`);
    await appendWhole(handle, bytes, stats.size);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (isNew) await syncDirectory(dirname(path));
  } catch (error) {
    await handle?.close().catch(() => undefined);
    throw toAppendFailed(path, error);
  }
}

/** One write call for the whole line; if the disk fills midway, the partial line is cut off again. */
async function appendWhole(handle: FileHandle, bytes: Buffer, sizeBefore: number): Promise<void> {
  let written = 0;
  try {
    while (written < bytes.length) {
      const result = await handle.write(bytes, written, bytes.length - written);
      if (result.bytesWritten === 0) throw new Error('the file system accepted no more bytes');
      written += result.bytesWritten;
    }
  } catch (error) {
    // Only truncate when the file grew by exactly our bytes: another appender's line must never be cut.
    const sizeNow = (await handle.stat().catch(() => undefined))?.size;
    if (written > 0 && sizeNow === sizeBefore + written) await handle.truncate(sizeBefore).catch(() => undefined);
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw error;
  }
}

function toAppendFailed(path: string, error: unknown): LucidError {
  if (error instanceof LucidError) return error;
  // O_NOFOLLOW reports a symlink as ELOOP: a log must not be redirected elsewhere through a planted link.
  if (errnoCode(error) === 'ELOOP') {
    return new LucidError('SYMLINK_REFUSED', `refusing to append to ${path}: it is a symlink`, { cause: error });
  }
  const { reason, hint } = formatErrno(error);
  const why = errnoCode(error) === 'ENOENT' ? 'its directory does not exist' : reason;
  return new LucidError('WRITE_FAILED', `could not write ${path}: ${why}`, { cause: error, hint });
}
