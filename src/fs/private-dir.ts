/** Private directories (mode 0700) for backups, history and locks under `.lucid-env/`. */
import { chmod, mkdir, stat } from 'node:fs/promises';
import { LucidError } from '../errors.js';
import { errnoCode, formatErrno } from './errno.js';

/** What {@link ensurePrivateDir} did, so the caller can mention it. */
export interface PrivateDirResult {
  created: boolean;
  /** It existed with group or other permissions, which were removed. */
  tightened: boolean;
}

/** Creates a directory (and its parents) with mode 0700, or tightens an existing one to 0700. */
export async function ensurePrivateDir(path: string): Promise<PrivateDirResult> {
  try {
    const created = (await mkdir(path, { recursive: true, mode: 0o700 })) !== undefined;
    const stats = await stat(path);
    if (!stats.isDirectory()) throw new LucidError('WRITE_FAILED', `could not create ${path}: not a directory`);
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
    const message = `could not create directory ${path}: ${why}`;
    throw new LucidError('WRITE_FAILED', message, { cause: error, hint });
  }
}
