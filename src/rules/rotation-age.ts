/** `rotation-overdue` and `rotation-age`: each rotatable secret's age against its policy (`rotate --check`). */
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { formatEnvFileFlag } from '../paths.js';
import type { StageRule } from './rule.js';

const CODES = {
  'rotation-overdue': {
    title: 'Secret is older than its rotation policy allows',
    severity: 'error',
    when: '`rotate --check`: a secret past its `maxAge`',
  },
  'rotation-age': {
    title: 'Age of a secret against its rotation policy',
    severity: 'info',
    when: "`rotate --check`: a secret's age against its policy (a warning when the age is unknown)",
  },
} as const;

/** One finding per secret: overdue (error), unknown age (warning) or its age (info). */
export const rotationAgeRule: StageRule<'rotation', typeof CODES> = {
  codes: CODES,
  stage: 'rotation',
  run(input) {
    const findings: Finding[] = [];
    const rotate = (key: string) => `lucid-env rotate ${input.templateFlag} ${formatEnvFileFlag(input.envFile, input.cwd)} ${key}`;
    for (const age of input.ages) {
      const at = { file: input.envFile, ...input.positionOf(age.key) };
      const policy = age.maxAgeDays === undefined ? 'no rotation policy' : `max ${age.maxAgeDays} days`;
      if (age.status === 'due') {
        findings.push(
          makeFinding('rotation-overdue', at, `${age.key} is ${age.ageDays} days old (${policy}): rotate it`, { variable: age.key, hint: rotate(age.key) }),
        );
      } else if (age.status === 'unknown') {
        const message = `${age.key}: age unknown (set before lucid-env managed it; ${policy})`;
        const hint = `rotate it once so lucid-env knows its age: ${rotate(age.key)}`;
        findings.push(makeFinding('rotation-age', at, message, { variable: age.key, severity: 'warning', hint }));
      } else {
        findings.push(makeFinding('rotation-age', at, `${age.key} is ${age.ageDays ?? '?'} days old (${policy})`, { variable: age.key, severity: 'info' }));
      }
    }
    return findings;
  },
};
