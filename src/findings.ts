/** Findings: what every check returns and every reporter prints. Codes come from the rule registry. */
import type { FindingCode } from './rules/registry.js';
import { findingCodes } from './rules/registry.js';

/** How bad a finding is; SARIF maps `info` to `note`. */
export type Severity = 'error' | 'warning' | 'info';

/** Every finding code (SPEC section 5), owned by the rules of src/rules/registry.ts. Grow, never rename. */
export type { FindingCode };

/** One problem found in the user's files. Never holds a secret value. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** Path as given or resolved; reporters make it relative to the cwd. */
  file: string;
  /** 1-based; 0 when the finding is about the whole file. */
  line: number;
  /** 1-based, in UTF-16 code units; 0 when the finding is about the whole file. */
  column: number;
  variable?: string;
  hint?: string;
  /** The compose service it is about (audit). */
  service?: string;
  /** The workspace stack it belongs to, with `--all`, `--stack` or `--recursive`. */
  stack?: string;
}

/** Where the project lives: SARIF's `informationUri`, and the base of every finding code's documentation. */
export const PROJECT_URI = 'https://github.com/lucid-env/lucid-env';

/** The README anchor of a finding code (its row in the "Findings" table); `/` is not safe in every renderer. */
export function findingAnchor(code: FindingCode): string {
  return code.replaceAll('/', '-');
}

/** Documentation of a finding code: its own anchor in the README's "Findings" table. */
export function ruleHelpUri(code: FindingCode): string {
  return `${PROJECT_URI}#${findingAnchor(code)}`;
}

/** Creates a finding with the code's default severity unless one is given. */
export function makeFinding(
  code: FindingCode,
  at: { file: string; line?: number; column?: number },
  message: string,
  extra: { variable?: string; hint?: string; severity?: Severity; service?: string; stack?: string | undefined } = {},
): Finding {
  const finding: Finding = {
    code,
    severity: extra.severity ?? findingCodes()[code].severity,
    message,
    file: at.file,
    line: at.line ?? 0,
    column: at.column ?? 0,
  };
  if (extra.variable !== undefined) finding.variable = extra.variable;
  if (extra.hint !== undefined) finding.hint = extra.hint;
  if (extra.service !== undefined) finding.service = extra.service;
  if (extra.stack !== undefined) finding.stack = extra.stack;
  return finding;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Orders findings by file, line, column, code (SPEC section 6). */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  if (a.stack !== b.stack) return (a.stack ?? '') < (b.stack ?? '') ? -1 : 1;
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
}

/** Counts findings per severity. */
/**
 * The findings without repeats: one problem met through several compose files or stacks (a shared env
 * file, a Dockerfile two services build) is kept once, in its first place in `findings`, with that
 * place's stack.
 */
export function dropRepeatedFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = [finding.code, finding.severity, finding.file, finding.line, finding.column, finding.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function summarize(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  const summary = { errors: 0, warnings: 0, infos: 0 };
  for (const finding of findings) {
    if (finding.severity === 'error') summary.errors++;
    else if (finding.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}
