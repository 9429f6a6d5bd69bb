/**
 * The Kubernetes manifest of `export --to kubernetes`: one `Secret` (type Opaque) per stack whose
 * `data` holds base64 of each value's exact bytes, with DNS-valid name and labels and a fingerprint
 * annotation to copy into pod templates (so Deployments roll when a value changes). With
 * `--with-env-from`, each service's `env`/`envFrom` snippet follows as comments (no values in them).
 */
import { stringify } from 'yaml';
import { toDnsSubdomain, toLabelValue } from './names.js';
import type { ServiceSecrets } from './usage.js';

/** The annotation that changes whenever a value does. */
export const FINGERPRINT_ANNOTATION = 'lucid-env/fingerprint';

/** What goes into the manifest. */
export interface KubernetesSecretInput {
  stack: string;
  /** Key and exact value, in output order. */
  data: readonly (readonly [string, string])[];
  /** Keyed fingerprint of all the data. */
  fingerprint: string;
  /** Services to write `env`/`envFrom` snippets for. */
  snippets?: readonly ServiceSecrets[];
}

/** The Secret's name for a stack. */
export function secretNameOf(stack: string): string {
  return toDnsSubdomain(`${stack}-secrets`);
}

/** The Secret manifest (and snippets), deterministic for the same input. */
export function formatKubernetesSecret(input: KubernetesSecretInput): string {
  const name = secretNameOf(input.stack);
  const manifest = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      labels: { 'app.kubernetes.io/name': toLabelValue(input.stack) || 'stack', 'app.kubernetes.io/managed-by': 'lucid-env' },
      annotations: { [FINGERPRINT_ANNOTATION]: input.fingerprint },
    },
    type: 'Opaque',
    data: Object.fromEntries(input.data.map(([key, value]) => [key, Buffer.from(value, 'utf8').toString('base64')])),
  };
  const header = '# Written by lucid-env export --to kubernetes. It holds secret values: keep it out of git.\n';
  const snippets = (input.snippets ?? []).map((use) => formatSnippet(use, name)).filter((text) => text !== '');
  return `${header}${stringify(manifest, { lineWidth: 0 })}${snippets.join('')}`;
}

/** A service's container `env`/`envFrom` that reads the Secret, as YAML comments. */
function formatSnippet(use: ServiceSecrets, secretName: string): string {
  const env = use.environment
    .filter((item) => item.isDirect)
    .map((item) => ({ name: item.variable, valueFrom: { secretKeyRef: { name: secretName, key: item.secret } } }));
  const fragment: Record<string, unknown> = {};
  if (env.length > 0) fragment['env'] = env;
  if (use.envFileSecrets.length > 0) fragment['envFrom'] = [{ secretRef: { name: secretName } }];
  const built = use.environment.filter((item) => !item.isDirect).map((item) => `${item.variable} (from ${item.secret})`);
  if (Object.keys(fragment).length === 0 && built.length === 0) return '';
  const lines = [`# --- service ${use.service}: add to its container spec`];
  if (Object.keys(fragment).length > 0)
    lines.push(
      ...stringify(fragment, { lineWidth: 0 })
        .trimEnd()
        .split('\n')
        .map((line) => `# ${line}`),
    );
  if (built.length > 0) lines.push(`# (built in the compose file, not exported as they are: ${built.join(', ')})`);
  return `${lines.join('\n')}\n`;
}
