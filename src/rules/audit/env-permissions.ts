/** `audit/env-permissions`: an env file with secrets that group or others can read. */

import type { Finding } from '../../findings.js';
import { makeFinding } from '../../findings.js';
import { relativePath } from '../../reporters/prepare.js';
import type { AuditRule } from './audit-rule.js';

const CODES = {
  'audit/env-permissions': {
    title: 'Env file readable by group or others',
    severity: 'warning',
    when: 'an env file of the repository that holds secrets and whose mode lets group or others read it',
  },
} as const;

/** Env files with secrets and a loose mode. */
export const envPermissionsRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  run(input) {
    const repository = input.repository;
    if (repository === undefined) return [];
    const findings: Finding[] = [];
    for (const file of repository.envFiles) {
      if (file.isTemplate || file.secrets.length === 0 || (file.mode & 0o077) === 0) continue;
      const mode = (file.mode & 0o777).toString(8).padStart(4, '0');
      findings.push(
        makeFinding('audit/env-permissions', { file: file.path }, `the env file holds secrets and is readable by group or others (mode ${mode})`, {
          hint: `chmod 600 ${relativePath(file.path, input.cwd)}`,
        }),
      );
    }
    return findings;
  },
};
