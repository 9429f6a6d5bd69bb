/**
 * IO: the template and env file a writing command (`init`, `generate`) works with. `-t` wins; else
 * the stack's configured template (`--stack`, from lucid-env.yml); else one inferred in memory
 * from the compose project, so any compose project gets a complete env file with zero config.
 * (`check` never infers: its results must not shift as inference improves.)
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveComposeProject } from '../compose/load.js';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import { displayPath } from '../paths.js';
import { requireTemplate } from '../templates/load.js';
import type { Template } from '../templates/types.js';
import type { SealedAccess } from './env-files.js';
import { readEnvFile } from './env-files.js';
import { singleEnvFileOption, targetEnvFile } from './env-writer.js';
import { inferTemplate, suggestTemplateName } from './infer-template.js';
import { resolveStacks } from './stacks.js';

/** Flags that pick the template and the files. */
export interface TemplateChoiceOptions {
  template?: string | undefined;
  envFile?: string[] | undefined;
  file?: string[] | undefined;
  projectDirectory?: string | undefined;
  stack?: string | undefined;
}

/** The template, the env file to write, and the stack's other env files (read, never written). */
export interface TemplateChoice {
  template: Template;
  target: string;
  others: string[];
  /** Compose files whose `:-` defaults seed init's answers. */
  composeFiles: string[];
  /** How the template was chosen, for the log. */
  origin: 'option' | 'stack' | 'inferred';
}

/** Picks the template and files; an inferred template is announced on stderr. */
export async function chooseTemplate(options: TemplateChoiceOptions, ctx: Context, command: string): Promise<TemplateChoice> {
  const single = singleEnvFileOption(options, command);
  const given = single === undefined ? undefined : [resolve(ctx.cwd, single)];
  if (options.stack !== undefined) {
    const [stack] = (await resolveStacks({ stack: options.stack }, ctx.cwd)) ?? [];
    if (stack === undefined) throw new LucidError('USAGE', `no stack named ${options.stack}`);
    let target = given?.[0] ?? stack.envFiles.at(-1) ?? join(stack.projectDirectory, '.env');
    if (options.template !== undefined || stack.template !== undefined) {
      const template = await requireTemplate(options.template ?? stack.template, options.template !== undefined ? ctx.cwd : stack.root);
      // The template's own env file, when it is one of the stack's, is where its values belong.
      const named = template.envFile === undefined ? undefined : stack.envFiles.find((file) => file === resolve(stack.root, template.envFile as string));
      if (given === undefined && named !== undefined) target = named;
      const others = stack.envFiles.filter((file) => file !== target);
      return { template, target, others, composeFiles: stack.compose, origin: options.template !== undefined ? 'option' : 'stack' };
    }
    const others = stack.envFiles.filter((file) => file !== target);
    const header = { name: stack.name, description: `Variables of stack ${stack.name}, inferred`, envFile: target, compose: stack.compose };
    const inferred = await inferTemplate({ composeFiles: stack.compose, envFiles: stack.envFiles }, header, ctx.cwd);
    announce(ctx, `stack ${stack.name}`, inferred.template);
    return { template: inferred.template, target, others, composeFiles: stack.compose, origin: 'inferred' };
  }
  if (options.template !== undefined) {
    const template = await requireTemplate(options.template, ctx.cwd);
    const composeFiles = options.file?.map((file) => resolve(ctx.cwd, file)) ?? template.compose.map((file) => resolve(ctx.cwd, file));
    return { template, target: targetEnvFile(options, template, ctx.cwd, command), others: [], composeFiles, origin: 'option' };
  }
  const project = resolveComposeProject({ files: options.file, projectDirectory: options.projectDirectory }, ctx.cwd, ctx.env);
  const target = given?.[0] ?? join(project.projectDirectory, '.env');
  const name = suggestTemplateName(project.files[0] as string, ctx.cwd);
  const header = { name, description: `Variables of ${name}, inferred`, envFile: target, compose: project.files };
  const inferred = await inferTemplate({ composeFiles: project.files, envFiles: given ?? [] }, header, ctx.cwd);
  announce(ctx, displayPath(project.files[0] as string, ctx.cwd), inferred.template);
  return { template: inferred.template, target, others: [], composeFiles: project.files, origin: 'inferred' };
}

function announce(ctx: Context, what: string, template: Template): void {
  if (ctx.quiet === true) return;
  const secrets = template.variables.filter((variable) => variable.secret).length;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  ctx.stderr.write(
    `no template given: inferred one from ${what} (${count(template.variables.length, 'variable')}, ${count(secrets, 'secret')}); ` +
      'see it with `lucid-env template infer`, keep it with -o\n',
  );
}

/** Values of the stack's other env files (later files win) and which file each key lives in. */
export async function readOtherEnvFiles(
  others: readonly string[],
  access?: SealedAccess,
): Promise<{ values: Map<string, string>; fileOf: Map<string, string> }> {
  const values = new Map<string, string>();
  const fileOf = new Map<string, string>();
  for (const path of others) {
    if (!existsSync(path)) continue;
    const { file } = await readEnvFile(path, (name) => values.get(name), access);
    if (file === undefined) continue;
    for (const [key, value] of file.values) {
      values.set(key, value);
      fileOf.set(key, path);
    }
  }
  return { values, fileOf };
}
