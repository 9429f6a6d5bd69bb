/** `audit/shell-healthcheck`: a distroless service whose health check needs a shell, so it can never pass. */

import { explainNoShell, isShellCommand } from '../../audit/service-facts.js';
import { parseExecForm } from '../../audit/stages.js';
import type { AuditService } from '../../audit/types.js';
import type { Finding } from '../../findings.js';
import { makeFinding } from '../../findings.js';
import type { AuditRule, ServiceFix } from './audit-rule.js';
import { serviceFinding } from './audit-rule.js';

const CODES = {
  'audit/shell-healthcheck': {
    title: 'Shell health check in a distroless service',
    severity: 'error',
    when:
      'a distroless service whose `healthcheck.test` is a string or `CMD-SHELL`, or runs `sh`/`bash`; ' +
      'or whose final stage has a shell-form `HEALTHCHECK CMD`',
  },
} as const;

const fix = (): ServiceFix => ({ healthcheck: { test: ['CMD', '/path/to/health-probe'] } });

/** How a compose `healthcheck.test` runs: through a shell, or not. */
function needsShell(test: unknown): string | undefined {
  if (typeof test === 'string') return 'a string test (Compose runs it as CMD-SHELL)';
  if (!Array.isArray(test) || test.length === 0) return undefined;
  const [kind, ...argv] = test.map(String);
  if (kind === 'CMD-SHELL') return 'CMD-SHELL';
  if (kind === 'CMD' && isShellCommand(argv)) return `CMD ${argv[0] ?? ''}`;
  return undefined;
}

function judgeDockerfile(service: AuditService, why: string): Finding | undefined {
  const dockerfile = service.dockerfile;
  const final = dockerfile?.stages[dockerfile.final];
  const healthcheck = final?.instructions.filter((instruction) => instruction.keyword === 'HEALTHCHECK').at(-1);
  if (dockerfile === undefined || healthcheck === undefined) return undefined;
  const command = /^(?:--\S+\s+)*CMD\s+([\s\S]*)$/i.exec(healthcheck.text.trim())?.[1];
  if (command === undefined) return undefined;
  const argv = parseExecForm(command);
  if (argv !== undefined && !isShellCommand(argv)) return undefined;
  return makeFinding(
    'audit/shell-healthcheck',
    { file: dockerfile.file, line: healthcheck.line, column: healthcheck.column },
    `${service.name} is distroless (${why}) but its Dockerfile HEALTHCHECK runs through a shell, which the image does not have: the check can never pass`,
    { service: service.name, stack: service.stack, hint: 'use the exec form: HEALTHCHECK CMD ["/path/to/health-probe"]' },
  );
}

/** Health checks that need a shell in services that have none. */
export const shellHealthcheckRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  fix,
  run(input) {
    const findings: Finding[] = [];
    for (const service of input.services) {
      const why = explainNoShell(service, input.policy);
      if (why === undefined) continue;
      const healthcheck = service.keys.get('healthcheck');
      if (healthcheck === undefined) {
        const finding = judgeDockerfile(service, why);
        if (finding !== undefined) findings.push(finding);
        continue;
      }
      const spec = typeof healthcheck.value === 'object' && healthcheck.value !== null ? (healthcheck.value as Record<string, unknown>) : {};
      const shell = spec['disable'] === true ? undefined : needsShell(spec['test']);
      if (shell === undefined) continue;
      findings.push(
        serviceFinding(
          'audit/shell-healthcheck',
          service,
          `${service.name} is distroless (${why}) but its health check is ${shell}: there is no shell in the image, so the check can never pass`,
          {
            at: healthcheck,
            hint: `in services.${service.name}: healthcheck: { test: ["CMD", "<binary in the image>", "<args>"] } (exec form: no shell, $VAR, pipes or ||)`,
          },
        ),
      );
    }
    return findings;
  },
};
