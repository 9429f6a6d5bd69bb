/**
 * One statement of an env file (`KEY=VALUE`, `export KEY=VALUE`, a bare `KEY`), read with the
 * exact steps of compose-go's parser: key scan, value start, quoted or unquoted value.
 */
import { appendAll } from '../append-all.js';
import type { Lookup } from '../compose/substitution.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { isSecretName } from '../variable-names.js';
import { endOfLine, isKeyRune, isLineSpace, isUnicodeSpace, skipLineSpace, trimRightUnicodeSpace } from './characters.js';
import type { EnvEntry, EnvLine, QuoteStyle } from './document.js';
import { formatUnnamedLine } from './entry-label.js';
import type { MappedText } from './escapes.js';
import { expandDoubleQuoteEscapes, mapVerbatim, scanQuoted } from './escapes.js';
import { interpolateValue } from './interpolate-value.js';
import type { PositionOf } from './positions.js';

/** The parser's state, shared by the line loop and the statement reader. */
export interface ParseState {
  text: string;
  file: string;
  /** The caller's environment only: what a key without `=` reads. */
  external: Lookup;
  /** The environment, then the keys defined earlier: what interpolation reads. */
  lookup: Lookup;
  positionOf: PositionOf;
  lines: EnvLine[];
  findings: Finding[];
  /** Values defined so far, which later values interpolate after the lookup. */
  values: Map<string, string>;
}

/** Statement fields known once the key is read. */
interface KeyInfo {
  start: number;
  keyStart: number;
  key: string;
  exported: boolean;
  /** What messages call the entry: its key, or its line and length when it has no "=". */
  label: string;
}

// Go's regexp `^export\s+`, where `\s` is [\t\n\f\r ].
const EXPORT = /export[\t\n\f\r ]/y;

/** Reads the statement at `at` (its raw text starts at `start`); returns where it ends. */
export function readStatement(state: ParseState, start: number, at: number): number {
  const { text } = state;
  EXPORT.lastIndex = at;
  const exported = EXPORT.test(text);
  const keyStart = exported ? skipLineSpace(text, at + 'export'.length) : at;
  if (keyStart >= text.length) {
    return reject(state, start, at, at, '"export" with no name after it at the end of the file: Compose rejects the file ("zero length string")');
  }
  let index = keyStart;
  while (index < text.length) {
    const char = String.fromCodePoint(text.codePointAt(index) as number);
    if (char === '=' || char === ':' || char === '\n') break;
    if (!isLineSpaceChar(char) && !isKeyRune(char)) {
      const isMidLine = state.lines.at(-1)?.raw.endsWith('\n') === false;
      const where = isMidLine ? ' after the closing quote of the previous value' : '';
      return reject(
        state,
        start,
        at,
        index,
        `this character${where} cannot be part of a variable name (letters, digits, "_", ".", "-", "[", "]"): Compose rejects the file`,
      );
    }
    index += char.length;
  }
  if (index >= text.length) return readNamelessLastLine(state, { start, keyStart, key: '', exported, label: unnamedLabel(state, start) });
  const key = trimRightUnicodeSpace(text.slice(keyStart, index));
  if (key.includes(' ')) return reject(state, start, at, keyStart, 'a variable name cannot contain a space: Compose rejects the file');
  const info: KeyInfo = { start, keyStart, key, exported, label: text[index] === '=' ? key : unnamedLabel(state, start) };
  if (text[index] === '\n') {
    const value = state.external(key);
    return pushEntry(state, info, { end: index + 1, quote: 'none', inherited: true, valueStart: keyStart, valueEnd: keyStart + key.length, value });
  }
  const valueStart = skipLineSpace(text, index + 1);
  const quote = text[valueStart];
  if (quote === '"' || quote === "'") return readQuoted(state, info, valueStart);
  return readUnquoted(state, info, valueStart);
}

function unnamedLabel(state: ParseState, start: number): string {
  const end = endOfLine(state.text, start);
  const line = state.text
    .slice(start, end)
    .replace(/\r?\n$/, '')
    .replace(/^\ufeff/, '');
  return formatUnnamedLine(state.positionOf(start).line, line.length);
}

function isLineSpaceChar(char: string): boolean {
  return char.length === 1 && isLineSpace(char.charCodeAt(0));
}

function readUnquoted(state: ParseState, info: KeyInfo, valueStart: number): number {
  const { text } = state;
  const end = endOfLine(text, valueStart);
  let written = text.slice(valueStart, text[end - 1] === '\n' ? end - 1 : end);
  const comment = written.indexOf(' #');
  if (comment !== -1) written = written.slice(0, comment);
  written = trimRightUnicodeSpace(written);
  const valueEnd = valueStart + written.length;
  const read = interpolate(state, info, mapVerbatim(written, valueStart));
  return pushEntry(state, info, { end, quote: 'none', inherited: false, valueStart, valueEnd, ...read });
}

function readQuoted(state: ParseState, info: KeyInfo, valueStart: number): number {
  const { text } = state;
  const scanned = scanQuoted(text, valueStart);
  const isDouble = text[valueStart] === '"';
  const style: QuoteStyle = isDouble ? 'double' : 'single';
  if (scanned === undefined) {
    const { line } = state.positionOf(valueStart);
    const composeLine = line + (text.slice(valueStart).match(/\n/g)?.length ?? 0);
    const reported = composeLine === line ? '' : ` (Compose's error names line ${composeLine}, where it stopped looking)`;
    return reject(
      state,
      info.start,
      info.keyStart,
      valueStart,
      `unterminated ${style}-quoted value: no closing quote before the end of the file, so Compose rejects the file${reported}`,
    );
  }
  const read = isDouble ? interpolate(state, info, expandDoubleQuoteEscapes(scanned.value)) : { value: scanned.value.text, references: [] };
  // After the closing quote, blanks and a comment end the statement; anything else is read by
  // compose-go as the next statement, so the entry ends at the quote.
  let index = scanned.close + 1;
  while (index < text.length && text[index] !== '\n' && isUnicodeSpace(text.charCodeAt(index))) index++;
  const end = index >= text.length || text[index] === '\n' || text[index] === '#' ? endOfLine(text, index) : scanned.close + 1;
  return pushEntry(state, info, { end, quote: style, inherited: false, valueStart, valueEnd: scanned.close + 1, ...read });
}

function interpolate(state: ParseState, info: KeyInfo, input: MappedText) {
  // Names referenced inside a secret (or a line without "=") are pieces of its value: never shown.
  const isOpaque = info.label !== info.key || isSecretName(info.key);
  const read = interpolateValue(input, state.lookup, {
    source: state.text,
    file: state.file,
    key: info.label,
    variable: info.label === info.key ? info.key : undefined,
    isOpaque,
    positionOf: state.positionOf,
  });
  appendAll(state.findings, read.findings);
  return read;
}

/**
 * compose-go reads a last line that has no `=`, `:` or line break as a value with an empty name,
 * so the name written there stays unset.
 */
function readNamelessLastLine(state: ParseState, info: KeyInfo): number {
  const position = state.positionOf(info.keyStart);
  state.findings.push(
    makeFinding(
      'env-syntax',
      { file: state.file, ...position },
      'the last line has no "=" and no line break, so Compose reads it as a value with no name and sets nothing',
      {
        severity: 'warning',
        hint: 'write NAME=value, or end the file with a line break to take NAME from the environment',
      },
    ),
  );
  return readUnquoted(state, info, info.keyStart);
}

interface ValueInfo {
  end: number;
  quote: QuoteStyle;
  inherited: boolean;
  valueStart: number;
  valueEnd: number;
  value: string | undefined;
  references?: EnvEntry['references'];
}

function pushEntry(state: ParseState, info: KeyInfo, read: ValueInfo): number {
  const { text } = state;
  const keyPosition = state.positionOf(info.keyStart);
  const valuePosition = state.positionOf(read.valueStart);
  state.lines.push({
    kind: 'entry',
    raw: text.slice(info.start, read.end),
    line: state.positionOf(info.start).line,
    column: keyPosition.column,
    key: info.key,
    exported: info.exported,
    quote: read.quote,
    inherited: read.inherited,
    rawValue: read.inherited ? '' : text.slice(read.valueStart, read.valueEnd),
    value: read.value,
    valueLine: valuePosition.line,
    valueColumn: valuePosition.column,
    references: read.references ?? [],
    offsets: { key: info.keyStart - info.start, value: read.valueStart - info.start, valueEnd: read.valueEnd - info.start },
  });
  if (read.value !== undefined) state.values.set(info.key, read.value);
  return read.end;
}

/** Keeps the rest of the line as invalid raw text and reports it; reading goes on at the next line. */
function reject(state: ParseState, start: number, at: number, problem: number, reason: string): number {
  const end = endOfLine(state.text, at);
  state.lines.push({ kind: 'invalid', raw: state.text.slice(start, end), line: state.positionOf(start).line, reason });
  state.findings.push(makeFinding('env-syntax', { file: state.file, ...state.positionOf(problem) }, reason));
  return end;
}
