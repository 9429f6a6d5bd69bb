/** IO: finds built-in templates (shipped in the package's templates/) and loads template files. */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LucidError } from '../errors.js';
import type { Finding } from '../findings.js';
import { readText } from '../fs/read.js';
import type { Template } from './types.js';

/** The package's templates/ folder, found by walking up from this module (bundled or not). */
export function builtInTemplatesDirectory(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(directory, 'package.json')) && existsSync(join(directory, 'templates'))) return join(directory, 'templates');
    const parent = dirname(directory);
    if (parent === directory) throw new LucidError('TEMPLATE_NOT_FOUND', 'the built-in templates folder is missing from this installation');
    directory = parent;
  }
}

/** Names of the built-in templates. */
export function listBuiltInTemplates(): string[] {
  return readdirSync(builtInTemplatesDirectory())
    .filter((name) => name.endsWith('.yml'))
    .map((name) => name.slice(0, -'.yml'.length))
    .sort();
}

/** Resolves `-t`: a path when it names a file (or has a slash or .yml), else a built-in name. */
export function resolveTemplatePath(nameOrPath: string, cwd: string): string {
  const looksLikePath = nameOrPath.includes('/') || /\.ya?ml$/.test(nameOrPath);
  if (looksLikePath || existsSync(resolve(cwd, nameOrPath))) return resolve(cwd, nameOrPath);
  const builtIn = join(builtInTemplatesDirectory(), `${nameOrPath}.yml`);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(nameOrPath) || !existsSync(builtIn)) {
    throw new LucidError('TEMPLATE_NOT_FOUND', `no template named "${nameOrPath}"`, {
      hint: `built-in templates: ${listBuiltInTemplates().join(', ')}; or pass a path to a YAML file`,
    });
  }
  return builtIn;
}

/** Loads and validates a template by name or path. */
export async function loadTemplate(nameOrPath: string, cwd: string): Promise<{ template: Template | undefined; findings: Finding[] }> {
  const path = resolveTemplatePath(nameOrPath, cwd);
  const read = await readText(path, { maxBytes: 1024 * 1024, what: 'template' });
  // Loaded on use: the template reader brings js-yaml, which a `check` without -t never needs.
  const { parseTemplateText } = await import('./parse.js');
  const parsed = parseTemplateText(read.text, path);
  if (parsed.template !== undefined) parsed.template.given = nameOrPath;
  return parsed;
}

/** Loads `-t` when given; no option means no template and no findings. */
export async function loadTemplateOption(nameOrPath: string | undefined, cwd: string): Promise<{ template: Template | undefined; findings: Finding[] }> {
  return nameOrPath === undefined ? { template: undefined, findings: [] } : loadTemplate(nameOrPath, cwd);
}

/** Loads the template a command cannot work without; an invalid one stops the command (exit 2). */
export async function requireTemplate(nameOrPath: string | undefined, cwd: string): Promise<Template> {
  if (nameOrPath === undefined) {
    throw new LucidError('USAGE', 'this command needs a template', { hint: 'pass -t foundation (see `lucid-env template list`) or -t path/to/template.yml' });
  }
  const { template, findings } = await loadTemplate(nameOrPath, cwd);
  if (template === undefined) {
    const first = findings[0];
    const where =
      first === undefined ? '' : ` (${first.file}:${first.line}: ${first.message}${findings.length > 1 ? `; and ${findings.length - 1} more` : ''})`;
    throw new LucidError('TEMPLATE_INVALID', `template ${nameOrPath} is invalid${where}`, { hint: `lucid-env check -t ${nameOrPath} lists every problem` });
  }
  return template;
}
