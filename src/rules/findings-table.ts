/**
 * The README's table of finding codes, made from the registry: one row per code with its own anchor
 * (the `helpUri` of SARIF rules points there). scripts/readme-findings.mjs writes it into the README
 * and a test keeps the two equal, so a new code cannot go undocumented.
 */
import { findingAnchor } from '../findings.js';
import type { FindingCode } from './registry.js';
import { findingCodes } from './registry.js';

/** The markers around the generated table in README.md. */
export const FINDINGS_TABLE_MARKERS = { start: '<!-- findings-table:start (npm run docs) -->', end: '<!-- findings-table:end -->' } as const;

/** The Markdown table: code (with its anchor), default severity, when it fires; registry order. */
export function formatFindingsTable(): string {
  const rows = Object.entries(findingCodes()).map(
    ([code, info]) => `| <a id="${findingAnchor(code as FindingCode)}"></a>\`${code}\` | ${info.severity} | ${info.when.replaceAll('|', '\\|')} |`,
  );
  return ['| code | severity | when |', '|---|---|---|', ...rows].join('\n');
}
