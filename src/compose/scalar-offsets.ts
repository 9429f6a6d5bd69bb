/**
 * Pure: maps a YAML scalar's value back to its source, so a reference found in the value gets the
 * line and column of its `$` in the file's own text, whatever the scalar style.
 */

/** YAML double-quoted escapes that decode to `$`. */
const ESCAPED_DOLLAR = /^\\(?:x24|u0024|U00000024)/;

/** What offset mapping needs of a scalar: its style and its source range. */
export interface ScalarShape {
  type: string | null | undefined;
  range: readonly [number, number, number] | null | undefined;
}

/**
 * Absolute source offsets of every `$` of the scalar's value, in order. Folding and quoting never
 * create or drop a `$`, except a double-quoted escape like `\x24`, which is decoded here.
 */
export function dollarSourceOffsets(node: ScalarShape, text: string): number[] {
  const range = node.range;
  if (range === undefined || range === null) return [];
  const [start, end] = range;
  const offsets: number[] = [];
  let from = start;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    // The header line (`|`, `>-`, maybe a comment) is not part of the value.
    const headerEnd = text.indexOf('\n', start);
    from = headerEnd === -1 ? end : headerEnd + 1;
  }
  if (node.type === 'QUOTE_DOUBLE') {
    for (let index = from; index < end; index++) {
      const char = text[index];
      if (char === '\\') {
        if (ESCAPED_DOLLAR.test(text.slice(index, index + 10))) offsets.push(index);
        index++;
      } else if (char === '$') {
        offsets.push(index);
      }
    }
    return offsets;
  }
  for (let index = text.indexOf('$', from); index !== -1 && index < end; index = text.indexOf('$', index + 1)) {
    offsets.push(index);
  }
  return offsets;
}

/** Maps value offsets of `$` signs to source offsets; falls back to the scalar start when unsure. */
export function createOffsetMapper(value: string, node: ScalarShape, text: string): (valueOffset: number) => number {
  const sourceOffsets = dollarSourceOffsets(node, text);
  const valueOffsets: number[] = [];
  for (let index = value.indexOf('$'); index !== -1; index = value.indexOf('$', index + 1)) valueOffsets.push(index);
  const fallback = node.range?.[0] ?? 0;
  if (sourceOffsets.length !== valueOffsets.length) return () => fallback;
  const byValueOffset = new Map<number, number>();
  for (const [index, offset] of valueOffsets.entries()) byValueOffset.set(offset, sourceOffsets[index] as number);
  return (valueOffset) => byValueOffset.get(valueOffset) ?? fallback;
}
