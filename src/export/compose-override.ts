/**
 * The compose override of `export --to compose-secrets`: top-level `secrets:` (files, or external
 * Swarm secrets), each service granted the secrets it references, and no secret left in any
 * `environment:`: entries whose image reads `<NAME>_FILE` switch to the file, the others (and the
 * secrets an `env_file:` hands in) are blanked, since `environment:` wins over `env_file:`.
 * Blanking with "" instead of Compose's `!reset` keeps the file readable by every Compose version.
 */
import { stringify } from 'yaml';
import type { ServiceSecrets } from './usage.js';
import { referencedSecrets } from './usage.js';

/** One exported secret as the override declares it. */
export interface OverrideSecret {
  key: string;
  /** The compose secret's key (and the file name under /run/secrets). */
  name: string;
  /** Path of the secret file, relative to the project directory (file secrets). */
  file?: string;
  /** The Swarm secret's name (external secrets). */
  externalName?: string;
}

/** What the override says, and what the user must know about it. */
export interface ComposeOverride {
  text: string;
  notes: string[];
}

/** Formats the override; `fileEnv` maps a secret to the container variables whose image reads `_FILE`. */
export function formatComposeOverride(
  uses: readonly ServiceSecrets[],
  secrets: readonly OverrideSecret[],
  fileEnv: (secret: string) => readonly string[],
  header: string,
): ComposeOverride {
  const nameOf = new Map(secrets.map((secret) => [secret.key, secret.name]));
  const services: Record<string, Record<string, unknown>> = {};
  const notes: string[] = [];
  for (const use of uses) {
    const environment: Record<string, string> = {};
    const mustRead: string[] = [];
    for (const item of use.environment) {
      environment[item.variable] = '';
      if (item.isDirect && fileEnv(item.secret).includes(item.variable)) environment[`${item.variable}_FILE`] = `/run/secrets/${nameOf.get(item.secret)}`;
      else if (item.isDirect) mustRead.push(`${item.variable} (/run/secrets/${nameOf.get(item.secret)})`);
      else notes.push(`${use.service}: ${item.variable} was built from ${item.secret} in the compose file; it is blanked: build it in the service`);
    }
    for (const secret of use.envFileSecrets) environment[secret] ??= '';
    const granted = referencedSecrets(use).map((secret) => nameOf.get(secret) as string);
    if (Object.keys(environment).length === 0 && granted.length === 0) continue;
    const service: Record<string, unknown> = {};
    if (Object.keys(environment).length > 0) service['environment'] = environment;
    if (granted.length > 0) service['secrets'] = granted;
    services[use.service] = service;
    if (mustRead.length > 0) notes.push(`${use.service}: its image reads no _FILE variable for ${mustRead.join(', ')}: the service must read the file`);
    for (const place of use.elsewhere) notes.push(`${use.service}: ${place.secret} is still interpolated into ${place.path} (outside environment:)`);
  }
  const withEnvFile = uses.filter((use) => use.envFileSecrets.length > 0).map((use) => use.service);
  if (withEnvFile.length > 0) notes.push(`blanked the secrets that env_file: gave ${withEnvFile.join(', ')}; grant a service the ones it needs`);
  const declared = Object.fromEntries(
    secrets.map((secret) => [secret.name, secret.externalName === undefined ? { file: secret.file } : { external: true, name: secret.externalName }]),
  );
  const text = `${header}${stringify({ services, secrets: declared }, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' })}`;
  return { text, notes };
}
