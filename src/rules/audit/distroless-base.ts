/** `audit/distroless-base`: the final stage of a service's Dockerfile is not on a distroless base. */
import { formatImage } from '../../audit/image-reference.js';
import { findRuntimeBase, isDistrolessImage } from '../../audit/service-facts.js';
import type { Finding } from '../../findings.js';
import { makeFinding } from '../../findings.js';
import type { AuditRule } from './audit-rule.js';

const CODES = {
  'audit/distroless-base': {
    title: 'Final stage not on a distroless base',
    severity: 'error',
    when:
      'the stage a service runs (`build.target`, else the last) builds on an image that is not `gcr.io/distroless/*`, ' +
      '`cgr.dev/chainguard/*`, `scratch` or in `audit.distrolessBases`',
  },
} as const;

/** Final stages on a base with a shell and a package manager. */
export const distrolessBaseRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  run(input) {
    const findings: Finding[] = [];
    for (const service of input.services) {
      const dockerfile = service.dockerfile;
      if (service.build === undefined || dockerfile === undefined) continue;
      const final = dockerfile.stages[dockerfile.final];
      if (final === undefined) {
        findings.push(
          makeFinding('audit/distroless-base', { file: dockerfile.file, line: 1, column: 1 }, `${service.name}: the Dockerfile has no FROM instruction`, {
            service: service.name,
            stack: service.stack,
          }),
        );
        continue;
      }
      const base = findRuntimeBase(service);
      if (base === undefined) {
        findings.push(
          makeFinding(
            'audit/distroless-base',
            { file: dockerfile.file, line: final.line, column: final.column },
            `${service.name}: the final stage's base ${final.base} uses a build argument with no value, so it cannot be checked`,
            { service: service.name, stack: service.stack, severity: 'warning', hint: 'give the ARG a default or set it in build.args' },
          ),
        );
        continue;
      }
      if (isDistrolessImage(base.image, input.policy)) continue;
      findings.push(
        makeFinding(
          'audit/distroless-base',
          base,
          `${service.name} runs on ${formatImage(base.image)}, which is not distroless (it has a shell and a package manager)`,
          {
            service: service.name,
            stack: service.stack,
            hint: 'make the final stage FROM gcr.io/distroless/<runtime>-debian12:nonroot and COPY --from the build stage',
          },
        ),
      );
    }
    return findings;
  },
};
