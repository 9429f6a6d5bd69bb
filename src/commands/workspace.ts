/** `lucid-env workspace init`: writes lucid-env.yml by grouping compose files with the env files they use. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { inferStacks, workspacePath } from '../project/infer-stacks.js';
import type { Change, Report } from '../report.js';
import { WORKSPACE_FILE } from '../workspace/parse.js';
import { stringifyWorkspace } from '../workspace/stringify.js';

/** Options of `workspace init`. */
export interface WorkspaceInitOptions {
  /** Print the file instead of writing it. */
  stdout?: boolean;
  force?: boolean;
}

/** Finds the stacks under `directory` (default: the current one) and writes its lucid-env.yml. */
export async function workspaceInit(directory: string | undefined, options: WorkspaceInitOptions, ctx: Context): Promise<Report> {
  const root = resolve(ctx.cwd, directory ?? '.');
  const target = join(root, WORKSPACE_FILE);
  if (options.stdout !== true && existsSync(target) && options.force !== true) {
    throw new LucidError('USAGE', `${target} already exists`, { hint: 'pass --force to replace it, or --stdout to compare' });
  }
  const stacks = await inferStacks(root);
  if (stacks.length === 0) {
    throw new LucidError('COMPOSE_NOT_FOUND', `no compose file under ${root}`, {
      hint: 'compose files are named compose.yaml, docker-compose*.yml or *compose*.yml',
    });
  }
  const text = stringifyWorkspace(
    stacks.map((stack) => ({
      ...stack,
      compose: stack.compose.map((path) => workspacePath(path, root)),
      envFiles: stack.envFiles.map((path) => workspacePath(path, root)),
    })),
  );
  if (options.stdout === true) return { command: 'workspace', files: [], findings: [], isDocument: true, output: text };
  await writeFileAtomic(target, text, { mode: 0o644 });
  const changes: Change[] = stacks.map((stack) => ({
    file: target,
    key: stack.name,
    action: 'added',
    reason: `${count(stack.compose.length, 'compose file')}, ${count(stack.envFiles.length, 'env file')}`,
  }));
  return { command: 'workspace', files: [target], findings: [], changes };
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`;
}
