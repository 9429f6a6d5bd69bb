/** The entries of a document that define a value, for rules that look at keys and values. */
import type { EnvDocument, EnvEntry } from './document.js';

/** An entry whose value is known. */
export type DefinedEntry = EnvEntry & { value: string };

/** Every entry that defines a value, in file order (an unset inherited key or a nameless line defines none). */
export function listEntries(document: EnvDocument): DefinedEntry[] {
  return document.lines.filter((line): line is DefinedEntry => line.kind === 'entry' && line.value !== undefined && line.key !== '');
}
