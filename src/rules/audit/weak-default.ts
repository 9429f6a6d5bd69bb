/** `audit/weak-default`: a secret with a default written in the compose file (`${MONGODB_PASSWORD:-lucid}`). */
import { isSecretEntry } from '../../audit/secret-names.js';
import type { Finding } from '../../findings.js';
import { makeFinding } from '../../findings.js';
import { matchPlaceholder } from '../placeholder-match.js';
import type { AuditRule } from './audit-rule.js';

const CODES = {
  'audit/weak-default': {
    title: 'Secret with a default in compose',
    severity: 'error',
    when: 'a secret-like variable with a `:-`/`-` default in a compose file: whoever reads the file knows the value used when the env file lacks it',
  },
} as const;

/** Defaults of secrets in compose files. */
export const weakDefaultRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  run(input) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const reference of input.references) {
      if ((reference.operator !== ':-' && reference.operator !== '-') || reference.argument === null || reference.argument === '') continue;
      if (reference.argument.includes('$') || !isSecretEntry(reference.name, reference.argument)) continue;
      const key = `${reference.file}:${reference.line}:${reference.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const placeholder = matchPlaceholder(reference.argument);
      const why = placeholder === undefined ? `it is public to anyone who reads the file (fingerprint ${input.fingerprint(reference.argument)})` : placeholder;
      const service = reference.path[0] === 'services' && typeof reference.path[1] === 'string' ? reference.path[1] : undefined;
      findings.push(
        makeFinding('audit/weak-default', reference, `${reference.name} has a default in the compose file: ${why}`, {
          variable: reference.name,
          ...(service === undefined ? {} : { service }),
          hint: `\${${reference.name}:?set ${reference.name}} makes a missing value an error instead; set it with lucid-env set ${reference.name}`,
        }),
      );
    }
    return findings;
  },
};
