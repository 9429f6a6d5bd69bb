/** IO: finds `lucid-env.yml` by walking up from a directory (as git finds `.git`) and loads it. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LucidError } from '../errors.js';
import { readText } from '../fs/read.js';
import { parseWorkspaceText, WORKSPACE_FILE } from './parse.js';
import type { Workspace, WorkspaceStack } from './types.js';

/** The nearest workspace file at or above `directory`, or undefined. */
export function findWorkspaceFile(directory: string): string | undefined {
  let current = directory;
  for (;;) {
    const candidate = join(current, WORKSPACE_FILE);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Loads a workspace file; an invalid one stops the command (exit 2) naming its first problem. */
export async function loadWorkspace(file: string): Promise<Workspace> {
  const read = await readText(file, { maxBytes: 1024 * 1024, what: 'workspace file' });
  const { workspace, findings } = parseWorkspaceText(read.text, file, dirname(file));
  if (workspace === undefined) {
    const first = findings[0];
    const where = first === undefined ? '' : `:${first.line}: ${first.message}${findings.length > 1 ? ` (and ${findings.length - 1} more)` : ''}`;
    throw new LucidError('WORKSPACE_INVALID', `${file}${where}`, { hint: `fix ${WORKSPACE_FILE}, or regenerate it with lucid-env workspace init` });
  }
  return workspace;
}

/** The workspace of `cwd` (walking up), or undefined when there is none. */
export async function loadWorkspaceOf(cwd: string): Promise<Workspace | undefined> {
  const file = findWorkspaceFile(cwd);
  return file === undefined ? undefined : loadWorkspace(file);
}

/** The stacks `--all` or `--stack NAME` select; an unknown name stops the command. */
export function selectStacks(workspace: Workspace, name: string | undefined): WorkspaceStack[] {
  if (name === undefined) return workspace.stacks;
  const stack = workspace.stacks.find((item) => item.name === name);
  if (stack === undefined) {
    throw new LucidError('USAGE', `no stack named "${name}" in ${workspace.file}`, { hint: `stacks: ${workspace.stacks.map((item) => item.name).join(', ')}` });
  }
  return [stack];
}
