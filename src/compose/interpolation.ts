/**
 * Compose v2 interpolation, pure: a string becomes literal parts and references, as compose-go's
 * template package reads it. Substitution lives in substitution.ts.
 * https://docs.docker.com/reference/compose-file/interpolation/
 *
 * Parsing and substitution are iterative, so any nesting depth works without growing the stack.
 */

/** The operator between a name and its argument; '' for `$NAME` and `${NAME}`. */
export type Operator = '' | '-' | ':-' | '?' | ':?' | '+' | ':+';

/** One `$NAME` or `${NAME...}` occurrence, with offsets into the parsed string. */
export interface ParsedReference {
  name: string;
  operator: Operator;
  /** Raw text of the default, message or replacement as substitution reads it; null for ''. */
  argument: string | null;
  /**
   * The argument as written, when that differs from `argument`: a `{` inside a reference opens a
   * level of its own, so `${A:-{x}}` (which substitutes `{x` then a literal `}`) is listed with
   * the default `{x}`, what the author meant, as compose-go's variable extractor lists it.
   */
  writtenArgument?: string;
  /** The argument parsed in turn (nested references); empty for operator ''. */
  argumentParts: TemplatePart[];
  /** Offset of the `$` in the string given to parseTemplate (plus its base). */
  start: number;
  /** Offset just past the closing `}` (or the name). */
  end: number;
  braced: boolean;
}

/** A piece of a parsed string. */
export type TemplatePart = { kind: 'literal'; text: string } | { kind: 'reference'; reference: ParsedReference };

/** Malformed syntax: Compose refuses the whole string. */
export interface InvalidSyntax {
  /** Offset of the `$` that starts the malformed expression (plus the base). */
  start: number;
  reason: string;
}

/** A parsed string: its parts and every malformed expression (parsing never throws). */
export interface ParsedTemplate {
  parts: TemplatePart[];
  invalid: InvalidSyntax[];
}

const OPERATORS: readonly Operator[] = [':-', ':?', ':+', '-', '?', '+'];
const DOLLAR = 36;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

function scanName(text: string, from: number, limit: number): number {
  let index = from;
  if (index < limit && isNameStart(text.charCodeAt(index))) {
    index++;
    while (index < limit && isNameChar(text.charCodeAt(index))) index++;
  }
  return index;
}

/** Where each `${` closes: for substitution, and in the extractor's view of what was written. */
interface BraceMatch {
  closeOf: Map<number, number>;
  writtenCloseOf: Map<number, number>;
}

/**
 * Pairs every `${` with the `}` that closes it, counting as compose-go's substitution does: only
 * `${` opens a level, so `${A:-{x}}` closes at the first `}`. The same pass also pairs them in the
 * extractor's view, where a `{` inside a reference opens a level too, so the listed default of
 * `${A:-{x}}` is `{x}`, what the author wrote. When that view leaves a reference unclosed it is
 * dropped for the whole string, so both views always agree on which references there are.
 * One pass keeps deep nesting linear.
 */
function matchBraces(text: string): BraceMatch {
  const closeOf = new Map<number, number>();
  const writtenCloseOf = new Map<number, number>();
  const open: number[] = [];
  // The extractor's levels: the offset of a `${`, or -1 for a plain `{` inside a reference.
  const written: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === CLOSE_BRACE) {
      const start = open.pop();
      if (start !== undefined) closeOf.set(start, index);
      const writtenStart = written.pop();
      if (writtenStart !== undefined && writtenStart >= 0) writtenCloseOf.set(writtenStart, index);
    } else if (char === DOLLAR && text.charCodeAt(index + 1) === OPEN_BRACE) {
      open.push(index);
      written.push(index);
      index++;
    } else if (char === OPEN_BRACE && written.length > 0) {
      written.push(-1);
    }
  }
  for (const start of closeOf.keys()) if (!writtenCloseOf.has(start)) return { closeOf, writtenCloseOf: closeOf };
  return { closeOf, writtenCloseOf };
}

function matchOperator(text: string, at: number): Operator | undefined {
  return OPERATORS.find((operator) => text.startsWith(operator, at));
}

interface ParseFrame {
  /** Offset in text where this frame's range ends (the argument's closing brace). */
  end: number;
  parts: TemplatePart[];
  literal: string;
  /** Where the parent goes on once this frame is done. */
  resumeAt: number;
}

/** Parses a string into literal parts and references; offsets are relative to `text` plus `base`. */
export function parseTemplate(text: string, base = 0): ParsedTemplate {
  const braces: BraceMatch = text.includes('${') ? matchBraces(text) : { closeOf: new Map(), writtenCloseOf: new Map() };
  const invalid: InvalidSyntax[] = [];
  const root: ParseFrame = { end: text.length, parts: [], literal: '', resumeAt: text.length };
  const stack: ParseFrame[] = [root];
  let index = 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as ParseFrame;
    const dollar = text.indexOf('$', index);
    if (dollar === -1 || dollar >= frame.end) {
      frame.literal += text.slice(index, frame.end);
      flushLiteral(frame);
      stack.pop();
      index = frame.resumeAt;
      continue;
    }
    frame.literal += text.slice(index, dollar);
    const hasNext = dollar + 1 < frame.end;
    const next = hasNext ? text.charCodeAt(dollar + 1) : -1;
    if (next === DOLLAR) {
      frame.literal += '$';
      index = dollar + 2;
    } else if (hasNext && isNameStart(next)) {
      const end = scanName(text, dollar + 1, frame.end);
      pushReference(frame, {
        name: text.slice(dollar + 1, end),
        operator: '',
        argument: null,
        argumentParts: [],
        start: base + dollar,
        end: base + end,
        braced: false,
      });
      index = end;
    } else if (next === OPEN_BRACE) {
      const braced = readBraced(text, dollar, base, frame, braces);
      if ('reason' in braced) {
        invalid.push({ start: base + dollar, reason: braced.reason });
        // compose-go's pattern resumes right after the `${` it could not read.
        frame.literal += '${';
        index = dollar + 2;
        continue;
      }
      pushReference(frame, braced.reference);
      const afterClose = braced.reference.end - base;
      if (braced.argumentStart === undefined) {
        index = afterClose;
      } else {
        stack.push({ end: afterClose - 1, parts: braced.reference.argumentParts, literal: '', resumeAt: afterClose });
        index = braced.argumentStart;
      }
    } else {
      // A `$` that starts no name and no `{` stays literal in Compose v2.
      frame.literal += '$';
      index = dollar + 1;
    }
  }
  return { parts: root.parts, invalid };
}

function flushLiteral(frame: ParseFrame): void {
  if (frame.literal !== '') frame.parts.push({ kind: 'literal', text: frame.literal });
  frame.literal = '';
}

function pushReference(frame: ParseFrame, reference: ParsedReference): void {
  flushLiteral(frame);
  frame.parts.push({ kind: 'reference', reference });
}

type BracedResult = { reference: ParsedReference; argumentStart: number | undefined } | { reason: string };

function readBraced(text: string, dollar: number, base: number, frame: ParseFrame, braces: BraceMatch): BracedResult {
  const nameStart = dollar + 2;
  const nameEnd = scanName(text, nameStart, frame.end);
  if (nameEnd === nameStart) {
    if (nameStart >= frame.end) return { reason: 'unterminated "${"' };
    return { reason: `"\${" must be followed by a variable name (a letter or "_" first), found "${text[nameStart]}"` };
  }
  const name = text.slice(nameStart, nameEnd);
  const close = braces.closeOf.get(dollar);
  if (close === undefined) {
    return { reason: `unterminated "\${${name}": no closing "}"` };
  }
  const reference: ParsedReference = { name, operator: '', argument: null, argumentParts: [], start: base + dollar, end: base + close + 1, braced: true };
  if (nameEnd === close) return { reference, argumentStart: undefined };
  const operator = matchOperator(text, nameEnd);
  if (operator === undefined) {
    return { reason: `unexpected "${text[nameEnd]}" after "\${${name}"; expected "}" or one of :- - :? ? :+ +` };
  }
  const argumentStart = nameEnd + operator.length;
  if (argumentStart > close) return { reason: `unexpected "${text[nameEnd]}" after "\${${name}"` };
  const writtenEnd = braces.writtenCloseOf.get(dollar) ?? close;
  reference.operator = operator;
  reference.argument = text.slice(argumentStart, close);
  if (writtenEnd !== close) reference.writtenArgument = text.slice(argumentStart, writtenEnd);
  return { reference, argumentStart };
}
