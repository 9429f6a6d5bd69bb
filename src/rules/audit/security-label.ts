/** `audit/security-label`: a service without a label the policy requires (`lucid.type=distroless` by default). */
import { formatLabel, hasLabel, isPartialService } from '../../audit/service-facts.js';
import type { AuditInput, AuditService } from '../../audit/types.js';
import type { Finding } from '../../findings.js';
import type { AuditRule, ServiceFix } from './audit-rule.js';
import { serviceFinding } from './audit-rule.js';

const CODES = {
  'audit/security-label': {
    title: 'Required security label missing',
    severity: 'error',
    when: 'a service without a label of `audit.requiredLabels` (default `lucid.type=distroless`), or with another value',
  },
} as const;

function fix(service: AuditService, input: AuditInput): ServiceFix | undefined {
  const missing = input.policy.requiredLabels.filter((label) => !hasLabel(service, label));
  return missing.length === 0 ? undefined : { labels: missing.map(formatLabel) };
}

/** Services missing required labels. */
export const securityLabelRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  fix,
  run(input) {
    const findings: Finding[] = [];
    for (const service of input.services) {
      if (isPartialService(service)) continue;
      const missing = input.policy.requiredLabels.filter((label) => !hasLabel(service, label));
      if (missing.length === 0) continue;
      const labels = service.keys.get('labels');
      findings.push(
        serviceFinding(
          'audit/security-label',
          service,
          `${service.name} lacks the required label${missing.length > 1 ? 's' : ''} ${missing.map(formatLabel).join(', ')}`,
          {
            at: labels,
            fix: fix(service, input),
          },
        ),
      );
    }
    return findings;
  },
};
