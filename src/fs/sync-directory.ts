/** fsync of a directory, so a rename or a newly created entry in it survives a power cut. */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** Flushes a directory's entries to disk; best effort, never throws. */
export async function syncDirectory(path: string): Promise<void> {
  try {
    const handle = await open(path, constants.O_RDONLY | constants.O_DIRECTORY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Called after the rename has already replaced the file: failing now would report a write as failed that
    // in fact happened. Some file systems (and platforms) also refuse fsync on a directory altogether.
  }
}
