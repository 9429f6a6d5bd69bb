/** IO: what an interrupted lucid-env run left beside env files (temp files, journals), for `check`. */
import { lstatSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findAbandonedTempFiles, findAbandonedTempFilesIn } from '../fs/abandoned-temp-files.js';
import { resolveRealPath } from '../fs/real-path.js';
import { journalPath } from '../history/journal-path.js';
import type { Leftover } from '../rules/rule.js';

/** Temp files of killed writers and journals of unfinished changes, beside each env file. */
export async function findLeftovers(envFiles: readonly string[]): Promise<Leftover[]> {
  const found: Leftover[] = [];
  for (const envFile of envFiles) {
    const real = await resolveRealPath(envFile).catch(() => envFile);
    for (const path of findAbandonedTempFiles(real)) found.push({ envFile, path, kind: 'temp-file' });
    // Journals, backups and keys are written the same way: a killed run can leave their temp files too.
    const state = join(dirname(real), '.lucid-env');
    for (const folder of [state, join(state, 'backups')]) {
      if (isRealDirectory(folder)) for (const path of findAbandonedTempFilesIn(folder)) found.push({ envFile, path, kind: 'temp-file' });
    }
    const journal = journalPath(real);
    try {
      lstatSync(journal);
      found.push({ envFile, path: journal, kind: 'journal' });
    } catch {
      // No journal: nothing was interrupted.
    }
  }
  return found;
}

function isRealDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
