/**
 * `lucid-env template infer`: writes a template (stdout or -o) from compose files and the env files
 * and examples found or given, a `# why` comment per decision. `--merge` adds what an existing
 * template lacks and keeps every line of it, hand edits included.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { findComposeFiles, resolveComposeProject } from '../compose/load.js';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { readText } from '../fs/read.js';
import { displayPath } from '../paths.js';
import { inferTemplate, suggestTemplateName } from '../project/infer-template.js';
import { resolveStacks } from '../project/stacks.js';
import type { Change, Report } from '../report.js';
import { mergeTemplateText } from '../templates/merge-template.js';

/** Options of `template infer`. */
export interface TemplateInferOptions {
  file?: string[];
  projectDirectory?: string;
  envFile?: string[];
  recursive?: string;
  stack?: string;
  output?: string;
  merge?: boolean;
  force?: boolean;
  name?: string;
}

interface Sources {
  composeFiles: string[];
  envFiles: string[];
  searchDirectory?: string;
  name: string;
  envFile?: string;
}

async function selectSources(options: TemplateInferOptions, ctx: Context): Promise<Sources> {
  const given = (options.envFile ?? []).map((file) => resolve(ctx.cwd, file));
  if (options.stack !== undefined) {
    const [stack] = (await resolveStacks({ stack: options.stack }, ctx.cwd)) ?? [];
    if (stack === undefined) throw new LucidError('USAGE', `no stack named ${options.stack}`);
    const target = given.at(-1) ?? stack.envFiles.at(-1);
    return { composeFiles: stack.compose, envFiles: [...stack.envFiles, ...given], name: stack.name, ...(target === undefined ? {} : { envFile: target }) };
  }
  if (options.recursive !== undefined) {
    const root = resolve(ctx.cwd, options.recursive);
    const composeFiles = [...(options.file ?? []).map((file) => resolve(ctx.cwd, file)), ...findComposeFiles(root)];
    if (composeFiles.length === 0) throw new LucidError('COMPOSE_NOT_FOUND', `no compose file under ${options.recursive}`);
    return { composeFiles, envFiles: given, searchDirectory: root, name: basename(root) };
  }
  const project = resolveComposeProject({ files: options.file, projectDirectory: options.projectDirectory }, ctx.cwd, ctx.env);
  const projectEnv = resolve(project.projectDirectory, '.env');
  const target = given.at(-1) ?? projectEnv;
  return { composeFiles: project.files, envFiles: given, name: suggestTemplateName(project.files[0] as string, ctx.cwd), envFile: target };
}

/** Infers a template and prints it, writes it (-o) or merges it into an existing one (--merge). */
export async function templateInfer(options: TemplateInferOptions, ctx: Context): Promise<Report> {
  const sources = await selectSources(options, ctx);
  const output = options.output === undefined ? undefined : resolve(ctx.cwd, options.output);
  const name = options.name ?? sources.name;
  const from = sources.composeFiles.length === 1 ? displayPath(sources.composeFiles[0] as string, ctx.cwd) : `${sources.composeFiles.length} compose files`;
  const header = {
    name,
    description: `Variables of ${name}, inferred from ${from}`,
    envFile: sources.envFile === undefined ? undefined : displayPath(sources.envFile, ctx.cwd),
    compose: sources.composeFiles.map((file) => displayPath(file, ctx.cwd)),
  };
  const inferred = await inferTemplate(sources, header, ctx.cwd);
  const files = [...sources.composeFiles, ...inferred.envFiles];
  if (output === undefined) return { command: 'template', files, findings: [], isDocument: true, output: inferred.text };
  const exists = existsSync(output);
  if (exists && options.merge !== true && options.force !== true) {
    throw new LucidError('USAGE', `${displayPath(output, ctx.cwd)} already exists`, {
      hint: 'pass --merge to add what it lacks and keep your edits, or --force to replace it',
    });
  }
  let text = inferred.text;
  let added = inferred.variables.map((variable) => variable.name);
  let notes: string[] = [];
  if (exists && options.merge === true) {
    const current = await readText(output, { maxBytes: 1024 * 1024, what: 'template' });
    const merged = mergeTemplateText(current.text, inferred.variables, output);
    text = merged.text;
    added = merged.added;
    notes = merged.unreferenced.length > 0 ? [`kept ${merged.unreferenced.join(', ')}: no longer found in the compose or env files`] : [];
  }
  mkdirSync(dirname(output), { recursive: true });
  await writeFileAtomic(output, text, { mode: 0o644 });
  const changes: Change[] = added.map((key) => ({
    file: output,
    key,
    action: 'added',
    reason: exists && options.merge === true ? 'new in merge' : 'inferred',
  }));
  return { command: 'template', files, findings: [], changes, notes };
}
