/** `env-file-missing`: a service `env_file:` path that does not exist after interpolation. */
import { makeFinding } from '../findings.js';
import type { Finding } from '../findings.js';
import type { ResolvedServiceEnvFile, Rule } from './types.js';
import { displayPath } from '../paths.js';

/** One finding per written entry (an anchor shared by five services is reported once). */
export const envFileMissingRule: Rule = {
  codes: ['env-file-missing'],
  run(input) {
    const byPlace = new Map<string, ResolvedServiceEnvFile[]>();
    for (const entry of input.serviceEnvFiles) {
      if (entry.exists || !entry.isRequired || entry.path === undefined) continue;
      const key = `${entry.file}:${entry.line}:${entry.column}:${entry.path}`;
      byPlace.set(key, [...(byPlace.get(key) ?? []), entry]);
    }
    const findings: Finding[] = [];
    for (const entries of byPlace.values()) {
      const first = entries[0] as ResolvedServiceEnvFile;
      const services = entries.map((entry) => entry.service).join(', ');
      const hint = first.rawPath.startsWith('/')
        ? 'check the path, or mark the entry `required: false`'
        : `relative env_file paths resolve from the project directory (${displayPath(input.projectDirectory, input.cwd)}), not from where you run Compose; fix the path or pass --project-directory`;
      findings.push(makeFinding('env-file-missing', first, `env_file ${displayPath(first.path as string, input.cwd)} of ${entries.length > 1 ? 'services' : 'service'} ${services} does not exist (written as "${first.rawPath}")`, { hint }));
    }
    return findings;
  },
};
