/** `inconsistent-default`: one variable with different `-`/`:-` defaults in different places. */
import type { ComposeReference } from '../compose/references.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { displayPath } from '../paths.js';
import { isSecretName } from '../variable-names.js';
import type { StageRule } from './rule.js';

const CODES = {
  'inconsistent-default': {
    title: 'One variable, different defaults',
    severity: 'warning',
    when: 'one variable, different defaults in different places',
  },
} as const;

/** Each default that differs from the first one written is reported where it is written. */
export const inconsistentDefaultRule: StageRule<'references', typeof CODES> = {
  codes: CODES,
  stage: 'references',
  run({ references, cwd }) {
    const findings: Finding[] = [];
    const firstDefault = new Map<string, ComposeReference>();
    for (const reference of references) {
      if ((reference.operator !== '-' && reference.operator !== ':-') || reference.argument === null) continue;
      const first = firstDefault.get(reference.name);
      if (first === undefined) {
        firstDefault.set(reference.name, reference);
      } else if (first.argument !== reference.argument) {
        // A default of a secret is still a secret once deployed: name the places, not the values.
        const values = isSecretName(reference.name) ? '' : ` ("${reference.argument}" here, "${first.argument}" there)`;
        const message = `${reference.name} has a different default here than at ${displayPath(first.file, cwd)}:${first.line}:${first.column}${values}`;
        findings.push(
          makeFinding('inconsistent-default', reference, message, {
            variable: reference.name,
            hint: 'use one default everywhere, or set the variable in the env file',
          }),
        );
      }
    }
    return findings;
  },
};
