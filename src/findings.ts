/** Finding codes, severities and the RULES table: the vocabulary every check and reporter shares. */

/** How bad a finding is; SARIF maps `info` to `note`. */
export type Severity = 'error' | 'warning' | 'info';

/** Every finding code (SPEC section 5). Grow this list, never rename. */
export type FindingCode =
  | 'missing'
  | 'empty'
  | 'missing-passthrough'
  | 'env-file-scope'
  | 'invalid-interpolation'
  | 'suspicious-reference'
  | 'compose-time-expansion'
  | 'inconsistent-default'
  | 'env-file-missing'
  | 'env-syntax'
  | 'duplicate-key'
  | 'ambiguous-value'
  | 'placeholder'
  | 'weak-secret'
  | 'invalid-value'
  | 'inconsistent-secret'
  | 'insecure-permissions'
  | 'unused'
  | 'yaml-syntax'
  | 'yaml-duplicate-key'
  | 'template-invalid'
  | 'rotation-overdue'
  | 'rotation-age';

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
}

/** What a rule is, for help text and SARIF. */
export interface RuleInfo {
  title: string;
  severity: Severity;
}

/** The one table of finding codes: title and default severity. */
export const RULES: Record<FindingCode, RuleInfo> = {
  missing: { title: 'Variable is not set', severity: 'error' },
  empty: { title: 'Variable is empty where a value is needed', severity: 'warning' },
  'missing-passthrough': { title: 'Passthrough variable has no value', severity: 'warning' },
  'env-file-scope': { title: 'Defined only in a service env_file, which Compose does not use for interpolation', severity: 'error' },
  'invalid-interpolation': { title: 'Malformed ${...} expression', severity: 'error' },
  'suspicious-reference': { title: 'Reference that probably does not mean what it says', severity: 'warning' },
  'compose-time-expansion': { title: 'Compose expands this before the container shell sees it', severity: 'warning' },
  'inconsistent-default': { title: 'One variable, different defaults', severity: 'warning' },
  'env-file-missing': { title: 'A service env_file does not exist', severity: 'error' },
  'env-syntax': { title: 'Env file line that Compose rejects', severity: 'error' },
  'duplicate-key': { title: 'Key defined twice in one env file', severity: 'warning' },
  'ambiguous-value': { title: 'Value that Compose, dotenv and python-dotenv read differently', severity: 'warning' },
  placeholder: { title: 'Secret holds a placeholder or publicly known value', severity: 'error' },
  'weak-secret': { title: 'Secret weaker than required', severity: 'error' },
  'invalid-value': { title: 'Value does not match its template type', severity: 'error' },
  'inconsistent-secret': { title: 'One secret with different values in different env files', severity: 'error' },
  'insecure-permissions': { title: 'Secret file readable by group or others', severity: 'warning' },
  unused: { title: 'Defined but never referenced', severity: 'info' },
  'yaml-syntax': { title: 'Compose file is not valid YAML', severity: 'error' },
  'yaml-duplicate-key': { title: 'Duplicate key in a YAML mapping', severity: 'error' },
  'template-invalid': { title: 'Template file is invalid', severity: 'error' },
  'rotation-overdue': { title: 'Secret is older than its rotation policy allows', severity: 'error' },
  'rotation-age': { title: 'Age of a secret against its rotation policy', severity: 'info' },
};

/** Documentation anchor for a finding code (README section "Findings"). */
export function ruleHelpUri(code: FindingCode): string {
  return `https://github.com/lucid-env/lucid-env#${code}`;
}

/** Creates a finding with the code's default severity unless one is given. */
export function makeFinding(
  code: FindingCode,
  at: { file: string; line?: number; column?: number },
  message: string,
  extra: { variable?: string; hint?: string; severity?: Severity } = {},
): Finding {
  const finding: Finding = {
    code,
    severity: extra.severity ?? RULES[code].severity,
    message,
    file: at.file,
    line: at.line ?? 0,
    column: at.column ?? 0,
  };
  if (extra.variable !== undefined) finding.variable = extra.variable;
  if (extra.hint !== undefined) finding.hint = extra.hint;
  return finding;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Orders findings by file, line, column, code (SPEC section 6). */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
}

/** Counts findings per severity. */
export function summarize(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  const summary = { errors: 0, warnings: 0, infos: 0 };
  for (const finding of findings) {
    if (finding.severity === 'error') summary.errors++;
    else if (finding.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}
