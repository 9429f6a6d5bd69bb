/**
 * Pure: where each YAML alias points, and how large the document would be with every alias
 * expanded. Alias bombs ("billion laughs") are judged by that size, not by counting aliases: a
 * compose file whose 5,000 services each merge the same small anchor is fine, nine levels of nine
 * aliases each are not. One pass over the written nodes; an alias costs one map lookup.
 */
import type { Alias, Document, Node } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';

/** Expansions up to this many nodes are always accepted (a large compose file is about a million). */
export const MIN_EXPANSION_BUDGET = 1_000_000;
/** Beyond that floor, a document may expand to this many times the nodes it writes. */
export const EXPANSION_FACTOR = 10;

/** The anchors aliases resolve to, and the written and expanded sizes in nodes. */
export interface AliasIndex {
  /** The node an alias stands for (the last anchor of its name written before it), if any. */
  targets: Map<Alias, Node>;
  /** Nodes as written (an alias counts one). */
  writtenNodes: number;
  /** Nodes once every alias is replaced by its anchor's content; Infinity for an alias inside its own anchor. */
  expandedNodes: number;
}

interface Walk {
  anchors: Map<string, Node>;
  targets: Map<Alias, Node>;
  /** Expanded size of each anchored node once measured; absent while it is being measured. */
  sizes: Map<Node, number>;
  written: number;
}

// Recursion depth is the YAML nesting depth, which parseComposeText caps (MAX_YAML_DEPTH) before parsing.
function measure(walk: Walk, node: unknown): number {
  if (node === null || node === undefined) return 0;
  walk.written += 1;
  if (isAlias(node)) {
    const target = walk.anchors.get(node.source);
    if (target === undefined) return 1;
    walk.targets.set(node, target);
    return walk.sizes.get(target) ?? Number.POSITIVE_INFINITY;
  }
  const anchor = (node as Node).anchor;
  if (anchor !== undefined) walk.anchors.set(anchor, node as Node);
  let size = 1;
  if (isMap(node)) {
    for (const pair of node.items) if (isPair(pair)) size += measure(walk, pair.key) + measure(walk, pair.value);
  } else if (isSeq(node)) {
    for (const item of node.items) size += measure(walk, item);
  } else if (!isScalar(node)) {
    return 1;
  }
  if (anchor !== undefined) walk.sizes.set(node as Node, size);
  return size;
}

/** Resolves every alias of a document and measures its expansion. */
export function indexAliases(document: Document.Parsed): AliasIndex {
  const walk: Walk = { anchors: new Map(), targets: new Map(), sizes: new Map(), written: 0 };
  const expandedNodes = measure(walk, document.contents);
  return { targets: walk.targets, writtenNodes: walk.written, expandedNodes };
}

/** True when an expansion is too large to accept. */
export function isAliasBomb(index: AliasIndex): boolean {
  return index.expandedNodes > Math.max(MIN_EXPANSION_BUDGET, EXPANSION_FACTOR * index.writtenNodes);
}

/** The node an alias stands for, or the node itself; undefined for an alias with no anchor. */
export function followAlias(index: AliasIndex | undefined, node: unknown): unknown {
  return isAlias(node) ? index?.targets.get(node) : node;
}
