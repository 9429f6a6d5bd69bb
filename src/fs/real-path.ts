/** The one name of a file, whatever path reached it: locks and journals are keyed by it. */
import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { errnoCode } from './errno.js';

/**
 * The file's real path (every symlink resolved, the file's own included); for a file not created
 * yet, its directory's real path and its name. Two runs, one through a symlink and one through
 * the real path, then take the same lock.
 */
export async function resolveRealPath(path: string): Promise<string> {
  // Sync calls: node:fs/promises costs `check` a measurable share of its cold start.
  try {
    return realpathSync(path);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
  }
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
    return resolve(path);
  }
}
