/**
 * Private directories (mode 0700) for backups, history, journals and locks under `.lucid-env/`.
 * A state directory is never followed through a symlink: a committed `.lucid-env -> /var/www/html`
 * would otherwise receive plaintext backups, and have its mode changed.
 */
import type { Stats } from 'node:fs';
import { chmod, lstat, mkdir, rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LucidError } from '../errors.js';
import { errnoCode, formatErrno } from './errno.js';

/** What {@link ensurePrivateDir} did, so the caller can mention it. */
export interface PrivateDirResult {
  created: boolean;
  /** It existed with group or other permissions, which were removed. */
  tightened: boolean;
}

/** The error for a state path that is a symlink. */
export function symlinkRefused(path: string): LucidError {
  return new LucidError('SYMLINK_REFUSED', `refusing to use ${path}: it is a symlink, and lucid-env never follows state paths through links`, {
    hint: 'remove the link; lucid-env creates the folder itself (mode 0700)',
  });
}

/** lstat that says "missing" instead of throwing ENOENT. */
async function lstatIfExists(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Checks a state directory without creating it: `false` when it does not exist; throws when it
 * is a symlink or not a directory (reads of state go through this, so a planted link is never read).
 */
export async function isPrivateDir(path: string): Promise<boolean> {
  const stats = await lstatIfExists(path);
  if (stats === undefined) return false;
  if (stats.isSymbolicLink()) throw symlinkRefused(path);
  if (!stats.isDirectory()) throw new LucidError('WRITE_FAILED', `could not use ${path}: not a directory`);
  return true;
}

/** Creates a directory (and missing parents) with mode 0700, or tightens an existing one; refuses a symlink. */
export async function ensurePrivateDir(path: string): Promise<PrivateDirResult> {
  try {
    let stats = await lstatIfExists(path);
    let created = false;
    if (stats === undefined) {
      if ((await lstatIfExists(dirname(path))) === undefined) await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      // Not recursive: mkdir fails on anything already there, a symlink included, instead of following it.
      created = await mkdir(path, { mode: 0o700 }).then(
        () => true,
        (error: unknown) => {
          if (errnoCode(error) !== 'EEXIST') throw error;
          return false;
        },
      );
      stats = await lstat(path);
    }
    if (stats.isSymbolicLink()) throw symlinkRefused(path);
    if (!stats.isDirectory()) throw new LucidError('WRITE_FAILED', `could not create directory ${path}: not a directory`);
    // Backups hold secret values: a directory others can list or enter is tightened (SPEC section 8).
    if ((stats.mode & 0o077) === 0) return { created, tightened: false };
    // Someone else's shared directory cannot be tightened by us; the files in it are 0600 on their own.
    const tightened = await chmod(path, 0o700).then(
      () => true,
      () => false,
    );
    return { created, tightened };
  } catch (error) {
    if (error instanceof LucidError) throw error;
    const code = errnoCode(error);
    const { reason, hint } = formatErrno(error);
    const why = code === 'EEXIST' ? 'not a directory' : code === 'ENOENT' ? 'a parent is missing' : reason;
    throw new LucidError('WRITE_FAILED', `could not create directory ${path}: ${why}`, { cause: error, hint });
  }
}

/** Removes a directory this run created if nothing was left in it, so a refused command leaves no trace. */
export async function removeIfEmpty(path: string): Promise<void> {
  await rmdir(path).catch(() => undefined);
}
