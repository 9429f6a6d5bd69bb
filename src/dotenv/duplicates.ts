/** Keys defined more than once in one env file. */

import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import type { EnvLine } from './document.js';
import { entryVariable, labelEntry } from './entry-label.js';

/**
 * One `duplicate-key` finding at each redefinition of a key: an error when the value changes
 * (one of the two is silently lost), a warning when it is the same. Messages never hold values.
 */
export function findDuplicateKeys(lines: readonly EnvLine[], file: string): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, { line: number; value: string }>();
  for (const line of lines) {
    if (line.kind !== 'entry' || line.value === undefined || line.key === '') continue;
    const earlier = seen.get(line.key);
    if (earlier !== undefined) {
      const isSame = earlier.value === line.value;
      const outcome = isSame ? 'with the same value' : 'with a different value; Compose uses this one';
      findings.push(
        makeFinding(
          'duplicate-key',
          { file, line: line.line, column: line.column },
          `${labelEntry(line)} is defined again (first on line ${earlier.line}) ${outcome}`,
          {
            ...entryVariable(line),
            severity: isSame ? 'warning' : 'error',
            hint: 'keep one definition',
          },
        ),
      );
    }
    seen.set(line.key, { line: earlier?.line ?? line.line, value: line.value });
  }
  return findings;
}
