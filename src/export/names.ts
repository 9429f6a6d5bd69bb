/**
 * Names of exported secrets: Docker secret names (`[a-zA-Z0-9][a-zA-Z0-9_.-]*`, at most 64
 * characters for Swarm), and Kubernetes object names and label values under its DNS rules.
 */

const SWARM_NAME_MAX = 64;
const DNS_SUBDOMAIN_MAX = 253;
const LABEL_VALUE_MAX = 63;

/** The compose secret for a variable: its name in lower case (`MONGODB_PASSWORD` → `mongodb_password`). */
export function composeSecretName(key: string): string {
  const name = key.toLowerCase().replace(/^[^a-z0-9]+/, '');
  return name === '' ? 'secret' : name;
}

/** A Swarm secret name with a fingerprint of the content, so a rotated value gets a new secret. */
export function swarmSecretName(project: string, key: string, fingerprint: string): string {
  const suffix = `_${composeSecretName(key)}_${fingerprint}`;
  const prefix = project.replace(/[^a-zA-Z0-9_.-]/g, '-').replace(/^[^a-zA-Z0-9]+/, '');
  return `${prefix.slice(0, Math.max(0, SWARM_NAME_MAX - suffix.length))}${suffix}`.replace(/^_/, '');
}

/** A valid DNS-1123 subdomain (object names): lower case, dot-separated labels of `[a-z0-9-]`, alphanumeric at both ends. */
export function toDnsSubdomain(name: string): string {
  const labels = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .split('.')
    .map((label) => label.slice(0, LABEL_VALUE_MAX).replace(/^-+|-+$/g, ''))
    .filter((label) => label !== '');
  const joined = labels
    .join('.')
    .slice(0, DNS_SUBDOMAIN_MAX)
    .replace(/[^a-z0-9]+$/, '');
  return joined === '' ? 'stack' : joined;
}

/** A valid label value: at most 63 of `[A-Za-z0-9_.-]`, alphanumeric at both ends. */
export function toLabelValue(name: string): string {
  return name
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, LABEL_VALUE_MAX)
    .replace(/[^A-Za-z0-9]+$/, '');
}

/** True for a DNS-1123 subdomain. */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= DNS_SUBDOMAIN_MAX && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name);
}

/** True for a label value. */
export function isLabelValue(value: string): boolean {
  return value.length <= LABEL_VALUE_MAX && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value);
}
