/**
 * Appends every item of one array to another without spreading it into arguments: `push(...items)`
 * passes one argument per item and overflows the call stack at about 120,000 (a compose file of
 * 15,000 services has more references than that).
 */

/** Appends `items` to `target` in place; returns `target`. */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values` (or `fallback` when there are none), without spreading them into Math.max. */
export function maxOf(values: Iterable<number>, fallback = 0): number {
  let largest: number | undefined;
  for (const value of values) if (largest === undefined || value > largest) largest = value;
  return largest ?? fallback;
}
