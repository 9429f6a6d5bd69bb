/**
 * Pure: compose text with some scalars given new values, through yaml's concrete syntax tree. Every
 * token that is not edited (comments, spacing, quotes, flow lists like `["ALL"]`) is written back as
 * it was read, byte for byte; an edited scalar keeps its style when the new value fits in it.
 */
import type { CST as CstTypes } from 'yaml';
import { CST, Parser, parse } from 'yaml';

/** What to change, by source offset (the offset of a node in yaml's Document is the same). */
export interface TextEdits {
  /** Offset of a scalar → its new value. */
  scalars: ReadonlyMap<number, string>;
  /** Offset of a key written with no value (`NAME:`) → the value it gets. */
  emptyValues: ReadonlyMap<number, string>;
  /** Rewrites the text of every comment (render masks secrets written in comments). */
  comment?: (text: string) => string;
}

/** Applies the edits; text outside the edited scalars stays byte-identical. */
export function editComposeText(text: string, edits: TextEdits): string {
  const tokens = [...new Parser().parse(text)];
  for (const token of tokens) {
    if (token.type !== 'document') continue;
    CST.visit(token, (item, path) => {
      const inFlow = path.length > 0 && CST.visit.parentCollection(token, path).type === 'flow-collection';
      const { key, value } = item;
      if (CST.isScalar(key) && edits.scalars.has(key.offset)) {
        CST.setScalarValue(key, edits.scalars.get(key.offset) as string, { implicitKey: true, inFlow });
      }
      if (CST.isScalar(value) && edits.scalars.has(value.offset)) {
        const text = edits.scalars.get(value.offset) as string;
        // A plain `${PORT}` may become `8080`, but never `` (null) or `true`: Compose would read another type.
        const type = value.type === 'scalar' && !readsAsString(text) ? 'QUOTE_DOUBLE' : undefined;
        // afterKey: a block scalar's lines are indented under their key or `-`, not level with it.
        CST.setScalarValue(value, text, { afterKey: true, inFlow, ...(type === undefined ? {} : { type }) });
      } else if (value === undefined && CST.isScalar(item.key) && edits.emptyValues.has(item.key.offset)) {
        giveValue(item, item.key, edits.emptyValues.get(item.key.offset) as string, inFlow);
      }
    });
  }
  if (edits.comment !== undefined) for (const token of tokens) rewriteComments(token, edits.comment);
  return tokens.map((token) => CST.stringify(token)).join('');
}

/** Applies `rewrite` to every comment token under `token` (they sit in start, sep and end lists of any token). */
function rewriteComments(token: unknown, rewrite: (text: string) => string): void {
  if (Array.isArray(token)) {
    for (const item of token) rewriteComments(item, rewrite);
    return;
  }
  if (typeof token !== 'object' || token === null) return;
  const record = token as Record<string, unknown>;
  if (record['type'] === 'comment' && typeof record['source'] === 'string') {
    record['source'] = rewrite(record['source']);
    return;
  }
  for (const field of ['start', 'sep', 'end', 'props', 'items', 'key', 'value']) rewriteComments(record[field], rewrite);
}

/** Whether a plain scalar of this text reads back as this string (not null, a boolean or nothing). */
function readsAsString(text: string): boolean {
  if (text === '' || /^\s|\s$/.test(text)) return false;
  try {
    return parse(text) === text;
  } catch {
    return false;
  }
}

/** `NAME:` becomes `NAME: value`; what followed the colon (a comment, the line end) follows the value. */
function giveValue(item: CstTypes.CollectionItem, key: CstTypes.FlowScalar | CstTypes.BlockScalar, value: string, inFlow: boolean): void {
  const separator = item.sep ?? [];
  const colon = separator.findIndex((token) => token.type === 'map-value-ind');
  if (colon === -1) return;
  const space = (source: string): CstTypes.SourceToken => ({ type: 'space', offset: key.offset, indent: key.indent, source });
  let after = separator.slice(colon + 1);
  while (after[0]?.type === 'space') after = after.slice(1);
  if (after[0]?.type === 'comment') after = [space(' '), ...after];
  item.sep = [...separator.slice(0, colon + 1), space(' ')];
  item.value = CST.createScalarToken(value, { indent: key.indent + 2, inFlow, end: after });
}
