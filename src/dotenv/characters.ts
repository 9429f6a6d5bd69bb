/**
 * Character classes of compose-go's dotenv parser, which are Go's: `isSpace` (blanks but not the
 * line feed) and `unicode.IsSpace`, plus the runes it accepts in a variable name.
 */

/** compose-go's `isSpace`: the blanks it skips inside a line (never the line feed). */
export function isLineSpace(code: number): boolean {
  return code === 9 || code === 11 || code === 12 || code === 13 || code === 32 || code === 0x85 || code === 0xa0;
}

/** Go's `unicode.IsSpace` (which, unlike JavaScript's `\s`, excludes the BOM and includes NEL). */
export function isUnicodeSpace(code: number): boolean {
  if (code <= 0xa0) return (code >= 9 && code <= 13) || code === 32 || code === 0x85 || code === 0xa0;
  return code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

const KEY_PUNCTUATION = new Set(['_', '.', '-', '[', ']']);
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** A rune compose-go accepts in a variable name: a letter, a number, `_ . - [ ]`. */
export function isKeyRune(char: string): boolean {
  const code = char.charCodeAt(0);
  // ASCII first: the Unicode-property regex builds its character sets through ICU on first use, a real
  // share of a cold `check`, and almost every key is ASCII.
  if (char.length === 1 && code < 0x80) return (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122) || KEY_PUNCTUATION.has(char);
  return LETTER_OR_NUMBER.test(char);
}

/** Go's `strings.TrimRightFunc(text, unicode.IsSpace)`. */
export function trimRightUnicodeSpace(text: string): string {
  let end = text.length;
  while (end > 0 && isUnicodeSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

/** The first offset at or after `from` that is not a compose-go blank (stops at a line feed). */
export function skipLineSpace(text: string, from: number): number {
  let index = from;
  while (index < text.length && isLineSpace(text.charCodeAt(index))) index++;
  return index;
}

/** Offset just past the line feed that ends the line holding `from`, or the text's length. */
export function endOfLine(text: string, from: number): number {
  const lineFeed = text.indexOf('\n', from);
  return lineFeed === -1 ? text.length : lineFeed + 1;
}
