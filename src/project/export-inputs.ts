/**
 * IO for `export`: the stack's compose files, its env files (sealed ones opened in memory), the
 * secrets to export, and how each service uses them (env_file keys read from disk).
 */

import { basename, resolve } from 'node:path';
import { appendAll, appendToGroup } from '../append-all.js';
import { resolveCompose } from '../compose/document.js';
import { parseTemplate } from '../compose/interpolation.js';
import { loadComposeFiles, resolveComposeProject } from '../compose/load.js';
import { listServices } from '../compose/services.js';
import { substitute } from '../compose/substitution.js';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import type { ServiceSecrets } from '../export/usage.js';
import { findSecretUses, mergeSecretUses } from '../export/usage.js';
import type { Finding } from '../findings.js';
import { readText } from '../fs/read.js';
import { loadTemplateOption } from '../templates/load.js';
import type { Template } from '../templates/types.js';
import { isSecretName } from '../variable-names.js';
import { loadInterpolationEnv, MAX_ENV_BYTES, readEnvFile, sealedAccessOf } from './env-files.js';
import { requireOpened } from './sealed-env.js';

/** The options that say what to read. */
export interface ExportSelection {
  file?: string[];
  projectDirectory?: string;
  envFile?: string[];
  template?: string;
  keys?: string[];
  keyFile?: string;
  minVersion?: number;
  /** One stack of the workspace file, in place of -f, --project-directory and -e. */
  stack?: string;
}

/** Everything an export needs, read. */
export interface ExportInputs {
  template: Template | undefined;
  composeFiles: string[];
  projectDirectory: string;
  /** The first env file: where secret files, fingerprints and the export record go. */
  envFile: string;
  envFiles: string[];
  /** The stack's name: compose `name:`, else the template's, else the project directory's. */
  stack: string;
  /** Keys to export with their exact values, in env-file order. */
  secrets: [string, string][];
  uses: ServiceSecrets[];
  findings: Finding[];
}

/** Reads the stack and picks the secrets: `--keys`, else the template's secrets, else secret-looking names. */
export async function readExportInputs(options: ExportSelection, ctx: Context): Promise<ExportInputs> {
  const loaded = await loadTemplateOption(options.template, ctx.cwd);
  const template = loaded.template;
  const files = options.file ?? template?.compose.map((file) => resolve(ctx.cwd, file));
  const project = resolveComposeProject({ files, projectDirectory: options.projectDirectory }, ctx.cwd, ctx.env);
  const envFiles = options.envFile ?? (template?.envFile === undefined ? [] : [template.envFile]);
  if (envFiles.length === 0) throw new LucidError('USAGE', 'name the env file to export from: -e <path> (or a template with an envFile)');
  const access = sealedAccessOf(ctx, { keyFile: options.keyFile, minVersion: options.minVersion });
  const env = await loadInterpolationEnv({ envFile: envFiles }, project.projectDirectory, ctx.cwd, ctx.env, access);
  const findings = [...loaded.findings, ...env.findings.filter((finding) => finding.severity === 'error')];
  for (const file of env.files) {
    // A file no key opens would export sealed tokens: say why it cannot be opened instead.
    if (file.sealed?.isLocked === true) await requireOpened(file.path, (await readText(file.path, { maxBytes: MAX_ENV_BYTES })).text, access);
  }
  const { documents, findings: composeFindings } = await loadComposeFiles(project.files);
  appendAll(
    findings,
    composeFindings.filter((finding) => finding.severity === 'error'),
  );
  const secrets = selectSecrets(env.values, template, options.keys);
  const selected = new Set(secrets.map(([key]) => key));
  const lookup = (name: string) => env.values.get(name);
  const lists: ServiceSecrets[][] = [];
  let stack: string | undefined;
  for (const document of documents) {
    const data = resolveCompose(document).data ?? {};
    if (typeof data['name'] === 'string') stack ??= data['name'];
    const envFileKeys = await readServiceEnvFileKeys(data, project.projectDirectory, lookup, access);
    lists.push(findSecretUses(data, selected, (service) => envFileKeys.get(service) ?? []));
  }
  const envFile = resolve(ctx.cwd, envFiles[0] as string);
  return {
    template,
    composeFiles: project.files,
    projectDirectory: project.projectDirectory,
    envFile,
    envFiles: envFiles.map((file) => resolve(ctx.cwd, file)),
    stack: stack ?? template?.name ?? basename(project.projectDirectory),
    secrets,
    uses: mergeSecretUses(lists),
    findings,
  };
}

function selectSecrets(values: ReadonlyMap<string, string>, template: Template | undefined, keys: readonly string[] | undefined): [string, string][] {
  if (keys !== undefined && keys.length > 0) {
    const unknown = keys.filter((key) => !values.has(key));
    if (unknown.length > 0) throw new LucidError('KEY_NOT_FOUND', `not defined in the env file: ${unknown.join(', ')}`);
    return keys.map((key) => [key, values.get(key) as string]);
  }
  const templateSecrets = new Set(template?.variables.filter((variable) => variable.secret).map((variable) => variable.name));
  // A kept previous value is a secret of the same kind: services read it during a change-over.
  for (const name of [...templateSecrets]) templateSecrets.add(`${name}_PREVIOUS`);
  const isSecret = (key: string) => (template === undefined ? isSecretName(key) : templateSecrets.has(key));
  return [...values].filter(([key, value]) => value !== '' && isSecret(key));
}

/** Keys each service's env_file files define (read as Compose would find them). */
async function readServiceEnvFileKeys(
  data: Record<string, unknown>,
  projectDirectory: string,
  lookup: (name: string) => string | undefined,
  access: Parameters<typeof readEnvFile>[2],
): Promise<Map<string, string[]>> {
  const keys = new Map<string, string[]>();
  // Each file read once: thousands of services share a few env files.
  const keysOfFile = new Map<string, string[]>();
  for (const service of listServices(data)) {
    for (const entry of service.envFiles) {
      const path = substitute(parseTemplate(entry.rawPath), lookup).value;
      if (path === null || path === '') continue;
      const file = resolve(projectDirectory, path);
      let fileKeys = keysOfFile.get(file);
      if (fileKeys === undefined) {
        const read = await readEnvFile(file, () => undefined, access).catch(() => undefined);
        fileKeys = read?.file === undefined ? [] : [...read.file.values.keys()];
        keysOfFile.set(file, fileKeys);
      }
      for (const key of fileKeys) appendToGroup(keys, service.name, key);
    }
  }
  return keys;
}
