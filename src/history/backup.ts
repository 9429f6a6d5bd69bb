/** IO: backups of an env file under `.lucid-env/backups/` (0700 folder, 0600 files, newest 10 kept). */
import { readdir, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { ensurePrivateDir } from '../fs/private-dir.js';
import { stateDirectory } from './state.js';

/** How many backups of one env file are kept. */
export const BACKUPS_KEPT = 10;

/** The backup folder of an env file. */
export function backupDirectory(envFile: string): string {
  return join(stateDirectory(envFile), 'backups');
}

/** Writes a backup of `content` and prunes the oldest beyond BACKUPS_KEPT; returns its path. */
export async function writeBackup(envFile: string, content: string, now: Date = new Date()): Promise<string> {
  const directory = backupDirectory(envFile);
  await ensurePrivateDir(stateDirectory(envFile));
  await ensurePrivateDir(directory);
  // Sortable timestamps: lexical order is time order, so pruning needs no parsing.
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const prefix = `${basename(envFile)}.`;
  let path = join(directory, `${prefix}${stamp}.bak`);
  for (let attempt = 1; (await readdir(directory)).includes(basename(path)); attempt++) path = join(directory, `${prefix}${stamp}-${attempt}.bak`);
  await writeFileAtomic(path, content, { mode: 0o600 });
  const backups = (await readdir(directory)).filter((name) => name.startsWith(prefix) && name.endsWith('.bak')).sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - BACKUPS_KEPT))) await unlink(join(directory, old)).catch(() => undefined);
  return path;
}
