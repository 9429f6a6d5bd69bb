/** `env-file-missing`: a service `env_file:` path that does not exist after interpolation. */

import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { displayPath } from '../paths.js';
import type { ResolvedServiceEnvFile, StageRule } from './rule.js';
import { maskSecretsAmong } from './secret-values.js';

const CODES = {
  'env-file-missing': {
    title: 'A service env_file does not exist',
    severity: 'error',
    when: 'a service `env_file:` path (after interpolation, relative to the project directory) does not exist; `required: false` is honoured',
  },
} as const;

/** One finding per written entry (an anchor shared by five services is reported once). */
export const envFileMissingRule: StageRule<'project', typeof CODES> = {
  codes: CODES,
  stage: 'project',
  run(input) {
    const byPlace = new Map<string, ResolvedServiceEnvFile[]>();
    for (const entry of input.serviceEnvFiles) {
      if (entry.exists || !entry.isRequired || entry.path === undefined) continue;
      const key = `${entry.file}:${entry.line}:${entry.column}:${entry.path}`;
      const entries = byPlace.get(key);
      if (entries === undefined) byPlace.set(key, [entry]);
      else entries.push(entry);
    }
    const findings: Finding[] = [];
    // The path is interpolated text: a secret substituted into it is masked like anywhere else.
    const mask = byPlace.size === 0 ? (text: string) => text : maskSecretsAmong(input.interpolation, input.template);
    for (const entries of byPlace.values()) {
      const first = entries[0] as ResolvedServiceEnvFile;
      const services = entries.map((entry) => entry.service).join(', ');
      const hint = first.rawPath.startsWith('/')
        ? 'check the path, or mark the entry `required: false`'
        : `relative env_file paths resolve from the project directory (${displayPath(input.projectDirectory, input.cwd)}), ` +
          'not from where you run Compose; fix the path or pass --project-directory';
      findings.push(
        makeFinding(
          'env-file-missing',
          first,
          `env_file ${mask(displayPath(first.path as string, input.cwd))} of ${entries.length > 1 ? 'services' : 'service'} ${services} ` +
            `does not exist (written as "${first.rawPath}")`,
          { hint },
        ),
      );
    }
    return findings;
  },
};
