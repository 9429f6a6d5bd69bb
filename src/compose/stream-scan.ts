/**
 * Pure: the references of a compose file read from yaml's concrete syntax tree, without composing
 * a Document. A 10 MB file then costs about half the memory and time; `scan` uses it for large
 * files. It finds exactly what scanComposeDocument finds (a test holds both to that), but checks
 * YAML less deeply: syntax errors, duplicate keys and the top-level shape, not every rule of the
 * YAML composer, which `check` and `render` still apply.
 */
import { CST, LineCounter, Parser } from 'yaml';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { positionAt } from './document.js';
import { estimateNestingDepth, MAX_YAML_DEPTH } from './nesting.js';
import type { ComposeReference, PathSegment } from './references.js';
import { collectScalarReferences } from './references.js';

type Token = CST.Token;
type Item = CST.CollectionItem;
const NULL_SOURCES = new Set(['', '~', 'null', 'Null', 'NULL']);
const SCALAR_TYPES: Record<string, string> = { scalar: 'PLAIN', 'single-quoted-scalar': 'QUOTE_SINGLE', 'double-quoted-scalar': 'QUOTE_DOUBLE' };

interface Walk {
  file: string;
  text: string;
  lineCounter: LineCounter;
  references: ComposeReference[];
  findings: Finding[];
}

function isEnvironmentPath(path: readonly PathSegment[]): boolean {
  return path.length === 3 && path[0] === 'services' && path[2] === 'environment';
}

function isNullToken(token: Token | undefined | null): boolean {
  return token === undefined || token === null || (token.type === 'scalar' && NULL_SOURCES.has(token.source));
}

function keyOf(token: Token | null | undefined): string {
  if (token === null || token === undefined || !(token.type in SCALAR_TYPES)) return '?';
  return CST.resolveAsScalar(token)?.value ?? '?';
}

function addPassthrough(walk: Walk, token: Token, name: string, path: PathSegment[]): void {
  const position = positionAt(walk.lineCounter, token.offset);
  walk.references.push({ name: name.trim(), operator: 'passthrough', argument: null, file: walk.file, ...position, path, text: name.trim(), isNested: false });
}

function visitScalar(walk: Walk, token: Token, path: PathSegment[]): void {
  if (!('source' in token) || !token.source.includes('$')) return;
  const resolved = CST.resolveAsScalar(token as CST.FlowScalar | CST.BlockScalar);
  if (resolved === null) return;
  const type = token.type === 'block-scalar' ? resolved.type : SCALAR_TYPES[token.type];
  const scalar = { range: resolved.range, type, value: resolved.value };
  collectScalarReferences({ file: walk.file, text: walk.text, lineCounter: walk.lineCounter }, scalar, path, walk.references, walk.findings);
}

function visitMapItems(walk: Walk, items: readonly Item[], path: PathSegment[], pending: [Token, PathSegment[]][]): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (item.key === undefined && item.sep === undefined) {
      if (item.value !== undefined) pending.push([item.value, path]);
      continue;
    }
    const key = keyOf(item.key);
    if (key !== '?' && key !== '<<' && seen.has(key)) {
      const at = { file: walk.file, ...positionAt(walk.lineCounter, item.key?.offset ?? 0) };
      walk.findings.push(
        makeFinding('yaml-duplicate-key', at, `duplicate key in a mapping: "${key}" appears twice`, {
          hint: 'YAML keeps only one of them; remove or rename the other',
        }),
      );
    }
    seen.add(key);
    if (key === '<<') {
      if (item.value !== undefined) pending.push([item.value, path]);
    } else if (isEnvironmentPath(path) && isNullToken(item.value) && item.key !== null && item.key !== undefined) {
      addPassthrough(walk, item.key, key, [...path, key]);
    } else if (item.value !== undefined) {
      pending.push([item.value, [...path, key]]);
    }
  }
}

function visitSeqItems(walk: Walk, items: readonly Item[], path: PathSegment[], pending: [Token, PathSegment[]][]): void {
  items.forEach((item, index) => {
    if (item.key !== undefined || item.sep !== undefined) {
      // `[a: b]`: a one-pair mapping inside a flow sequence.
      visitMapItems(walk, [item], [...path, index], pending);
      return;
    }
    const value = item.value;
    if (value === undefined) return;
    const raw = value.type === 'scalar' ? CST.resolveAsScalar(value)?.value : undefined;
    if (isEnvironmentPath(path) && raw !== undefined && !raw.includes('=') && /^\s*[^\s$]+\s*$/.test(raw)) addPassthrough(walk, value, raw, [...path, index]);
    else pending.push([value, [...path, index]]);
  });
}

/** Scans compose text through the CST; returns references and findings like the document scan. */
export function scanComposeStream(text: string, file: string): { references: ComposeReference[]; findings: Finding[] } {
  const lineCounter = new LineCounter();
  const walk: Walk = { file, text, lineCounter, references: [], findings: [] };
  const depth = estimateNestingDepth(text);
  if (depth > MAX_YAML_DEPTH) {
    walk.findings.push(
      makeFinding('yaml-syntax', { file, line: 1, column: 1 }, `the YAML nests about ${depth} levels deep; lucid-env reads at most ${MAX_YAML_DEPTH}`),
    );
    return walk;
  }
  const documents = [...new Parser(lineCounter.addNewLine).parse(text)].filter((token) => token.type === 'document' || token.type === 'error');
  const pending: [Token, PathSegment[]][] = [];
  for (const token of documents) {
    if (token.type === 'error')
      walk.findings.push(makeFinding('yaml-syntax', { file, ...positionAt(lineCounter, token.offset) }, `invalid YAML: ${token.message}`));
  }
  const document = documents.find((token): token is CST.Document => token.type === 'document');
  if (documents.filter((token) => token.type === 'document').length > 1) {
    walk.findings.push(makeFinding('yaml-syntax', { file, line: 1, column: 1 }, 'invalid YAML: the file holds more than one document'));
  }
  const root = document?.value;
  if (root === undefined || isNullToken(root)) {
    walk.findings.push(
      makeFinding('yaml-syntax', { file, line: 1, column: 1 }, text.trim() === '' ? 'the compose file is empty' : 'the compose file holds no YAML document'),
    );
    return walk;
  }
  if (root.type !== 'block-map' && !(root.type === 'flow-collection' && root.start.source === '{')) {
    walk.findings.push(
      makeFinding(
        'yaml-syntax',
        { file, ...positionAt(lineCounter, root.offset) },
        'the top level of a compose file must be a mapping (services:, volumes:, …)',
      ),
    );
    return walk;
  }
  pending.push([root, []]);
  while (pending.length > 0) {
    const [token, path] = pending.pop() as [Token, PathSegment[]];
    if (token.type === 'flow-collection' && !token.end.some((end) => end.type === 'flow-map-end' || end.type === 'flow-seq-end')) {
      const closer = token.start.source === '{' ? '}' : ']';
      walk.findings.push(
        makeFinding('yaml-syntax', { file, ...positionAt(lineCounter, token.offset) }, `invalid YAML: this flow collection has no closing "${closer}"`),
      );
    }
    if (token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{')) visitMapItems(walk, token.items, path, pending);
    else if (token.type === 'block-seq' || token.type === 'flow-collection') visitSeqItems(walk, token.items, path, pending);
    else if (token.type === 'error')
      walk.findings.push(makeFinding('yaml-syntax', { file, ...positionAt(lineCounter, token.offset) }, `invalid YAML: ${token.message}`));
    else if (token.type !== 'alias') visitScalar(walk, token, path);
  }
  walk.references.sort((a, b) => a.line - b.line || a.column - b.column);
  return walk;
}
