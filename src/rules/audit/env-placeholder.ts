/** `audit/env-placeholder`: a placeholder or publicly burnt value under a secret name in any env file of the repository. */
import type { Finding } from '../../findings.js';
import { makeFinding } from '../../findings.js';
import type { AuditRule } from './audit-rule.js';

const CODES = {
  'audit/env-placeholder': {
    title: 'Placeholder or burnt secret in an env file',
    severity: 'error',
    when: 'a secret-like key in any env file of the repository (templates exempt) holds a placeholder (`changeme`, …) or a publicly burnt value',
  },
} as const;

/** Placeholders and burnt values in the repository's env files. */
export const envPlaceholderRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  run(input) {
    const findings: Finding[] = [];
    for (const file of input.repository?.envFiles ?? []) {
      if (file.isTemplate) continue;
      for (const secret of file.secrets) {
        if (secret.placeholder === undefined) continue;
        findings.push(
          makeFinding(
            'audit/env-placeholder',
            { file: file.path, line: secret.line, column: secret.column },
            `${secret.key} holds a placeholder: ${secret.placeholder}`,
            {
              variable: secret.key,
              hint: `lucid-env generate ${secret.key} -t <template> -e <this file>, or lucid-env set ${secret.key}`,
            },
          ),
        );
      }
    }
    return findings;
  },
};
