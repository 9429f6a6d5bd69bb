/** IO: reads and parses the Dockerfile of each service's `build:` (context and dockerfile from the project directory). */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseDockerfile } from '../audit/dockerfile.js';
import type { AuditService, DockerfileFacts } from '../audit/types.js';

const MAX_DOCKERFILE_BYTES = 4 * 1024 * 1024;

/** A remote context (git URL, tarball URL) that cannot be read here. */
function isRemoteContext(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || /\.git(?:#.*)?$/.test(context);
}

function readDockerfile(path: string): string | undefined {
  try {
    if (statSync(path).size > MAX_DOCKERFILE_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** An inline Dockerfile's facts, its lines moved onto the `build:` key (it has no file of its own). */
function parseInline(service: AuditService, text: string): DockerfileFacts {
  const build = service.build;
  const facts = parseDockerfile(text, build?.at.file ?? service.file, { buildArgs: build?.args ?? {}, target: build?.target });
  const line = build?.at.line ?? service.line;
  for (const stage of facts.stages) {
    stage.line = line;
    for (const instruction of stage.instructions) instruction.line = line;
  }
  for (const secret of facts.literalSecrets) secret.line = line;
  return facts;
}

/** Parsed Dockerfiles of one run: many services and compose files build the same (file, args, target). */
export type DockerfileCache = Map<string, DockerfileFacts>;

function parseCached(text: string, path: string, build: { args: Record<string, string>; target: string | undefined }, cache: DockerfileCache): DockerfileFacts {
  const key = JSON.stringify([path, build.args, build.target]);
  let facts = cache.get(key);
  if (facts === undefined) {
    facts = parseDockerfile(text, path, { buildArgs: build.args, target: build.target });
    cache.set(key, facts);
  }
  return facts;
}

/** Fills each service's `dockerfile` (or `buildProblem` when the context or the Dockerfile is missing). */
export function attachDockerfiles(services: readonly AuditService[], cache: DockerfileCache = new Map()): void {
  for (const service of services) {
    const build = service.build;
    if (build === undefined) continue;
    if (build.inline !== undefined) {
      service.dockerfile = parseInline(service, build.inline);
      continue;
    }
    if (build.context === undefined || isRemoteContext(build.context)) continue;
    const context = resolve(service.projectDirectory, build.context);
    if (!existsSync(context)) {
      service.buildProblem = { what: 'context', path: context };
      continue;
    }
    const name = build.dockerfile ?? 'Dockerfile';
    const path = isAbsolute(name) ? name : resolve(context, name);
    const text = readDockerfile(path);
    if (text === undefined) {
      service.buildProblem = { what: 'Dockerfile', path };
      continue;
    }
    service.dockerfile = parseCached(text, path, build, cache);
  }
}
