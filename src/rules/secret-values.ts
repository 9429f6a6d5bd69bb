/**
 * `placeholder`, `weak-secret` (without a template) and `inconsistent-secret`: judging the values of
 * secrets in every env file read. Messages say why, never what the value is.
 */
import { listEntries } from '../dotenv/entries.js';
import { makeFinding } from '../findings.js';
import type { Finding } from '../findings.js';
import { assessSecretStrength } from '../secrets/strength.js';
import type { Template } from '../templates/types.js';
import { isSecretName } from '../variable-names.js';
import { matchPlaceholder } from './placeholder-match.js';
import type { Rule } from './types.js';
import { displayPath } from '../paths.js';

/** A secret by the template's word, or by its name when there is no template entry. */
export function isSecretVariable(name: string, template: Template | undefined): boolean {
  const entry = template?.variables.find((variable) => variable.name === name);
  return entry !== undefined ? entry.secret : isSecretName(name);
}

/** True for variables the template derives (a URI holding a password is judged through its parts). */
function isDerived(name: string, template: Template | undefined): boolean {
  return template?.variables.some((variable) => variable.name === name && variable.derive !== undefined) ?? false;
}

/** Placeholders, and weak secrets when no template says what strong means. */
export const secretValueRule: Rule = {
  codes: ['placeholder', 'weak-secret'],
  run(input) {
    const findings: Finding[] = [];
    for (const file of input.envFiles) {
      for (const entry of listEntries(file.document)) {
        if (entry.value === '' || !isSecretVariable(entry.key, input.template) || isDerived(entry.key, input.template)) continue;
        const at = { file: file.path, line: entry.valueLine, column: entry.valueColumn };
        const placeholder = matchPlaceholder(entry.value);
        if (placeholder !== undefined) {
          findings.push(makeFinding('placeholder', at, `${entry.key} holds a placeholder: ${placeholder}`, {
            variable: entry.key,
            hint: `replace it: lucid-env generate ${entry.key}${input.template === undefined ? ' -t <template>' : ''}, or lucid-env set ${entry.key}`,
          }));
          continue;
        }
        if (input.template?.variables.some((variable) => variable.name === entry.key && variable.generate !== undefined)) continue;
        const weakness = assessSecretStrength(entry.value);
        if (weakness !== undefined) {
          findings.push(makeFinding('weak-secret', at, `${entry.key} looks weak: ${weakness}`, {
            variable: entry.key,
            hint: 'use at least 16 random characters; lucid-env generate makes 128-bit secrets',
          }));
        }
      }
    }
    return findings;
  },
};

/** One secret, different values in the env files read: services that share it will disagree. */
export const inconsistentSecretRule: Rule = {
  codes: ['inconsistent-secret'],
  run(input) {
    const findings: Finding[] = [];
    const first = new Map<string, { path: string; value: string }>();
    for (const file of input.envFiles) {
      for (const [key, value] of file.values) {
        if (value === '' || !isSecretVariable(key, input.template)) continue;
        const seen = first.get(key);
        if (seen === undefined) {
          first.set(key, { path: file.path, value });
        } else if (seen.path !== file.path && seen.value !== value) {
          const entry = listEntries(file.document).filter((item) => item.key === key).at(-1);
          findings.push(makeFinding('inconsistent-secret', { file: file.path, line: entry?.valueLine ?? 0, column: entry?.valueColumn ?? 0 }, `${key} has a different value here than in ${displayPath(seen.path, input.cwd)}`, {
            variable: key,
            hint: 'services that share this secret will not agree; keep one value (lucid-env rotate --propagate updates all files)',
          }));
        }
      }
    }
    return findings;
  },
};
