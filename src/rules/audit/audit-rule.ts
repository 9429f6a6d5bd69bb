/** The shape of an audit rule (a stage rule that can also say what YAML fixes a service) and its finding helpers. */
import { stringify } from 'yaml';
import type { AuditInput, AuditService } from '../../audit/types.js';
import type { Finding, FindingCode, Severity } from '../../findings.js';
import { makeFinding } from '../../findings.js';
import type { CodeTable, StageRule } from '../rule.js';

/** The compose YAML a service needs to pass a rule; a key set to undefined is to be removed. */
export type ServiceFix = Record<string, unknown>;

/** An audit rule: judges the audit input; service rules also name the YAML that fixes a service. */
export interface AuditRule<Codes extends CodeTable = CodeTable> extends StageRule<'audit', Codes> {
  fix?(service: AuditService, input: AuditInput): ServiceFix | undefined;
}

/** One line of YAML in flow style (`build: { context: ./api }`), for hints. */
export function formatFlowYaml(fix: ServiceFix): string {
  return Object.entries(fix)
    .map(([key, value]) =>
      value === undefined ? `remove ${key}` : `${key}: ${stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim()}`,
    )
    .join('; ');
}

/** The hint of a fix: where the YAML goes. */
export function formatFixHint(service: AuditService, fix: ServiceFix): string {
  return `in services.${service.name}: ${formatFlowYaml(fix)}`;
}

/** A finding about a service, at a position (the service's key by default), with its fix as the hint. */
export function serviceFinding(
  code: FindingCode,
  service: AuditService,
  message: string,
  options: { at?: { file: string; line: number; column: number } | undefined; fix?: ServiceFix | undefined; hint?: string; severity?: Severity } = {},
): Finding {
  const at = options.at ?? { file: service.file, line: service.line, column: service.column };
  const hint = options.hint ?? (options.fix === undefined ? undefined : formatFixHint(service, options.fix));
  return makeFinding(code, at, message, {
    service: service.name,
    stack: service.stack,
    ...(hint === undefined ? {} : { hint }),
    ...(options.severity === undefined ? {} : { severity: options.severity }),
  });
}
