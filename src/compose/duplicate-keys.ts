/**
 * Pure: keys written twice in one YAML mapping, in one pass over the document. yaml's own check
 * (`uniqueKeys`) compares each key with every earlier one, which grows with the square of a
 * mapping's size: 20,000 services cost seconds. A set per mapping does the same in linear time.
 */
import type { Document, Scalar } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { isMergeKey } from './services.js';

/** Every key scalar that repeats an earlier key of the same mapping (merge keys `<<` may repeat). */
export function findDuplicateKeys(document: Document.Parsed): Scalar[] {
  const duplicates: Scalar[] = [];
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        if (isScalar(pair.key) && !isMergeKey(pair.key)) {
          if (seen.has(pair.key.value)) duplicates.push(pair.key);
          seen.add(pair.key.value);
        } else if (pair.key !== null) {
          pending.push(pair.key);
        }
        pending.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) pending.push(item);
    }
  }
  return duplicates.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
}
