/** Pure: where each `env_file:` path is written in a compose file (anchors included). */

import type { Scalar } from 'yaml';
import { isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import type { ComposeDocument } from './document.js';
import { positionAt } from './document.js';

/** Maps each env_file path as written to the position of its first occurrence. */
export function findEnvFilePositions(compose: ComposeDocument): Map<string, { line: number; column: number }> {
  const positions = new Map<string, { line: number; column: number }>();
  const record = (node: unknown): void => {
    if (!isScalar(node) || typeof node.value !== 'string' || positions.has(node.value)) return;
    positions.set(node.value, positionAt(compose.lineCounter, (node as Scalar).range?.[0] ?? 0));
  };
  if (!compose.isUsable) return positions;
  visit(compose.document, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== 'env_file') return;
      const value = pair.value;
      if (isScalar(value)) record(value);
      if (!isSeq(value)) return;
      for (const item of value.items) {
        if (isScalar(item)) record(item);
        else if (isMap(item)) record(item.get('path', true));
      }
    },
  });
  return positions;
}
