/** The Report: what a command returns and a reporter turns into text. Holds no secret value. */
import type { AuditSummary } from './audit/summary.js';
import type { Operator } from './compose/interpolation.js';
import type { Finding } from './findings.js';

/** Where a reference was found. */
export type ReferenceSource = 'compose' | 'env-file';

/** One variable occurrence, as `scan --format json` prints it (SPEC section 6). */
export interface ReferenceRecord {
  name: string;
  file: string;
  line: number;
  column: number;
  /** YAML path (`services.api.environment.DB_URL`, `services.api.ports[0]`) or the env key. */
  path: string;
  source: ReferenceSource;
  operator: Operator | 'passthrough';
  /** Raw text after `-`, `:-`, `+` or `:+`; else null. */
  default: string | null;
  /** Raw text after `?` or `:?`; else null. */
  message: string | null;
  /** The whole reference as written. */
  text: string;
}

/** How a variable is used across all its references. */
export type VariableStatus = 'required' | 'plain' | 'defaulted' | 'optional';

/** Per-variable summary of `scan`. */
export interface VariableSummary {
  name: string;
  status: VariableStatus;
  /** Distinct defaults, in order of first appearance. */
  defaults: string[];
  /** How many references. */
  references: number;
}

/** A change a mutating command made (or would make with --dry-run). Never holds a value. */
export interface Change {
  file: string;
  key: string;
  action: 'added' | 'generated' | 'regenerated' | 'derived' | 'rotated' | 'kept-previous' | 'set' | 'unchanged' | 'sealed' | 'unsealed' | 'exported';
  /** Short keyed fingerprint of the new value, safe to print. */
  fingerprint?: string;
  /** Why, in a few words ("missing", "placeholder", "weak"). */
  reason?: string;
}

/** One stack's share of a multi-stack report (`--all`, `--stack`, `--recursive`). */
export interface StackSummary {
  name: string;
  errors: number;
  warnings: number;
  infos: number;
}

/** Everything a reporter needs. */
export interface Report {
  command: string;
  /** Files read (compose and env files). */
  files: string[];
  findings: Finding[];
  references?: ReferenceRecord[];
  variables?: VariableSummary[];
  changes?: Change[];
  /** Free text a command prints on stdout for the text format (render's YAML, tor-hash's line). */
  output?: string;
  /** True when `output` is a document of its own (render's YAML, tor-hash's line): findings then go to stderr. */
  isDocument?: boolean;
  /** True when a mutating command only said what it would do. */
  dryRun?: boolean;
  /** Advice printed after the summary (a template's rotation notes); never a value. */
  notes?: string[];
  /** Per-stack counts when the command ran over the stacks of a workspace. */
  stacks?: StackSummary[];
  /** The exit code when it is not decided by findings (`run` passes on its command's). */
  exitCode?: number;
  /** New values, present only when the user asked with --show-secrets. */
  values?: Record<string, string>;
  /** `audit`: what the markdown report shows per service and requirement. */
  audit?: AuditSummary;
}

/** Turns a report into the text of one output format. Pure. */
export type Reporter = (report: Report, options: ReporterOptions) => string;

/** What a reporter knows of its surroundings. */
export interface ReporterOptions {
  cwd: string;
  color: boolean;
  /** With --strict, warnings count as failures in the summary line. */
  strict?: boolean;
}
