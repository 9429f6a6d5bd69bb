/** IO: a small glob (`*`, `?`, `**`, `{a,b}`) over the file system, for `rotate --propagate`. */
import type { Dirent } from 'node:fs';
import { readdirSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';

/** Turns a glob into an anchored regular expression over POSIX-style relative paths. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index] as string;
    if (char === '*' && glob[index + 1] === '*') {
      const slash = glob[index + 2] === '/';
      pattern += slash ? '(?:.*/)?' : '.*';
      index += slash ? 2 : 1;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '?') pattern += '[^/]';
    else if (char === '{') pattern += '(?:';
    else if (char === '}') pattern += ')';
    else if (char === ',' && glob.lastIndexOf('{', index) > glob.lastIndexOf('}', index)) pattern += '|';
    else pattern += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

/** Files matching a glob, relative to cwd (or absolute); skips node_modules and .git; sorted. */
export function expandGlob(glob: string, cwd: string): string[] {
  const absolute = isAbsolute(glob);
  const segments = glob.split('/');
  const staticSegments: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (/[*?{]/.test(segment)) break;
    staticSegments.push(segment);
  }
  const base = absolute ? resolve('/', ...staticSegments) : resolve(cwd, ...staticSegments);
  const matcher = globToRegExp(segments.slice(staticSegments.length).join('/'));
  const found: string[] = [];
  const pending: [string, string][] = [[base, '']];
  while (pending.length > 0) {
    const [directory, relative] = pending.pop() as [string, string];
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git' && entry.name !== '.lucid-env')
        pending.push([join(directory, entry.name), path]);
      else if (entry.isFile() && matcher.test(path)) found.push(join(base, path.split('/').join(sep)));
    }
  }
  return found.sort();
}
