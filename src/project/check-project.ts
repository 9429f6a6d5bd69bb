/**
 * IO: everything `check` judges about one compose project (its compose files, interpolation env,
 * service env files and template), read and run through every rule. `check` runs it once per
 * project or once per stack of a workspace, in one process.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { appendAll } from '../append-all.js';
import type { ComposeDocument } from '../compose/document.js';
import { findEnvFilePositions } from '../compose/env-file-positions.js';
import { parseTemplate } from '../compose/interpolation.js';
import { loadComposeFiles } from '../compose/load.js';
import type { ComposeScan } from '../compose/references.js';
import { scanComposeDocument } from '../compose/references.js';
import type { ServiceFacts } from '../compose/services.js';
import { listServiceFacts } from '../compose/services.js';
import { substitute } from '../compose/substitution.js';
import type { Context } from '../context.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { displayPath } from '../paths.js';
import { runRules } from '../rules/registry.js';
import type { CheckedEnvFile, ResolvedServiceEnvFile } from '../rules/rule.js';
import { loadTemplate } from '../templates/load.js';
import type { Template } from '../templates/types.js';
import type { EnvFile, SealedAccess } from './env-files.js';
import { loadInterpolationEnv, readEnvFile } from './env-files.js';
import { findLeftovers } from './leftovers.js';
import { dropSealedFalsePositives } from './sealed-findings.js';
import type { ProjectStack } from './stacks.js';

/** One compose project to check: files resolved, env files as given, the template loaded. */
export interface ProjectToCheck {
  files: string[];
  projectDirectory: string;
  envFile?: string[] | undefined;
  processEnv?: boolean | undefined;
  template: Template | undefined;
}

/** Runs every check over one project; returns its findings (unsorted) and the files read. */
export async function checkProject(project: ProjectToCheck, ctx: Context, access: SealedAccess): Promise<{ findings: Finding[]; files: string[] }> {
  const { cwd, env } = ctx;
  const progress = ctx.progress();
  const { documents, findings } = await loadComposeFiles(project.files, (index, total) =>
    progress.update(`checking: reading compose file ${index + 1} of ${total}`),
  );
  const scans: ComposeScan[] = documents.map(scanComposeDocument);
  const all: Finding[] = findings;
  for (const scan of scans) appendAll(all, scan.findings);

  const interpolation = await loadInterpolationEnv(project, project.projectDirectory, cwd, env, access);
  // A default the interpolation env overrides never applies: the reference rules see the env.
  appendAll(all, runRules('references', { cwd, references: scans.flatMap((scan) => scan.references), interpolation: interpolation.values }));
  const readFiles: EnvFile[] = [...interpolation.files];
  appendAll(all, interpolation.findings);
  const services: ServiceFacts[] = [];
  for (const document of documents) {
    const listed = listServiceFacts(document);
    appendAll(all, listed.findings);
    appendAll(services, listed.services);
  }
  const lookup = (name: string): string | undefined => interpolation.values.get(name);
  const serviceEnvFiles = resolveServiceEnvFiles(services, documents, project.projectDirectory, lookup);

  const envFiles: CheckedEnvFile[] = interpolation.files.map((file) => ({ ...file, isInterpolation: true, services: [] }));
  const byPath = new Map(envFiles.map((file) => [file.path, { file, services: new Set<string>() }]));
  for (const entry of serviceEnvFiles) {
    if (entry.path === undefined || !entry.exists) continue;
    let checked = byPath.get(entry.path);
    if (checked === undefined) {
      const read = await readEnvFile(entry.path, lookup, access);
      appendAll(all, read.findings);
      if (read.file === undefined) continue;
      readFiles.push(read.file);
      checked = { file: { ...read.file, isInterpolation: false, services: [] }, services: new Set() };
      byPath.set(entry.path, checked);
      envFiles.push(checked.file);
    }
    // Thousands of services share one env file: a set keeps this linear.
    if (!checked.services.has(entry.service)) {
      checked.services.add(entry.service);
      checked.file.services.push(entry.service);
    }
  }

  const input = {
    cwd,
    projectDirectory: project.projectDirectory,
    documents,
    scans,
    services,
    interpolation: interpolation.values,
    envFiles,
    serviceEnvFiles,
    template: project.template,
    leftovers: await findLeftovers(envFiles.map((file) => file.path)),
  };
  progress.update('checking: running the rules');
  appendAll(all, runRules('project', input));
  // Loaded only where `export` left a record: a plain check stays as light as it was.
  if (readFiles.some((file) => existsSync(join(dirname(file.path), '.lucid-env', 'exports.json')))) {
    appendAll(all, await (await import('./export-drift.js')).findExportDrift(readFiles, ctx));
  }
  progress.done();
  return { findings: dropSealedFalsePositives(all, readFiles), files: [...project.files, ...envFiles.map((file) => file.path)] };
}

function resolveServiceEnvFiles(
  services: readonly ServiceFacts[],
  documents: readonly ComposeDocument[],
  projectDirectory: string,
  lookup: (name: string) => string | undefined,
): ResolvedServiceEnvFile[] {
  const positions = documents.map((document) => ({ file: document.file, positions: findEnvFilePositions(document) }));
  // Services repeat the same few paths: interpolate and stat each written path once.
  const paths = new Map<string, { path: string | undefined; exists: boolean }>();
  const resolved: ResolvedServiceEnvFile[] = [];
  for (const service of services) {
    for (const entry of service.envFiles) {
      const place = positions.find((item) => item.positions.has(entry.rawPath));
      const position = place?.positions.get(entry.rawPath) ?? { line: 0, column: 0 };
      let target = paths.get(entry.rawPath);
      if (target === undefined) {
        // A path whose interpolation fails is reported by the interpolation rule at the reference.
        const value = substitute(parseTemplate(entry.rawPath), lookup).value;
        const path = value === null || value === '' ? undefined : resolve(projectDirectory, value);
        target = { path, exists: path !== undefined && existsSync(path) };
        paths.set(entry.rawPath, target);
      }
      resolved.push({ ...entry, ...target, file: place?.file ?? documents[0]?.file ?? '', ...position });
    }
  }
  return resolved;
}

/**
 * A stack's env files that exist, and an `env-file-missing` finding for each that does not yet
 * (`workspace init` lists the files a stack will need): a missing file is a finding, not a failed run.
 */
export function findStackEnvFiles(
  stack: { name: string; envFiles: readonly string[]; file: string; line: number },
  cwd: string,
): { present: string[]; findings: Finding[] } {
  const present = stack.envFiles.filter((file) => existsSync(file));
  const findings = stack.envFiles
    .filter((path) => !present.includes(path))
    .map((file) =>
      makeFinding(
        'env-file-missing',
        { file: stack.file, line: stack.line, column: stack.line > 0 ? 1 : 0 },
        `env file ${displayPath(file, cwd)} of stack ${stack.name} does not exist`,
        { hint: `lucid-env init --stack ${stack.name} -e ${displayPath(file, cwd)} writes it; or drop it from the stack's envFiles` },
      ),
    );
  return { present, findings };
}

/** Checks one stack: its configured template (never an inferred one), its env files, its compose files. */
export async function checkStack(
  stack: ProjectStack,
  options: { processEnv?: boolean | undefined },
  ctx: Context,
  access: SealedAccess,
): Promise<{ findings: Finding[]; files: string[] }> {
  const { cwd } = ctx;
  const template = stack.template === undefined ? { template: undefined, findings: [] } : await loadTemplate(stack.template, stack.root);
  const findings: Finding[] = [...template.findings];
  const { present, findings: missing } = findStackEnvFiles(stack, cwd);
  appendAll(findings, missing);
  const project = {
    files: stack.compose,
    projectDirectory: stack.projectDirectory,
    envFile: present.length > 0 ? present : undefined,
    processEnv: options.processEnv,
    template: template.template,
  };
  const checked = await checkProject(project, ctx, access);
  return { findings: appendAll(findings, checked.findings), files: checked.files };
}
