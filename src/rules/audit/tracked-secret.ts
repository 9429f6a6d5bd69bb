/** `audit/tracked-secret`: a file git tracks that holds a secret-looking value (a high-entropy value under a secret name, or a known token format). */

import { makeFinding } from '../../findings.js';
import type { AuditRule } from './audit-rule.js';

const CODES = {
  'audit/tracked-secret': {
    title: 'Secret committed to git',
    severity: 'error',
    when:
      'a file tracked by git holds a high-entropy value under a secret-like name, ' +
      'or a known token format (private key, AWS, GitHub, Slack, Stripe, Google, npm)',
  },
} as const;

/** Secret-looking values in tracked files. */
export const trackedSecretRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  run(input) {
    return (input.repository?.trackedSecrets ?? []).map((secret) =>
      makeFinding('audit/tracked-secret', secret, `a tracked file holds a secret-looking value: ${secret.what} (fingerprint ${secret.fingerprint})`, {
        hint: 'treat it as burnt: rotate it, move it to an ignored env file, and remove it from git history (git filter-repo)',
      }),
    );
  },
};
