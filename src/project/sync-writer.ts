/**
 * IO: how `sync` writes several env files all or nothing. The shape follows the journaled
 * transaction that `rotate --propagate` is moving to (issue 8: beginMutation / commitChanges with
 * FileChange records); until it lands on main, this writes with locks, a backup per file, atomic
 * writes and a rollback of the files already written when one fails. Swapping the two function
 * bodies for the journal is the whole switch.
 */
import { unlink } from 'node:fs/promises';
import type { Context } from '../context.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { Lock } from '../fs/lock.js';
import { acquireLock } from '../fs/lock.js';
import { pruneBackups, writeBackup } from '../history/backup.js';
import { appendHistory } from '../history/state.js';

/** One file's change, as the journal records it. */
export interface FileChange {
  path: string;
  before: string;
  beforeMode: number;
  after: string;
  mode: number;
}

/** One history line, for the env file it belongs to. Never a value: a fingerprint. */
export interface HistoryRecord {
  envFile: string;
  key: string;
  action: string;
  fingerprint: string;
}

/** Locks held while a sync plans and writes. */
export interface SyncMutation {
  release(): Promise<void>;
}

/** Locks every file, in one order for every run (two runs on overlapping files cannot deadlock). */
export async function beginSyncMutation(paths: readonly string[]): Promise<SyncMutation> {
  const locks: Lock[] = [];
  const release = async () => {
    for (const lock of locks.reverse()) await lock.release();
  };
  try {
    for (const path of [...new Set(paths)].sort()) locks.push(await acquireLock(path));
  } catch (error) {
    await release();
    throw error;
  }
  return { release };
}

/** Backs up and writes every changed file; if one write fails, the others get their content back. */
export async function commitSyncChanges(files: readonly FileChange[], history: readonly HistoryRecord[], ctx: Context): Promise<void> {
  const backups: string[] = [];
  const written: FileChange[] = [];
  try {
    for (const file of files) backups.push(await writeBackup(file.path, file.before, ctx.now()));
    for (const file of files) {
      await writeFileAtomic(file.path, file.after, { mode: file.mode });
      written.push(file);
    }
  } catch (error) {
    for (const file of written.reverse()) await writeFileAtomic(file.path, file.before, { mode: file.beforeMode }).catch(() => undefined);
    // Every file is as before, so these copies are redundant; kept, they would push real backups out.
    for (const backup of backups) await unlink(backup).catch(() => undefined);
    throw error;
  }
  for (const file of files) {
    await pruneBackups(file.path);
    await appendHistory(
      file.path,
      history.filter((record) => record.envFile === file.path),
      ctx.now(),
    );
  }
}
