/** IO: finds the compose files of a project (as Compose does) and reads and parses them. */

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { appendAll } from '../append-all.js';
import { LucidError } from '../errors.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { findFiles } from '../fs/find-files.js';
import { readText } from '../fs/read.js';
import type { ComposeDocument } from './document.js';
import { parseComposeText } from './document.js';

/** The names Compose looks for in the working directory, in its order. */
export const DEFAULT_COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** Compose files larger than this are refused (a compose file of 5,000 services is about 10 MB). */
export const MAX_COMPOSE_BYTES = 32 * 1024 * 1024;

/** Where the compose files come from. */
export interface ComposeSelection {
  files?: string[] | undefined;
  projectDirectory?: string | undefined;
}

/** The compose files of one project and where its relative paths resolve from. */
export interface ComposeProject {
  files: string[];
  projectDirectory: string;
}

/** Picks the compose files: `-f`, else COMPOSE_FILE, else the first default name in the cwd. */
export function resolveComposeProject(selection: ComposeSelection, cwd: string, env: NodeJS.ProcessEnv): ComposeProject {
  const separator = env['COMPOSE_PATH_SEPARATOR'] || ':';
  // COMPOSE_FILE=":" (or only separators) names no file: look for the default names, as with none set.
  const fromEnv = (env['COMPOSE_FILE'] ?? '').split(separator).filter((file) => file !== '');
  let files: string[];
  if (selection.files !== undefined && selection.files.length > 0) {
    files = selection.files.map((file) => resolve(cwd, file));
  } else if (fromEnv.length > 0) {
    files = fromEnv.map((file) => resolve(cwd, file));
  } else {
    const found = DEFAULT_COMPOSE_FILES.find((name) => existsSync(join(cwd, name)));
    if (found === undefined) {
      throw new LucidError('COMPOSE_NOT_FOUND', `no compose file in ${cwd} (looked for ${DEFAULT_COMPOSE_FILES.join(', ')})`, {
        hint: 'pass -f <file>, set COMPOSE_FILE, or use --recursive <dir>',
      });
    }
    files = [join(cwd, found)];
  }
  const first = files[0] as string;
  const projectDirectory = selection.projectDirectory !== undefined ? resolve(cwd, selection.projectDirectory) : dirname(first);
  return { files, projectDirectory };
}

/** Reads a compose file's text; binary or non-UTF-8 content is a finding, an unreadable file throws. */
export async function readComposeText(file: string): Promise<{ text: string } | { finding: Finding }> {
  const read = await readText(file, { maxBytes: MAX_COMPOSE_BYTES, what: 'compose file' });
  if (read.isBinary || !read.isValidUtf8) {
    const what = read.isBinary ? 'a binary file (it contains NUL bytes)' : 'not valid UTF-8';
    return { finding: makeFinding('yaml-syntax', { file, line: 1, column: 1 }, `the compose file is ${what}`, { hint: 'Compose reads UTF-8 YAML text only' }) };
  }
  return { text: read.hasBom ? read.text.slice(1) : read.text };
}

/** Reads and parses compose files; problems inside them are findings, unreadable files throw. `onFile` hears of each before it is read. */
export async function loadComposeFiles(
  files: readonly string[],
  onFile: (index: number, total: number) => void = () => undefined,
): Promise<{ documents: ComposeDocument[]; findings: Finding[] }> {
  const documents: ComposeDocument[] = [];
  const findings: Finding[] = [];
  for (const [index, file] of files.entries()) {
    onFile(index, files.length);
    const read = await readComposeText(file);
    if ('finding' in read) {
      findings.push(read.finding);
      continue;
    }
    const parsed = parseComposeText(read.text, file);
    documents.push(parsed.compose);
    appendAll(findings, parsed.findings);
  }
  return { documents, findings };
}

/** True for names Compose users give compose files: compose.y*ml, docker-compose*.y*ml, *compose*.y*ml. */
export function isComposeFileName(name: string): boolean {
  return /^(?:.*compose.*)\.ya?ml$/i.test(name);
}

/** Finds every compose file under a directory, skipping node_modules and .git; sorted. */
export function findComposeFiles(root: string): string[] {
  try {
    return findFiles(resolve(root), isComposeFileName);
  } catch (error) {
    throw new LucidError('FILE_UNREADABLE', `cannot read directory ${root}`, { cause: error });
  }
}
