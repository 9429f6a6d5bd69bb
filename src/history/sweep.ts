/**
 * Removes temp files that killed runs left around an env file: they may hold new secrets. Those of
 * the env file beside it, and any in its `.lucid-env` folders (journals, backups and keys are
 * written the same way). A live writer's temp files are never touched (its pid is in the name).
 */
import { dirname, join } from 'node:path';
import { removeAbandonedTempFiles } from '../fs/abandoned-temp-files.js';
import { isPrivateDir } from '../fs/private-dir.js';

/** Sweeps the abandoned temp files of `target` (a real path) and of its state folders. */
export async function sweepAbandonedTempFiles(target: string): Promise<void> {
  await removeAbandonedTempFiles(target);
  const state = join(dirname(target), '.lucid-env');
  for (const folder of [state, join(state, 'backups')]) {
    // A planted symlink is never listed, let alone swept.
    if (await isPrivateDir(folder).catch(() => false)) await removeAbandonedTempFiles(folder, { wholeFolder: true });
  }
}
