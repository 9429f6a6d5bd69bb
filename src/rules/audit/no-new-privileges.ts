/** `audit/no-new-privileges`: a service whose processes may gain privileges (setuid binaries). */
import { isPartialService, stringList } from '../../audit/service-facts.js';
import type { AuditRule, ServiceFix } from './audit-rule.js';
import { serviceFinding } from './audit-rule.js';

const CODES = {
  'audit/no-new-privileges': {
    title: 'no-new-privileges not set',
    severity: 'error',
    when: 'a service whose `security_opt:` lacks `no-new-privileges:true`',
  },
} as const;

const fix = (): ServiceFix => ({ security_opt: ['no-new-privileges:true'] });

/** Services without `security_opt: [no-new-privileges:true]`. */
export const noNewPrivilegesRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  fix,
  run(input) {
    return input.services
      .filter((service) => !isPartialService(service))
      .filter((service) => !stringList(service.keys.get('security_opt')?.value).some((option) => /^no-new-privileges(?:[:=]true)?$/i.test(option.trim())))
      .map((service) =>
        serviceFinding('audit/no-new-privileges', service, `${service.name} lets its processes gain privileges (no security_opt no-new-privileges:true)`, {
          at: service.keys.get('security_opt'),
          fix: fix(),
        }),
      );
  },
};
