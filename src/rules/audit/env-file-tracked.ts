/** `audit/env-file-tracked`: an env file with secrets that git tracks, or does not ignore. */

import type { Finding } from '../../findings.js';
import { makeFinding } from '../../findings.js';
import { relativePath } from '../../reporters/prepare.js';
import type { AuditRule } from './audit-rule.js';

const CODES = {
  'audit/env-file-tracked': {
    title: 'Env file with secrets in git',
    severity: 'error',
    when: 'an env file holding secrets is tracked by git (error) or not ignored by it (warning); templates such as `.env.example` are exempt',
  },
} as const;

/** Env files with secrets that git tracks or would take with `git add .`. */
export const envFileTrackedRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  run(input) {
    const repository = input.repository;
    if (repository === undefined || !repository.isGitRepository) return [];
    const findings: Finding[] = [];
    for (const file of repository.envFiles) {
      if (file.isTemplate || file.secrets.length === 0 || (file.isTracked !== true && file.isIgnored !== false)) continue;
      const path = relativePath(file.path, repository.root);
      const keys = file.secrets.map((secret) => secret.key).join(', ');
      const ignore = `echo '${path}' >> .gitignore`;
      findings.push(
        file.isTracked === true
          ? makeFinding('audit/env-file-tracked', { file: file.path }, `the env file holds secrets (${keys}) and is tracked by git`, {
              hint: `git rm --cached ${path} && ${ignore}; rotate what was committed; share values sealed (lucid-env seal)`,
            })
          : makeFinding('audit/env-file-tracked', { file: file.path }, `the env file holds secrets (${keys}) and git does not ignore it`, {
              severity: 'warning',
              hint: `${ignore}; share values sealed (lucid-env seal) rather than the file`,
            }),
      );
    }
    return findings;
  },
};
