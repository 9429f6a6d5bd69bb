/** `audit/cap-drop`: a service that keeps Docker's default Linux capabilities. */
import { isPartialService, stringList } from '../../audit/service-facts.js';
import type { AuditRule, ServiceFix } from './audit-rule.js';
import { serviceFinding } from './audit-rule.js';

const CODES = {
  'audit/cap-drop': {
    title: 'Capabilities not dropped',
    severity: 'error',
    when: 'a service whose `cap_drop:` does not include `ALL`',
  },
} as const;

const fix = (): ServiceFix => ({ cap_drop: ['ALL'] });

/** Services without `cap_drop: [ALL]`. */
export const capDropRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  fix,
  run(input) {
    return input.services
      .filter((service) => !isPartialService(service))
      .filter((service) => !stringList(service.keys.get('cap_drop')?.value).some((capability) => /^(CAP_)?ALL$/i.test(capability.trim())))
      .map((service) =>
        serviceFinding('audit/cap-drop', service, `${service.name} keeps the default Linux capabilities (no cap_drop: [ALL])`, {
          at: service.keys.get('cap_drop'),
          fix: fix(),
        }),
      );
  },
};
