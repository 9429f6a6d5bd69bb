/** Where the journal of an unfinished change to a file lives (see journal.ts); no IO, so `check` can look cheaply. */
import { basename, dirname, join } from 'node:path';

/** The journal beside a file (give it the real path). */
export function journalPath(realPath: string): string {
  return join(dirname(realPath), '.lucid-env', `${basename(realPath)}.journal`);
}
