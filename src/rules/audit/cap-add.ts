/** `audit/cap-add`: capabilities added beyond the policy's allow-list. */
import { stringList } from '../../audit/service-facts.js';
import type { Finding } from '../../findings.js';
import type { AuditRule } from './audit-rule.js';
import { serviceFinding } from './audit-rule.js';

const CODES = {
  'audit/cap-add': {
    title: 'Capability added beyond the allow-list',
    severity: 'error',
    when: 'a `cap_add:` entry that `audit.capAdd` does not allow (default: NET_BIND_SERVICE only)',
  },
} as const;

/** Capabilities added that the policy does not allow. */
export const capAddRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  run(input) {
    const allowed = new Set(input.policy.capAdd);
    const findings: Finding[] = [];
    for (const service of input.services) {
      const added = service.keys.get('cap_add');
      const extra = stringList(added?.value)
        .map((capability) => capability.trim().toUpperCase().replace(/^CAP_/, ''))
        .filter((capability) => !allowed.has(capability));
      if (extra.length === 0) continue;
      findings.push(
        serviceFinding('audit/cap-add', service, `${service.name} adds capabilities the policy does not allow: ${extra.join(', ')}`, {
          at: added,
          hint: `remove them from cap_add, or allow them in lucid-env.yml: audit: { capAdd: [${extra.join(', ')}] }`,
        }),
      );
    }
    return findings;
  },
};
