/** `insecure-permissions`: an env file holding secrets that group or others can read. */

import { listEntries } from '../dotenv/entries.js';
import { hasEqualsSign, labelEntry } from '../dotenv/entry-label.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { displayPath } from '../paths.js';
import type { StageRule } from './rule.js';
import { isSecretVariable } from './secret-values.js';

const CODES = {
  'insecure-permissions': {
    title: 'Secret file readable by group or others',
    severity: 'warning',
    when: 'a file holding secrets that group or others can read',
  },
} as const;

/** Flags env files with secrets whose mode lets group or others read them. */
export const permissionsRule: StageRule<'project', typeof CODES> = {
  codes: CODES,
  stage: 'project',
  run(input) {
    const findings: Finding[] = [];
    for (const file of input.envFiles) {
      if ((file.mode & 0o077) === 0) continue;
      const entries = listEntries(file.document).filter((entry) => entry.value !== '' && isSecretVariable(entry.key, input.template));
      const named = [...new Set(entries.filter(hasEqualsSign).map((entry) => entry.key))];
      const unnamed = entries.filter((entry) => !hasEqualsSign(entry)).map(labelEntry);
      const secrets = [...named, ...unnamed];
      if (secrets.length === 0) continue;
      const mode = (file.mode & 0o777).toString(8).padStart(4, '0');
      findings.push(
        makeFinding(
          'insecure-permissions',
          { file: file.path },
          `the file holds secrets (${secrets.join(', ')}) and is readable by group or others (mode ${mode})`,
          {
            hint: `chmod 600 ${displayPath(file.path, input.cwd)}`,
          },
        ),
      );
    }
    return findings;
  },
};
