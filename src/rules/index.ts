/** The rule list `check` runs, and the runner. */
import { compareFindings } from '../findings.js';
import type { Finding } from '../findings.js';
import { envFileMissingRule } from './env-file-missing.js';
import { interpolationRule } from './interpolation.js';
import { passthroughRule } from './passthrough.js';
import { permissionsRule } from './permissions.js';
import { inconsistentSecretRule, secretValueRule } from './secret-values.js';
import type { CheckInput, Rule } from './types.js';
import { unusedRule } from './unused.js';

/** Every rule of `check`, in no particular order (findings are sorted afterwards). */
export const CHECK_RULES: readonly Rule[] = [
  interpolationRule,
  passthroughRule,
  envFileMissingRule,
  secretValueRule,
  inconsistentSecretRule,
  permissionsRule,
  unusedRule,
];

/** Runs every rule and sorts the findings. */
export function runRules(input: CheckInput, rules: readonly Rule[] = CHECK_RULES): Finding[] {
  return rules.flatMap((rule) => rule.run(input)).sort(compareFindings);
}
