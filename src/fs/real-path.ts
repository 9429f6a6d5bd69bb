/** The one name of a file, whatever path reached it: locks and journals are keyed by it. */
import { realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { errnoCode } from './errno.js';

/**
 * The file's real path (every symlink resolved, the file's own included); for a file not created
 * yet, its directory's real path and its name. Two runs, one through a symlink and one through
 * the real path, then take the same lock.
 */
export async function resolveRealPath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
  }
  try {
    return join(await realpath(dirname(path)), basename(path));
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
    return resolve(path);
  }
}
