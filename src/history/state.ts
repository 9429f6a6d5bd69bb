/**
 * IO: the `.lucid-env/` folder beside an env file (mode 0700): the fingerprint key, the history
 * and backups. The key makes fingerprints keyed hashes, so the history never holds a guessable
 * digest of a secret.
 */
import { basename, dirname, join } from 'node:path';
import { appendFileDurable } from '../fs/append.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { ensurePrivateDir, isPrivateDir } from '../fs/private-dir.js';
import { readTextIfExists } from '../fs/read.js';
import { fingerprint } from '../secrets/fingerprint.js';
import type { RandomSource, Sodium } from '../secrets/random.js';
import type { HistoryEntry } from './entry.js';

export type { HistoryEntry };

/** The `.lucid-env` folder of an env file. */
export function stateDirectory(envFile: string): string {
  return join(dirname(envFile), '.lucid-env');
}

const KEY_BYTES = 32;

/**
 * Reads the fingerprint key, creating it (0600, random from libsodium) when absent. Without
 * `create` (dry runs) a missing key is replaced by a throwaway one and nothing is written.
 */
export async function loadFingerprintKey(envFile: string, random: RandomSource, options: { create?: boolean } = {}): Promise<Uint8Array> {
  const directory = stateDirectory(envFile);
  const path = join(directory, 'fingerprint.key');
  const existing = (await isPrivateDir(directory)) ? await readTextIfExists(path, { what: 'fingerprint key', maxBytes: 1024, noFollow: true }) : undefined;
  if (existing !== undefined && /^[0-9a-f]{64}\s*$/.test(existing.text)) return Uint8Array.from(Buffer.from(existing.text.trim(), 'hex'));
  if (options.create === false) return random.bytes(KEY_BYTES);
  await ensurePrivateDir(directory);
  const key = random.bytes(KEY_BYTES);
  await writeFileAtomic(path, `${Buffer.from(key).toString('hex')}\n`, { mode: 0o600 });
  return key;
}

/** A function that fingerprints values for one env file. */
export type Fingerprinter = (value: string) => string;

/** Loads (or creates) the env file's key and returns its fingerprinter. */
export async function createFingerprinter(
  envFile: string,
  crypto: { sodium: Sodium; random: RandomSource },
  options: { create?: boolean } = {},
): Promise<Fingerprinter> {
  const { sodium } = crypto;
  const key = await loadFingerprintKey(envFile, crypto.random, options);
  return (value) => fingerprint(value, key, sodium);
}

/** One change to record: never a value. */
export interface HistoryChange {
  key: string;
  action: string;
  fingerprint: string;
}

/** Appends one line per change to `.lucid-env/history.jsonl` (0600, fsynced). */
export async function appendHistory(envFile: string, changes: readonly HistoryChange[], now: Date): Promise<void> {
  if (changes.length === 0) return;
  const directory = stateDirectory(envFile);
  await ensurePrivateDir(directory);
  const lines = changes.map((change) =>
    JSON.stringify({
      time: now.toISOString(),
      file: basename(envFile),
      key: change.key,
      action: change.action,
      fingerprint: change.fingerprint,
    } satisfies HistoryEntry),
  );
  await appendFileDurable(join(directory, 'history.jsonl'), `${lines.join('\n')}\n`, { mode: 0o600 });
}

/** Reads the history of an env file; unreadable lines are skipped (a crash can cut only the last). */
export async function readHistory(envFile: string): Promise<HistoryEntry[]> {
  const directory = stateDirectory(envFile);
  if (!(await isPrivateDir(directory))) return [];
  const read = await readTextIfExists(join(directory, 'history.jsonl'), { what: 'history', noFollow: true });
  if (read === undefined) return [];
  const entries: HistoryEntry[] = [];
  for (const line of read.text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as HistoryEntry;
      if (entry.file === basename(envFile) && typeof entry.key === 'string' && typeof entry.time === 'string') entries.push(entry);
    } catch {
      // A line cut by a crash; the others are intact.
    }
  }
  return entries;
}
