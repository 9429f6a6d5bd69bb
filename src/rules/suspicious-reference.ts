/** `suspicious-reference`: a `${NAME-...}` that was probably meant as one longer name with a dash. */
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import type { StageRule } from './rule.js';

const CODES = {
  'suspicious-reference': {
    title: 'Reference that probably does not mean what it says',
    severity: 'warning',
    when: 'a likely typo, e.g. `${gui-api-bridge_PORT:-8102}`, which Compose reads as `${gui-...}`',
  },
} as const;

/** `-` followed by what looks like the rest of a longer name and its own operator. */
const NAME_CONTINUATION_WITH_OPERATOR = /^[A-Za-z0-9_][A-Za-z0-9_.-]*:?[-?+]/;
/** `${MY-VAR_NAME}`: the "default" reads like the rest of one upper-case name. */
const UPPER_NAME_TAIL = /^[A-Z0-9]*_[A-Z0-9_]*[A-Z][A-Z0-9_]*$/;

/** Compose reads `${gui-api-bridge_PORT:-8102}` as `gui` with the default `api-bridge_PORT:-8102`. */
export const suspiciousReferenceRule: StageRule<'references', typeof CODES> = {
  codes: CODES,
  stage: 'references',
  run({ references }) {
    const findings: Finding[] = [];
    for (const reference of references) {
      if (reference.operator !== '-' || reference.argument === null || reference.braced !== true) continue;
      const argument = reference.argument;
      if (!NAME_CONTINUATION_WITH_OPERATOR.test(argument) && !UPPER_NAME_TAIL.test(argument)) continue;
      const intended = /^[A-Za-z0-9_.-]*/.exec(`${reference.name}-${argument}`)?.[0] ?? reference.name;
      const message = `${reference.text} reads as variable "${reference.name}" with the default "${argument}", not as "${intended}"`;
      findings.push(
        makeFinding('suspicious-reference', reference, message, {
          variable: reference.name,
          hint: 'variable names may hold only letters, digits and "_"; rename it (e.g. with "_" instead of "-")',
        }),
      );
    }
    return findings;
  },
};
