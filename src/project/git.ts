/** IO: the few git questions audit asks (work tree root, tracked files, ignored files), through the git command. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const MAX_OUTPUT = 256 * 1024 * 1024;

function runGit(directory: string, args: readonly string[], input?: string): { status: number | null; stdout: string } {
  // LC_ALL=C and no pager or prompts: output is parsed, never shown.
  const result = spawnSync('git', ['-C', directory, ...args], {
    encoding: 'utf8',
    input,
    maxBuffer: MAX_OUTPUT,
    env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  return { status: result.error === undefined ? result.status : null, stdout: result.stdout ?? '' };
}

/** The root of the git work tree holding `directory`, or undefined (not a repository, or no git). */
export function findGitRoot(directory: string): string | undefined {
  const result = runGit(directory, ['rev-parse', '--show-toplevel']);
  const root = result.stdout.trim();
  return result.status === 0 && root !== '' ? root : undefined;
}

/** Absolute paths of the files git tracks under `root`. */
export function listTrackedFiles(root: string): string[] {
  const result = runGit(root, ['ls-files', '-z', '--full-name']);
  if (result.status !== 0) return [];
  return result.stdout
    .split('\0')
    .filter((path) => path !== '')
    .map((path) => join(root, path));
}

/** The subset of `paths` (absolute, inside `root`) that git ignores. */
export function listIgnoredFiles(root: string, paths: readonly string[]): Set<string> {
  if (paths.length === 0) return new Set();
  // Exit 1 means "none ignored"; anything else without output is treated the same.
  const result = runGit(root, ['check-ignore', '--no-index', '-z', '--stdin'], `${paths.join('\0')}\0`);
  return new Set(result.stdout.split('\0').filter((path) => path !== ''));
}
