/** Pure: compose file text → YAML Document with positions, and its YAML problems as findings. */

import type { Document } from 'yaml';
import { isMap, LineCounter, parseDocument } from 'yaml';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import type { AliasIndex } from './aliases.js';
import { indexAliases, isAliasBomb } from './aliases.js';
import { findDuplicateKeys } from './duplicate-keys.js';
import { estimateNestingDepth, MAX_YAML_DEPTH } from './nesting.js';

/** A parsed compose file: its text, the YAML document and a line counter for positions. */
export interface ComposeDocument {
  file: string;
  text: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** False when the file is unusable as a compose file (not a mapping, or no document at all). */
  isUsable: boolean;
  /** Where each alias points, when the file has any (see aliases.ts). */
  aliases?: AliasIndex;
}

/**
 * Alias expansions allowed when a caller converts part of a document with yaml's toJS. Whole
 * documents are judged by their expansion size instead (see aliases.ts), before anyone converts.
 */
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
    // Duplicate keys are found below in one pass; yaml's own check is quadratic in a mapping's size.
    uniqueKeys: false,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const findings: Finding[] = [];
  let hasResourceError = false;
  for (const error of document.errors) {
    const at = { file, ...positionAt(lineCounter, error.pos[0]) };
    const firstLine = error.message.split('\n')[0] ?? error.message;
    if (error.code === 'RESOURCE_EXHAUSTION') {
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
  for (const key of findDuplicateKeys(document)) {
    const at = { file, ...positionAt(lineCounter, key.range?.[0] ?? 0) };
    findings.push(
      makeFinding('yaml-duplicate-key', at, `duplicate key in a mapping: "${String(key.value)}" appears twice`, {
        hint: 'YAML keeps only one of them; remove or rename the other',
      }),
    );
  }
  let isUsable = document.errors.length === 0;
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
  const compose: ComposeDocument = { file, text, document, lineCounter, isUsable };
  if (isUsable && text.includes('*')) {
    // Compose expands aliases even where lucid-env does not (scan, render): a billion-laughs file is
    // refused everywhere, judged by the size its expansion would reach.
    const aliases = indexAliases(document);
    if (isAliasBomb(aliases)) {
      const size = Number.isFinite(aliases.expandedNodes)
        ? `about ${aliases.expandedNodes.toExponential(1)} nodes`
        : 'an alias inside its own anchor, without end';
      findings.push(
        makeFinding(
          'yaml-syntax',
          { file, line: 1, column: 1 },
          `too many alias expansions (${size} from ${aliases.writtenNodes} written): refused as a resource-exhaustion ("billion laughs") attack`,
          { hint: 'Compose would expand every alias; write the repeated parts out or use fewer nested aliases' },
        ),
      );
      compose.isUsable = false;
    } else {
      compose.aliases = aliases;
    }
  }
  return { compose, findings };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Resolves the document to plain data (merge keys applied, aliases expanded). Alias bombs were
 * refused by parseComposeText on the size of their expansion, so yaml's alias count is not applied
 * again here (it would refuse 5,000 services merging one anchor). Returns a finding instead of data
 * when the YAML cannot be resolved (a bad merge).
 */
export function resolveCompose(compose: ComposeDocument): { data: Record<string, unknown> | undefined; finding: Finding | undefined } {
  if (!compose.isUsable) return { data: undefined, finding: undefined };
  try {
    const data = compose.document.toJS({ maxAliasCount: -1 }) as unknown;
    return { data: isRecord(data) ? data : {}, finding: undefined };
  } catch (error) {
    const reason = `the YAML cannot be resolved: ${error instanceof Error ? lowerFirst(error.message) : String(error)}`;
    return { data: undefined, finding: makeFinding('yaml-syntax', { file: compose.file, line: 1, column: 1 }, reason) };
  }
}

/** True for a plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
