/** `audit/non-root`: a service that runs as root, or whose user nothing in the project sets. */
import { Scalar } from 'yaml';
import { formatImage, isOfficialDockerHubImage } from '../../audit/image-reference.js';
import { findDockerfileUser, findRuntimeBase, isNonRootByDefault, isPartialService, isRootUser, stringValue } from '../../audit/service-facts.js';
import type { AuditService } from '../../audit/types.js';
import type { Finding } from '../../findings.js';
import { makeFinding } from '../../findings.js';
import type { AuditRule, ServiceFix } from './audit-rule.js';
import { serviceFinding } from './audit-rule.js';

const CODES = {
  'audit/non-root': {
    title: 'Service runs as root',
    severity: 'error',
    when:
      '`user: root` or `0`; or no `user:` and no non-root `USER` in the final Dockerfile stage ' +
      '(distroless `:nonroot` tags and Chainguard images count as non-root)',
  },
} as const;

const NONROOT = '65532:65532';

function fix(): ServiceFix {
  // Quoted: YAML 1.1 readers take 65532:65532 for a base-60 number.
  return { user: Object.assign(new Scalar(NONROOT), { type: Scalar.QUOTE_DOUBLE }) };
}

function judge(service: AuditService): Finding | undefined {
  const user = service.keys.get('user');
  const userValue = stringValue(user);
  if (userValue !== undefined) {
    if (!isRootUser(userValue)) return undefined;
    return serviceFinding('audit/non-root', service, `${service.name} runs as root (user: ${userValue})`, { at: user, fix: fix() });
  }
  const base = findRuntimeBase(service);
  if (service.build !== undefined) {
    if (service.dockerfile === undefined) return undefined;
    const dockerUser = findDockerfileUser(service);
    if (dockerUser !== undefined && !isRootUser(dockerUser.value)) return undefined;
    if (dockerUser === undefined && base !== undefined && isNonRootByDefault(base.image)) return undefined;
    const why = dockerUser === undefined ? 'the final stage sets no USER' : `the final stage sets USER ${dockerUser.value}`;
    const at = dockerUser === undefined ? undefined : { file: service.dockerfile.file, line: dockerUser.line, column: dockerUser.column };
    return makeFinding('audit/non-root', at ?? service, `${service.name} runs as root: no user: in compose and ${why}`, {
      service: service.name,
      stack: service.stack,
      hint: `add USER ${NONROOT} to the final stage (65532 is distroless's nonroot), or user: "${NONROOT}" in compose`,
    });
  }
  if (base === undefined || isNonRootByDefault(base.image)) return undefined;
  return serviceFinding(
    'audit/non-root',
    service,
    `${service.name} sets no user: and runs ${formatImage(base.image)}, whose user is not checked here (most images run as root)`,
    // Official images mostly run as root; a project's own pre-built image may well set USER: unverified, not known bad.
    { at: service.image, fix: fix(), ...(isOfficialDockerHubImage(base.image) ? {} : { severity: 'warning' }) },
  );
}

/** Services that run, or may run, as root. */
export const nonRootRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  fix,
  run(input) {
    return input.services.filter((service) => !isPartialService(service)).flatMap((service) => judge(service) ?? []);
  },
};
