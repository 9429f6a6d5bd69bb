/** `audit/privileged`: a service in privileged mode (every capability, every device). */
import { isTrue } from '../../audit/service-facts.js';
import type { AuditRule, ServiceFix } from './audit-rule.js';
import { serviceFinding } from './audit-rule.js';

const CODES = {
  'audit/privileged': {
    title: 'Privileged container',
    severity: 'error',
    when: '`privileged: true`',
  },
} as const;

const fix = (): ServiceFix => ({ privileged: undefined });

/** Services with `privileged: true`. */
export const privilegedRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  fix,
  run(input) {
    return input.services
      .filter((service) => isTrue(service.keys.get('privileged')?.value))
      .map((service) =>
        serviceFinding('audit/privileged', service, `${service.name} runs privileged: it gets every capability and the host's devices`, {
          at: service.keys.get('privileged'),
          hint: `in services.${service.name}: remove privileged: true; add only the capabilities it needs with cap_add`,
        }),
      );
  },
};
