/** `audit/image-source`: a service that runs a pulled image where a distroless service is built from its own Dockerfile. */
import { formatImage, isOfficialDockerHubImage, matchesImageGlob, parseImageReference } from '../../audit/image-reference.js';
import { isDistrolessImage } from '../../audit/service-facts.js';
import type { AuditService } from '../../audit/types.js';
import type { Finding } from '../../findings.js';
import type { AuditRule, ServiceFix } from './audit-rule.js';
import { serviceFinding } from './audit-rule.js';

const CODES = {
  'audit/image-source': {
    title: 'Pulled image where a build context is required',
    severity: 'error',
    when: 'a service with no `build:` runs a standard Docker Hub image or a pre-built image that is neither distroless nor in `audit.allowImages`',
  },
} as const;

function fix(service: AuditService): ServiceFix {
  return { build: { context: `./${service.name}`, dockerfile: 'Dockerfile.distroless' } };
}

/** Services without a build context whose image is not a distroless base or an allowed pre-built image. */
export const imageSourceRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  fix,
  run(input) {
    const findings: Finding[] = [];
    for (const service of input.services) {
      if (service.build !== undefined || service.image === undefined) continue;
      const image = parseImageReference(service.image.value);
      if (isDistrolessImage(image, input.policy) || input.policy.allowImages.some((glob) => matchesImageGlob(image, glob))) continue;
      const what = isOfficialDockerHubImage(image)
        ? `the standard Docker Hub image ${formatImage(image)}`
        : `the pre-built image ${formatImage(image)}, built nowhere in this project`;
      findings.push(
        serviceFinding('audit/image-source', service, `${service.name} runs ${what}: a distroless service is built from its own multi-stage Dockerfile`, {
          at: service.image,
          fix: fix(service),
        }),
      );
    }
    return findings;
  },
};
