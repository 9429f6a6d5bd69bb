/** IO: backups of an env file under `.lucid-env/backups/` (0700 folder, 0600 files, newest 10 kept). */
import { readdir, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { ensurePrivateDir, isPrivateDir } from '../fs/private-dir.js';
import { stateDirectory } from './state.js';

/** How many backups of one env file are kept. */
export const BACKUPS_KEPT = 10;

/** The backup folder of an env file. */
export function backupDirectory(envFile: string): string {
  return join(stateDirectory(envFile), 'backups');
}

/** Writes a backup of `content`; returns its path. Pruning waits until the change succeeded. */
export async function writeBackup(envFile: string, content: string, now: Date): Promise<string> {
  const directory = backupDirectory(envFile);
  await ensurePrivateDir(stateDirectory(envFile));
  await ensurePrivateDir(directory);
  // Sortable timestamps: lexical order is time order, so pruning needs no parsing.
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const prefix = `${basename(envFile)}.`;
  // A counter keeps two backups of the same millisecond apart and still in lexical = time order.
  const existing = new Set(await readdir(directory));
  let attempt = 0;
  const nameOf = (counter: number) => `${prefix}${stamp}-${String(counter).padStart(2, '0')}.bak`;
  while (existing.has(nameOf(attempt))) attempt++;
  const path = join(directory, nameOf(attempt));
  await writeFileAtomic(path, content, { mode: 0o600 });
  return path;
}

/** Removes the oldest backups of an env file beyond BACKUPS_KEPT (after a successful change). */
export async function pruneBackups(envFile: string): Promise<void> {
  const directory = backupDirectory(envFile);
  // Never list (and delete in) a folder reached through a symlink.
  const isReal = await Promise.all([isPrivateDir(stateDirectory(envFile)), isPrivateDir(directory)]).then(
    (checks) => checks.every(Boolean),
    () => false,
  );
  if (!isReal) return;
  const prefix = `${basename(envFile)}.`;
  const backups = (await readdir(directory).catch(() => [] as string[])).filter((name) => name.startsWith(prefix) && name.endsWith('.bak')).sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - BACKUPS_KEPT))) await unlink(join(directory, old)).catch(() => undefined);
}
