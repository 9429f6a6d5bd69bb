/** Pure: the services of a compose document as audit sees them: merge keys followed, positions kept, paths interpolated. */
import type { Node } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';
import type { ComposeDocument } from '../compose/document.js';
import { MAX_ALIAS_COUNT, positionAt } from '../compose/document.js';
import { parseTemplate } from '../compose/interpolation.js';
import type { Lookup } from '../compose/substitution.js';
import { substitute } from '../compose/substitution.js';
import { listMergedPairs } from './merged-keys.js';
import type { AuditService, BuildFacts, Located } from './types.js';

/** Where the project lives and how its variables resolve. */
export interface ServiceContext {
  projectDirectory: string;
  stack: string | undefined;
  lookup: Lookup;
}

/** A string as Compose would see it after interpolation; undefined when a variable has no value. */
export function interpolate(raw: string, lookup: Lookup): string | undefined {
  const result = substitute(parseTemplate(raw), lookup);
  return result.value === null || result.unset.length > 0 ? undefined : result.value;
}

function locate(compose: ComposeDocument, node: Node | undefined, fallback: { line: number; column: number }): { file: string; line: number; column: number } {
  const offset = node?.range?.[0];
  return { file: compose.file, ...(offset === undefined ? fallback : positionAt(compose.lineCounter, offset)) };
}

function toValue(node: unknown, compose: ComposeDocument): unknown {
  if (node === null || node === undefined) return null;
  const value = node as Node;
  return typeof value.toJS === 'function' ? value.toJS(compose.document, { maxAliasCount: MAX_ALIAS_COUNT }) : node;
}

/** Lists the services of one compose document (without their Dockerfiles, which are read from disk). */
export function listAuditServices(compose: ComposeDocument, context: ServiceContext): AuditService[] {
  if (!compose.isUsable || !isMap(compose.document.contents)) return [];
  const servicesNode = compose.document.contents.get('services', true);
  if (!isMap(servicesNode)) return [];
  const services: AuditService[] = [];
  for (const pair of servicesNode.items) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    const at = locate(compose, pair.key as Node, { line: 1, column: 1 });
    const keys = new Map<string, Located>();
    const merged = listMergedPairs(pair.value, compose.document);
    for (const [key, item] of merged) keys.set(key, { value: toValue(item.value, compose), ...locate(compose, item.keyNode, at) });
    const service = describeService(String(pair.key.value), at, keys, context);
    service.environment = listEnvironment(compose, merged.get('environment')?.value);
    services.push(service);
  }
  return services;
}

function listEnvironment(compose: ComposeDocument, node: unknown): AuditService['environment'] {
  const entries: AuditService['environment'] = [];
  if (isMap(node)) {
    for (const [name, item] of listMergedPairs(node, compose.document)) {
      const value = isScalar(item.value) && item.value.value !== null ? String(item.value.value) : null;
      entries.push({ name, value, ...locate(compose, item.keyNode, { line: 1, column: 1 }) });
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (!isScalar(item) || typeof item.value !== 'string') continue;
      const equals = item.value.indexOf('=');
      const name = equals === -1 ? item.value : item.value.slice(0, equals);
      entries.push({ name, value: equals === -1 ? null : item.value.slice(equals + 1), ...locate(compose, item as Node, { line: 1, column: 1 }) });
    }
  }
  return entries;
}

function describeService(name: string, at: { file: string; line: number; column: number }, keys: Map<string, Located>, context: ServiceContext): AuditService {
  const image = keys.get('image');
  const imageValue = typeof image?.value === 'string' ? interpolate(image.value, context.lookup) : undefined;
  return {
    name,
    stack: context.stack,
    ...at,
    projectDirectory: context.projectDirectory,
    keys,
    image: image !== undefined && imageValue !== undefined && imageValue !== '' ? { ...image, value: imageValue } : undefined,
    build: readBuild(keys.get('build'), context.lookup),
    labels: readLabels(keys.get('labels')?.value),
    environment: [],
    dockerfile: undefined,
    buildProblem: undefined,
  };
}

function readBuild(build: Located | undefined, lookup: Lookup): BuildFacts | undefined {
  if (build === undefined || build.value === null) return undefined;
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? interpolate(value, lookup) : undefined);
  if (typeof build.value === 'string') return { context: text(build.value), dockerfile: undefined, inline: undefined, target: undefined, args: {}, at: build };
  if (typeof build.value !== 'object') return undefined;
  const spec = build.value as Record<string, unknown>;
  return {
    context: spec['context'] === undefined ? '.' : text(spec['context']),
    dockerfile: text(spec['dockerfile']),
    inline: typeof spec['dockerfile_inline'] === 'string' ? spec['dockerfile_inline'] : undefined,
    target: text(spec['target']),
    args: readArgs(spec['args'], lookup),
    at: build,
  };
}

function readArgs(value: unknown, lookup: Lookup): Record<string, string> {
  const args: Record<string, string> = {};
  const entries: [string, unknown][] = Array.isArray(value)
    ? value
        .filter((item): item is string => typeof item === 'string')
        .map((item) => [item.split('=')[0] ?? '', item.includes('=') ? item.slice(item.indexOf('=') + 1) : null])
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : [];
  for (const [key, raw] of entries) {
    const resolved = raw === null ? lookup(key) : interpolate(String(raw), lookup);
    if (resolved !== undefined) args[key] = resolved;
  }
  return args;
}

/** Labels in list (`- key=value`) or map form. */
export function readLabels(value: unknown): Map<string, string> {
  const labels = new Map<string, string>();
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== 'string') continue;
      const equals = item.indexOf('=');
      labels.set(equals === -1 ? item : item.slice(0, equals), equals === -1 ? '' : item.slice(equals + 1));
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) labels.set(key, item === null ? '' : String(item));
  }
  return labels;
}
