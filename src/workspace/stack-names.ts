/**
 * Pure: stack names for compose files, as a person would say them: `docker-compose.foundation.yml`
 * is `foundation`, `api/compose.yaml` is `api`. Names that clash take parent folders until unique.
 */
import { posix } from 'node:path';

const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function cleanName(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return STACK_NAME.test(cleaned) ? cleaned : 'stack';
}

function middleOf(relativePath: string): string {
  return posix
    .basename(relativePath)
    .replace(/\.ya?ml$/i, '')
    .replace(/^docker-compose[.-]?/i, '')
    .replace(/^compose[.-]?/i, '')
    .replace(/[.-]?compose$/i, '');
}

function isNamedAfterFolder(relativePath: string): boolean {
  return middleOf(relativePath) === '';
}

/** The name a compose file suggests on its own (its relative path uses `/`). */
function baseName(relativePath: string): string {
  const middle = middleOf(relativePath);
  if (middle !== '') return cleanName(middle);
  const directory = posix.basename(posix.dirname(relativePath));
  return cleanName(directory === '.' || directory === '' ? 'default' : directory);
}

/** Unique names for compose files given relative to the workspace root, in the same order. */
export function nameStacks(relativePaths: readonly string[]): string[] {
  const folders = relativePaths.map((path) => {
    const segments = posix
      .dirname(path)
      .split('/')
      .filter((segment) => segment !== '.' && segment !== '');
    // `api/docker-compose.yml` is already named after its folder: disambiguate with the folders above.
    return isNamedAfterFolder(path) ? segments.slice(0, -1) : segments;
  });
  const names = relativePaths.map(baseName);
  const depth = relativePaths.map(() => 0);
  for (let round = 0; round < 32; round++) {
    const counts = new Map<string, number>();
    for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
    let changed = false;
    names.forEach((name, index) => {
      const parents = folders[index] ?? [];
      if ((counts.get(name) ?? 0) < 2 || (depth[index] ?? 0) >= parents.length) return;
      const next = (depth[index] ?? 0) + 1;
      depth[index] = next;
      names[index] = cleanName(`${parents.slice(parents.length - next).join('-')}-${baseName(relativePaths[index] ?? '')}`);
      changed = true;
    });
    if (!changed) break;
  }
  // Still equal (same folder and name, e.g. compose.yml and compose.yaml): number them.
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}-${count}`;
  });
}
