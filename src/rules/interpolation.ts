/**
 * `missing`, `empty` and `env-file-scope`: every compose string evaluated against the interpolation
 * env exactly as Compose would, but reporting every problem instead of stopping at the first.
 */
import { positionAt } from '../compose/document.js';
import { substitute } from '../compose/substitution.js';
import type { ParsedReference } from '../compose/interpolation.js';
import { formatPath } from '../compose/references.js';
import type { ScalarSite } from '../compose/references.js';
import { makeFinding } from '../findings.js';
import type { Finding } from '../findings.js';
import type { CheckInput, Rule } from './types.js';
import { displayPath } from '../paths.js';

/** The service env files that define a name (container env), by display path. */
function containerFilesDefining(input: CheckInput, name: string): string[] {
  return input.envFiles.filter((file) => file.services.length > 0 && !file.isInterpolation && file.values.has(name)).map((file) => displayPath(file.path, input.cwd));
}

function evaluateSite(input: CheckInput, site: ScalarSite, lineCounter: Parameters<typeof positionAt>[0]): Finding[] {
  const findings: Finding[] = [];
  const at = (reference: ParsedReference) => ({ file: site.file, ...positionAt(lineCounter, site.sourceOffset(reference.start)) });
  const where = formatPath(site.path);
  const result = substitute(site.template, (name) => input.interpolation.get(name));
  const missingOrScope = (reference: ParsedReference, detail: string, severity: 'error'): Finding => {
    const scopeFiles = containerFilesDefining(input, reference.name);
    if (scopeFiles.length > 0) {
      return makeFinding('env-file-scope', at(reference), `${reference.name} is set in a service env_file (${scopeFiles.join(', ')}) but not in the interpolation env, so Compose substitutes nothing at ${where}`, {
        variable: reference.name,
        hint: 'env_file feeds the container only; pass the file with --env-file (or put the value in the project .env) for ${...} in the compose file',
      });
    }
    return makeFinding('missing', at(reference), `${reference.name} is not set${detail} (${where})`, {
      variable: reference.name,
      severity,
      hint: `define ${reference.name} in the env file (-e) or the project .env`,
    });
  };
  for (const error of result.errors) {
    if (error.isEmpty) {
      findings.push(makeFinding('empty', at(error.reference), `${error.reference.name} is empty but required non-empty (${where}): ${error.message}`, {
        variable: error.reference.name,
        severity: 'error',
        hint: `give ${error.reference.name} a value`,
      }));
    } else {
      findings.push(missingOrScope(error.reference, `; Compose stops with "${error.message}"`, 'error'));
    }
  }
  for (const reference of result.unset) findings.push(missingOrScope(reference, '; Compose would substitute an empty string', 'error'));
  for (const reference of result.used) {
    if (reference.operator === '' && input.interpolation.get(reference.name) === '') {
      findings.push(makeFinding('empty', at(reference), `${reference.name} is set but empty (${where})`, {
        variable: reference.name,
        severity: 'warning',
        hint: `give ${reference.name} a value, or write \${${reference.name}:-default} if empty is fine`,
      }));
    }
  }
  return findings;
}

/** Evaluates every interpolated string of every compose file. */
export const interpolationRule: Rule = {
  codes: ['missing', 'empty', 'env-file-scope'],
  run(input) {
    const findings: Finding[] = [];
    input.scans.forEach((scan, index) => {
      const document = input.documents[index];
      if (document === undefined) return;
      for (const site of scan.sites) findings.push(...evaluateSite(input, site, document.lineCounter));
    });
    return findings;
  },
};
