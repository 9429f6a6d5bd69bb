/**
 * How python-dotenv 0.21 (`dotenv_values`, interpolating) reads env-file text, encoded from its
 * parser so that values it reads differently from Compose can be reported. Not a general parser:
 * it only answers "what would python-dotenv return".
 */

/** python-dotenv's result: a key without `=` maps to null (Python's None). */
export type PythonValues = Map<string, string | null>;

// Python's `\s` for str patterns (str.isspace), which JavaScript's `\s` does not match exactly:
// Python excludes the BOM and includes \x1c-\x1f and NEL.
const SPACE = '\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const INLINE_SPACE = '\\t\\v\\f \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const sticky = (source: string): RegExp => new RegExp(source, 'y');
const MULTILINE_WHITESPACE = sticky(`[${SPACE}]*`);
const EXPORT = sticky(`(?:export[${INLINE_SPACE}]+)?`);
const SINGLE_QUOTED_KEY = sticky(`'([^']+)'`);
const UNQUOTED_KEY = sticky(`([^=#${SPACE}]+)`);
const WHITESPACE = sticky(`[${INLINE_SPACE}]*`);
const EQUAL_SIGN = sticky(`(=[${INLINE_SPACE}]*)`);
const SINGLE_QUOTED_VALUE = sticky(`'((?:\\\\'|[^'])*)'`);
const DOUBLE_QUOTED_VALUE = sticky(`"((?:\\\\"|[^"])*)"`);
const UNQUOTED_VALUE = sticky(`([^\\r\\n]*)`);
const COMMENT = sticky(`(?:[${INLINE_SPACE}]*#[^\\r\\n]*)?`);
const END_OF_LINE = sticky(`[${INLINE_SPACE}]*(?:\\r\\n|\\n|\\r|$)`);
const REST_OF_LINE = sticky(`[^\\r\\n]*(?:\\r|\\n|\\r\\n)?`);
const INLINE_COMMENT = new RegExp(`[${SPACE}]+#[^\\n]*`, 'g');
const TRAILING_SPACE = new RegExp(`[${SPACE}]+$`);
const DOUBLE_QUOTE_ESCAPES = /\\[\\'"abfnrtv]/g;
const SINGLE_QUOTE_ESCAPES = /\\[\\']/g;
const POSIX_VARIABLE = /\$\{([^}:]*)(?::-([^}]*))?\}/g;
const DECODED: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

interface Reader {
  text: string;
  position: number;
}

/** python-dotenv's `read_regex`: the groups of a match at the reader's position, or null. */
function readRegex(reader: Reader, pattern: RegExp): string[] | null {
  pattern.lastIndex = reader.position;
  const match = pattern.exec(reader.text);
  if (match === null) return null;
  reader.position += match[0].length;
  return match.slice(1).map((group) => group ?? '');
}

function decodeEscapes(pattern: RegExp, value: string): string {
  return value.replace(pattern, (match) => DECODED[match[1] as string] ?? (match[1] as string));
}

/** python-dotenv's `parse_value`; null where it raises (an unterminated quote). */
function readValue(reader: Reader): string | null {
  const char = reader.text[reader.position];
  if (char === undefined || char === '\n' || char === '\r') return '';
  if (char === "'" || char === '"') {
    const quoted = readRegex(reader, char === "'" ? SINGLE_QUOTED_VALUE : DOUBLE_QUOTED_VALUE);
    if (quoted === null) return null;
    return decodeEscapes(char === "'" ? SINGLE_QUOTE_ESCAPES : DOUBLE_QUOTE_ESCAPES, quoted[0] as string);
  }
  const part = (readRegex(reader, UNQUOTED_VALUE) as string[])[0] as string;
  return part.replace(INLINE_COMMENT, '').replace(TRAILING_SPACE, '');
}

type Binding = { key: string; value: string | null } | undefined;

/** One binding as python-dotenv's `parse_binding` reads it; undefined for a skipped line. */
function readBinding(reader: Reader): Binding | 'error' {
  readRegex(reader, MULTILINE_WHITESPACE);
  if (reader.position >= reader.text.length) return undefined;
  readRegex(reader, EXPORT);
  const first = reader.text[reader.position];
  let key: string | undefined;
  if (first !== '#') {
    const keyMatch = readRegex(reader, first === "'" ? SINGLE_QUOTED_KEY : UNQUOTED_KEY);
    if (keyMatch === null) return 'error';
    key = keyMatch[0] as string;
  }
  readRegex(reader, WHITESPACE);
  let value: string | null = null;
  if (reader.text[reader.position] === '=') {
    readRegex(reader, EQUAL_SIGN);
    value = readValue(reader);
    if (value === null) return 'error';
  }
  readRegex(reader, COMMENT);
  if (readRegex(reader, END_OF_LINE) === null) return 'error';
  return key === undefined ? undefined : { key, value };
}

/**
 * python-dotenv's `resolve_variables` for one value: only `${NAME}` and `${NAME:-default}`, in
 * every quoting style; a name that is set (even to "") wins over the default.
 */
export function expandPythonVariables(value: string, lookup: (name: string) => string | null | undefined): string {
  return value.replace(POSIX_VARIABLE, (_match, name: string, fallback: string | undefined) => {
    const found = lookup(name);
    return found === undefined ? (fallback ?? '') : (found ?? '');
  });
}

/**
 * What `dotenv_values(path)` returns for this text: file values interpolated in order, the file's
 * own earlier keys winning over the environment given by `lookup`.
 */
export function readWithPython(text: string, lookup: (name: string) => string | undefined = () => undefined): PythonValues {
  const values: PythonValues = new Map();
  const reader: Reader = { text, position: 0 };
  while (reader.position < text.length) {
    const binding = readBinding(reader);
    // python-dotenv warns about a line it cannot read, skips the rest of it and goes on.
    if (binding === 'error') readRegex(reader, REST_OF_LINE);
    if (binding === undefined || binding === 'error') continue;
    const resolved = binding.value === null ? null : expandPythonVariables(binding.value, (name) => (values.has(name) ? values.get(name) : lookup(name)));
    values.set(binding.key, resolved);
  }
  return values;
}
