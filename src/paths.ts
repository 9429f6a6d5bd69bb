/** Pure: how a path is shown to the user (relative to the cwd, POSIX separators), as SPEC 6 asks. */
import { isAbsolute, relative, sep } from 'node:path';

/** A path relative to `cwd` for messages; `.` for the cwd itself. */
export function displayPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path.split(sep).join('/');
  const shown = relative(cwd, path);
  return shown === '' ? '.' : shown.split(sep).join('/');
}
