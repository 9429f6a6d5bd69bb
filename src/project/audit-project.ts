/** IO: reads one compose project for audit: its compose files, interpolation env, services (with Dockerfiles) and references. */

import { mergeProjectServices } from '../audit/merge-services.js';
import { listAuditServices } from '../audit/services.js';
import type { AuditService } from '../audit/types.js';
import { loadComposeFiles } from '../compose/load.js';
import type { ComposeReference } from '../compose/references.js';
import { scanComposeDocument } from '../compose/references.js';
import type { Finding } from '../findings.js';
import type { DockerfileCache } from './dockerfiles.js';
import { attachDockerfiles } from './dockerfiles.js';
import { loadInterpolationEnv } from './env-files.js';

/** One compose project to audit. */
export interface AuditProject {
  files: string[];
  projectDirectory: string;
  envFile?: string[] | undefined;
  processEnv?: boolean | undefined;
  template?: string | undefined;
  stack?: string | undefined;
}

/** What reading a project gave. */
export interface ReadProject {
  services: AuditService[];
  references: ComposeReference[];
  /** Problems of the files themselves (YAML, env syntax). */
  findings: Finding[];
}

/** Reads a project; problems in its files are findings, unreadable files throw. */
export async function readAuditProject(
  project: AuditProject,
  cwd: string,
  processEnvironment: NodeJS.ProcessEnv,
  cache: DockerfileCache = new Map(),
): Promise<ReadProject> {
  const { documents, findings } = await loadComposeFiles(project.files);
  const interpolation = await loadInterpolationEnv(project, project.projectDirectory, cwd, processEnvironment);
  const lookup = (name: string): string | undefined => interpolation.values.get(name);
  const context = { projectDirectory: project.projectDirectory, stack: project.stack, lookup };
  const services = mergeProjectServices(documents.map((document) => listAuditServices(document, context)));
  attachDockerfiles(services, cache);
  const scans = documents.map(scanComposeDocument);
  return {
    services,
    references: scans.flatMap((scan) => scan.references),
    findings: [...findings, ...interpolation.findings, ...scans.flatMap((scan) => scan.findings)],
  };
}
