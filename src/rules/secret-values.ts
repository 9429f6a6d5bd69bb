/**
 * `placeholder` and `weak-secret` (judged by length and variety where no template says what strong
 * means): the values of secrets in every env file read. Messages say why, never what the value is.
 */

import { listEntries } from '../dotenv/entries.js';
import { entryVariable, hasEqualsSign, labelEntry } from '../dotenv/entry-label.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { formatEnvFileFlag, formatTemplateFlag } from '../paths.js';
import type { SecretMask } from '../secrets/mask.js';
import { createSecretMask } from '../secrets/mask.js';
import { assessSecretStrength } from '../secrets/strength.js';
import type { Template } from '../templates/types.js';
import { findVariable } from '../templates/variable-index.js';
import { isSecretName } from '../variable-names.js';
import { matchPlaceholder } from './placeholder-match.js';
import type { StageRule } from './rule.js';

/** A secret by the template's word, or by its name when there is no template entry. */
export function isSecretVariable(name: string, template: Template | undefined): boolean {
  const entry = findVariable(template, name);
  return entry !== undefined ? entry.secret : isSecretName(name);
}

/** The mask of every secret value among `values`; for masking, a secret by its name or by the template is enough. */
export function maskSecretsAmong(values: ReadonlyMap<string, string>, template: Template | undefined): SecretMask {
  const isSecret = (name: string) => isSecretName(name) || isSecretVariable(name, template);
  return createSecretMask([...values].filter(([name]) => isSecret(name)).map(([, value]) => value));
}

/** True for variables the template derives (a URI holding a password is judged through its parts). */
function isDerived(name: string, template: Template | undefined): boolean {
  return findVariable(template, name)?.derive !== undefined;
}

const CODES = {
  placeholder: {
    title: 'Secret holds a placeholder or publicly known value',
    severity: 'error',
    when:
      'a secret holding a known placeholder (`changeme`, `*_change_in_production`, `your-secret-here`, …) ' +
      'or a publicly burnt value (`src/rules/placeholder-data.ts`)',
  },
  'weak-secret': {
    title: 'Secret weaker than required',
    severity: 'error',
    when: 'a secret shorter, less random or of another format than its template asks (without a template: under 16 characters or little variety)',
  },
} as const;

/** Placeholders, and weak secrets when no template says what strong means. */
export const secretValueRule: StageRule<'project', typeof CODES> = {
  codes: CODES,
  stage: 'project',
  run(input) {
    const findings: Finding[] = [];
    for (const file of input.envFiles) {
      for (const entry of listEntries(file.document)) {
        if (entry.value === '' || !isSecretVariable(entry.key, input.template) || isDerived(entry.key, input.template)) continue;
        const at = { file: file.path, line: entry.valueLine, column: entry.valueColumn };
        const envFlag = formatEnvFileFlag(file.path, input.cwd);
        const templateFlag = input.template === undefined ? '-t <template>' : formatTemplateFlag(input.template);
        const placeholder = matchPlaceholder(entry.value);
        if (placeholder !== undefined) {
          findings.push(
            makeFinding('placeholder', at, `${labelEntry(entry)} holds a placeholder: ${placeholder}`, {
              ...entryVariable(entry),
              hint: hasEqualsSign(entry)
                ? `replace it: lucid-env generate ${templateFlag} ${envFlag} ${entry.key}, or lucid-env set ${entry.key} ${envFlag}`
                : 'write the line as NAME=value with a real secret',
            }),
          );
          continue;
        }
        if (findVariable(input.template, entry.key)?.generate !== undefined) continue;
        const weakness = assessSecretStrength(entry.value);
        if (weakness !== undefined) {
          findings.push(
            makeFinding('weak-secret', at, `${labelEntry(entry)} looks weak: ${weakness}`, {
              ...entryVariable(entry),
              hint: 'use at least 16 random characters; lucid-env generate makes 128-bit secrets',
            }),
          );
        }
      }
    }
    return findings;
  },
};
