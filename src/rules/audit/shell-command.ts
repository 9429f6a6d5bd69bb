/** `audit/shell-command`: a distroless service whose command, entrypoint or final-stage instruction needs a shell. */
import { explainNoShell, isShellCommand } from '../../audit/service-facts.js';
import type { AuditService } from '../../audit/types.js';
import type { Finding } from '../../findings.js';
import { makeFinding } from '../../findings.js';
import type { AuditRule } from './audit-rule.js';
import { serviceFinding } from './audit-rule.js';

const CODES = {
  'audit/shell-command': {
    title: 'Shell command in a distroless service',
    severity: 'error',
    when: 'a distroless service whose `command`/`entrypoint` calls `sh`/`bash`, or whose final stage has a shell-form `RUN`, `CMD` or `ENTRYPOINT`',
  },
} as const;

/** Compose's `command`/`entrypoint`, split as Compose splits a string (on spaces; no shell involved). */
function toArgv(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.trim().split(/\s+/) : [];
}

function judgeCompose(service: AuditService, why: string): Finding[] {
  const findings: Finding[] = [];
  for (const key of ['entrypoint', 'command']) {
    const located = service.keys.get(key);
    if (located === undefined || !isShellCommand(toArgv(located.value))) continue;
    findings.push(
      serviceFinding(
        'audit/shell-command',
        service,
        `${service.name} is distroless (${why}) but its ${key} runs ${toArgv(located.value)[0]}, which the image does not have`,
        {
          at: located,
          hint: `in services.${service.name}: ${key}: ["/path/to/binary", "<args>"] (exec form, no shell)`,
        },
      ),
    );
  }
  return findings;
}

function judgeDockerfile(service: AuditService, why: string): Finding[] {
  const dockerfile = service.dockerfile;
  const final = dockerfile?.stages[dockerfile.final];
  if (dockerfile === undefined || final === undefined) return [];
  return final.instructions
    .filter((instruction) => ['RUN', 'CMD', 'ENTRYPOINT'].includes(instruction.keyword))
    .filter((instruction) => instruction.argv === undefined || isShellCommand(instruction.argv))
    .map((instruction) =>
      makeFinding(
        'audit/shell-command',
        { file: dockerfile.file, line: instruction.line, column: instruction.column },
        `${service.name} is distroless (${why}) but its final stage has ${instruction.keyword} in shell form, which needs /bin/sh`,
        {
          service: service.name,
          stack: service.stack,
          hint: `use the exec form: ${instruction.keyword} ["/path/to/binary", "<args>"]; RUN belongs in the build stage`,
        },
      ),
    );
}

/** Commands that need a shell in services that have none. */
export const shellCommandRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  run(input) {
    return input.services.flatMap((service) => {
      const why = explainNoShell(service, input.policy);
      return why === undefined ? [] : [...judgeCompose(service, why), ...judgeDockerfile(service, why)];
    });
  },
};
