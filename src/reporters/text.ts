/** The `text` format: for people at a terminal. Findings grouped by file, colour only when asked. */

import type pc from 'picocolors';
import { appendToGroup, maxOf } from '../append-all.js';
import type { Finding, Severity } from '../findings.js';
import { summarize } from '../findings.js';
import { loadLazily } from '../load-lazily.js';
import type { Change, Report, ReporterOptions, StackSummary } from '../report.js';
import { escapeControl, formatCounts, isFailing, prepareFindings, relativePath } from './prepare.js';
import { formatScan } from './text-scan.js';

/** The colour functions of one run (all identity when colour is off). */
export type Colors = ReturnType<typeof pc.createColors>;

const identity = (text: string | number | null | undefined): string => String(text);
/** Colours off: every picocolors function is the identity (what createColors(false) gives). */
const NO_COLORS = new Proxy({ isColorSupported: false } as unknown as Colors, {
  get: (target, key) => (key === 'isColorSupported' ? false : key in target ? target[key as keyof Colors] : identity),
});

const SEVERITY_WIDTH = 'warning'.length;

const PAST: Record<Change['action'], string> = {
  added: 'added',
  generated: 'generated',
  regenerated: 'regenerated',
  derived: 'derived',
  rotated: 'rotated',
  'kept-previous': 'kept previous',
  set: 'set',
  unchanged: 'unchanged',
  sealed: 'sealed',
  unsealed: 'unsealed',
  exported: 'exported',
};

const WOULD: Record<Change['action'], string> = {
  added: 'would add',
  generated: 'would generate',
  regenerated: 'would regenerate',
  derived: 'would derive',
  rotated: 'would rotate',
  'kept-previous': 'would keep previous',
  set: 'would set',
  unchanged: 'would leave unchanged',
  sealed: 'would seal',
  unsealed: 'would unseal',
  exported: 'would export',
};

/** Formats a report for a terminal; the last line is a summary unless the report is pure output. */
export function formatText(report: Report, options: ReporterOptions): string {
  // picocolors probes process.stdout when it loads, which builds a stream: load it only for colour.
  const colors = options.color ? loadLazily('picocolors').createColors(true) : NO_COLORS;
  const findings = prepareFindings(report.findings, options.cwd);
  const sections: string[] = [];
  if (report.command === 'scan') sections.push(formatScan(report, options.cwd, colors));
  // `output` is data (render's YAML, tor-hash's line): printed as is, with no summary to pollute a pipe.
  if (report.output !== undefined && report.output !== '') sections.push(report.output.replace(/\n$/, ''));
  if (report.changes !== undefined) sections.push(formatChanges(report.changes, report.dryRun === true, options.cwd, colors));
  for (const [file, group] of groupByFile(findings, (finding) => finding.file)) {
    sections.push(formatFindingGroup(file, group, colors));
  }
  if (report.stacks !== undefined) sections.push(formatStacks(report.stacks, options, colors));
  if (report.output === undefined || findings.length > 0) sections.push(formatSummary(findings, options, colors));
  return sections.length === 0 ? '' : `${sections.join('\n\n')}\n`;
}

function formatFindingGroup(file: string, findings: readonly Finding[], colors: Colors): string {
  const positions = findings.map(formatPosition);
  const positionWidth = maxOf(positions.map((position) => position.length));
  const lines = [formatFileHeader(file, colors)];
  findings.forEach((finding, index) => {
    const position = (positions[index] ?? '').padEnd(positionWidth);
    const prefix = `  ${position}  ${finding.severity.padEnd(SEVERITY_WIDTH)}  `;
    // Continuation lines of a multi-line message line up under its first line.
    const text = finding.stack === undefined ? finding.message : `[${finding.stack}] ${finding.message}`;
    const message = escapeControl(text, true).replaceAll('\n', `\n${' '.repeat(prefix.length)}`);
    const severity = colorSeverity(finding.severity, colors)(finding.severity.padEnd(SEVERITY_WIDTH));
    lines.push(`  ${colors.dim(position)}  ${severity}  ${message}  ${colors.dim(`[${finding.code}]`)}`);
    if (finding.hint !== undefined) lines.push(`      ${colors.dim('hint:')} ${escapeControl(finding.hint, false)}`);
  });
  return lines.join('\n');
}

function formatPosition(finding: Finding): string {
  if (finding.line <= 0) return '-';
  return finding.column > 0 ? `${finding.line}:${finding.column}` : `${finding.line}`;
}

function formatFileHeader(file: string, colors: Colors): string {
  return colors.underline(file === '' ? '(no file)' : escapeControl(file, false));
}

function colorSeverity(severity: Severity, colors: Colors): (text: string) => string {
  if (severity === 'error') return colors.red;
  if (severity === 'warning') return colors.yellow;
  return colors.blue;
}

function formatChanges(changes: readonly Change[], dryRun: boolean, cwd: string, colors: Colors): string {
  if (changes.length === 0) return dryRun ? 'would change nothing' : 'nothing to change';
  const labels = dryRun ? WOULD : PAST;
  const actionWidth = maxOf(changes.map((change) => labels[change.action].length));
  const keyWidth = maxOf(changes.map((change) => escapeControl(change.key, false).length));
  const groups = groupByFile(changes, (change) => relativePath(change.file, cwd));
  return [...groups]
    .map(([file, group]) => {
      const lines = group.map((change) => {
        const parts = [colors.green(labels[change.action].padEnd(actionWidth)), escapeControl(change.key, false).padEnd(keyWidth)];
        if (change.fingerprint !== undefined) parts.push(colors.dim(`(fingerprint ${escapeControl(change.fingerprint, false)})`));
        if (change.reason !== undefined) parts.push(escapeControl(change.reason, false));
        return `  ${parts.join('  ')}`.trimEnd();
      });
      return [formatFileHeader(file, colors), ...lines].join('\n');
    })
    .join('\n\n');
}

function formatStacks(stacks: readonly StackSummary[], options: ReporterOptions, colors: Colors): string {
  const width = maxOf(stacks.map((stack) => escapeControl(stack.name, false).length));
  const lines = stacks.map((stack) => {
    const mark = isFailing(stack, options.strict) ? colors.red('✖') : stack.warnings > 0 ? colors.yellow('⚠') : colors.green('✔');
    const counts = stack.errors + stack.warnings + stack.infos === 0 ? 'no problems' : formatCounts(stack);
    return `  ${mark} ${escapeControl(stack.name, false).padEnd(width)}  ${counts}`;
  });
  return [`${pluralizeStacks(stacks.length)}:`, ...lines].join('\n');
}

function pluralizeStacks(count: number): string {
  return `${count} stack${count === 1 ? '' : 's'}`;
}

function formatSummary(findings: readonly Finding[], options: ReporterOptions, colors: Colors): string {
  const counts = summarize(findings);
  if (findings.length === 0) return colors.green('✔ no problems');
  if (isFailing(counts, options.strict)) return colors.red(`✖ ${formatCounts(counts)}`);
  if (counts.warnings > 0) return colors.yellow(`⚠ ${formatCounts(counts)}`);
  return colors.green(`✔ ${formatCounts(counts)}`);
}

/** Groups items by file, files in order of first appearance, items in their given order. */
function groupByFile<T>(items: readonly T[], fileOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) appendToGroup(groups, fileOf(item), item);
  return groups;
}
