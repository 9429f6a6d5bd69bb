/** `audit/image-digest`: an image by mutable tag where the policy (or --require-digest) asks for a digest. */
import { appendAll } from '../../append-all.js';
import { formatImage, isPinnedByDigest, parseImageReference } from '../../audit/image-reference.js';
import type { AuditService } from '../../audit/types.js';
import type { Finding } from '../../findings.js';
import { makeFinding } from '../../findings.js';
import type { AuditRule } from './audit-rule.js';
import { serviceFinding } from './audit-rule.js';

const CODES = {
  'audit/image-digest': {
    title: 'Image not pinned by digest',
    severity: 'error',
    when: 'with `--require-digest` or `audit.requireDigest: true`: a pulled `image:` or a Dockerfile `FROM` by tag instead of `@sha256:…`',
  },
} as const;

function judgeDockerfile(service: AuditService): Finding[] {
  const dockerfile = service.dockerfile;
  if (dockerfile === undefined) return [];
  return dockerfile.stages
    .filter((stage) => stage.parent === undefined && stage.resolvedBase !== undefined && stage.resolvedBase !== 'scratch')
    .filter((stage) => !isPinnedByDigest(parseImageReference(stage.resolvedBase as string)))
    .map((stage) =>
      makeFinding(
        'audit/image-digest',
        { file: dockerfile.file, line: stage.line, column: stage.column },
        `${service.name}: FROM ${formatImage(parseImageReference(stage.resolvedBase as string))} is a mutable tag, not a digest`,
        {
          service: service.name,
          stack: service.stack,
          hint: 'pin it: FROM image:tag@sha256:<digest> (docker buildx imagetools inspect image:tag shows the digest)',
        },
      ),
    );
}

/** Images by tag when digests are required. */
export const imageDigestRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  run(input) {
    if (!input.policy.requireDigest) return [];
    const findings: Finding[] = [];
    for (const service of input.services) {
      if (service.build !== undefined) {
        appendAll(findings, judgeDockerfile(service));
        continue;
      }
      if (service.image === undefined || isPinnedByDigest(parseImageReference(service.image.value))) continue;
      findings.push(
        serviceFinding('audit/image-digest', service, `${service.name}: image ${service.image.value} is a mutable tag, not a digest`, {
          at: service.image,
          hint: `in services.${service.name}: image: ${parseImageReference(service.image.value).name}@sha256:<digest>`,
        }),
      );
    }
    return findings;
  },
};
