/**
 * IO: the stacks of a repository without a workspace file, for `workspace init` and
 * `check --recursive`: one stack per compose file (an override file joins its base), paired with
 * the env files it is run with. Evidence, strongest first: `--env-file` in scripts, the project
 * `.env` (Compose's default), the `env_file:` entries of its services. Each choice keeps a note.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseComposeText } from '../compose/document.js';
import { parseTemplate } from '../compose/interpolation.js';
import { findComposeFiles, readComposeText } from '../compose/load.js';
import { listServiceFacts } from '../compose/services.js';
import { substitute } from '../compose/substitution.js';
import { findFiles } from '../fs/find-files.js';
import { readText } from '../fs/read.js';
import { listBuiltInTemplates, loadTemplate } from '../templates/load.js';
import { isScriptFileName, parseComposeCommandLines } from '../workspace/script-env-files.js';
import { nameStacks } from '../workspace/stack-names.js';

/** A stack found by looking at the files, with why each choice was made. */
export interface InferredStack {
  name: string;
  /** Absolute paths. */
  compose: string[];
  envFiles: string[];
  template?: string;
  /** One line per decision, for a comment in the workspace file. */
  notes: string[];
}

const MAX_SCRIPT_BYTES = 1024 * 1024;
const MAX_SCRIPTS = 5000;
const OVERRIDE = /^(?:docker-)?compose\.override\.ya?ml$/i;

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** Where an `env_file:` entry points: with defaults applied, else its tail under the root or project. */
function locateEnvFile(rawPath: string, projectDirectory: string, root: string): string | undefined {
  const substituted = substitute(parseTemplate(rawPath), () => undefined).value;
  const candidates: string[] = [];
  if (substituted !== null && substituted !== '') candidates.push(resolve(projectDirectory, substituted));
  // `${REPO_ROOT:-/srv/app}/configs/.env.x`: on this machine the repository is the root.
  const tail = /^\$\{[^}]*\}+\/?(.*)$/.exec(rawPath)?.[1];
  if (tail !== undefined && tail !== '' && !tail.includes('$')) candidates.push(join(root, tail), join(projectDirectory, tail));
  const inside = candidates.filter((candidate) => !relative(root, candidate).startsWith('..'));
  return candidates.find((candidate) => existsSync(candidate)) ?? inside[0];
}

async function readEnvFileEntries(file: string, root: string): Promise<string[]> {
  const read = await readComposeText(file);
  if ('finding' in read) return [];
  const { compose } = parseComposeText(read.text, file);
  const found: string[] = [];
  for (const service of listServiceFacts(compose).services) {
    for (const entry of service.envFiles) {
      const path = locateEnvFile(entry.rawPath, dirname(file), root);
      if (path !== undefined && !found.includes(path)) found.push(path);
    }
  }
  return found;
}

function listScripts(root: string): string[] {
  try {
    return findFiles(root, isScriptFileName, { limit: MAX_SCRIPTS });
  } catch {
    return [];
  }
}

/** Compose file → env files named with `--env-file` next to it in scripts, and where. */
async function findScriptEvidence(root: string, composeFiles: ReadonlySet<string>): Promise<Map<string, { envFiles: string[]; where: string }>> {
  const evidence = new Map<string, { envFiles: string[]; where: string }>();
  for (const script of listScripts(root)) {
    if (statSync(script).size > MAX_SCRIPT_BYTES) continue;
    const read = await readText(script, { maxBytes: MAX_SCRIPT_BYTES, what: 'script' }).catch(() => undefined);
    if (read === undefined || read.isBinary) continue;
    for (const command of parseComposeCommandLines(read.text)) {
      // Scripts run from the repository root or from their own folder.
      for (const base of [root, dirname(script)]) {
        const files = command.composeFiles.map((file) => resolve(base, file));
        const known = files.filter((file) => composeFiles.has(file));
        if (known.length === 0) continue;
        for (const file of known) {
          const entry = evidence.get(file) ?? { envFiles: [], where: `${toPosix(relative(root, script))}:${command.line}` };
          for (const envFile of command.envFiles.map((path) => resolve(base, path))) if (!entry.envFiles.includes(envFile)) entry.envFiles.push(envFile);
          evidence.set(file, entry);
        }
        break;
      }
    }
  }
  return evidence;
}

/** Built-in template name per compose file it names (relative to the root, as templates write it). */
async function builtInTemplatesByCompose(root: string): Promise<Map<string, string>> {
  const byCompose = new Map<string, string>();
  for (const name of listBuiltInTemplates()) {
    const { template } = await loadTemplate(name, root);
    for (const file of template?.compose ?? []) byCompose.set(toPosix(file), name);
  }
  return byCompose;
}

/** Infers the stacks under `root`. */
export async function inferStacks(root: string): Promise<InferredStack[]> {
  const all = findComposeFiles(root);
  const bases = all.filter((file) => !OVERRIDE.test(basename(file)));
  const composeSet = new Set(all);
  const evidence = await findScriptEvidence(root, composeSet);
  const templates = await builtInTemplatesByCompose(root);
  const names = nameStacks(bases.map((file) => toPosix(relative(root, file))));
  const stacks: InferredStack[] = [];
  for (const [index, file] of bases.entries()) {
    const notes: string[] = [];
    const compose = [file];
    const override = all.find((other) => OVERRIDE.test(basename(other)) && dirname(other) === dirname(file));
    if (override !== undefined && /^(?:docker-)?compose\.ya?ml$/i.test(basename(file))) {
      compose.push(override);
      notes.push(`compose: ${basename(override)} joins ${basename(file)} (Compose reads both by default)`);
    }
    const scripted = evidence.get(file);
    const projectEnv = join(dirname(file), '.env');
    let envFiles: string[];
    if (scripted !== undefined) {
      envFiles = scripted.envFiles;
      notes.push(`envFiles: from --env-file in ${scripted.where}`);
    } else if (existsSync(projectEnv)) {
      envFiles = [projectEnv];
      notes.push("envFiles: the project's .env (Compose's default)");
    } else {
      envFiles = await readEnvFileEntries(file, root);
      if (envFiles.length > 0) notes.push('envFiles: the env_file entries of its services (run Compose with these as --env-file so ${...} sees them)');
      const absent = envFiles.filter((path) => !existsSync(path)).map((path) => toPosix(relative(root, path)));
      if (absent.length > 0) notes.push(`not there yet: ${absent.join(', ')} (lucid-env init creates them)`);
    }
    const stack: InferredStack = { name: names[index] ?? 'stack', compose, envFiles, notes };
    const template = templates.get(toPosix(relative(root, file)));
    if (template !== undefined) {
      stack.template = template;
      notes.push(`template: the built-in ${template} template describes ${toPosix(relative(root, file))}`);
    }
    stacks.push(stack);
  }
  return stacks;
}

/** A path as the workspace file writes it: relative to its folder, POSIX. */
export function workspacePath(path: string, root: string): string {
  return isAbsolute(path) ? toPosix(relative(root, path)) : toPosix(path);
}
