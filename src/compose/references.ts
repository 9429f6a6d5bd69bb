/**
 * Pure: walks a compose Document's scalars (every style, anchors once, aliases skipped) and finds
 * every variable reference with file:line:column and YAML path, plus the syntax findings.
 */

import type { Node, Scalar } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import type { ComposeDocument } from './document.js';
import { positionAt } from './document.js';
import type { Operator, ParsedReference, ParsedTemplate } from './interpolation.js';
import { parseTemplate } from './interpolation.js';
import { createOffsetMapper } from './scalar-offsets.js';
import { isMergeKey } from './services.js';
import { listedArgument, listReferences } from './substitution.js';

/** One step of a YAML path: a mapping key or a sequence index. */
export type PathSegment = string | number;

/** A string scalar that Compose interpolates, with its parsed template. */
export interface ScalarSite {
  file: string;
  node: Scalar;
  value: string;
  path: PathSegment[];
  template: ParsedTemplate;
  /** Maps a value offset of a `$` to its source offset. */
  sourceOffset: (valueOffset: number) => number;
}

/** A reference found in a compose file (SPEC section 6 fields plus what checks need). */
export interface ComposeReference {
  name: string;
  operator: Operator | 'passthrough';
  /** Default, message or replacement as Compose lists it; null for '' and passthrough. */
  argument: string | null;
  file: string;
  line: number;
  column: number;
  path: PathSegment[];
  text: string;
  /** True when the reference sits inside another reference's argument. */
  isNested: boolean;
  /** Written `${...}` rather than `$NAME` (absent for passthrough entries). */
  braced?: boolean;
}

/** What walking one compose document found. */
export interface ComposeScan {
  sites: ScalarSite[];
  references: ComposeReference[];
  findings: Finding[];
}

/** Formats a YAML path: `services.api.environment.DB_URL`, `services.api.ports[0]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  return text;
}

/** Walks every scalar of a parsed compose document. */
export function scanComposeDocument(compose: ComposeDocument): ComposeScan {
  const result: ComposeScan = { sites: [], references: [], findings: [] };
  if (!compose.isUsable || compose.document.contents === null) return result;
  const pending: { node: Node; path: PathSegment[] }[] = [{ node: compose.document.contents as Node, path: [] }];
  while (pending.length > 0) {
    const { node, path } = pending.pop() as { node: Node; path: PathSegment[] };
    if (isAlias(node)) continue; // the anchored node is reported once, where it is written
    if (isScalar(node)) {
      if (typeof node.value === 'string') visitScalar(compose, node, node.value, path, result);
      continue;
    }
    if (isSeq(node)) {
      node.items.forEach((item, index) => {
        if (isPassthroughItem(path, item)) addPassthrough(compose, item as Scalar, [...path, index], result);
        else if (item !== null) pending.push({ node: item as Node, path: [...path, index] });
      });
      continue;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        const value = pair.value as Node | null;
        // yaml turns a merge key into a symbol; its mapping's keys belong to this mapping's path.
        if (isMergeKey(pair.key)) {
          if (value !== null) pending.push({ node: value, path });
        } else if (isEnvironmentPath(path) && (value === null || (isScalar(value) && value.value === null))) {
          if (isScalar(pair.key)) addPassthrough(compose, pair.key, [...path, key], result);
        } else if (value !== null) {
          pending.push({ node: value, path: [...path, key] });
        }
      }
    }
  }
  result.references.sort((a, b) => a.line - b.line || a.column - b.column);
  result.sites.sort((a, b) => (a.node.range?.[0] ?? 0) - (b.node.range?.[0] ?? 0));
  return result;
}

function isEnvironmentPath(path: readonly PathSegment[]): boolean {
  return path.length === 3 && path[0] === 'services' && path[2] === 'environment';
}

function isPassthroughItem(path: readonly PathSegment[], item: unknown): boolean {
  return isEnvironmentPath(path) && isScalar(item) && typeof item.value === 'string' && !item.value.includes('=') && /^\s*[^\s$]+\s*$/.test(item.value);
}

function addPassthrough(compose: ComposeDocument, node: Scalar, path: PathSegment[], result: ComposeScan): void {
  const name = String(node.value).trim();
  const position = positionAt(compose.lineCounter, node.range?.[0] ?? 0);
  result.references.push({ name, operator: 'passthrough', argument: null, file: compose.file, ...position, path, text: name, isNested: false });
}

function visitScalar(compose: ComposeDocument, node: Scalar, value: string, path: PathSegment[], result: ComposeScan): void {
  if (!value.includes('$')) return;
  const scalar = { range: node.range, type: node.type, value };
  const { template, sourceOffset } = collectScalarReferences(compose, scalar, path, result.references, result.findings);
  result.sites.push({ file: compose.file, node, value, path, template, sourceOffset });
}

/** A scalar as both scanners see it: its decoded value, its style and its source range. */
export interface ScalarSource {
  value: string;
  type: string | null | undefined;
  range: readonly [number, number, number] | null | undefined;
}

/** Parses one scalar's value and adds its references and invalid-syntax findings. */
export function collectScalarReferences(
  source: { file: string; text: string; lineCounter: ComposeDocument['lineCounter'] },
  scalar: ScalarSource,
  path: PathSegment[],
  references: ComposeReference[],
  findings: Finding[],
): { template: ParsedTemplate; sourceOffset: (valueOffset: number) => number } {
  const { value } = scalar;
  const template = parseTemplate(value);
  const sourceOffset = createOffsetMapper(value, scalar, source.text);
  for (const invalid of template.invalid) {
    const position = positionAt(source.lineCounter, sourceOffset(invalid.start));
    findings.push(
      makeFinding('invalid-interpolation', { file: source.file, ...position }, `invalid interpolation at ${formatPath(path)}: ${invalid.reason}`, {
        hint: 'Compose refuses the file; write $$ for a literal $',
      }),
    );
  }
  const nested = new Set<ParsedReference>();
  for (const reference of listReferences(template.parts)) {
    for (const part of reference.argumentParts) if (part.kind === 'reference') nested.add(part.reference);
    const position = positionAt(source.lineCounter, sourceOffset(reference.start));
    references.push({
      name: reference.name,
      operator: reference.operator,
      argument: listedArgument(reference),
      file: source.file,
      ...position,
      path,
      text: referenceSourceText(value, reference),
      isNested: nested.has(reference),
      braced: reference.braced,
    });
  }
  return { template, sourceOffset };
}

function referenceSourceText(value: string, reference: ParsedReference): string {
  if (!reference.braced || reference.writtenArgument === undefined) return value.slice(reference.start, reference.end);
  return `\${${reference.name}${reference.operator}${reference.writtenArgument}}`;
}
