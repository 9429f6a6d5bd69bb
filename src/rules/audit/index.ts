/**
 * The audit rules, one module per `audit/<rule>` code, in the order the README lists them. The
 * registry lists these after the other rules; a new audit rule is one file plus one row here.
 */
import { buildMissingRule } from './build-missing.js';
import { capAddRule } from './cap-add.js';
import { capDropRule } from './cap-drop.js';
import { distrolessBaseRule } from './distroless-base.js';
import { envFileTrackedRule } from './env-file-tracked.js';
import { envPermissionsRule } from './env-permissions.js';
import { envPlaceholderRule } from './env-placeholder.js';
import { hostNamespaceRule } from './host-namespace.js';
import { imageDigestRule } from './image-digest.js';
import { imageSourceRule } from './image-source.js';
import { literalSecretRule } from './literal-secret.js';
import { multiStageRule } from './multi-stage.js';
import { noNewPrivilegesRule } from './no-new-privileges.js';
import { nonRootRule } from './non-root.js';
import { auditPolicyRule } from './policy.js';
import { privilegedRule } from './privileged.js';
import { readOnlyRule } from './read-only.js';
import { securityLabelRule } from './security-label.js';
import { shellCommandRule } from './shell-command.js';
import { shellHealthcheckRule } from './shell-healthcheck.js';
import { trackedSecretRule } from './tracked-secret.js';
import { weakDefaultRule } from './weak-default.js';

/** Every audit rule, in README order. */
export function listAuditRules() {
  return [
    imageSourceRule,
    buildMissingRule,
    distrolessBaseRule,
    multiStageRule,
    nonRootRule,
    readOnlyRule,
    capDropRule,
    noNewPrivilegesRule,
    privilegedRule,
    capAddRule,
    hostNamespaceRule,
    shellHealthcheckRule,
    shellCommandRule,
    securityLabelRule,
    imageDigestRule,
    literalSecretRule,
    weakDefaultRule,
    trackedSecretRule,
    envFileTrackedRule,
    envPermissionsRule,
    envPlaceholderRule,
    auditPolicyRule,
  ] as const;
}
