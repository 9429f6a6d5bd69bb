/** Turns offsets in a file's text into 1-based line and column (UTF-16 code units). */

/** 1-based line and column of one offset. */
export interface LineColumn {
  line: number;
  column: number;
}

/** Maps an offset of the text to its line and column. */
export type PositionOf = (offset: number) => LineColumn;

/**
 * Indexes the line feeds of a text once. Lines end at `\n` only, as compose-go counts them; a
 * leading BOM takes no column, since editors do not show it.
 */
export function indexPositions(text: string): PositionOf {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const bomWidth = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    const lineStart = lineStarts[low] as number;
    const skip = low === 0 ? Math.min(bomWidth, offset) : 0;
    return { line: low + 1, column: offset - lineStart - skip + 1 };
  };
}
