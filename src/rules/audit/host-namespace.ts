/** `audit/host-namespace`: a service that shares a namespace with the host (network, pid, ipc, uts, userns). */
import { stringValue } from '../../audit/service-facts.js';
import type { Finding } from '../../findings.js';
import type { AuditRule } from './audit-rule.js';
import { serviceFinding } from './audit-rule.js';

const CODES = {
  'audit/host-namespace': {
    title: 'Host namespace shared',
    severity: 'error',
    when: '`network_mode: host`, `pid: host`, `ipc: host`, `uts: host` or `userns_mode: host`',
  },
} as const;

const KEYS = ['network_mode', 'pid', 'ipc', 'uts', 'userns_mode'];

/** Services in the host's network, process, IPC, UTS or user namespace. */
export const hostNamespaceRule: AuditRule<typeof CODES> = {
  codes: CODES,
  stage: 'audit',
  run(input) {
    const findings: Finding[] = [];
    for (const service of input.services) {
      for (const key of KEYS) {
        const located = service.keys.get(key);
        if (stringValue(located)?.trim().toLowerCase() !== 'host') continue;
        findings.push(
          serviceFinding('audit/host-namespace', service, `${service.name} shares the host's ${key.replace('_mode', '')} namespace (${key}: host)`, {
            at: located,
            hint: `in services.${service.name}: remove ${key}: host${key === 'network_mode' ? '; publish the ports it needs and join a network instead' : ''}`,
          }),
        );
      }
    }
    return findings;
  },
};
