/**
 * IO: `.lucid-env/exports.json` beside an env file records what `export` wrote from it (where,
 * and a keyed fingerprint of each value, never the value), so `check` can tell when an export no
 * longer matches its env file (`export-drift`).
 */
import { basename, dirname, join, relative, sep } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { ensurePrivateDir } from '../fs/private-dir.js';
import { readTextIfExists } from '../fs/read.js';
import { stateDirectory } from '../history/state.js';

/** One exported value. */
export interface ExportedSecret {
  key: string;
  /** The secret file, relative to the env file's directory (compose-secrets). */
  file?: string;
  /** Keyed fingerprint of the value when it was exported. */
  fingerprint: string;
}

/** One export of an env file. */
export interface ExportRecord {
  /** The env file's name in its directory. */
  source: string;
  to: 'compose-secrets' | 'kubernetes';
  /** The override or manifest, relative to the env file's directory. */
  artifact: string;
  swarm: boolean;
  secrets: ExportedSecret[];
}

const RECORD_FILE = 'exports.json';

/** The exports recorded from this env file ([] when none). */
export async function readExportRecords(envFile: string): Promise<ExportRecord[]> {
  const read = await readTextIfExists(join(stateDirectory(envFile), RECORD_FILE), { what: 'export record', maxBytes: 4 * 1024 * 1024 });
  if (read === undefined) return [];
  try {
    const parsed = JSON.parse(read.text) as { version?: number; exports?: ExportRecord[] };
    return (parsed.exports ?? []).filter((record) => record.source === basename(envFile) && Array.isArray(record.secrets));
  } catch {
    // A record cut by a crash only loses the drift check; the next export writes it anew.
    return [];
  }
}

/** Records an export, replacing an earlier one of the same env file to the same artifact. */
export async function writeExportRecord(envFile: string, record: ExportRecord): Promise<void> {
  const directory = stateDirectory(envFile);
  const path = join(directory, RECORD_FILE);
  const read = await readTextIfExists(path, { what: 'export record', maxBytes: 4 * 1024 * 1024 });
  let exports: ExportRecord[] = [];
  try {
    exports = read === undefined ? [] : ((JSON.parse(read.text) as { exports?: ExportRecord[] }).exports ?? []);
  } catch {
    exports = [];
  }
  const others = exports.filter((item) => !(item.source === record.source && item.to === record.to && item.artifact === record.artifact));
  await ensurePrivateDir(directory);
  await writeFileAtomic(path, `${JSON.stringify({ version: 1, exports: [...others, record] }, null, 2)}\n`, { mode: 0o600 });
}

/** A path relative to the env file's directory, POSIX style. */
export function relativeToEnvFile(envFile: string, path: string): string {
  return relativePosix(dirname(envFile), path);
}

function relativePosix(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}
