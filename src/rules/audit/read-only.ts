/** `audit/read-only`: a service whose root filesystem is writable. */
import { isPartialService, isTrue } from '../../audit/service-facts.js';
import type { AuditRule, ServiceFix } from './audit-rule.js';
import { serviceFinding } from './audit-rule.js';

const CODES = {
  'audit/read-only': {
    title: 'Root filesystem not read-only',
    severity: 'error',
    when: 'a service without `read_only: true`',
  },
} as const;

const fix = (): ServiceFix => ({ read_only: true });

/** Services without `read_only: true`. */
export const readOnlyRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  fix,
  run(input) {
    return input.services
      .filter((service) => !isPartialService(service) && !isTrue(service.keys.get('read_only')?.value))
      .map((service) =>
        serviceFinding('audit/read-only', service, `${service.name} has a writable root filesystem (no read_only: true)`, {
          at: service.keys.get('read_only'),
          fix: fix(),
        }),
      );
  },
};
