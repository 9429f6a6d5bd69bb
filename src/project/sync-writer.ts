/**
 * IO: how `sync` writes several env files all or nothing: the journaled transaction of
 * `rotate --propagate` (src/project/mutation.ts: locks by real path, recovery of interrupted runs,
 * files and history committed as one), plus a backup of every file it changes.
 */
import { unlink } from 'node:fs/promises';
import type { Context } from '../context.js';
import { pruneBackups, writeBackup } from '../history/backup.js';
import type { FileChange, HistoryRecord } from '../history/journal.js';
import type { Mutation } from './mutation.js';
import { beginMutation, commitChanges } from './mutation.js';

export type { FileChange, HistoryRecord };

/** Locks every file (and finishes or drops an interrupted change that involves them). */
export async function beginSyncMutation(paths: readonly string[], ctx: Context): Promise<Mutation> {
  return beginMutation(paths, ctx);
}

/** Backs up every changed file, then writes the files and their history in one transaction. */
export async function commitSyncChanges(files: readonly FileChange[], history: readonly HistoryRecord[], ctx: Context): Promise<void> {
  const backups: string[] = [];
  try {
    for (const file of files) if (file.before !== undefined) backups.push(await writeBackup(file.path, file.before, ctx.now()));
    await commitChanges('sync', files, history, ctx);
  } catch (error) {
    // Nothing changed, so these copies are redundant; kept, they would push real backups out.
    for (const backup of backups) await unlink(backup).catch(() => undefined);
    throw error;
  }
  for (const file of files) await pruneBackups(file.path);
}
