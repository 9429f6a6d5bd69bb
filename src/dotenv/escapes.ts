/**
 * Quoted values as compose-go reads them, keeping for every character of the result the offset
 * in the file it came from, so references inside quotes get exact positions.
 */

/** A string and, for each of its UTF-16 code units, the file offset it was read from. */
export interface MappedText {
  text: string;
  offsets: number[];
}

/** Maps a slice of the file that is read verbatim (an unquoted value). */
export function mapVerbatim(text: string, start: number): MappedText {
  return { text, offsets: Array.from({ length: text.length }, (_, index) => start + index) };
}

/**
 * Reads a quoted value from its opening quote at `open`, as compose-go's `extractQuotedValue`:
 * a backslash before the quote character drops and the quote is kept; any other backslash stays
 * with the character after it. Returns undefined when no closing quote follows.
 */
export function scanQuoted(source: string, open: number): { value: MappedText; close: number } | undefined {
  const quote = source[open];
  let text = '';
  const offsets: number[] = [];
  let isEscaped = false;
  for (let index = open + 1; index < source.length; index++) {
    const char = source[index] as string;
    if (isEscaped) {
      isEscaped = false;
      if (char !== quote) {
        text += '\\';
        offsets.push(index - 1);
      }
      text += char;
      offsets.push(index);
    } else if (char === '\\') {
      isEscaped = true;
    } else if (char === quote) {
      return { value: { text, offsets }, close: index };
    } else {
      text += char;
      offsets.push(index);
    }
  }
  return undefined;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '"': '"',
  '\\': '\\',
};

/**
 * compose-go's `expandEscapes` for double-quoted values: `\a \b \f \n \r \t \v \" \\` decode,
 * `\$` becomes `$$` (a literal `$` for the interpolation that follows), `\0` plus up to three
 * digits is an octal escape when Go's `UnquoteChar` accepts the three digits, and otherwise loses
 * its `0` (compose-go returns the rewritten match). `\c` and every other backslash stay as written.
 */
export function expandDoubleQuoteEscapes(input: MappedText): MappedText {
  const { text: source, offsets: from } = input;
  let text = '';
  const offsets: number[] = [];
  const push = (chars: string, offset: number): void => {
    text += chars;
    for (let count = 0; count < chars.length; count++) offsets.push(offset);
  };
  let index = 0;
  while (index < source.length) {
    const char = source[index] as string;
    const next = source[index + 1];
    if (char !== '\\' || next === undefined) {
      push(char, from[index] as number);
      index++;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      push(simple, from[index] as number);
      index += 2;
    } else if (next === '$') {
      push('$', from[index] as number);
      push('$', from[index + 1] as number);
      index += 2;
    } else if (next === 'c') {
      push('\\', from[index] as number);
      push('c', from[index + 1] as number);
      index += 2;
    } else if (next === '0') {
      let end = index + 2;
      while (end < index + 5 && end < source.length && /[0-9]/.test(source[end] as string)) end++;
      const digits = source.slice(index + 2, end);
      const code = digits.length === 3 && /^[0-7]{3}$/.test(digits) ? Number.parseInt(digits, 8) : 256;
      if (code <= 255) {
        push(String.fromCharCode(code), from[index] as number);
      } else {
        push('\\', from[index] as number);
        for (let digit = index + 2; digit < end; digit++) push(source[digit] as string, from[digit] as number);
      }
      index = end;
    } else {
      push('\\', from[index] as number);
      index++;
    }
  }
  return { text, offsets };
}
