/** `compose-time-expansion`: `$VAR` in a command Compose expands although the container's shell was meant to. */
import type { ComposeReference } from '../compose/references.js';
import { formatPath } from '../compose/references.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import type { StageRule } from './rule.js';

const CODES = {
  'compose-time-expansion': {
    title: 'Compose expands this before the container shell sees it',
    severity: 'warning',
    when: "`$VAR` in `command`, `entrypoint` or `healthcheck.test` that the container's shell was meant to expand (write `$$VAR`)",
  },
} as const;

/** Fields whose strings a container's shell runs; a `$VAR` there is often meant for that shell. */
const SHELL_FIELDS = new Set(['command', 'entrypoint']);

function isShellField(reference: ComposeReference): boolean {
  const [root, , field, sub] = reference.path;
  if (root !== 'services' || typeof field !== 'string') return false;
  return SHELL_FIELDS.has(field) || (field === 'healthcheck' && sub === 'test');
}

/** Unbraced `$VAR` in shell fields: shell style, so probably meant for the shell. */
export const composeTimeExpansionRule: StageRule<'references', typeof CODES> = {
  codes: CODES,
  stage: 'references',
  run({ references }) {
    const findings: Finding[] = [];
    for (const reference of references) {
      if (reference.braced !== false || reference.isNested || !isShellField(reference)) continue;
      const message = `$${reference.name} in ${formatPath(reference.path)} is replaced by Compose before the container starts, not by the container's shell`;
      findings.push(
        makeFinding('compose-time-expansion', reference, message, {
          variable: reference.name,
          hint: `write $$${reference.name} to let the container's shell expand it, or \${${reference.name}} if Compose should`,
        }),
      );
    }
    return findings;
  },
};
