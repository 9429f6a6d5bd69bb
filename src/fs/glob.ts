/** IO: the env files a `rotate --propagate` glob names, through tinyglobby (picomatch syntax). */
import { loadLazily } from '../load-lazily.js';

/** Folders never searched: dependencies, version control, our own state. */
const IGNORED = ['**/node_modules/**', '**/.git/**', '**/.lucid-env/**'];

/**
 * Regular files matching a glob (relative to cwd, or absolute), as absolute paths, sorted. `*` also
 * matches names starting with a dot, since env files usually do (`deploy/*.env` finds `deploy/.env`);
 * symlinks are not followed, as everywhere else without --follow-symlinks.
 */
export function expandGlob(glob: string, cwd: string): string[] {
  // Loaded here: only `rotate --propagate` needs a matcher, and a cold `check` should not read one.
  return loadLazily('tinyglobby')
    .globSync(glob, { cwd, absolute: true, dot: true, onlyFiles: true, followSymbolicLinks: false, expandDirectories: false, ignore: IGNORED })
    .sort();
}
