/** `inconsistent-default`: one variable with different `-`/`:-` defaults in different places. */
import { appendToGroup } from '../append-all.js';
import type { ComposeReference } from '../compose/references.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { displayPath } from '../paths.js';
import { isSecretName } from '../variable-names.js';
import type { ReferencesInput, StageRule } from './rule.js';

const CODES = {
  'inconsistent-default': {
    title: 'One variable, different defaults',
    severity: 'warning',
    when: 'one variable, different defaults in different places (one finding per variable, listing them all; none when the env sets it)',
  },
} as const;

/**
 * One finding per variable whose defaults differ, at the first place that differs from the first default,
 * listing every place. A default the interpolation env overrides never applies, so it is not counted.
 */
export const inconsistentDefaultRule: StageRule<'references', typeof CODES> = {
  codes: CODES,
  stage: 'references',
  run(input) {
    const byName = new Map<string, ComposeReference[]>();
    for (const reference of input.references) {
      if ((reference.operator !== '-' && reference.operator !== ':-') || reference.argument === null || !defaultApplies(reference, input)) continue;
      appendToGroup(byName, reference.name, reference);
    }
    const findings: Finding[] = [];
    for (const [name, references] of byName) {
      const places = new Map<string, ComposeReference[]>();
      for (const reference of references) appendToGroup(places, reference.argument as string, reference);
      if (places.size < 2) continue;
      const first = references.find((reference) => reference.argument !== references[0]?.argument) as ComposeReference;
      findings.push(
        makeFinding('inconsistent-default', first, formatMessage(name, places, references.length, input.cwd), {
          variable: name,
          hint: 'use one default everywhere, or set the variable in the env file',
        }),
      );
    }
    return findings;
  },
};

/** Whether the default of a reference is what Compose would use (the variable unset, or empty for `:-`). */
function defaultApplies(reference: ComposeReference, input: ReferencesInput): boolean {
  const value = input.interpolation?.get(reference.name);
  return value === undefined || (value === '' && reference.operator === ':-');
}

/** Places listed per default: a default used by thousands of services would otherwise make a message of megabytes. */
const MAX_PLACES_SHOWN = 10;

function formatMessage(name: string, places: Map<string, ComposeReference[]>, count: number, cwd: string): string {
  // A default of a secret is still a secret once deployed: name the places, not the values.
  const isSecret = isSecretName(name);
  const groups = [...places].map(([value, references], index) => {
    const shown = references.slice(0, MAX_PLACES_SHOWN).map((reference) => `${displayPath(reference.file, cwd)}:${reference.line}:${reference.column}`);
    if (references.length > MAX_PLACES_SHOWN) shown.push(`and ${references.length - MAX_PLACES_SHOWN} more`);
    const at = shown.join(', ');
    return `${isSecret ? `default ${index + 1}` : `"${value}"`} at ${at}`;
  });
  return `${name} has ${places.size} different defaults in ${count} places: ${groups.join('; ')}`;
}
