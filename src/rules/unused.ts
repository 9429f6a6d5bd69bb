/** `unused`: a key of an interpolation-only env file that nothing references. */
import { listEntries } from '../dotenv/entries.js';
import { entryVariable, labelEntry } from '../dotenv/entry-label.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import type { StageRule } from './rule.js';

const CODES = {
  unused: { title: 'Defined but never referenced', severity: 'info', when: 'defined in an interpolation-only env file, referenced nowhere' },
} as const;

/** Keys of files that also feed containers (env_file) are used by the container, so only interpolation-only files count. */
export const unusedRule: StageRule<'project', typeof CODES> = {
  codes: CODES,
  stage: 'project',
  run(input) {
    const referenced = new Set<string>();
    for (const scan of input.scans) for (const reference of scan.references) referenced.add(reference.name);
    for (const file of input.envFiles) {
      for (const entry of listEntries(file.document)) for (const reference of entry.references) referenced.add(reference.name);
    }
    for (const variable of input.template?.variables ?? []) {
      if (variable.derive?.kind === 'tor-hash') referenced.add(variable.derive.from);
    }
    const findings: Finding[] = [];
    for (const file of input.envFiles) {
      if (!file.isInterpolation || file.services.length > 0) continue;
      for (const entry of listEntries(file.document)) {
        if (referenced.has(entry.key) || entry.key.endsWith('_PREVIOUS')) continue;
        findings.push(
          makeFinding('unused', { file: file.path, line: entry.line, column: 1 }, `${labelEntry(entry)} is defined but no compose file references it`, {
            ...entryVariable(entry),
          }),
        );
      }
    }
    return findings;
  },
};
