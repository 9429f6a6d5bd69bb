/**
 * IO: gathers what `template infer` and the zero-config `init`/`generate` infer from: the
 * references of compose files (with where each sits inside a URL), and the values of the env
 * files and examples found or given. Placeholders and `${...}` values are not evidence of a format.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { parseTemplate } from '../compose/interpolation.js';
import { loadComposeFiles } from '../compose/load.js';
import { formatPath, scanComposeDocument } from '../compose/references.js';
import { listServiceFacts } from '../compose/services.js';
import { listReferences, substitute } from '../compose/substitution.js';
import { LucidError } from '../errors.js';
import { findFiles } from '../fs/find-files.js';
import { displayPath } from '../paths.js';
import { matchPlaceholder } from '../rules/placeholder-match.js';
import type { InferenceEnvFile, InferenceReference, InferredVariable } from '../templates/infer.js';
import { inferVariables } from '../templates/infer.js';
import { parseTemplateText } from '../templates/parse.js';
import type { TemplateHeader } from '../templates/stringify-template.js';
import { stringifyTemplate } from '../templates/stringify-template.js';
import type { Template } from '../templates/types.js';
import { readEnvFile } from './env-files.js';

/** What to infer from. */
export interface InferenceSources {
  composeFiles: string[];
  /** Env files given or known (a stack's, `-e`); service env_file entries and files beside the compose files are added. */
  envFiles: string[];
  /** Also read every env file and example under this folder (`--recursive`). */
  searchDirectory?: string | undefined;
}

/** An inferred template: its text (with comments) and the template it loads as. */
export interface InferredTemplate {
  text: string;
  template: Template;
  variables: InferredVariable[];
  envFiles: string[];
}

/**
 * True for env files and their examples, as evidence for inference: `.env*`, `*.env`, `env.*` (wider
 * than audit's env-file-names, which judges only files that hold values).
 */
function isEnvOrExampleName(name: string): boolean {
  return name.startsWith('.env') || name.endsWith('.env') || /^env\.[^.]/.test(name);
}

function listEnvFilesIn(directory: string, recursive: boolean): string[] {
  try {
    return findFiles(directory, (name) => isEnvOrExampleName(name) && !name.endsWith('.json'), { shallow: !recursive, skip: ['.lucid-env'] });
  } catch {
    // A folder that cannot be read offers no evidence; the compose files still give a template.
    return [];
  }
}

/** True when a reference at `start` is the password of a URL (`scheme://user:${X}@host`, `redis://:${X}@`). */
function isUrlPassword(value: string, start: number): boolean {
  const before = value.slice(0, start);
  const scheme = before.lastIndexOf('://');
  if (scheme < 0) return false;
  const userinfo = before.slice(scheme + 3);
  if (/[\s/@]/.test(userinfo) || !userinfo.replace(/\$\{[^}]*\}/g, 'x').endsWith(':')) return false;
  const after = value.slice(start);
  const at = after.indexOf('@');
  return at >= 0 && !/[\s/]/.test(after.slice(0, at).replace(/\$\{[^}]*\}/g, ''));
}

async function collectReferences(composeFiles: readonly string[], cwd: string): Promise<{ references: InferenceReference[]; envFiles: string[] }> {
  const { documents } = await loadComposeFiles(composeFiles);
  const references: InferenceReference[] = [];
  const envFiles: string[] = [];
  for (const document of documents) {
    const scan = scanComposeDocument(document);
    const inUrl = new Map<string, string>();
    for (const site of scan.sites) {
      for (const reference of listReferences(site.template.parts)) {
        if (!inUrl.has(reference.name) && isUrlPassword(site.value, reference.start)) inUrl.set(reference.name, formatPath(site.path));
      }
    }
    for (const reference of scan.references) {
      const item: InferenceReference = {
        name: reference.name,
        operator: reference.operator,
        argument: reference.argument,
        where: `${displayPath(reference.file, cwd)}:${reference.line}`,
        path: formatPath(reference.path),
      };
      const url = inUrl.get(reference.name);
      if (url !== undefined) item.inUrl = url;
      references.push(item);
    }
    for (const service of listServiceFacts(document).services) {
      for (const entry of service.envFiles) {
        const value = substitute(parseTemplate(entry.rawPath), () => undefined).value;
        if (value !== null && value !== '') envFiles.push(resolve(dirname(document.file), value));
      }
    }
  }
  return { references, envFiles };
}

async function readEvidence(paths: readonly string[], cwd: string): Promise<InferenceEnvFile[]> {
  const files: InferenceEnvFile[] = [];
  for (const path of paths) {
    const { file } = await readEnvFile(path, () => undefined);
    if (file === undefined) continue;
    const values = new Map<string, string>();
    for (const [key, value] of file.values) values.set(key, value.includes('${') || matchPlaceholder(value) !== undefined ? '' : value);
    files.push({ path: displayPath(path, cwd), values });
  }
  return files;
}

/** Infers a template from compose files and env files; the result always loads without a finding. */
export async function inferTemplate(sources: InferenceSources, header: TemplateHeader, cwd: string): Promise<InferredTemplate> {
  const collected = await collectReferences(sources.composeFiles, cwd);
  const candidates = [
    ...sources.envFiles,
    ...collected.envFiles,
    ...sources.composeFiles.flatMap((file) => listEnvFilesIn(dirname(file), false)),
    ...(sources.searchDirectory === undefined ? [] : listEnvFilesIn(sources.searchDirectory, true)),
  ];
  const envFiles = [...new Set(candidates.map((path) => resolve(cwd, path)))].filter((path) => existsSync(path));
  const variables = inferVariables(collected.references, await readEvidence(envFiles, cwd));
  const text = stringifyTemplate(header, variables);
  const parsed = parseTemplateText(text, header.name);
  if (parsed.template === undefined) {
    const first = parsed.findings[0];
    throw new LucidError('TEMPLATE_INVALID', `the inferred template does not load (${first?.line}: ${first?.message}); this is a bug in lucid-env`);
  }
  return { text, template: parsed.template, variables, envFiles };
}

/** A template name from a folder or a compose file (`docker-compose.api.yml` → `api`). */
export function suggestTemplateName(composeFile: string, root: string): string {
  const file = basename(composeFile)
    .replace(/\.ya?ml$/i, '')
    .replace(/^docker-compose[.-]?|^compose[.-]?/i, '');
  const name = file !== '' ? file : basename(relative(root, dirname(composeFile)) || root);
  return name.replace(/[^A-Za-z0-9._-]+/g, '-') || 'stack';
}
