/** `audit/literal-secret`: a secret written as a literal value in compose (`environment`, `build.args`) or a Dockerfile (`ENV`, `ARG`). */
import { isSecretEntry } from '../../audit/secret-names.js';
import type { AuditInput, AuditService } from '../../audit/types.js';
import type { Finding } from '../../findings.js';
import { makeFinding } from '../../findings.js';
import type { AuditRule } from './audit-rule.js';
import { serviceFinding } from './audit-rule.js';

const CODES = {
  'audit/literal-secret': {
    title: 'Secret written literally',
    severity: 'error',
    when: 'a secret-like variable with a literal value in `environment:` or `build.args:`, or in a Dockerfile `ENV`/`ARG` (it is in the image history)',
  },
} as const;

/** True for a value that holds a secret as written: not empty, no `${…}` to interpolate, not a secret file path. */
export function isLiteralSecretValue(value: string | null): value is string {
  if (value === null || value.trim() === '') return false;
  if (/\$(?!\$)[{A-Za-z_]/.test(value)) return false;
  return !value.startsWith('/run/secrets/');
}

function judgeCompose(service: AuditService, input: AuditInput): Finding[] {
  const findings: Finding[] = [];
  for (const entry of service.environment) {
    if (!isLiteralSecretValue(entry.value) || !isSecretEntry(entry.name, entry.value)) continue;
    findings.push(
      serviceFinding(
        'audit/literal-secret',
        service,
        `${service.name}: ${entry.name} is written literally in the compose file (fingerprint ${input.fingerprint(entry.value)})`,
        {
          at: entry,
          hint: `${entry.name}: \${${entry.name}:?set ${entry.name}} in compose, the value in an ignored env file (lucid-env set ${entry.name}); rotate it`,
        },
      ),
    );
  }
  const build = service.keys.get('build');
  const args = typeof build?.value === 'object' && build.value !== null ? (build.value as Record<string, unknown>)['args'] : undefined;
  const entries: [string, unknown][] = Array.isArray(args)
    ? args.map((item) => String(item).split(/=(.*)/s).slice(0, 2) as [string, unknown])
    : typeof args === 'object' && args !== null
      ? Object.entries(args)
      : [];
  for (const [name, value] of entries) {
    const text = value === null || value === undefined ? null : String(value);
    if (!isLiteralSecretValue(text) || !isSecretEntry(name, text)) continue;
    findings.push(
      serviceFinding(
        'audit/literal-secret',
        service,
        `${service.name}: build argument ${name} is written literally (fingerprint ${input.fingerprint(text)}); build arguments stay in the image history`,
        {
          at: build,
          hint: 'pass secrets to a build with build.secrets (RUN --mount=type=secret), never build.args',
        },
      ),
    );
  }
  return findings;
}

function judgeDockerfile(service: AuditService, input: AuditInput): Finding[] {
  const dockerfile = service.dockerfile;
  if (dockerfile === undefined) return [];
  return dockerfile.literalSecrets.map((secret) =>
    makeFinding(
      'audit/literal-secret',
      { file: dockerfile.file, line: secret.line, column: secret.column },
      `${service.name}: ${secret.keyword} ${secret.name} holds a literal secret (fingerprint ${input.fingerprint(secret.value)}), kept in the image history`,
      { service: service.name, stack: service.stack, hint: 'use RUN --mount=type=secret at build time, or pass it at run time through the environment' },
    ),
  );
}

/** Literal secrets in compose files and Dockerfiles. */
export const literalSecretRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  run(input) {
    const seen = new Set<string>();
    return input.services
      .flatMap((service) => [...judgeCompose(service, input), ...judgeDockerfile(service, input)])
      .filter((finding) => {
        // Services that share an anchor or a Dockerfile report each place once.
        const key = `${finding.file}:${finding.line}:${finding.column}:${finding.message.replace(/^[^:]*:/, '')}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  },
};
