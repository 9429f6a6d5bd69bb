/** Pure: the keys of a YAML mapping with merge keys (`<<: *anchor`, `<<: [*a, *b]`) followed, each with where it is written. */
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from 'yaml';

/** One effective key of a mapping: the pair that supplies it (own, or from a merged anchor). */
export interface MergedPair {
  key: string;
  /** The key node, for its position. */
  keyNode: Node;
  value: unknown;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (key.value === '<<' || typeof key.value === 'symbol');
}

function resolveNode(node: unknown, document: Document): unknown {
  return isAlias(node) ? node.resolve(document) : node;
}

/**
 * The effective pairs of a mapping, as YAML merge keys define them: own keys win over merged ones,
 * and among merged maps the earlier wins. Anchors nest (an anchor may merge another); a cycle stops.
 */
export function listMergedPairs(map: YAMLMap, document: Document, seen: Set<unknown> = new Set()): Map<string, MergedPair> {
  const pairs = new Map<string, MergedPair>();
  if (seen.has(map)) return pairs;
  seen.add(map);
  const merged: Map<string, MergedPair>[] = [];
  for (const pair of map.items as Pair[]) {
    if (isMergeKey(pair.key)) {
      const value = resolveNode(pair.value, document);
      const sources = isSeq(value) ? value.items.map((item) => resolveNode(item, document)) : [value];
      for (const source of sources) if (isMap(source)) merged.push(listMergedPairs(source, document, seen));
      continue;
    }
    if (!isScalar(pair.key)) continue;
    pairs.set(String(pair.key.value), { key: String(pair.key.value), keyNode: pair.key as Node, value: resolveNode(pair.value, document) });
  }
  for (const source of merged) {
    for (const [key, pair] of source) if (!pairs.has(key)) pairs.set(key, pair);
  }
  return pairs;
}
