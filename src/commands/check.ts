/** `lucid-env check`: the CI gate. Reads everything, runs every rule, reports all problems at once. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { resolveCompose } from '../compose/document.js';
import { findEnvFilePositions } from '../compose/env-file-positions.js';
import { parseTemplate } from '../compose/interpolation.js';
import { loadComposeFiles, resolveComposeProject } from '../compose/load.js';
import type { ComposeScan } from '../compose/references.js';
import { scanComposeDocument } from '../compose/references.js';
import type { ServiceFacts } from '../compose/services.js';
import { listServices } from '../compose/services.js';
import { substitute } from '../compose/substitution.js';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import type { Finding, FindingCode } from '../findings.js';
import { compareFindings } from '../findings.js';
import type { EnvFile } from '../project/env-files.js';
import { loadInterpolationEnv, readEnvFile, sealedAccessOf } from '../project/env-files.js';
import { findLeftovers } from '../project/leftovers.js';
import { dropSealedFalsePositives } from '../project/sealed-findings.js';
import type { Report } from '../report.js';
import { findingCodes, isFindingCode, runRules } from '../rules/registry.js';
import type { CheckedEnvFile, ResolvedServiceEnvFile } from '../rules/rule.js';
import { loadTemplateOption } from '../templates/load.js';

/** Options of `check`. */
export interface CheckOptions {
  file?: string[];
  projectDirectory?: string;
  envFile?: string[];
  processEnv?: boolean;
  template?: string;
  /** Finding codes to leave out (comma-separated on the command line). */
  ignore?: string[];
  /** Refuse sealed env files older than this version (rollback). */
  minVersion?: number;
}

/** Runs every check over the compose files, env files and template. */
export async function check(options: CheckOptions, ctx: Context): Promise<Report> {
  const unknownCodes = (options.ignore ?? []).filter((code) => !isFindingCode(code));
  if (unknownCodes.length > 0) {
    throw new LucidError('USAGE', `unknown finding code${unknownCodes.length > 1 ? 's' : ''} in --ignore: ${unknownCodes.join(', ')}`, {
      hint: `codes: ${Object.keys(findingCodes()).join(', ')}`,
    });
  }
  const template = await loadTemplateOption(options.template, ctx.cwd);
  const project = resolveComposeProject({ files: options.file, projectDirectory: options.projectDirectory }, ctx.cwd, ctx.env);
  const progress = ctx.progress();
  const { documents, findings } = await loadComposeFiles(project.files, (index, total) =>
    progress.update(`checking: reading compose file ${index + 1} of ${total}`),
  );
  const scans: ComposeScan[] = documents.map(scanComposeDocument);
  const all: Finding[] = [...findings, ...template.findings, ...scans.flatMap((scan) => scan.findings)];
  const access = sealedAccessOf(ctx, { minVersion: options.minVersion });
  const interpolation = await loadInterpolationEnv(options, project.projectDirectory, ctx.cwd, ctx.env, access);
  const readFiles: EnvFile[] = [...interpolation.files];
  all.push(...runRules('references', { cwd: ctx.cwd, references: scans.flatMap((scan) => scan.references), interpolation: interpolation.values }));
  all.push(...interpolation.findings);
  const services: ServiceFacts[] = [];
  for (const document of documents) {
    const resolved = resolveCompose(document);
    if (resolved.finding !== undefined) all.push(resolved.finding);
    if (resolved.data !== undefined) services.push(...listServices(resolved.data));
  }
  const lookup = (name: string): string | undefined => interpolation.values.get(name);
  const serviceEnvFiles = resolveServiceEnvFiles(services, documents, project.projectDirectory, lookup);

  const envFiles: CheckedEnvFile[] = interpolation.files.map((file) => ({ ...file, isInterpolation: true, services: [] }));
  for (const entry of serviceEnvFiles) {
    if (entry.path === undefined || !entry.exists) continue;
    let checked = envFiles.find((file) => file.path === entry.path);
    if (checked === undefined) {
      const read = await readEnvFile(entry.path, lookup, access);
      all.push(...read.findings);
      if (read.file === undefined) continue;
      readFiles.push(read.file);
      checked = { ...read.file, isInterpolation: false, services: [] };
      envFiles.push(checked);
    }
    if (!checked.services.includes(entry.service)) checked.services.push(entry.service);
  }

  const input = {
    cwd: ctx.cwd,
    projectDirectory: project.projectDirectory,
    documents,
    scans,
    services,
    interpolation: interpolation.values,
    envFiles,
    serviceEnvFiles,
    template: template.template,
    leftovers: await findLeftovers(envFiles.map((file) => file.path)),
  };
  progress.update('checking: running the rules');
  all.push(...runRules('project', input));
  // Loaded only where `export` left a record: a plain check stays as light as it was.
  if (readFiles.some((file) => existsSync(join(dirname(file.path), '.lucid-env', 'exports.json')))) {
    all.push(...(await (await import('../project/export-drift.js')).findExportDrift(readFiles, ctx)));
  }
  progress.done();
  const ignored = new Set<string>(options.ignore ?? []);
  return {
    command: 'check',
    files: [...project.files, ...envFiles.map((file) => file.path)],
    findings: dropSealedFalsePositives(all, readFiles)
      .filter((finding) => !ignored.has(finding.code as FindingCode))
      .sort(compareFindings),
  };
}

function resolveServiceEnvFiles(
  services: readonly ServiceFacts[],
  documents: Parameters<typeof findEnvFilePositions>[0][],
  projectDirectory: string,
  lookup: (name: string) => string | undefined,
): ResolvedServiceEnvFile[] {
  const positions = documents.map((document) => ({ file: document.file, positions: findEnvFilePositions(document) }));
  const resolved: ResolvedServiceEnvFile[] = [];
  for (const service of services) {
    for (const entry of service.envFiles) {
      const place = positions.find((item) => item.positions.has(entry.rawPath));
      const position = place?.positions.get(entry.rawPath) ?? { line: 0, column: 0 };
      // A path whose interpolation fails is reported by the interpolation rule at the reference.
      const value = substitute(parseTemplate(entry.rawPath), lookup).value;
      const path = value === null || value === '' ? undefined : resolve(projectDirectory, value);
      resolved.push({ ...entry, path, exists: path !== undefined && existsSync(path), file: place?.file ?? documents[0]?.file ?? '', ...position });
    }
  }
  return resolved;
}
