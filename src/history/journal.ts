/**
 * Write-ahead journal: a change to one or several files, all or nothing, even across SIGKILL.
 *
 *   const tx = planTransaction('rotate', files, history, ctx.now());
 *   await commitTransaction(tx);            // every file's lock must be held (src/project/mutation.ts)
 *   await recoverInterrupted(paths, held);  // what every mutating command runs first (beginMutation does)
 *
 * `files` are {path (real path, see resolveRealPath), before (undefined: did not exist), beforeMode,
 * after, mode}; `history` the lines to append to each env file's `.lucid-env/history.jsonl`.
 *
 * commitTransaction writes the whole plan (old and new content of every file, the history lines)
 * to `.lucid-env/<name>.journal` beside every file it changes (0600, fsynced), then writes the
 * files, then appends the history, then removes the journals. A thrown error on the way puts every
 * file back and removes the journals: a reported failure means nothing changed. A run killed on
 * the way leaves the journals; recoverInterrupted, given the files a command is about to touch,
 * finishes that change (when a file already has its new content) or drops it (when none has), and
 * returns what it did so the command can say so. The journals hold secrets, like backups.
 */
import { randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { LucidError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { Lock } from '../fs/lock.js';
import { acquireLock } from '../fs/lock.js';
import { ensurePrivateDir, isPrivateDir } from '../fs/private-dir.js';
import { readTextIfExists } from '../fs/read.js';
import { journalPath } from './journal-path.js';
import type { HistoryChange } from './state.js';
import { appendHistory, readHistory } from './state.js';
import { sweepAbandonedTempFiles } from './sweep.js';

/** One file of a transaction. */
export interface FileChange {
  /** The file's real path. */
  path: string;
  /** Its content before; undefined when it did not exist. */
  before: string | undefined;
  beforeMode: number | undefined;
  after: string;
  mode: number;
}

/** One history line of a transaction; `envFile` is the path the history is kept for. */
export interface HistoryRecord extends HistoryChange {
  envFile: string;
}

/** A planned change, exactly as the journal stores it. */
export interface Transaction {
  version: 1;
  id: string;
  command: string;
  time: string;
  files: FileChange[];
  history: HistoryRecord[];
}

/** What recovery did with one interrupted change. */
export interface Recovery {
  command: string;
  time: string;
  files: string[];
  outcome: 'completed' | 'rolled-back';
}

/** Called after each step of a commit (`journal`, `file 1`…, `history`); tests inject faults here. */
export type StepHook = (step: string) => void | Promise<void>;

/** A transaction of `command` at `now`, with a fresh id (random, not secret: it only names the change). */
export function planTransaction(command: string, files: FileChange[], history: HistoryRecord[], now: Date): Transaction {
  return { version: 1, id: randomBytes(8).toString('hex'), command, time: now.toISOString(), files, history };
}

/** Journal, files, history, then the journals go: all or nothing (see the top of this file). */
export async function commitTransaction(tx: Transaction, options: { onStep?: StepHook } = {}): Promise<void> {
  const step = options.onStep ?? (() => undefined);
  const written: string[] = [];
  try {
    for (const file of tx.files) {
      const path = journalPath(file.path);
      await ensurePrivateDir(dirname(path));
      await writeFileAtomic(path, `${JSON.stringify(tx)}\n`, { mode: 0o600 });
      written.push(path);
    }
  } catch (error) {
    await removeJournals(written);
    throw error;
  }
  try {
    await step('journal');
    for (const [index, file] of tx.files.entries()) {
      await writeFileAtomic(file.path, file.after, { mode: file.mode });
      await step(`file ${index + 1}`);
    }
    await appendTransactionHistory(tx, false);
    await step('history');
  } catch (error) {
    // Put every file back; if even that fails, the journals stay and the next run finishes the job.
    if (
      await rollBack(tx).then(
        () => true,
        () => false,
      )
    )
      await removeJournals(written);
    throw error;
  }
  await removeJournals(written);
}

/** Finishes or drops every interrupted change that involves one of `paths` (real paths); `held` are locked already. */
export async function recoverInterrupted(paths: readonly string[], held: ReadonlySet<string>): Promise<Recovery[]> {
  const recoveries: Recovery[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    const found = await readJournal(journalPath(path));
    if (found === undefined || seen.has(found.id)) continue;
    seen.add(found.id);
    const locks: Lock[] = [];
    try {
      // The run that wrote it held every file's lock until the end: holding them now means it is gone.
      for (const file of found.files) if (!held.has(file.path)) locks.push(await acquireLock(file.path));
      const tx = await readJournal(journalPath(path));
      if (tx?.id === found.id) recoveries.push(await recover(tx, journalPath(path)));
    } finally {
      for (const lock of locks.reverse()) await lock.release();
    }
  }
  return recoveries;
}

async function recover(tx: Transaction, foundAt: string): Promise<Recovery> {
  const states = await Promise.all(tx.files.map(async (file) => ({ file, state: await compareContent(file) })));
  const changed = states.find(({ state }) => state === 'other');
  if (changed !== undefined) {
    throw new LucidError('JOURNAL_CONFLICT', `an interrupted ${tx.command} of ${tx.time} cannot be finished: ${changed.file.path} was changed since`, {
      hint: `compare it with its backups under .lucid-env/backups/, then remove ${foundAt} and the other ${basename(foundAt)} files it names`,
    });
  }
  const summary = { command: tx.command, time: tx.time, files: tx.files.map((file) => file.path) };
  // The killed run may have left temp files (new secrets) beside any of its files or in their state folders.
  for (const file of tx.files) await sweepAbandonedTempFiles(file.path);
  if (states.every(({ state }) => state === 'before')) {
    await removeJournals(tx.files.map((file) => journalPath(file.path)));
    return { ...summary, outcome: 'rolled-back' };
  }
  for (const { file, state } of states) if (state === 'before') await writeFileAtomic(file.path, file.after, { mode: file.mode });
  await appendTransactionHistory(tx, true);
  await removeJournals(tx.files.map((file) => journalPath(file.path)));
  return { ...summary, outcome: 'completed' };
}

/** Whether a file holds its new content, its old one, or something else. */
async function compareContent(file: FileChange): Promise<'after' | 'before' | 'other'> {
  const current = await readTextIfExists(file.path, { what: 'file', noFollow: true });
  const bytes = current === undefined ? undefined : Buffer.from(current.bytes);
  if (bytes?.equals(Buffer.from(file.after, 'utf8')) === true) return 'after';
  if (file.before === undefined ? bytes === undefined : bytes?.equals(Buffer.from(file.before, 'utf8')) === true) return 'before';
  return 'other';
}

async function rollBack(tx: Transaction): Promise<void> {
  for (const file of tx.files) {
    const state = await compareContent(file);
    if (state === 'before') continue;
    if (file.before === undefined) await unlink(file.path);
    else await writeFileAtomic(file.path, file.before, { mode: file.beforeMode ?? file.mode });
  }
}

/**
 * Appends the transaction's history, every line with the transaction's time; when finishing an
 * interrupted one, only the lines not written yet (same time, key and fingerprint).
 */
async function appendTransactionHistory(tx: Transaction, skipWritten: boolean): Promise<void> {
  const envFiles = [...new Set(tx.history.map((record) => record.envFile))];
  const lineOf = (entry: { time: string; key: string; fingerprint: string }) => `${entry.time} ${entry.key} ${entry.fingerprint}`;
  for (const envFile of envFiles) {
    const written = new Set(skipWritten ? (await readHistory(envFile)).map(lineOf) : []);
    const lines = tx.history.filter((record) => record.envFile === envFile && !written.has(lineOf({ ...record, time: tx.time })));
    await appendHistory(
      envFile,
      lines.map(({ key, action, fingerprint }) => ({ key, action, fingerprint })),
      new Date(tx.time),
    );
  }
}

/** Removes journals in the reverse of their writing order: while any copy exists, the first file's does. */
async function removeJournals(paths: readonly string[]): Promise<void> {
  for (const path of [...paths].reverse()) await unlink(path).catch(() => undefined);
}

/** Reads a journal; undefined when there is none. One that cannot be read stops the command. */
async function readJournal(path: string): Promise<Transaction | undefined> {
  if (!(await isPrivateDir(dirname(path)))) return undefined;
  const read = await readTextIfExists(path, { what: 'journal', noFollow: true });
  if (read === undefined) return undefined;
  try {
    const tx = JSON.parse(read.text) as Transaction;
    if (tx.version === 1 && typeof tx.id === 'string' && Array.isArray(tx.files) && Array.isArray(tx.history)) return tx;
  } catch {
    // Reported below: journals are written whole (temp file and rename), so this one was edited.
  }
  throw new LucidError('JOURNAL_CONFLICT', `the journal ${path} of an interrupted change cannot be read`, {
    hint: 'compare the env file with its backups under .lucid-env/backups/, then remove the journal',
  });
}
