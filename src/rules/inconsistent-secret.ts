/** `inconsistent-secret`: one secret with different values in the env files read. */
import { listEntries } from '../dotenv/entries.js';
import { entryVariable, labelEntry } from '../dotenv/entry-label.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { displayPath } from '../paths.js';
import type { StageRule } from './rule.js';
import { isSecretVariable } from './secret-values.js';

const CODES = {
  'inconsistent-secret': {
    title: 'One secret with different values in different env files',
    severity: 'error',
    when: 'one secret with different values in env files that should agree',
  },
} as const;

/** One secret, different values in the env files read: services that share it will disagree. */
export const inconsistentSecretRule: StageRule<'project', typeof CODES> = {
  codes: CODES,
  stage: 'project',
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
          const entry = listEntries(file.document)
            .filter((item) => item.key === key)
            .at(-1);
          findings.push(
            makeFinding(
              'inconsistent-secret',
              { file: file.path, line: entry?.valueLine ?? 0, column: entry?.valueColumn ?? 0 },
              `${entry === undefined ? key : labelEntry(entry)} has a different value here than in ${displayPath(seen.path, input.cwd)}`,
              {
                ...(entry === undefined ? { variable: key } : entryVariable(entry)),
                hint: 'services that share this secret will not agree; keep one value (lucid-env rotate --propagate updates all files)',
              },
            ),
          );
        }
      }
    }
    return findings;
  },
};
