/**
 * A sealed file as the checks see it: the plain file's entries (values, quotes, references) at the
 * positions of the sealed file, so every finding points at a line of the file the user has.
 */
import type { EnvDocument, EnvEntry, EnvLine } from '../dotenv/document.js';
import type { Finding } from '../findings.js';

/** The plain document with the sealed file's positions (header lines kept as the comments they are). */
export function overlaySealedPositions(plain: EnvDocument, sealedLines: readonly EnvLine[], headerLines: number): EnvDocument {
  const body = sealedLines.slice(headerLines);
  const lines: EnvLine[] = sealedLines.slice(0, headerLines);
  plain.lines.forEach((line, index) => {
    const sealed = body[index];
    if (line.kind !== 'entry' || sealed?.kind !== 'entry') {
      lines.push(sealed ?? line);
      return;
    }
    lines.push(moveEntry(line, sealed));
  });
  return { ...plain, lines };
}

/** Moves a finding made on the plain text to the same element of the sealed file. */
export function mapPlainFinding(finding: Finding, plain: EnvDocument, sealedLines: readonly EnvLine[], headerLines: number): Finding {
  const index = plain.lines.findLastIndex((line) => line.line <= finding.line);
  const line = plain.lines[index];
  const sealed = sealedLines[headerLines + index];
  if (line === undefined || sealed === undefined) return finding;
  if (line.kind !== 'entry' || sealed.kind !== 'entry') return { ...finding, line: sealed.line };
  const isInValue = finding.line > line.valueLine || (finding.line === line.valueLine && finding.column >= line.valueColumn);
  return isInValue ? { ...finding, line: sealed.valueLine, column: sealed.valueColumn } : { ...finding, line: sealed.line };
}

function moveEntry(plain: EnvEntry, sealed: EnvEntry): EnvEntry {
  return {
    ...plain,
    line: sealed.line,
    column: sealed.column,
    valueLine: sealed.valueLine,
    valueColumn: sealed.valueColumn,
    // Inside a sealed value the best position of a reference is the value itself.
    references: plain.references.map((reference) => ({ ...reference, line: sealed.valueLine, column: sealed.valueColumn })),
  };
}
