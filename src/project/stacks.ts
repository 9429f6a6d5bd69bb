/**
 * IO: the stacks a command runs over. `--all` and `--stack NAME` read the workspace file (found by
 * walking up from the current directory); `--recursive DIR` infers the stacks under DIR as
 * `workspace init` would, without a file. Without those flags there is no stack: one project.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LucidError } from '../errors.js';
import { loadWorkspaceOf, selectStacks } from '../workspace/load.js';
import { WORKSPACE_FILE } from '../workspace/parse.js';
import { inferStacks } from './infer-stacks.js';

/** Flags that pick stacks. */
export interface StackOptions {
  all?: boolean;
  stack?: string;
  recursive?: string;
}

/** A stack ready to run: absolute paths, and where it is written (for findings about the stack itself). */
export interface ProjectStack {
  name: string;
  compose: string[];
  envFiles: string[];
  projectDirectory: string;
  template?: string | undefined;
  /** The workspace file and line, or the first compose file when the stack was inferred. */
  file: string;
  line: number;
  /** Where relative template paths resolve from. */
  root: string;
}

/** The stacks selected by the flags, or undefined when the command runs on one project. */
export async function resolveStacks(options: StackOptions, cwd: string): Promise<ProjectStack[] | undefined> {
  if (options.recursive !== undefined) {
    if (options.all === true || options.stack !== undefined)
      throw new LucidError('USAGE', '--recursive infers the stacks; it does not combine with --all or --stack');
    const root = resolve(cwd, options.recursive);
    const inferred = await inferStacks(root);
    if (inferred.length === 0) {
      throw new LucidError('COMPOSE_NOT_FOUND', `no compose file under ${options.recursive}`, {
        hint: 'compose files are named compose.yaml, docker-compose*.yml or *compose*.yml',
      });
    }
    return inferred.map((stack) => ({
      ...stack,
      projectDirectory: dirname(stack.compose[0] as string),
      file: stack.compose[0] as string,
      line: 0,
      root,
    }));
  }
  if (options.all !== true && options.stack === undefined) return undefined;
  const workspace = await loadWorkspaceOf(cwd);
  if (workspace === undefined) {
    throw new LucidError('USAGE', `no ${WORKSPACE_FILE} in ${cwd} or above it`, {
      hint: 'lucid-env workspace init writes one; or use --recursive <dir> to check every stack under a folder without it',
    });
  }
  return selectStacks(workspace, options.stack).map((stack) => ({
    name: stack.name,
    compose: stack.compose,
    envFiles: stack.envFiles,
    projectDirectory: stack.projectDirectory ?? dirname(stack.compose[0] as string),
    template: stack.template,
    file: workspace.file,
    line: stack.line,
    root: workspace.root,
  }));
}

/** Rejects flags that pick a project when stacks are picked too. */
export function refuseProjectFlags(options: { file?: string[] | undefined; projectDirectory?: string | undefined }, flag: string): void {
  if ((options.file?.length ?? 0) > 0 || options.projectDirectory !== undefined) {
    throw new LucidError('USAGE', `${flag} takes the compose files from the stacks; drop -f and --project-directory`);
  }
}

/** The flags that pick one compose project. */
export interface ProjectFlags {
  file?: string[] | undefined;
  projectDirectory?: string | undefined;
  envFile?: string[] | undefined;
  template?: string | undefined;
  stack?: string | undefined;
}

/**
 * `--stack NAME` for a command that runs on one project (render, export): the stack's compose files,
 * project directory, env files that exist and template, in place of -f, --project-directory and -e
 * (which it refuses beside it). `-t` still wins over the stack's template. Without --stack, the options as given.
 */
export async function applyStackOption<Options extends ProjectFlags>(options: Options, cwd: string): Promise<Options> {
  if (options.stack === undefined) return options;
  refuseProjectFlags(options, '--stack');
  if ((options.envFile?.length ?? 0) > 0) throw new LucidError('USAGE', '--stack takes the env files from the stack; drop -e');
  const [stack] = (await resolveStacks({ stack: options.stack }, cwd)) as [ProjectStack];
  const envFiles = stack.envFiles.filter((file) => existsSync(file));
  return {
    ...options,
    file: stack.compose,
    projectDirectory: stack.projectDirectory,
    envFile: envFiles.length > 0 ? envFiles : undefined,
    template: options.template ?? stack.template,
  };
}
