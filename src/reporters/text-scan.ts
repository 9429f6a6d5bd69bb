/** The variables table that `scan` prints in the text format. */
import { maxOf } from '../append-all.js';
import type { ReferenceRecord, Report, VariableSummary } from '../report.js';
import { escapeControl, pluralize, prepareReferences } from './prepare.js';
import type { Colors } from './text.js';

const HEADER = ['NAME', 'STATUS', 'DEFAULTS', 'REFS', 'FIRST'];

/** The table of variables (name, status, defaults, reference count, first position) and a count line. */
export function formatScan(report: Report, cwd: string, colors: Colors): string {
  const variables = report.variables ?? [];
  const fileCount = pluralize(report.files.length, 'file');
  if (variables.length === 0) return `no variable references in ${fileCount}`;
  const firstPositions = findFirstPositions(prepareReferences(report.references ?? [], cwd));
  const rows = variables.map((variable) => formatRow(variable, firstPositions));
  const widths = HEADER.map((title, column) => Math.max(title.length, maxOf(rows.map((row) => (row[column] ?? '').length))));
  const lines = [colors.dim(formatCells(HEADER, widths)), ...rows.map((row) => formatCells(row, widths))];
  const referenceCount = pluralize(report.references?.length ?? 0, 'reference');
  lines.push('', `${pluralize(variables.length, 'variable')}, ${referenceCount} in ${fileCount}`);
  return lines.join('\n');
}

function formatRow(variable: VariableSummary, firstPositions: ReadonlyMap<string, string>): string[] {
  // An empty default is real (`${X:-}`) and must not look like no default at all.
  const defaults = variable.defaults.map((value) => (value === '' ? '""' : escapeControl(value, false)));
  return [
    escapeControl(variable.name, false),
    variable.status,
    defaults.length === 0 ? '-' : defaults.join(', '),
    String(variable.references),
    firstPositions.get(variable.name) ?? '-',
  ];
}

/** `file:line:column` of each name's first reference; `references` must already be sorted. */
function findFirstPositions(references: readonly ReferenceRecord[]): Map<string, string> {
  const positions = new Map<string, string>();
  for (const reference of references) {
    if (positions.has(reference.name)) continue;
    const file = escapeControl(reference.file, false);
    positions.set(reference.name, reference.line > 0 ? `${file}:${reference.line}:${reference.column}` : file);
  }
  return positions;
}

function formatCells(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, column) => cell.padEnd(widths[column] ?? 0))
    .join('  ')
    .trimEnd();
}
