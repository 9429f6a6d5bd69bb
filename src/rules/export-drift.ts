/** `export-drift`: an exported secret file or manifest no longer matches the env file it came from. */
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import type { StageRule } from './rule.js';

const CODES = {
  'export-drift': {
    title: 'Exported secrets out of date',
    severity: 'warning',
    when: 'a secret file or manifest written by `export` no longer matches the env file it came from (compared by keyed fingerprint)',
  },
} as const;

/** Flags exported values that changed on either side since the export. */
export const exportDriftRule: StageRule<'exports', typeof CODES> = {
  codes: CODES,
  stage: 'exports',
  run(input) {
    const findings: Finding[] = [];
    for (const item of input.items) {
      const at = { file: item.envFile, line: item.line, column: item.column };
      const where = `${item.to} export ${item.artifact}`;
      const hint = 'run the same lucid-env export again';
      let message: string | undefined;
      if (item.current === undefined) message = `${item.key} was exported (${where}) but the env file no longer defines it`;
      else if (item.current !== item.recorded) message = `${item.key} changed since it was exported (${where})`;
      else if (item.exported === undefined) message = `the exported copy of ${item.key} is missing (${where})`;
      else if (item.exported !== item.recorded) message = `the exported copy of ${item.key} was changed after the export (${where})`;
      if (message !== undefined) findings.push(makeFinding('export-drift', at, message, { variable: item.key, hint }));
    }
    return findings;
  },
};
