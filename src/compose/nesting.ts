/**
 * Pure: a quick upper estimate of how deeply YAML text nests, read before the parser runs. The
 * yaml parser recurses per level; near the stack limit V8 can abort the whole process (a fatal
 * regexp-compiler error, not a catchable exception), so absurd depths are refused up front.
 */

/** Compose files nest about six levels; anything past this is refused as hostile or broken. */
export const MAX_YAML_DEPTH = 256;

/** The deeper of flow nesting (`[`, `{`) and block nesting (indent levels plus `- ` markers). */
export function estimateNestingDepth(text: string): number {
  let maxDepth = 0;
  let flowDepth = 0;
  const indents: number[] = [];
  let index = 0;
  while (index < text.length) {
    const lineEnd = text.indexOf('\n', index) === -1 ? text.length : text.indexOf('\n', index);
    let column = index;
    while (column < lineEnd && (text[column] === ' ' || text[column] === '\t')) column++;
    if (column < lineEnd && text[column] !== '#' && flowDepth === 0) {
      const indent = column - index;
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
      let dashes = 0;
      while (text[column] === '-' && (text[column + 1] === ' ' || column + 1 === lineEnd)) {
        dashes++;
        column += 2;
        while (column < lineEnd && text[column] === ' ') column++;
      }
      maxDepth = Math.max(maxDepth, indents.length + dashes);
    }
    let quote = '';
    for (let at = column; at < lineEnd; at++) {
      const char = text[at];
      if (quote !== '') {
        if (char === quote) quote = '';
      } else if (char === '"' || (char === "'" && (at === 0 || /[\s[{,:]/.test(text[at - 1] as string)))) {
        quote = char;
      } else if (char === '#' && (at === 0 || text[at - 1] === ' ')) {
        break;
      } else if (char === '[' || char === '{') {
        flowDepth++;
        maxDepth = Math.max(maxDepth, indents.length + flowDepth);
      } else if ((char === ']' || char === '}') && flowDepth > 0) {
        flowDepth--;
      }
    }
    index = lineEnd + 1;
  }
  return maxDepth;
}
