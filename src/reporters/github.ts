/**
 * The `github` format: one GitHub Actions workflow command per finding, then a plain summary line.
 * https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
 */

import type { Finding, Severity } from '../findings.js';
import { summarize } from '../findings.js';
import type { Report, ReporterOptions } from '../report.js';
import { formatCounts, messageWithHint, prepareFindings } from './prepare.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a command's message (data), as the Actions runner's `escapeData` does. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escapes a command's property value, as the Actions runner's `escapeProperty` does. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** Formats a report as `::error file=F,line=L,col=C,title=CODE::MESSAGE` lines and a summary line. */
export function formatGithub(report: Report, options: ReporterOptions): string {
  const lines = prepareFindings(report.findings, options.cwd).map(formatCommand);
  const counts = summarize(report.findings);
  // The runner shows plain lines as log text; this one makes the log readable on its own.
  lines.push(`lucid-env: ${report.findings.length === 0 ? 'no problems' : formatCounts(counts)}`);
  return `${lines.join('\n')}\n`;
}

function formatCommand(finding: Finding): string {
  const properties: string[] = [];
  // GitHub can annotate only files of the repository (the cwd): a file outside it (shown absolute, like a
  // template in a global install) gets an annotation without a place, its path at the start of the message.
  const isInside = finding.file !== '' && !finding.file.startsWith('/');
  let where = '';
  if (isInside) {
    properties.push(`file=${escapeProperty(finding.file)}`);
    if (finding.line > 0) {
      properties.push(`line=${finding.line}`);
      if (finding.column > 0) properties.push(`col=${finding.column}`);
    }
  } else if (finding.file !== '') {
    where = `${finding.file}${finding.line > 0 ? `:${finding.line}${finding.column > 0 ? `:${finding.column}` : ''}` : ''}: `;
  }
  properties.push(`title=${escapeProperty(finding.code)}`);
  return `::${COMMAND[finding.severity]} ${properties.join(',')}::${escapeData(where + messageWithHint(finding))}`;
}
