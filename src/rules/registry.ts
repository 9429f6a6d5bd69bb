/**
 * The one registry of checks: every finding code belongs to exactly one rule listed here, and the
 * code table (title, default severity, when it fires) is read from the rules. A new finding code is
 * one rule file plus one row below.
 *
 * Rule modules import findings.ts, which reads this registry; so nothing here touches the rules at
 * module load, only when called (the import cycle is then harmless in any load order).
 */
import type { Finding } from '../findings.js';
import { ambiguousValueRule } from './ambiguous-value.js';
import { listAuditRules } from './audit/index.js';
import { composeTimeExpansionRule } from './compose-time-expansion.js';
import { driftRule } from './drift.js';
import { envFileMissingRule } from './env-file-missing.js';
import { exportDriftRule } from './export-drift.js';
import { inconsistentDefaultRule } from './inconsistent-default.js';
import { inconsistentSecretRule } from './inconsistent-secret.js';
import { interpolationRule } from './interpolation.js';
import { interruptedWriteRule } from './interrupted-write.js';
import { envSyntaxRule, invalidInterpolationRule, templateInvalidRule, workspaceInvalidRule, yamlSyntaxRule } from './parser-codes.js';
import { passthroughRule } from './passthrough.js';
import { permissionsRule } from './permissions.js';
import { rotationAgeRule } from './rotation-age.js';
import type { CodeInfo, Rule, Stage, StageInputs, StageRule } from './rule.js';
import { sealedRule } from './sealed.js';
import { secretValueRule } from './secret-values.js';
import { suspiciousReferenceRule } from './suspicious-reference.js';
import { templateValuesRule } from './template-values.js';
import { unusedRule } from './unused.js';

/** Every rule, in the order the README's findings table lists their codes. */
export function listRules() {
  return [
    interpolationRule,
    passthroughRule,
    invalidInterpolationRule,
    suspiciousReferenceRule,
    composeTimeExpansionRule,
    inconsistentDefaultRule,
    envFileMissingRule,
    envSyntaxRule,
    ambiguousValueRule,
    secretValueRule,
    templateValuesRule,
    inconsistentSecretRule,
    driftRule,
    permissionsRule,
    interruptedWriteRule,
    unusedRule,
    yamlSyntaxRule,
    templateInvalidRule,
    workspaceInvalidRule,
    rotationAgeRule,
    sealedRule,
    exportDriftRule,
    ...listAuditRules(),
  ] as const;
}

type KeysOf<T> = T extends unknown ? keyof T & string : never;

/** Every finding code, from the rules that own them. */
export type FindingCode = KeysOf<ReturnType<typeof listRules>[number]['codes']>;

let codeTable: Readonly<Record<FindingCode, CodeInfo>> | undefined;

/** Code → title, default severity and when it fires, in registry order. */
export function findingCodes(): Readonly<Record<FindingCode, CodeInfo>> {
  codeTable ??= Object.assign({}, ...listRules().map((rule: Rule) => rule.codes)) as Record<FindingCode, CodeInfo>;
  return codeTable;
}

/** True for a known finding code (for `--ignore`). */
export function isFindingCode(code: string): code is FindingCode {
  return Object.hasOwn(findingCodes(), code);
}

/** Runs every rule of a stage over its input. */
export function runRules<S extends Stage>(stage: S, input: StageInputs[S]): Finding[] {
  const rules = (listRules() as readonly Rule[]).filter((rule) => rule.stage === stage) as unknown as StageRule<S>[];
  return rules.flatMap((rule) => rule.run(input));
}
