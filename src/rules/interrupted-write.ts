/** `interrupted-write`: a lucid-env run was killed while writing an env file and left something behind. */
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { displayPath } from '../paths.js';
import type { StageRule } from './rule.js';

const CODES = {
  'interrupted-write': {
    title: 'Left behind by an interrupted write',
    severity: 'warning',
    when: 'a temp file (it may hold new secrets) or the journal of an unfinished change, left beside an env file by a run that was killed',
  },
} as const;

/** One warning per temp file or journal found beside the env files read. */
export const interruptedWriteRule: StageRule<'project', typeof CODES> = {
  codes: CODES,
  stage: 'project',
  run(input) {
    return input.leftovers.map((leftover): Finding => {
      const shown = displayPath(leftover.path, input.cwd);
      const next = 'the next lucid-env command that writes this file';
      return leftover.kind === 'temp-file'
        ? makeFinding('interrupted-write', { file: leftover.envFile }, `${shown} was left by a run killed while writing this file; it may hold secrets`, {
            hint: `${next} removes it; or delete it`,
          })
        : makeFinding(
            'interrupted-write',
            { file: leftover.envFile },
            `an unfinished change left its journal ${shown}: the files it names may be half-changed`,
            {
              hint: `${next} finishes it (or drops it, if nothing was written yet)`,
            },
          );
    });
  },
};
