/**
 * `missing`, `empty` and `env-file-scope`: every compose string evaluated against the interpolation
 * env exactly as Compose would, but reporting every problem instead of stopping at the first.
 */

import type { LineCounter } from 'yaml';
import { appendAll } from '../append-all.js';
import { positionAt } from '../compose/document.js';
import type { ParsedReference } from '../compose/interpolation.js';
import type { ScalarSite } from '../compose/references.js';
import { formatPath } from '../compose/references.js';
import type { Lookup } from '../compose/substitution.js';
import { substitute } from '../compose/substitution.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { displayPath } from '../paths.js';
import type { SecretMask } from '../secrets/mask.js';
import type { CheckInput, StageRule } from './rule.js';
import { maskSecretsAmong } from './secret-values.js';

const CODES = {
  missing: {
    title: 'Variable is not set',
    severity: 'error',
    when: 'a variable Compose would substitute is unset (plain or required use), or a template `required` variable no env file defines',
  },
  empty: { title: 'Variable is empty where a value is needed', severity: 'warning', when: 'defined but empty where a value is needed (error for `:?`)' },
  'env-file-scope': {
    title: 'Defined only in a service env_file, which Compose does not use for interpolation',
    severity: 'error',
    when: 'missing in the interpolation env but defined in a service `env_file` (which Compose does not use for `${...}`)',
  },
} as const;

/** The service env files that define a name (container env), by display path. */
function containerFilesDefining(input: CheckInput, name: string): string[] {
  return input.envFiles
    .filter((file) => file.services.length > 0 && !file.isInterpolation && file.values.has(name))
    .map((file) => displayPath(file.path, input.cwd));
}

/** What evaluating one compose string needs besides the string. */
export interface InterpolationContext {
  lookup: Lookup;
  /** Masks secret values in what a message quotes (a required message is substituted text). */
  mask: SecretMask;
  /** Service env files that define a name (for `env-file-scope`). */
  containerFilesDefining(name: string): string[];
  /** `check` fails on a plain reference to an unset variable; `render` only warns (Compose substitutes ""). */
  unsetSeverity: 'error' | 'warning';
}

/** Evaluates one compose string as Compose would, reporting every problem instead of the first. */
export function evaluateInterpolation(site: ScalarSite, lineCounter: LineCounter, context: InterpolationContext): Finding[] {
  const findings: Finding[] = [];
  const at = (reference: ParsedReference) => ({ file: site.file, ...positionAt(lineCounter, site.sourceOffset(reference.start)) });
  const where = formatPath(site.path);
  const result = substitute(site.template, context.lookup);
  const missingOrScope = (reference: ParsedReference, detail: string, severity: 'error' | 'warning'): Finding => {
    const scopeFiles = context.containerFilesDefining(reference.name);
    if (scopeFiles.length > 0) {
      return makeFinding(
        'env-file-scope',
        at(reference),
        `${reference.name} is set in a service env_file (${scopeFiles.join(', ')}) but not in the interpolation env, ` +
          `so Compose substitutes nothing at ${where}`,
        {
          variable: reference.name,
          hint: 'env_file feeds the container only; pass the file with --env-file (or put the value in the project .env) for ${...} in the compose file',
        },
      );
    }
    return makeFinding('missing', at(reference), `${reference.name} is not set${detail} (${where})`, {
      variable: reference.name,
      severity,
      hint: `define ${reference.name} in the env file (-e) or the project .env`,
    });
  };
  for (const error of result.errors) {
    if (error.isEmpty) {
      findings.push(
        makeFinding('empty', at(error.reference), `${error.reference.name} is empty but required non-empty (${where}): ${context.mask(error.message)}`, {
          variable: error.reference.name,
          severity: 'error',
          hint: `give ${error.reference.name} a value`,
        }),
      );
    } else {
      findings.push(missingOrScope(error.reference, `; Compose stops with "${context.mask(error.message)}"`, 'error'));
    }
  }
  for (const reference of result.unset) findings.push(missingOrScope(reference, '; Compose would substitute an empty string', context.unsetSeverity));
  for (const reference of result.used) {
    if (reference.operator === '' && context.lookup(reference.name) === '') {
      findings.push(
        makeFinding('empty', at(reference), `${reference.name} is set but empty (${where})`, {
          variable: reference.name,
          severity: 'warning',
          hint: `give ${reference.name} a value, or write \${${reference.name}:-default} if empty is fine`,
        }),
      );
    }
  }
  return findings;
}

/** Evaluates every interpolated string of every compose file. */
export const interpolationRule: StageRule<'project', typeof CODES> = {
  codes: CODES,
  stage: 'project',
  run(input) {
    const findings: Finding[] = [];
    const context: InterpolationContext = {
      lookup: (name) => input.interpolation.get(name),
      mask: maskSecretsAmong(input.interpolation, input.template),
      containerFilesDefining: (name) => containerFilesDefining(input, name),
      unsetSeverity: 'error',
    };
    input.scans.forEach((scan, index) => {
      const document = input.documents[index];
      if (document === undefined) return;
      for (const site of scan.sites) appendAll(findings, evaluateInterpolation(site, document.lineCounter, context));
    });
    return findings;
  },
};
