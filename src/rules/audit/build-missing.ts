/** `audit/build-missing`: a `build:` context or Dockerfile that does not exist. */
import type { Finding } from '../../findings.js';
import { relativePath } from '../../reporters/prepare.js';
import type { AuditRule } from './audit-rule.js';
import { serviceFinding } from './audit-rule.js';

const CODES = {
  'audit/build-missing': {
    title: 'Build context or Dockerfile missing',
    severity: 'error',
    when: "a service's `build.context` folder or its `build.dockerfile` does not exist (paths from the project directory)",
  },
} as const;

/** Builds that cannot run: the context folder or the Dockerfile is not there. */
export const buildMissingRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  run(input) {
    const findings: Finding[] = [];
    for (const service of input.services) {
      if (service.buildProblem === undefined || service.build === undefined) continue;
      const what = service.buildProblem.what;
      const path = relativePath(service.buildProblem.path, input.cwd);
      findings.push(
        serviceFinding('audit/build-missing', service, `${service.name}: the build ${what} ${path} does not exist, so the image cannot be built here`, {
          at: service.build.at,
          hint:
            what === 'context' ? `create ${path}, or fix build.context` : `create ${path} (a multi-stage build on a distroless base), or fix build.dockerfile`,
        }),
      );
    }
    return findings;
  },
};
