/** Pure: the service-level facts checks need (env_file entries, environment keys) from resolved data. */
import { isRecord } from './document.js';

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

function readEnvFileEntries(service: string, value: unknown): ServiceEnvFileEntry[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const entries: ServiceEnvFileEntry[] = [];
  for (const item of items) {
    if (typeof item === 'string') entries.push({ service, rawPath: item, isRequired: true });
    else if (isRecord(item) && typeof item['path'] === 'string') entries.push({ service, rawPath: item['path'], isRequired: item['required'] !== false });
  }
  return entries;
}

function readEnvironmentKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string').map((item) => item.split('=')[0]?.trim() ?? '');
  if (isRecord(value)) return Object.keys(value);
  return [];
}

/** Lists the services of resolved compose data (merge keys already applied). */
export function listServices(data: Record<string, unknown>): ServiceFacts[] {
  const services = data['services'];
  if (!isRecord(services)) return [];
  return Object.entries(services).map(([name, definition]) => {
    const service = isRecord(definition) ? definition : {};
    return { name, envFiles: readEnvFileEntries(name, service['env_file']), environmentKeys: readEnvironmentKeys(service['environment']) };
  });
}
