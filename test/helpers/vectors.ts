/** Loads the shared Compose v2 vectors copied into test/vectors. */
import { readFileSync } from 'node:fs';

const VECTORS_DIR = new URL('../../../test/vectors/', import.meta.url);

/** Parses one vectors file by name. */
export function readVectors<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, VECTORS_DIR), 'utf8')) as T;
}
