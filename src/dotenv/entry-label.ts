/**
 * How messages name an env entry without ever quoting a line that is not `NAME=value`. A line
 * without "=" (a token pasted on its own line, a line of a key file or of /etc/shadow reached
 * through `env_file:`) is still an entry to Compose, but its "name" is whatever the line holds:
 * it is named by its position and length only.
 */
import type { EnvEntry } from './document.js';

/** The fields of an entry that say how it was written. */
type WrittenEntry = Pick<EnvEntry, 'raw' | 'key' | 'offsets' | 'inherited' | 'line'>;

/** True when a "=" separates the name from the value (not `NAME:value`, not a bare line). */
export function hasEqualsSign(entry: WrittenEntry): boolean {
  if (entry.inherited || entry.key === '') return false;
  return entry.raw.slice(entry.offsets.key + entry.key.length, entry.offsets.value).includes('=');
}

/** What a message calls a line it must not quote. */
export function formatUnnamedLine(line: number, length: number): string {
  return `the entry on line ${line} (${length} character${length === 1 ? '' : 's'} without "=", not shown)`;
}

/** The entry's name for messages: its key, or its line and length when it has no "=". */
export function labelEntry(entry: WrittenEntry): string {
  return hasEqualsSign(entry) ? entry.key : formatUnnamedLine(entry.line, entry.raw.replace(/\r?\n$/, '').replace(/^\ufeff/, '').length);
}

/** The `variable` field of a finding about the entry: none when its name is not shown. */
export function entryVariable(entry: WrittenEntry): { variable?: string } {
  return hasEqualsSign(entry) ? { variable: entry.key } : {};
}
