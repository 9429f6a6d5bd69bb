/**
 * Where each service uses the secrets being exported: `environment:` entries (direct `${S}` or a
 * passthrough, or built into a longer string), every other string of the service (command,
 * healthcheck…), and the secrets its `env_file:` files hand it. Pure: resolved compose data in.
 */
import { appendAll } from '../append-all.js';
import { isRecord } from '../compose/document.js';
import { parseTemplate } from '../compose/interpolation.js';
import { listReferences } from '../compose/substitution.js';

/** One `environment:` entry that carries a secret. */
export interface EnvironmentUse {
  /** The container variable. */
  variable: string;
  secret: string;
  /** The value is exactly the secret (`${S}`, `$S`, `${S:?…}`, or a passthrough `- S`). */
  isDirect: boolean;
}

/** How one service uses the exported secrets. */
export interface ServiceSecrets {
  service: string;
  environment: EnvironmentUse[];
  /** References outside `environment:` (YAML path and secret). */
  elsewhere: { path: string; secret: string }[];
  /** Exported secrets the service's `env_file:` files define. */
  envFileSecrets: string[];
}

/** The uses of `secrets` by every service of resolved compose data, in the file's order. */
export function findSecretUses(
  data: Record<string, unknown>,
  secrets: ReadonlySet<string>,
  envFileKeys: (service: string) => readonly string[],
): ServiceSecrets[] {
  const services = isRecord(data['services']) ? data['services'] : {};
  return Object.entries(services).map(([service, definition]) => {
    const body = isRecord(definition) ? definition : {};
    const elsewhere: ServiceSecrets['elsewhere'] = [];
    for (const [key, value] of Object.entries(body)) {
      if (key !== 'environment' && key !== 'env_file') collectStrings(value, `services.${service}.${key}`, secrets, elsewhere);
    }
    const envFileSecrets = [...new Set(envFileKeys(service).filter((key) => secrets.has(key)))];
    return { service, environment: readEnvironment(body['environment'], secrets), elsewhere, envFileSecrets };
  });
}

/** Merges the uses found in several compose files (later files add to a service). */
export function mergeSecretUses(lists: readonly ServiceSecrets[][]): ServiceSecrets[] {
  const merged = new Map<string, ServiceSecrets>();
  for (const uses of lists) {
    for (const use of uses) {
      const known = merged.get(use.service);
      if (known === undefined) {
        merged.set(use.service, { ...use, environment: [...use.environment], elsewhere: [...use.elsewhere], envFileSecrets: [...use.envFileSecrets] });
        continue;
      }
      // A later file's entry for the same container variable replaces the earlier one, as in Compose.
      known.environment = [...known.environment.filter((item) => !use.environment.some((other) => other.variable === item.variable)), ...use.environment];
      appendAll(known.elsewhere, use.elsewhere);
      for (const secret of use.envFileSecrets) if (!known.envFileSecrets.includes(secret)) known.envFileSecrets.push(secret);
    }
  }
  return [...merged.values()];
}

/** Every secret a service references (environment and elsewhere), sorted. */
export function referencedSecrets(use: ServiceSecrets): string[] {
  return [...new Set([...use.environment.map((item) => item.secret), ...use.elsewhere.map((item) => item.secret)])].sort();
}

function readEnvironment(value: unknown, secrets: ReadonlySet<string>): EnvironmentUse[] {
  const entries: [string, unknown][] = Array.isArray(value)
    ? value
        .filter((item): item is string => typeof item === 'string')
        .map((item) => (item.includes('=') ? [item.slice(0, item.indexOf('=')).trim(), item.slice(item.indexOf('=') + 1)] : [item.trim(), null]))
    : isRecord(value)
      ? Object.entries(value)
      : [];
  const uses: EnvironmentUse[] = [];
  for (const [variable, raw] of entries) {
    if (raw === null || raw === undefined) {
      if (secrets.has(variable)) uses.push({ variable, secret: variable, isDirect: true });
      continue;
    }
    if (typeof raw !== 'string') continue;
    const { parts } = parseTemplate(raw);
    const only = parts.length === 1 && parts[0]?.kind === 'reference' ? parts[0].reference.name : undefined;
    const used = [...new Set(listReferences(parts).map((reference) => reference.name))].filter((name) => secrets.has(name));
    // `MONGODB_URI: mongodb://…${MONGODB_PASSWORD}…` where MONGODB_URI is itself an exported secret: that secret is the value.
    if (used.length > 0 && only === undefined && secrets.has(variable)) uses.push({ variable, secret: variable, isDirect: true });
    else for (const secret of used) uses.push({ variable, secret, isDirect: only === secret });
  }
  return uses;
}

function collectStrings(value: unknown, path: string, secrets: ReadonlySet<string>, found: ServiceSecrets['elsewhere']): void {
  if (typeof value === 'string') {
    for (const reference of listReferences(parseTemplate(value).parts)) if (secrets.has(reference.name)) found.push({ path, secret: reference.name });
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) collectStrings(item, `${path}[${index}]`, secrets, found);
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) collectStrings(item, `${path}.${key}`, secrets, found);
  }
}
