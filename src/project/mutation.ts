/**
 * What every mutating command does before anything else, and how it writes. beginMutation locks
 * the files (by real path), finishes or drops an interrupted change that involves them (and says
 * so), and removes temp files killed runs left beside them. commitChanges then writes the files
 * and their history as one journaled transaction (src/history/journal.ts).
 */
import type { Context } from '../context.js';
import type { Lock } from '../fs/lock.js';
import { acquireLock } from '../fs/lock.js';
import { resolveRealPath } from '../fs/real-path.js';
import type { FileChange, HistoryRecord, Recovery, StepHook } from '../history/journal.js';
import { commitTransaction, planTransaction, recoverInterrupted } from '../history/journal.js';
import { sweepAbandonedTempFiles } from '../history/sweep.js';
import { displayPath } from '../paths.js';

/** The locks of a running mutation. */
export interface Mutation {
  /** The real path of a locked file, by the path the command uses. */
  realPathOf(path: string): string;
  /** What was found interrupted and finished or dropped. */
  recoveries: Recovery[];
  release(): Promise<void>;
}

/** Locks `paths`, recovers interrupted changes that involve them, sweeps their stale temp files. */
export async function beginMutation(paths: readonly string[], ctx: Context): Promise<Mutation> {
  const realPaths = new Map<string, string>();
  for (const path of paths) realPaths.set(path, await resolveRealPath(path));
  // One order for every run, so two runs on overlapping files cannot each hold what the other waits for.
  const targets = [...new Set(realPaths.values())].sort();
  const locks: Lock[] = [];
  const release = async () => {
    for (const lock of locks.reverse()) await lock.release();
  };
  try {
    for (const target of targets) locks.push(await acquireLock(target));
    const recoveries = await recoverInterrupted(targets, new Set(targets));
    for (const recovery of recoveries) if (ctx.quiet !== true) ctx.stderr.write(formatRecovery(recovery, ctx.cwd));
    for (const target of targets) await sweepAbandonedTempFiles(target);
    return { realPathOf: (path) => realPaths.get(path) ?? path, recoveries, release };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Runs `run` between beginMutation and its release (for commands that write one file on their own). */
export async function withMutation<T>(paths: readonly string[], ctx: Context, run: () => Promise<T>): Promise<T> {
  const mutation = await beginMutation(paths, ctx);
  try {
    return await run();
  } finally {
    await mutation.release();
  }
}

function formatRecovery(recovery: Recovery, cwd: string): string {
  const files = recovery.files.map((file) => displayPath(file, cwd)).join(', ');
  return recovery.outcome === 'completed'
    ? `notice: finished an interrupted ${recovery.command} of ${recovery.time} (${files}): every file now has its new content\n`
    : `notice: dropped an interrupted ${recovery.command} of ${recovery.time} (${files}): it had changed nothing yet\n`;
}

/** Writes the changed files and their history all or nothing; `onStep` is for fault-injection tests. */
export async function commitChanges(
  command: string,
  files: readonly (FileChange | undefined)[],
  history: readonly HistoryRecord[],
  ctx: Context,
  options: { onStep?: StepHook } = {},
): Promise<void> {
  const changed = files.filter((file): file is FileChange => file !== undefined);
  if (changed.length === 0 && history.length === 0) return;
  await commitTransaction(planTransaction(command, changed, [...history], ctx.now()), options);
}
