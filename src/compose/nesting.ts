/**
 * Pure: a quick upper estimate of how deeply YAML text nests, read before the parser runs. The
 * yaml parser recurses per level; near the stack limit V8 can abort the whole process (a fatal
 * regexp-compiler error, not a catchable exception), so absurd depths are refused up front.
 */

/** Compose files nest about six levels; anything past this is refused as hostile or broken. */
export const MAX_YAML_DEPTH = 256;

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const DASH = 45;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

/** The deeper of flow nesting (`[`, `{`) and block nesting (indent levels plus `- ` markers). */
export function estimateNestingDepth(text: string): number {
  // Char codes, not one-character strings: this runs over every byte of every file before the parser.
  let maxDepth = 0;
  let flowDepth = 0;
  const indents: number[] = [];
  let index = 0;
  while (index < text.length) {
    const newline = text.indexOf('\n', index);
    const lineEnd = newline === -1 ? text.length : newline;
    let column = index;
    while (column < lineEnd && (text.charCodeAt(column) === SPACE || text.charCodeAt(column) === TAB)) column++;
    if (column < lineEnd && text.charCodeAt(column) !== HASH && flowDepth === 0) {
      const indent = column - index;
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
      let dashes = 0;
      while (text.charCodeAt(column) === DASH && (text.charCodeAt(column + 1) === SPACE || column + 1 === lineEnd)) {
        dashes++;
        column += 2;
        while (column < lineEnd && text.charCodeAt(column) === SPACE) column++;
      }
      maxDepth = Math.max(maxDepth, indents.length + dashes);
    }
    let quote = 0;
    for (let at = column; at < lineEnd; at++) {
      const code = text.charCodeAt(at);
      if (quote !== 0) {
        if (code === quote) quote = 0;
      } else if (code === DOUBLE_QUOTE || (code === SINGLE_QUOTE && (at === 0 || opensQuote(text.charCodeAt(at - 1))))) {
        quote = code;
      } else if (code === HASH && (at === 0 || text.charCodeAt(at - 1) === SPACE)) {
        break;
      } else if (code === 91 || code === 123) {
        flowDepth++;
        maxDepth = Math.max(maxDepth, indents.length + flowDepth);
      } else if ((code === 93 || code === 125) && flowDepth > 0) {
        flowDepth--;
      }
    }
    index = lineEnd + 1;
  }
  return maxDepth;
}

/** What may stand before a single quote that opens a scalar: JavaScript's `\s`, `[`, `{`, `,` or `:`. */
function opensQuote(code: number): boolean {
  if (code === 91 || code === 123 || code === 44 || code === 58) return true;
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
