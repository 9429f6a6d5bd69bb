/** `audit/policy`: the `audit:` policy of lucid-env.yml is invalid (reported where the policy is read). */
import type { ParserRule } from '../rule.js';

const CODES = {
  'audit/policy': {
    title: 'Invalid audit policy',
    severity: 'error',
    when:
      'the `audit:` mapping of lucid-env.yml names an unknown key or rule, has a wrong type, or a waiver without a reason; ' +
      'or a waiver matches nothing (warning)',
  },
} as const;

/** Problems in the audit policy, at their lines of the workspace file. */
export const auditPolicyRule: ParserRule<typeof CODES> = {
  codes: CODES,
  stage: 'parser',
  reportedBy: ['audit/policy.ts', 'audit/apply-policy.ts'],
};
