/**
 * Parser of Compose v2's env-file dialect (compose-go's `dotenv` package), pure and lossless: every
 * line keeps its raw text, values are read exactly as Compose reads them, and every line Compose
 * rejects becomes a finding instead of an exception.
 */
import { appendAll } from '../append-all.js';
import type { Lookup } from '../compose/substitution.js';
import type { Finding } from '../findings.js';
import { endOfLine, isUnicodeSpace } from './characters.js';
import type { EnvDocument } from './document.js';
import { findDuplicateKeys } from './duplicates.js';
import { indexPositions } from './positions.js';
import type { ParseState } from './statement.js';
import { readStatement } from './statement.js';

export type { EnvBlank, EnvComment, EnvDocument, EnvEntry, EnvInvalid, EnvLine, EnvReference, QuoteStyle } from './document.js';
export { envValues, findEntry } from './document.js';

/** Where the text comes from and how to look up names Compose takes from the environment. */
export interface ParseEnvOptions {
  file: string;
  /** The interpolation environment (the process env when Compose would use it); consulted first. */
  lookup?: Lookup;
}

/** A parsed file and every problem found in it. */
export interface ParseEnvResult {
  document: EnvDocument;
  findings: Finding[];
}

/** Parses env-file text; never throws. Joining the raw texts of the lines gives `text` back. */
export function parseEnv(text: string, options: ParseEnvOptions): ParseEnvResult {
  const bom = text.charCodeAt(0) === 0xfeff;
  const external: Lookup = options.lookup ?? (() => undefined);
  const state: ParseState = {
    text,
    file: options.file,
    external,
    lookup: () => undefined,
    positionOf: indexPositions(text),
    lines: [],
    findings: [],
    values: new Map(),
  };
  state.lookup = (name) => external(name) ?? state.values.get(name);
  // The BOM belongs to the first line's raw text but is skipped, as compose-go trims it.
  let start = 0;
  let cursor = bom ? 1 : 0;
  while (cursor < text.length) {
    start = readElement(state, start, cursor);
    cursor = start;
  }
  // A file that is only a BOM.
  if (start < text.length) state.lines.push({ kind: 'blank', raw: text.slice(start), line: 1 });
  appendAll(state.findings, findDuplicateKeys(state.lines, options.file));
  const firstBreak = text.indexOf('\n');
  const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  return { document: { lines: state.lines, eol, bom, finalNewline: text.endsWith('\n') }, findings: state.findings };
}

/** Reads one element whose raw text starts at `start` (scanning from `from`); returns its end. */
function readElement(state: ParseState, start: number, from: number): number {
  const { text } = state;
  let index = from;
  while (index < text.length && text[index] !== '\n' && isUnicodeSpace(text.charCodeAt(index))) index++;
  const line = state.positionOf(start).line;
  if (index >= text.length || text[index] === '\n') {
    const end = Math.min(index + 1, text.length);
    state.lines.push({ kind: 'blank', raw: text.slice(start, end), line });
    return end;
  }
  if (text[index] === '#') {
    const end = endOfLine(text, index);
    state.lines.push({ kind: 'comment', raw: text.slice(start, end), line });
    return end;
  }
  return readStatement(state, start, index);
}
