/**
 * Template-aware rules (`check -t`): required variables, types (`invalid-value`), per-kind strength
 * (`weak-secret`) and derived values that no longer match their sources.
 */

import { listEntries } from '../dotenv/entries.js';
import { entryVariable, labelEntry } from '../dotenv/entry-label.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { displayPath, formatEnvFileFlag, formatTemplateFlag } from '../paths.js';
import { renderDerivedTemplate } from '../secrets/derive.js';
import { validateSecret } from '../secrets/generate.js';
import { verifyTorHash } from '../secrets/tor-hash.js';
import type { Template, TemplateVariable } from '../templates/types.js';
import { checkValueType } from '../templates/value-types.js';
import { findVariable } from '../templates/variable-index.js';
import { matchPlaceholder } from './placeholder-match.js';
import type { CheckInput, StageRule } from './rule.js';

function derivedMismatch(variable: TemplateVariable, value: string, lookup: (name: string) => string | undefined): string | undefined {
  if (variable.derive === undefined) return undefined;
  if (variable.derive.kind === 'tor-hash') {
    const password = lookup(variable.derive.from);
    if (password === undefined || password === '') return undefined;
    return verifyTorHash(password, value) ? undefined : `it is not the Tor hash of ${variable.derive.from}`;
  }
  const expected = renderDerivedTemplate(variable.derive.template, lookup);
  return 'value' in expected && expected.value !== value ? 'it does not match the values it is built from' : undefined;
}

/** Why a value falls short of its template entry (type, derived value, strength), or undefined. */
export function judgeEntry(
  variable: TemplateVariable,
  value: string,
  lookup: (name: string) => string | undefined,
): { code: 'invalid-value' | 'weak-secret'; reason: string } | undefined {
  if (value === '') return undefined;
  const typeProblem = checkValueType(value, variable);
  if (typeProblem !== undefined) return { code: 'invalid-value', reason: typeProblem };
  const derived = derivedMismatch(variable, value, lookup);
  if (derived !== undefined) return { code: 'invalid-value', reason: `${derived}; run lucid-env generate to recompute it` };
  if (variable.generate !== undefined && matchPlaceholder(value) === undefined) {
    const weakness = validateSecret(value, variable.generate);
    if (weakness !== undefined) return { code: 'weak-secret', reason: weakness };
  }
  return undefined;
}

const CODES = {
  'invalid-value': {
    title: 'Value does not match its template type',
    severity: 'error',
    when: 'a value that fails its template type, or a derived value out of sync with its sources',
  },
} as const;

/**
 * With a template (`check -t`): required variables (`missing`), types (`invalid-value`), derived
 * values in sync with their sources, and strength per generator (`weak-secret`). No template, no findings.
 */
export const templateValuesRule: StageRule<'project', typeof CODES> = {
  codes: CODES,
  stage: 'project',
  run(input) {
    return input.template === undefined ? [] : judgeTemplateValues(input.template, input);
  },
};

function judgeTemplateValues(template: Template, input: CheckInput): Finding[] {
  const findings: Finding[] = [];
  const defined = new Set<string>(input.interpolation.keys());
  for (const file of input.envFiles) for (const key of file.values.keys()) defined.add(key);
  // Where `generate` should write what is missing: the first env file the user gave (-e), if any.
  const target = input.envFiles.find((file) => file.isInterpolation)?.path;
  for (const variable of template.variables) {
    if (variable.required && !defined.has(variable.name) && variable.derive === undefined) {
      findings.push(
        makeFinding(
          'missing',
          { file: template.file, line: variable.line, column: 1 },
          `${variable.name} is required by template ${template.name} but no env file defines it`,
          {
            variable: variable.name,
            hint:
              variable.generate !== undefined
                ? `lucid-env generate ${formatTemplateFlag(template)}${target === undefined ? '' : ` ${formatEnvFileFlag(target, input.cwd)}`}`
                : `set ${variable.name} in the env file`,
          },
        ),
      );
    }
  }
  for (const file of input.envFiles) {
    const lookup = (name: string): string | undefined => file.values.get(name) ?? input.interpolation.get(name) ?? findVariable(template, name)?.default;
    for (const entry of listEntries(file.document)) {
      const variable = findVariable(template, entry.key);
      if (variable === undefined) continue;
      const verdict = judgeEntry(variable, entry.value, lookup);
      if (verdict === undefined) continue;
      const what = variable.generate !== undefined ? ` (template asks for ${describe(variable)})` : '';
      findings.push(
        makeFinding(
          verdict.code,
          { file: file.path, line: entry.valueLine, column: entry.valueColumn },
          `${labelEntry(entry)} ${verdict.code === 'weak-secret' ? 'is weaker than its template asks' : 'is invalid'}: ${verdict.reason}${what}`,
          {
            ...entryVariable(entry),
            hint:
              variable.generate !== undefined || variable.derive !== undefined
                ? `lucid-env generate ${formatTemplateFlag(template)} ${formatEnvFileFlag(file.path, input.cwd)} ${entry.key}`
                : `fix ${labelEntry(entry)} in ${displayPath(file.path, input.cwd)}`,
          },
        ),
      );
    }
  }
  return findings;
}

function describe(variable: TemplateVariable): string {
  const spec = variable.generate;
  if (spec === undefined) return '';
  return spec.kind === 'bytes'
    ? `${spec.bytes} random bytes, ${spec.encoding}`
    : `${spec.length} characters of ${spec.alphabet.length > 12 ? 'an explicit alphabet' : spec.alphabet}`;
}
