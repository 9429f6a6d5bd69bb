/** What every reporter does before formatting: relative POSIX paths, one sort order, counts. */
import type { Finding } from '../findings.js';
import { compareFindings, type summarize } from '../findings.js';
import { formatReportPath } from '../paths.js';
import type { ReferenceRecord } from '../report.js';

/** Counts of findings per severity, as `summarize` returns them. */
export type Counts = ReturnType<typeof summarize>;

/** A report's path: relative to `cwd` inside it, absolute outside it (src/paths.ts). */
export const relativePath = formatReportPath;

/** Copies of the findings with relative paths, sorted by file, line, column, code. */
export function prepareFindings(findings: readonly Finding[], cwd: string): Finding[] {
  // Sort after relativizing: absolute and relative forms of paths can order differently.
  return findings.map((finding) => ({ ...finding, file: relativePath(finding.file, cwd) })).sort(compareFindings);
}

/** Orders references by file, line, column, then name (code-unit order, like compareFindings). */
export function compareReferences(a: ReferenceRecord, b: ReferenceRecord): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return 0;
}

/** Copies of the references with relative paths, sorted by position. */
export function prepareReferences(references: readonly ReferenceRecord[], cwd: string): ReferenceRecord[] {
  return references.map((reference) => ({ ...reference, file: relativePath(reference.file, cwd) })).sort(compareReferences);
}

/** True when the findings fail the run: any error, or with `strict` any warning (SPEC section 6). */
export function isFailing(counts: Counts, strict: boolean | undefined): boolean {
  return counts.errors > 0 || (strict === true && counts.warnings > 0);
}

/** `1 error`, `2 warnings`, `0 infos`. */
export function pluralize(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning, 0 infos`. */
export function formatCounts(counts: Counts): string {
  return [pluralize(counts.errors, 'error'), pluralize(counts.warnings, 'warning'), pluralize(counts.infos, 'info')].join(', ');
}

/** The message with its hint appended (and its stack in front), for formats that have one text field. */
export function messageWithHint(finding: Finding): string {
  const message = finding.stack === undefined ? finding.message : `[${finding.stack}] ${finding.message}`;
  return finding.hint === undefined ? message : `${message} (hint: ${finding.hint})`;
}

/**
 * Shows control characters as escapes (`\t`, `\u001b`) so text from user files cannot move the
 * cursor or recolour a terminal; `\n` stays a line break when `keepNewlines`.
 */
export function escapeControl(text: string, keepNewlines: boolean): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => {
    if (character === '\n') return keepNewlines ? character : '\\n';
    if (character === '\r') return '\\r';
    if (character === '\t') return '\\t';
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
