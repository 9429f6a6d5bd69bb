/**
 * The env-file document: every line (or statement) of the file with its exact raw text, so that
 * joining the raw texts gives the file back byte for byte, and edits touch only what they change.
 */
import type { Operator } from '../compose/interpolation.js';

/** How a value is quoted in the file. */
export type QuoteStyle = 'none' | 'single' | 'double';

/** One `$NAME` or `${NAME...}` in a value, at the position of its `$` in the file. */
export interface EnvReference {
  name: string;
  operator: Operator;
  /** The default, message or replacement as Compose lists it; null for `$NAME` and `${NAME}`. */
  argument: string | null;
  /** The whole reference as written in the file, from `$` to its closing `}` or the name's end. */
  text: string;
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

/** An empty or whitespace-only line. */
export interface EnvBlank {
  kind: 'blank';
  raw: string;
  line: number;
}

/** A line whose first non-blank character is `#`. */
export interface EnvComment {
  kind: 'comment';
  raw: string;
  line: number;
}

/** A line Compose rejects, kept verbatim; a finding explains it. */
export interface EnvInvalid {
  kind: 'invalid';
  raw: string;
  line: number;
  /** What is wrong, in words (never the value). */
  reason: string;
}

/** A `KEY=VALUE` statement (or a bare `KEY`, whose value comes from the environment). */
export interface EnvEntry {
  kind: 'entry';
  /**
   * The statement's text: from its start to its line break included. A statement that follows a
   * closing quote on the same line (`A="x" B=y`) starts a new entry mid-line, as Compose reads it.
   */
  raw: string;
  /** 1-based line where the entry starts. */
  line: number;
  /** 1-based column of the key. */
  column: number;
  key: string;
  /** Written with an `export ` prefix. */
  exported: boolean;
  quote: QuoteStyle;
  /** A key without `=`: Compose takes the value from the environment, or leaves it unset. */
  inherited: boolean;
  /** The value as written: quotes included; unquoted without its inline comment and trailing blanks. */
  rawValue: string;
  /** The value as Compose reads it; undefined for an inherited key that is unset. */
  value: string | undefined;
  /** Position of the value's first character (its opening quote when quoted; the key when inherited). */
  valueLine: number;
  valueColumn: number;
  references: EnvReference[];
  /** Offsets into `raw` of the key, the value's start and the value's end (after its closing quote). */
  offsets: { key: number; value: number; valueEnd: number };
}

/** One element of a document. */
export type EnvLine = EnvBlank | EnvComment | EnvEntry | EnvInvalid;

/** A parsed env file. */
export interface EnvDocument {
  lines: EnvLine[];
  /** The file's line break: the first one found, `\n` when there is none. */
  eol: '\n' | '\r\n';
  /** The text starts with a UTF-8 byte-order mark (kept in the first line's raw text). */
  bom: boolean;
  /** The text ends with a line break. */
  finalNewline: boolean;
}

/** Every key and the value Compose ends up with (the last definition wins). */
export function envValues(document: EnvDocument): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of document.lines) {
    if (line.kind === 'entry' && line.value !== undefined) values.set(line.key, line.value);
  }
  return values;
}

/** The entry that defines `key` last (the one Compose uses), if any. */
export function findEntry(document: EnvDocument, key: string): EnvEntry | undefined {
  for (let index = document.lines.length - 1; index >= 0; index--) {
    const line = document.lines[index] as EnvLine;
    if (line.kind === 'entry' && line.key === key) return line;
  }
  return undefined;
}
