/**
 * Pure: the service-level facts checks need (env_file entries, environment keys), read from the
 * YAML nodes with merge keys (`<<`) and aliases applied, without converting the whole document to
 * plain data: per service, a map of its keys, so the cost grows with the services, not their square.
 */
import type { Node } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import type { AliasIndex } from './aliases.js';
import { followAlias } from './aliases.js';
import type { ComposeDocument } from './document.js';
import { isRecord, positionAt } from './document.js';

/** One `env_file:` entry of a service, short or long syntax, before interpolation. */
export interface ServiceEnvFileEntry {
  service: string;
  /** The path as written (may contain `${...}`). */
  rawPath: string;
  /** `required: false` in the long syntax makes a missing file fine. */
  isRequired: boolean;
}

/** A service's name, its env_file entries and the keys its `environment:` sets. */
export interface ServiceFacts {
  name: string;
  envFiles: ServiceEnvFileEntry[];
  environmentKeys: string[];
}

/** True for a `<<` merge key (yaml turns it into a symbol when merge keys are on). */
export function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

/** A mapping's entries with merge keys applied: explicit keys win, then earlier merge sources. */
function mergedEntries(node: unknown, aliases: AliasIndex | undefined, problems: Node[]): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  const merged: unknown[] = [];
  const map = followAlias(aliases, node);
  if (!isMap(map)) return entries;
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    if (isMergeKey(pair.key)) {
      const source = followAlias(aliases, pair.value);
      for (const item of isSeq(source) ? source.items : [source]) merged.push(followAlias(aliases, item));
      continue;
    }
    if (isScalar(pair.key)) entries.set(String(pair.key.value), followAlias(aliases, pair.value));
  }
  for (const source of merged) {
    if (!isMap(source)) {
      problems.push((source as Node | undefined) ?? map);
      continue;
    }
    // A merged mapping may merge others in turn; one level of lookup per source keeps this linear.
    for (const [key, value] of mergedEntries(source, aliases, problems)) if (!entries.has(key)) entries.set(key, value);
  }
  return entries;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

function readEnvFileEntries(service: string, value: unknown, aliases: AliasIndex | undefined, problems: Node[]): ServiceEnvFileEntry[] {
  const items = isSeq(value) ? value.items.map((item) => followAlias(aliases, item)) : value === undefined ? [] : [value];
  const entries: ServiceEnvFileEntry[] = [];
  for (const item of items) {
    const text = scalarText(item);
    if (text !== undefined) {
      entries.push({ service, rawPath: text, isRequired: true });
      continue;
    }
    if (!isMap(item)) continue;
    const fields = mergedEntries(item, aliases, problems);
    const path = scalarText(fields.get('path'));
    const required = fields.get('required');
    if (path !== undefined) entries.push({ service, rawPath: path, isRequired: !(isScalar(required) && required.value === false) });
  }
  return entries;
}

function readEnvironmentKeys(value: unknown, aliases: AliasIndex | undefined, problems: Node[]): string[] {
  if (isSeq(value)) {
    const keys: string[] = [];
    for (const item of value.items) {
      const text = scalarText(followAlias(aliases, item));
      if (text !== undefined) keys.push(text.split('=')[0]?.trim() ?? '');
    }
    return keys;
  }
  return isMap(value) ? [...mergedEntries(value, aliases, problems).keys()] : [];
}

/** Lists the services of a parsed compose file; a merge of something that is not a mapping is a finding. */
export function listServiceFacts(compose: ComposeDocument): { services: ServiceFacts[]; findings: Finding[] } {
  if (!compose.isUsable) return { services: [], findings: [] };
  const problems: Node[] = [];
  const top = mergedEntries(compose.document.contents, compose.aliases, problems);
  const services: ServiceFacts[] = [];
  for (const [name, definition] of mergedEntries(top.get('services'), compose.aliases, problems)) {
    const fields = mergedEntries(definition, compose.aliases, problems);
    services.push({
      name,
      envFiles: readEnvFileEntries(name, fields.get('env_file'), compose.aliases, problems),
      environmentKeys: readEnvironmentKeys(fields.get('environment'), compose.aliases, problems),
    });
  }
  const findings = problems
    .slice(0, 1)
    .map((node) =>
      makeFinding(
        'yaml-syntax',
        { file: compose.file, ...positionAt(compose.lineCounter, node.range?.[0] ?? 0) },
        'the YAML cannot be resolved: merge sources must be mappings or aliases of mappings',
      ),
    );
  return { services, findings };
}

function readPlainEnvFileEntries(service: string, value: unknown): ServiceEnvFileEntry[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const entries: ServiceEnvFileEntry[] = [];
  for (const item of items) {
    if (typeof item === 'string') entries.push({ service, rawPath: item, isRequired: true });
    else if (isRecord(item) && typeof item['path'] === 'string') entries.push({ service, rawPath: item['path'], isRequired: item['required'] !== false });
  }
  return entries;
}

/** Lists the services of compose data already resolved to plain objects (resolveCompose). */
export function listServices(data: Record<string, unknown>): ServiceFacts[] {
  const services = data['services'];
  if (!isRecord(services)) return [];
  return Object.entries(services).map(([name, definition]) => {
    const service = isRecord(definition) ? definition : {};
    const environment = service['environment'];
    const environmentKeys = Array.isArray(environment)
      ? environment.filter((item): item is string => typeof item === 'string').map((item) => item.split('=')[0]?.trim() ?? '')
      : isRecord(environment)
        ? Object.keys(environment)
        : [];
    return { name, envFiles: readPlainEnvFileEntries(name, service['env_file']), environmentKeys };
  });
}
