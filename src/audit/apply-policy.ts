/** Pure: applies the policy's rule settings and waivers to audit findings. A waived finding stays, as info, with its reason. */
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { globToRegExp } from './image-reference.js';
import type { AuditPolicy, Waiver } from './types.js';

/** A finding the policy waived, and why. */
export interface WaivedFinding {
  finding: Finding;
  waiver: Waiver;
}

function matchesAny(globs: readonly string[], name: string): boolean {
  return globs.some((glob) => globToRegExp(glob).test(name));
}

function findWaiver(finding: Finding, waivers: readonly Waiver[]): Waiver | undefined {
  if (finding.service === undefined) return undefined;
  const service = finding.service;
  return waivers.find(
    (waiver) => waiver.rule === finding.code && globToRegExp(waiver.service).test(service) && (waiver.stack === undefined || waiver.stack === finding.stack),
  );
}

/** Applies rule settings (off, severity, services, exclude) and waivers; reports waivers that matched nothing. */
export function applyAuditPolicy(findings: readonly Finding[], policy: AuditPolicy): { findings: Finding[]; waived: WaivedFinding[] } {
  const kept: Finding[] = [];
  const waived: WaivedFinding[] = [];
  const used = new Set<Waiver>();
  for (const finding of findings) {
    const setting = policy.rules.get(finding.code);
    if (setting !== undefined && finding.service !== undefined) {
      if (setting.services !== undefined && !matchesAny(setting.services, finding.service)) continue;
      if (matchesAny(setting.exclude, finding.service)) continue;
    }
    if (setting?.severity === 'off') continue;
    const adjusted = setting?.severity === undefined ? finding : { ...finding, severity: setting.severity };
    const waiver = findWaiver(adjusted, policy.waivers);
    if (waiver === undefined) {
      kept.push(adjusted);
      continue;
    }
    used.add(waiver);
    waived.push({ finding: adjusted, waiver });
    kept.push({ ...adjusted, severity: 'info', message: `waived (${waiver.reason}): ${adjusted.message}` });
  }
  for (const waiver of policy.waivers) {
    if (used.has(waiver)) continue;
    kept.push(
      makeFinding(
        'audit/policy',
        { file: waiver.file, line: waiver.line, column: 1 },
        `the waiver of ${waiver.rule} for ${waiver.service} matches no finding`,
        {
          severity: 'warning',
          hint: 'remove the waiver: the service passes the rule (or the rule or service name is misspelled)',
        },
      ),
    );
  }
  return { findings: kept, waived };
}
