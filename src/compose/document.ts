/** Pure: compose file text → YAML Document with positions, and its YAML problems as findings. */

import type { Document } from 'yaml';
import { isMap, LineCounter, parseDocument } from 'yaml';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { estimateNestingDepth, MAX_YAML_DEPTH } from './nesting.js';

/** A parsed compose file: its text, the YAML document and a line counter for positions. */
export interface ComposeDocument {
  file: string;
  text: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** False when the file is unusable as a compose file (not a mapping, or no document at all). */
  isUsable: boolean;
  /** The resolved data, kept when the alias check already computed it (resolving twice costs). */
  resolved?: Record<string, unknown>;
}

/** Alias expansions allowed when resolving (billion-laughs protection; the yaml default). */
export const MAX_ALIAS_COUNT = 100;

/** Turns an offset into a 1-based line and column (UTF-16 code units). */
export function positionAt(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Parses compose text; YAML errors become `yaml-syntax` / `yaml-duplicate-key` findings. */
export function parseComposeText(text: string, file: string): { compose: ComposeDocument; findings: Finding[] } {
  const lineCounter = new LineCounter();
  const depth = estimateNestingDepth(text);
  if (depth > MAX_YAML_DEPTH) {
    const finding = makeFinding(
      'yaml-syntax',
      { file, line: 1, column: 1 },
      `the YAML nests about ${depth} levels deep; lucid-env reads at most ${MAX_YAML_DEPTH}`,
      { hint: 'flatten the structure; Compose files never need this depth' },
    );
    return { compose: { file, text, document: parseDocument('', { lineCounter }), lineCounter, isUsable: false }, findings: [finding] };
  }
  const document = parseDocument(text, {
    lineCounter,
    merge: true,
    uniqueKeys: true,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const findings: Finding[] = [];
  let hasResourceError = false;
  for (const error of document.errors) {
    const at = { file, ...positionAt(lineCounter, error.pos[0]) };
    const firstLine = error.message.split('\n')[0] ?? error.message;
    if (error.code === 'DUPLICATE_KEY') {
      findings.push(
        makeFinding('yaml-duplicate-key', at, `duplicate key in a mapping: ${describeKeyAt(text, error.pos[0])}`, {
          hint: 'YAML keeps only one of them; remove or rename the other',
        }),
      );
    } else if (error.code === 'RESOURCE_EXHAUSTION') {
      // The parser reports every level it gave up on; one finding says it all.
      if (hasResourceError) continue;
      hasResourceError = true;
      findings.push(
        makeFinding('yaml-syntax', at, 'the YAML is nested too deeply to read', { hint: 'flatten the structure; Compose files never need this depth' }),
      );
    } else {
      findings.push(makeFinding('yaml-syntax', at, `invalid YAML: ${lowerFirst(firstLine.replace(/ at line \d+, column \d+:?$/, ''))}`));
    }
  }
  let isUsable = document.errors.every((error) => error.code === 'DUPLICATE_KEY');
  if (isUsable && text.trim() === '') {
    findings.push(
      makeFinding('yaml-syntax', { file, line: 1, column: 1 }, 'the compose file is empty', { hint: 'a compose file needs at least a `services:` mapping' }),
    );
    isUsable = false;
  } else if (isUsable && document.contents !== null && !isMap(document.contents)) {
    const at = { file, ...positionAt(lineCounter, document.contents.range?.[0] ?? 0) };
    findings.push(makeFinding('yaml-syntax', at, 'the top level of a compose file must be a mapping (services:, volumes:, …)'));
    isUsable = false;
  } else if (isUsable && document.contents === null) {
    findings.push(makeFinding('yaml-syntax', { file, line: 1, column: 1 }, 'the compose file holds no YAML document'));
    isUsable = false;
  }
  if (isUsable && text.includes('*')) {
    // Aliases are not expanded by scan or render, but Compose expands them: a billion-laughs file
    // is refused everywhere, not only where lucid-env happens to resolve the data.
    const compose: ComposeDocument = { file, text, document, lineCounter, isUsable };
    const { data, finding } = resolveCompose(compose);
    if (finding !== undefined && /billion laughs/.test(finding.message)) {
      findings.push(finding);
      compose.isUsable = false;
    } else if (data !== undefined) {
      compose.resolved = data;
    }
    return { compose, findings };
  }
  return { compose: { file, text, document, lineCounter, isUsable }, findings };
}

function describeKeyAt(text: string, offset: number): string {
  const match = /^[^:\n]{1,80}/.exec(text.slice(offset));
  const key = match?.[0].trim().replace(/^["']|["']$/g, '');
  return key === undefined || key === '' ? 'a key appears twice' : `"${key}" appears twice`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Resolves the document to plain data (merge keys applied, aliases expanded within the limit).
 * Returns a finding instead of data when the YAML cannot be resolved (alias bomb, bad merge).
 */
export function resolveCompose(compose: ComposeDocument): { data: Record<string, unknown> | undefined; finding: Finding | undefined } {
  if (!compose.isUsable) return { data: undefined, finding: undefined };
  if (compose.resolved !== undefined) return { data: compose.resolved, finding: undefined };
  try {
    const data = compose.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
    return { data: isRecord(data) ? data : {}, finding: undefined };
  } catch (error) {
    const reason =
      error instanceof ReferenceError
        ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}): refused as a resource-exhaustion ("billion laughs") attack`
        : `the YAML cannot be resolved: ${error instanceof Error ? lowerFirst(error.message) : String(error)}`;
    return { data: undefined, finding: makeFinding('yaml-syntax', { file: compose.file, line: 1, column: 1 }, reason) };
  }
}

/** True for a plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
