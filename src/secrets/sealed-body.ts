/**
 * The body of a sealed file: its entries with their positions in the sealed file, the checks that
 * need no key (every value sealed, as many values as the header records), and decryption back to
 * the plain file's exact bytes.
 */
import type { EnvEntry, EnvLine } from '../dotenv/document.js';
import { parseEnv } from '../dotenv/parse.js';
import type { Sodium } from './random.js';
import type { DataKeys, ValueSlot } from './sealed-crypto.js';
import { openValue, parseValueToken, VALUE_TOKEN_PREFIX } from './sealed-crypto.js';
import type { SealedParts } from './sealed-header.js';

/** A problem of a sealed file, at a 1-based position in it. Never holds a value. */
export interface SealedProblem {
  code: 'sealed-tampered' | 'sealed-unreadable';
  line: number;
  column: number;
  message: string;
  variable?: string;
}

/** One sealed value of the body. */
export interface SealedValue {
  entry: EnvEntry;
  slot: ValueSlot;
  token: { tag: string; payload: Uint8Array } | undefined;
}

/** The body parsed: every element (header comment lines first) and the sealed values. */
export interface SealedBody {
  /** Every element of the sealed file; the first `parts.headerLines` are the header. */
  lines: EnvLine[];
  values: SealedValue[];
}

/** The id of a slot in maps: key and occurrence. */
export function slotId(slot: ValueSlot): string {
  return `${slot.key}\u0000${slot.occurrence}`;
}

/** Parses a sealed file's text (header lines are comments to the env reader) and lists its sealed values. */
export function readSealedBody(text: string, file: string): SealedBody {
  const { document } = parseEnv(text, { file });
  return { lines: document.lines, values: readSealedValues(document.lines) };
}

/** The sealed values among a sealed file's lines, each with its slot. */
export function readSealedValues(lines: readonly EnvLine[]): SealedValue[] {
  const values: SealedValue[] = [];
  const occurrences = new Map<string, number>();
  for (const line of lines) {
    if (line.kind !== 'entry' || line.inherited) continue;
    const occurrence = occurrences.get(line.key) ?? 0;
    occurrences.set(line.key, occurrence + 1);
    values.push({ entry: line, slot: { key: line.key, occurrence }, token: parseValueToken(line.value ?? '') });
  }
  return values;
}

/** What can be told without a key: lines that are not env lines, plain values, cut tokens, a wrong count. */
export function checkSealedStructure(body: SealedBody, parts: SealedParts): SealedProblem[] {
  const problems: SealedProblem[] = [];
  for (const line of body.lines) {
    if (line.kind === 'invalid') problems.push(tampered(line.line, 1, `line ${line.line} is not an env line: the sealed file was edited outside lucid-env`));
  }
  for (const value of body.values) {
    if (value.token !== undefined) continue;
    const { key } = value.slot;
    const isPlain = !(value.entry.value ?? '').startsWith(VALUE_TOKEN_PREFIX);
    const message = isPlain
      ? `${key} holds a plain value where a sealed one is expected: a plaintext line was put into the sealed file`
      : `the sealed value of ${key} is malformed: cut short or edited`;
    problems.push(tampered(value.entry.valueLine, value.entry.valueColumn, message, key));
  }
  if (body.values.length !== parts.header.entries) {
    const difference = body.values.length - parts.header.entries;
    const what = difference < 0 ? `${-difference} deleted (or the file was cut short)` : `${difference} added`;
    problems.push(
      tampered(
        1,
        1,
        `the header records ${parts.header.entries} sealed value${parts.header.entries === 1 ? '' : 's'} but the file holds ${body.values.length}: ${what}`,
      ),
    );
  }
  return problems;
}

/** Decrypts every value for its own slot; the failures are left for diagnosis. */
export function decryptValues(sodium: Sodium, body: SealedBody, keys: DataKeys, fileId: Uint8Array): { opened: Map<string, string>; failed: SealedValue[] } {
  const opened = new Map<string, string>();
  const failed: SealedValue[] = [];
  for (const value of body.values) {
    const rawValue = value.token === undefined ? undefined : openValue(sodium, keys, fileId, value.slot, value.token.payload);
    if (rawValue === undefined) failed.push(value);
    else opened.set(slotId(value.slot), rawValue);
  }
  return { opened, failed };
}

/** The plain file: the body with every token replaced by the value it seals, and the byte-order mark back. */
export function rebuildPlain(body: SealedBody, parts: SealedParts, opened: ReadonlyMap<string, string>): string {
  const byEntry = new Map(body.values.map((value) => [value.entry, opened.get(slotId(value.slot))]));
  let plain = parts.bom ? '\ufeff' : '';
  for (const line of body.lines.slice(parts.headerLines)) {
    const rawValue = line.kind === 'entry' ? byEntry.get(line) : undefined;
    if (line.kind !== 'entry' || rawValue === undefined) {
      plain += line.raw;
      continue;
    }
    plain += `${line.raw.slice(0, line.offsets.value)}${rawValue}${line.raw.slice(line.offsets.valueEnd)}`;
  }
  return plain;
}

/** A sealed-tampered problem. */
export function tampered(line: number, column: number, message: string, variable?: string): SealedProblem {
  return { code: 'sealed-tampered', line, column, message, ...(variable === undefined ? {} : { variable }) };
}
