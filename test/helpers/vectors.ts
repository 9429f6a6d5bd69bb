/** Loads the shared Compose v2 vectors copied into test/vectors (tests run from the project root). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Parses one vectors file by name. */
export function readVectors<T>(name: string): T {
  return JSON.parse(readFileSync(join(process.cwd(), 'test', 'vectors', name), 'utf8')) as T;
}
