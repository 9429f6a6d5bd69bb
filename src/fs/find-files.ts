/** IO: the files under a folder whose names a predicate accepts (compose files, env files, scripts). */
import type { Dirent } from 'node:fs';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders no search enters: dependencies and version control. */
export const ALWAYS_SKIPPED = ['node_modules', '.git'] as const;

/** How far a search goes. */
export interface FindFilesOptions {
  /** Folder names never entered, besides {@link ALWAYS_SKIPPED}. */
  skip?: readonly string[];
  /** Only the folder itself, not its subfolders. */
  shallow?: boolean;
  /** Stop after this many files (a guard against a home directory given by mistake). */
  limit?: number;
}

/**
 * Regular files under `root` (symlinks are not followed) whose name `accept` takes, sorted. A folder that
 * cannot be read is skipped; the root itself throws, so a mistyped folder is not "nothing found".
 */
export function findFiles(root: string, accept: (name: string, directory: string) => boolean, options: FindFilesOptions = {}): string[] {
  const skipped = new Set<string>([...ALWAYS_SKIPPED, ...(options.skip ?? [])]);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const found: string[] = [];
  const pending = [root];
  while (pending.length > 0 && found.length < limit) {
    const directory = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      if (directory === root) throw error;
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (options.shallow !== true && !skipped.has(entry.name)) pending.push(join(directory, entry.name));
      } else if (entry.isFile() && accept(entry.name, directory) && found.length < limit) {
        found.push(join(directory, entry.name));
      }
    }
  }
  return found.sort();
}
