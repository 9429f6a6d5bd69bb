/**
 * Pure edits of an env document: set or remove one key, changing only the lines of that key.
 * Every other line stays byte-identical; the result is parsed again so positions and values of
 * the returned document are exact (interpolated with `lookup`, as parseEnv does).
 */
import type { Lookup } from '../compose/substitution.js';
import type { EnvDocument, EnvEntry } from './document.js';
import { findEntry } from './document.js';
import { parseEnv } from './parse.js';
import { formatAssignment, listValueForms } from './serialize-value.js';
import { stringifyEnv } from './stringify.js';

/** Options of setEntry. */
export interface SetEntryOptions {
  pythonCompat: boolean;
  /** Written as `# ...` line(s) before a key that is added (not when it is updated). */
  comment?: string;
  /** Environment for the values of the returned document. */
  lookup?: Lookup;
}

/** What an edit did, or why it did nothing. Reasons name the key, never a value. */
export type EditResult = { ok: true; document: EnvDocument; action: 'added' | 'updated' | 'unchanged' | 'removed' } | { ok: false; reason: string };

/**
 * Sets `key` to `value`: rewrites its last definition in place (keeping indentation, `export`,
 * a ` # comment` and the line break) or appends it at the end. Refuses a value no form can
 * write, and a file with lines Compose rejects (an unterminated quote there would swallow
 * whatever is written after it).
 */
export function setEntry(document: EnvDocument, key: string, value: string, options: SetEntryOptions): EditResult {
  const refused = refuseInvalid(document, key);
  if (refused !== undefined) return refused;
  const assignment = formatAssignment(key, value, { pythonCompat: options.pythonCompat });
  if (!assignment.ok) return { ok: false, reason: `cannot write ${key}: ${assignment.reason}` };
  const entry = findEntry(document, key);
  if (entry === undefined) return done(appendLines(document, assignment.line, options.comment), 'added', options.lookup);
  if (isAlreadyWritten(entry, value, options.pythonCompat)) return { ok: true, document, action: 'unchanged' };
  const index = document.lines.lastIndexOf(entry);
  const isLast = index === document.lines.length - 1;
  const texts = document.lines.map((line) => line.raw);
  texts[index] = rewriteEntry(entry, assignment.line, isLast ? '' : document.eol);
  return done(texts.join(''), 'updated', options.lookup);
}

/** One key to set, with the comment it gets when it is added. */
export interface EnvAssignment {
  key: string;
  value: string;
  comment?: string;
}

/** What setEntries did to each key, or why it did nothing at all. */
export type EditManyResult = { ok: true; document: EnvDocument; actions: Map<string, 'added' | 'updated' | 'unchanged'> } | { ok: false; reason: string };

/**
 * Sets many keys at once with the same rules as setEntry, parsing the result once: setting a
 * thousand keys one by one would parse the growing file a thousand times. All or nothing: one
 * value no form can write refuses the whole edit.
 */
export function setEntries(document: EnvDocument, assignments: readonly EnvAssignment[], options: Omit<SetEntryOptions, 'comment'>): EditManyResult {
  const refused = refuseInvalid(document, assignments[0]?.key ?? '');
  if (refused !== undefined && !refused.ok) return refused;
  const texts = document.lines.map((line) => line.raw);
  const lastEntry = new Map<string, { entry: EnvEntry; index: number }>();
  document.lines.forEach((line, index) => {
    if (line.kind === 'entry') lastEntry.set(line.key, { entry: line, index });
  });
  const actions = new Map<string, 'added' | 'updated' | 'unchanged'>();
  let appended = '';
  for (const { key, value, comment } of assignments) {
    const assignment = formatAssignment(key, value, { pythonCompat: options.pythonCompat });
    if (!assignment.ok) return { ok: false, reason: `cannot write ${key}: ${assignment.reason}` };
    const found = lastEntry.get(key);
    if (found === undefined || actions.get(key) === 'added') {
      appended += formatAddition(assignment.line, comment, document.eol);
      actions.set(key, 'added');
    } else if (isAlreadyWritten(found.entry, value, options.pythonCompat)) {
      if (!actions.has(key)) actions.set(key, 'unchanged');
    } else {
      const isLast = found.index === document.lines.length - 1;
      texts[found.index] = rewriteEntry(found.entry, assignment.line, isLast ? '' : document.eol);
      actions.set(key, 'updated');
    }
  }
  let text = texts.join('');
  if (appended !== '') {
    if (text !== '' && text !== '\ufeff' && !text.endsWith('\n')) text += document.eol;
    text += appended;
  }
  const parseOptions = options.lookup === undefined ? { file: '' } : { file: '', lookup: options.lookup };
  const changed = [...actions.values()].some((action) => action !== 'unchanged');
  return { ok: true, document: changed ? parseEnv(text, parseOptions).document : document, actions };
}

function formatAddition(assignment: string, comment: string | undefined, eol: string): string {
  let text = '';
  if (comment !== undefined) {
    for (const line of comment.split(/\r?\n/)) text += line === '' ? `#${eol}` : `# ${line}${eol}`;
  }
  return `${text}${assignment}${eol}`;
}

/** Removes every definition of `key`; the lines around them stay as they are. */
export function removeEntry(document: EnvDocument, key: string, options: { lookup?: Lookup } = {}): EditResult {
  const refused = refuseInvalid(document, key);
  if (refused !== undefined) return refused;
  const kept: string[] = [];
  let removed = 0;
  for (const line of document.lines) {
    if (line.kind === 'entry' && line.key === key) {
      removed++;
      // The byte-order mark belongs to the file, not to the line; so does the line break of a
      // statement that shared its line with an earlier one (`A="x" B=2`).
      if (line.raw.startsWith('\ufeff')) kept.push('\ufeff');
      const lineBreak = /\r?\n$/.exec(line.raw)?.[0];
      const previous = kept.length > 0 && !line.raw.startsWith('\ufeff') ? (kept[kept.length - 1] as string) : '\n';
      if (lineBreak !== undefined && !previous.endsWith('\n')) kept.push(lineBreak);
    } else {
      kept.push(line.raw);
    }
  }
  if (removed === 0) return { ok: true, document, action: 'unchanged' };
  return done(kept.join(''), 'removed', options.lookup);
}

function refuseInvalid(document: EnvDocument, key: string): EditResult | undefined {
  if (!document.lines.some((line) => line.kind === 'invalid')) return undefined;
  return { ok: false, reason: `cannot change ${key}: the file has lines Compose rejects; fix them first` };
}

function done(text: string, action: 'added' | 'updated' | 'removed', lookup: Lookup | undefined): EditResult {
  const options = lookup === undefined ? { file: '' } : { file: '', lookup };
  return { ok: true, document: parseEnv(text, options).document, action };
}

/** True when the entry already holds the value in a form every reader reads back. */
function isAlreadyWritten(entry: EnvEntry, value: string, pythonCompat: boolean): boolean {
  if (entry.inherited || entry.value !== value) return false;
  return listValueForms(value, { pythonCompat }).some((form) => form.text === entry.rawValue);
}

/**
 * The entry's new text: what preceded the key (indentation, `export`, a BOM), the assignment,
 * a ` # comment` that followed the value, and the entry's own line break. An entry that ended
 * mid-line (`A="x" B=y`) gets a line break so the next statement stays separate.
 */
function rewriteEntry(entry: EnvEntry, assignment: string, lineBreak: string): string {
  const prefix = entry.raw.slice(0, entry.offsets.key);
  const rest = entry.raw.slice(entry.offsets.valueEnd);
  const eol = rest.endsWith('\r\n') ? '\r\n' : rest.endsWith('\n') ? '\n' : lineBreak;
  const trailing = rest.slice(0, rest.length - (rest.endsWith('\n') ? eol.length : 0));
  // Only a space before "#" starts a comment for Compose after an unquoted value.
  const comment = /^ +#[^\n]*$/.test(trailing) ? trailing : '';
  return `${prefix}${assignment}${comment}${eol}`;
}

/** The text with lines added at the end, after giving the last line a line break if it has none. */
function appendLines(document: EnvDocument, assignment: string, comment: string | undefined): string {
  const { eol } = document;
  let text = stringifyEnv(document);
  if (text !== '' && text !== '\ufeff' && !text.endsWith('\n')) text += eol;
  if (comment !== undefined) {
    for (const line of comment.split(/\r?\n/)) text += line === '' ? `#${eol}` : `# ${line}${eol}`;
  }
  return `${text}${assignment}${eol}`;
}
