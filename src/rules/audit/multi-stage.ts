/** `audit/multi-stage`: a service's Dockerfile has one stage, so build tools end up in the runtime image. */
import type { Finding } from '../../findings.js';
import { makeFinding } from '../../findings.js';
import type { AuditRule } from './audit-rule.js';

const CODES = {
  'audit/multi-stage': {
    title: 'Dockerfile is not multi-stage',
    severity: 'warning',
    when: "a service's Dockerfile has a single `FROM`: no builder stage separate from the runtime stage",
  },
} as const;

/** Single-stage Dockerfiles. */
export const multiStageRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  run(input) {
    const findings: Finding[] = [];
    for (const service of input.services) {
      const dockerfile = service.dockerfile;
      if (dockerfile === undefined || dockerfile.stages.length !== 1) continue;
      const stage = dockerfile.stages[0];
      if (stage === undefined) continue;
      findings.push(
        makeFinding(
          'audit/multi-stage',
          { file: dockerfile.file, line: stage.line, column: stage.column },
          `${service.name}: the Dockerfile has a single stage, so whatever builds the app also ships in the runtime image`,
          {
            service: service.name,
            stack: service.stack,
            hint: 'build in `FROM <sdk image> AS builder`, then `FROM gcr.io/distroless/…` and `COPY --from=builder` only the app',
          },
        ),
      );
    }
    return findings;
  },
};
