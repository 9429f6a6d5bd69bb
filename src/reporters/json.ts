/** The `json` format: a versioned, stable contract (SPEC section 6). Keys are written in a fixed order. */

import type { Finding } from '../findings.js';
import { summarize } from '../findings.js';
import type { Change, ReferenceRecord, Report, ReporterOptions, StackSummary, VariableSummary } from '../report.js';
import { isFailing, prepareFindings, prepareReferences, relativePath } from './prepare.js';

/** The `version` of the JSON contract; bump only on a breaking change. */
export const JSON_VERSION = 1;

/** Formats a report as JSON: the scan shape for `scan`, the check shape for every other command. */
export function formatJson(report: Report, options: ReporterOptions): string {
  const findings = prepareFindings(report.findings, options.cwd).map(toJsonFinding);
  const value = report.command === 'scan' ? toScanJson(report, findings, options) : toCheckJson(report, findings, options);
  return `${JSON.stringify(value, null, 2)}\n`;
}

function toScanJson(report: Report, findings: Record<string, unknown>[], options: ReporterOptions): Record<string, unknown> {
  return {
    version: JSON_VERSION,
    files: report.files.map((file) => relativePath(file, options.cwd)),
    references: prepareReferences(report.references ?? [], options.cwd).map(toJsonReference),
    variables: (report.variables ?? []).map(toJsonVariable),
    findings,
    ...(report.stacks === undefined ? {} : { stacks: report.stacks.map((stack) => toJsonStack(stack, options)) }),
  };
}

function toJsonStack(stack: StackSummary, options: ReporterOptions): Record<string, unknown> {
  const { name, errors, warnings, infos } = stack;
  return { name, ok: !isFailing(stack, options.strict), summary: { errors, warnings, infos } };
}

function toCheckJson(report: Report, findings: Record<string, unknown>[], options: ReporterOptions): Record<string, unknown> {
  const summary = summarize(report.findings);
  const value: Record<string, unknown> = {
    version: JSON_VERSION,
    ok: !isFailing(summary, options.strict),
    summary: { errors: summary.errors, warnings: summary.warnings, infos: summary.infos },
    findings,
  };
  if (report.stacks !== undefined) value['stacks'] = report.stacks.map((stack) => toJsonStack(stack, options));
  if (report.changes !== undefined) value['changes'] = report.changes.map((change) => toJsonChange(change, options.cwd));
  if (report.dryRun === true) value['dryRun'] = true;
  if (report.values !== undefined) value['values'] = { ...report.values };
  // A document (render's YAML, tor-hash's line) travels inside the JSON, so stdout stays one document.
  if (report.isDocument === true && report.output !== undefined) value['output'] = report.output;
  return value;
}

function toJsonFinding(finding: Finding): Record<string, unknown> {
  const { code, severity, message, file, line, column } = finding;
  const value: Record<string, unknown> = { code, severity, message, file, line, column };
  if (finding.variable !== undefined) value['variable'] = finding.variable;
  if (finding.hint !== undefined) value['hint'] = finding.hint;
  if (finding.service !== undefined) value['service'] = finding.service;
  if (finding.stack !== undefined) value['stack'] = finding.stack;
  return value;
}

function toJsonReference(reference: ReferenceRecord): Record<string, unknown> {
  const { name, file, line, column, path, source, operator, message, text } = reference;
  return { name, file, line, column, path, source, operator, default: reference.default, message, text };
}

function toJsonVariable(variable: VariableSummary): Record<string, unknown> {
  const { name, status, defaults, references } = variable;
  return { name, status, defaults: [...defaults], references };
}

function toJsonChange(change: Change, cwd: string): Record<string, unknown> {
  const value: Record<string, unknown> = { file: relativePath(change.file, cwd), key: change.key, action: change.action };
  if (change.fingerprint !== undefined) value['fingerprint'] = change.fingerprint;
  if (change.reason !== undefined) value['reason'] = change.reason;
  return value;
}
