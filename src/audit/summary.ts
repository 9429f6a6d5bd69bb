/**
 * Pure: the audit summary behind `--format markdown`: per service its current configuration, the
 * YAML it needs and its status; the requirements table; the missing variables; the waivers. Built
 * from findings and rule fixes only, so it holds no secret value.
 */
import { stringify } from 'yaml';
import { appendToGroup } from '../append-all.js';
import type { Finding } from '../findings.js';
import { prepareFindings, relativePath } from '../reporters/prepare.js';
import type { ServiceFix } from '../rules/audit/audit-rule.js';
import { listAuditRules } from '../rules/audit/index.js';
import type { WaivedFinding } from './apply-policy.js';
import type { RequirementRow } from './requirements.js';
import { judgeRequirements } from './requirements.js';
import type { AuditInput, AuditService } from './types.js';

/** One service in the report. */
export interface AuditServiceSummary {
  name: string;
  stack: string | undefined;
  /** `file:line` of the service, relative to the cwd. */
  location: string;
  status: 'COMPLIANT' | 'NON-COMPLIANT' | 'WARNINGS';
  /** YAML of the audited keys as written. */
  current: string;
  /** The YAML with every fix applied; undefined when nothing needs fixing in compose. */
  required: string | undefined;
  findings: Finding[];
}

/** Everything the markdown report shows. */
export interface AuditSummary {
  /** What was audited (compose files, or the workspace). */
  subject: string;
  services: AuditServiceSummary[];
  requirements: RequirementRow[];
  missingVariables: { name: string; places: string[] }[];
  waivers: { rule: string; service: string; reason: string; where: string }[];
  /** Findings about the repository and files rather than a service. */
  otherFindings: Finding[];
}

const SHOWN_KEYS = [
  'image',
  'build',
  'platform',
  'user',
  'read_only',
  'cap_drop',
  'cap_add',
  'security_opt',
  'privileged',
  'network_mode',
  'pid',
  'ipc',
  'labels',
];

function formatYaml(name: string, body: Record<string, unknown>): string {
  return stringify({ [name]: body }, { lineWidth: 0 }).trimEnd();
}

function currentBody(service: AuditService, findings: readonly Finding[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of SHOWN_KEYS) if (service.keys.has(key)) body[key] = service.keys.get(key)?.value;
  // Only the kind of a health check is shown: its command may hold a literal password.
  const test = (service.keys.get('healthcheck')?.value as { test?: unknown } | undefined)?.test;
  if (findings.some((finding) => finding.code === 'audit/shell-healthcheck') && test !== undefined) {
    body['healthcheck'] = { test: Array.isArray(test) ? [String(test[0]), '…'] : '…' };
  }
  return body;
}

function applyFix(body: Record<string, unknown>, fix: ServiceFix): void {
  for (const [key, value] of Object.entries(fix)) {
    const current = body[key];
    if (value === undefined) delete body[key];
    else if (Array.isArray(value) && Array.isArray(current)) body[key] = [...new Set([...current, ...value])];
    else body[key] = value;
  }
}

function summarizeService(service: AuditService, findings: Finding[], input: AuditInput): AuditServiceSummary {
  const active = findings.filter((finding) => finding.severity !== 'info');
  const current = currentBody(service, findings);
  const required = structuredClone(current);
  let changed = false;
  for (const rule of listAuditRules()) {
    if (!('fix' in rule) || rule.fix === undefined || !active.some((finding) => (Object.keys(rule.codes) as string[]).includes(finding.code))) continue;
    const fix = rule.fix(service, input);
    if (fix === undefined) continue;
    applyFix(required, fix);
    changed = true;
  }
  // As in the seed report, `build:` leads the required configuration.
  const ordered = 'build' in required ? { build: required['build'], ...required } : required;
  const status = active.some((finding) => finding.severity === 'error') ? 'NON-COMPLIANT' : active.length > 0 ? 'WARNINGS' : 'COMPLIANT';
  return {
    name: service.name,
    stack: service.stack,
    location: `${relativePath(service.file, input.cwd)}:${service.line}`,
    status,
    current: `${formatYaml(service.name, current)}\n  # … rest of configuration`,
    required: changed ? `${formatYaml(service.name, ordered)}\n  # … rest of configuration` : undefined,
    findings,
  };
}

/** Builds the summary; `notChecked` names requirements that could not be judged (and why). */
export function summarizeAudit(
  subject: string,
  input: AuditInput,
  all: readonly Finding[],
  waived: readonly WaivedFinding[],
  notChecked: ReadonlyMap<string, string>,
): AuditSummary {
  const findings = prepareFindings(all, input.cwd);
  // Grouped once: a filter per service is quadratic on thousands of services.
  const byService = new Map<string, Finding[]>();
  const missing = new Map<string, string[]>();
  for (const finding of findings) {
    if (finding.service !== undefined) appendToGroup(byService, serviceKey(finding.service, finding.stack), finding);
    if ((finding.code !== 'missing' && finding.code !== 'env-file-scope') || finding.variable === undefined) continue;
    appendToGroup(missing, finding.variable, `${finding.file}:${finding.line}:${finding.column}`);
  }
  const ofService = (service: AuditService): Finding[] => byService.get(serviceKey(service.name, service.stack)) ?? [];
  return {
    subject,
    services: input.services.map((service) => summarizeService(service, ofService(service), input)),
    requirements: judgeRequirements(findings, notChecked),
    missingVariables: [...missing].map(([name, places]) => ({ name, places })),
    waivers: waived.map(({ finding, waiver }) => ({
      rule: waiver.rule,
      service: finding.service ?? waiver.service,
      reason: waiver.reason,
      where: `${relativePath(waiver.file, input.cwd)}:${waiver.line}`,
    })),
    otherFindings: findings.filter((finding) => finding.service === undefined && finding.code !== 'missing' && finding.code !== 'env-file-scope'),
  };
}

/** A service within its stack (two stacks may both have `api`). */
function serviceKey(service: string, stack: string | undefined): string {
  return `${stack ?? ''}\u0000${service}`;
}
