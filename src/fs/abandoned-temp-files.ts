/**
 * Temp files of atomic writes, named `.<name>.<pid>-<12 hex>.tmp` beside their target, and the ones
 * left by writers that were killed (SIGKILL cannot be caught): they may hold new secrets. Sync
 * calls and no node:crypto, so `check` can look for them without slowing its cold start.
 */
import { readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { errnoCode } from './errno.js';

const TEMP_NAME = /^\.(.+)\.(\d+)-[0-9a-f]{12}\.tmp$/;

/** The temp file name of a write to `targetPath` by process `pid`; `suffix` is 12 random hex digits. */
export function formatTempPath(targetPath: string, pid: number, suffix: string): string {
  return join(dirname(targetPath), `.${basename(targetPath)}.${pid}-${suffix}.tmp`);
}

/** Temp files of `targetPath` whose writer is gone; a live concurrent writer's are never listed. */
export function findAbandonedTempFiles(targetPath: string): string[] {
  return listAbandoned(dirname(targetPath), basename(targetPath));
}

/** Temp files in `directory` (a `.lucid-env` folder: journals, backups, keys) whose writer is gone, whatever they replace. */
export function findAbandonedTempFilesIn(directory: string): string[] {
  return listAbandoned(directory, undefined);
}

function listAbandoned(directory: string, targetName: string | undefined): string[] {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    return [];
  }
  return entries
    .filter((name) => {
      const match = TEMP_NAME.exec(name);
      return match !== null && (targetName === undefined || match[1] === targetName) && !isAlive(Number(match[2]));
    })
    .map((name) => join(directory, name));
}

/** Removes what {@link findAbandonedTempFiles} lists (or, given a folder, every abandoned temp file in it); returns how many. */
export async function removeAbandonedTempFiles(targetPath: string, options: { wholeFolder?: boolean } = {}): Promise<number> {
  let removed = 0;
  for (const path of options.wholeFolder === true ? findAbandonedTempFilesIn(targetPath) : findAbandonedTempFiles(targetPath)) {
    try {
      unlinkSync(path);
      removed++;
    } catch {
      // Removed meanwhile by another run's sweep.
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}
