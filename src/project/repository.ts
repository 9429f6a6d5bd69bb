/**
 * IO: what audit's secret hygiene rules need from the repository: its env files (secret keys,
 * placeholders, modes, git status) and secret-looking values in the files git tracks. Values are
 * fingerprinted here and go no further.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { isEnvFileName, isEnvTemplateName } from '../audit/env-file-names.js';
import { isSecretEntry, isSecretLikeName } from '../audit/secret-names.js';
import { scanTextForSecrets } from '../audit/secret-scan.js';
import type { RepositoryEnvFile, RepositoryFacts, TrackedSecret } from '../audit/types.js';
import { listEntries } from '../dotenv/entries.js';
import { parseEnv } from '../dotenv/parse.js';
import { findFiles } from '../fs/find-files.js';
import { matchPlaceholder } from '../rules/placeholder-match.js';
import { findGitRoot, listIgnoredFiles, listTrackedFiles } from './git.js';

const SKIPPED_DIRECTORIES = ['.lucid-env', '.venv', 'venv', '__pycache__', '.tox', '.mypy_cache'];
const MAX_SCANNED_BYTES = 1024 * 1024;
// Lock files and generated bundles are full of hashes that look random and are not secrets.
const SKIPPED_FILES =
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|Pipfile\.lock|go\.sum)$|\.(?:min\.js|map|svg|lock)$/;

/** Reads a file's text when it is small, UTF-8 and not binary; undefined otherwise. */
function readSmallText(path: string): { text: string; mode: number } | undefined {
  try {
    const stats = statSync(path);
    if (!stats.isFile() || stats.size > MAX_SCANNED_BYTES) return undefined;
    const bytes = readFileSync(path);
    if (bytes.includes(0)) return undefined;
    return { text: bytes.toString('utf8'), mode: stats.mode };
  } catch {
    return undefined;
  }
}

/** Every env file under `root` (not in node_modules, .git or virtualenvs), sorted. */
export function findEnvFiles(root: string): string[] {
  try {
    return findFiles(root, isEnvFileName, { skip: SKIPPED_DIRECTORIES });
  } catch {
    return [];
  }
}

function readEnvFileFacts(path: string, fingerprint: (value: string) => string): RepositoryEnvFile | undefined {
  const read = readSmallText(path);
  if (read === undefined) return undefined;
  const { document } = parseEnv(read.text, { file: path });
  const secrets = listEntries(document)
    .filter((entry) => entry.value !== '' && entry.references.length === 0)
    // A `_KEY` name counts with a random-looking value, or with a placeholder where a secret belongs.
    .filter((entry) => isSecretEntry(entry.key, entry.value) || (isSecretLikeName(entry.key) && matchPlaceholder(entry.value) !== undefined))
    .map((entry) => ({
      key: entry.key,
      line: entry.valueLine,
      column: entry.valueColumn,
      fingerprint: fingerprint(entry.value),
      placeholder: matchPlaceholder(entry.value),
    }));
  return { path, mode: read.mode, secrets, isTemplate: isEnvTemplateName(basename(path)), isTracked: undefined, isIgnored: undefined };
}

function scanTrackedFiles(files: readonly string[], skip: ReadonlySet<string>, fingerprint: (value: string) => string): TrackedSecret[] {
  const secrets: TrackedSecret[] = [];
  for (const file of files) {
    if (skip.has(file) || SKIPPED_FILES.test(file) || file.includes('/node_modules/')) continue;
    const read = readSmallText(file);
    if (read === undefined) continue;
    for (const hit of scanTextForSecrets(read.text))
      secrets.push({ file, line: hit.line, column: hit.column, what: hit.what, fingerprint: fingerprint(hit.value) });
  }
  return secrets;
}

/** Reads the repository around `directory`: the git work tree when there is one, else `directory` itself. */
export function loadRepositoryFacts(directory: string, fingerprint: (value: string) => string): RepositoryFacts {
  const gitRoot = findGitRoot(directory);
  const root = gitRoot ?? directory;
  const envFiles = findEnvFiles(root)
    .map((path) => readEnvFileFacts(path, fingerprint))
    .filter((file): file is RepositoryEnvFile => file !== undefined);
  if (gitRoot === undefined) return { root, isGitRepository: false, envFiles, trackedSecrets: [] };
  const tracked = listTrackedFiles(gitRoot);
  const trackedSet = new Set(tracked);
  const ignored = listIgnoredFiles(
    gitRoot,
    envFiles.map((file) => file.path),
  );
  for (const file of envFiles) {
    file.isTracked = trackedSet.has(file.path);
    file.isIgnored = ignored.has(file.path);
  }
  // Env files with secrets are judged whole by audit/env-file-tracked; templates are scanned like any file.
  const judged = new Set(envFiles.filter((file) => !file.isTemplate).map((file) => file.path));
  return { root, isGitRepository: true, envFiles, trackedSecrets: scanTrackedFiles(tracked, judged, fingerprint) };
}
