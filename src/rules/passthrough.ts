/** `missing-passthrough`: an `environment:` entry with no value that nothing provides. */

import { appendToGroup } from '../append-all.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import type { StageRule } from './rule.js';

const CODES = {
  'missing-passthrough': {
    title: 'Passthrough variable has no value',
    severity: 'warning',
    when: "a `- NAME` passthrough with no value in the interpolation env or the service's env_file",
  },
} as const;

/** A `- NAME` / `NAME:` entry passes NAME through from the interpolation env or the service env_file. */
export const passthroughRule: StageRule<'project', typeof CODES> = {
  codes: CODES,
  stage: 'project',
  run(input) {
    const findings: Finding[] = [];
    // Service → the env files it reads, built once: thousands of services share a file.
    const filesOf = new Map<string, Map<string, string>[]>();
    for (const file of input.envFiles) {
      for (const service of file.services) appendToGroup(filesOf, service, file.values);
    }
    for (const scan of input.scans) {
      for (const reference of scan.references) {
        if (reference.operator !== 'passthrough') continue;
        const service = reference.path[1];
        if (input.interpolation.has(reference.name)) continue;
        const serviceFiles = typeof service === 'string' ? (filesOf.get(service) ?? []) : [];
        if (serviceFiles.some((values) => values.has(reference.name))) continue;
        findings.push(
          makeFinding(
            'missing-passthrough',
            reference,
            `${reference.name} is passed through to service ${String(service)} but has no value in the interpolation env or its env_file`,
            {
              variable: reference.name,
              hint: `set ${reference.name} in the env file, or remove the entry`,
            },
          ),
        );
      }
    }
    return findings;
  },
};
