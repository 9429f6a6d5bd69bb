/**
 * The Rule shape and the inputs of each stage. A rule owns its finding codes (title, default
 * severity, when it fires) and, unless a parser reports them, judges one stage's input. Rules are
 * pure: data in, findings out.
 */
import type { AuditInput } from '../audit/types.js';
import type { ComposeDocument } from '../compose/document.js';
import type { ComposeReference, ComposeScan } from '../compose/references.js';
import type { ServiceFacts } from '../compose/services.js';
import type { EnvDocument } from '../dotenv/document.js';
import type { Finding, Severity } from '../findings.js';
import type { SecretAge } from '../templates/rotation-ages.js';
import type { Template } from '../templates/types.js';

/** An env file as checks see it. */
export interface CheckedEnvFile {
  path: string;
  document: EnvDocument;
  values: Map<string, string>;
  mode: number;
  /** Read as an interpolation env file (`-e` or the project .env). */
  isInterpolation: boolean;
  /** Services that name it in `env_file:`. */
  services: string[];
}

/** A service `env_file:` entry after interpolation, with where it is written. */
export interface ResolvedServiceEnvFile {
  service: string;
  rawPath: string;
  /** Absolute path after interpolation, relative paths from the project directory. */
  path: string | undefined;
  isRequired: boolean;
  exists: boolean;
  /** Position of the entry as written (the anchor, when it comes from one). */
  file: string;
  line: number;
  column: number;
}

/** Something an interrupted lucid-env run left beside an env file. */
export interface Leftover {
  envFile: string;
  path: string;
  kind: 'temp-file' | 'journal';
}

/** Everything `check` learned, for the rules to judge. */
export interface CheckInput {
  /** Where the command runs: messages show paths relative to it. */
  cwd: string;
  projectDirectory: string;
  documents: ComposeDocument[];
  scans: ComposeScan[];
  services: ServiceFacts[];
  /** The interpolation env (files merged, process env when asked). */
  interpolation: Map<string, string>;
  envFiles: CheckedEnvFile[];
  serviceEnvFiles: ResolvedServiceEnvFile[];
  /** The template given with -t, if any. */
  template: Template | undefined;
  /** Temp files and journals of interrupted runs beside the env files. */
  leftovers: Leftover[];
}

/** What the reference lints read: every reference of the compose files scanned together. */
export interface ReferencesInput {
  cwd: string;
  references: readonly ComposeReference[];
}

/** What `rotate --check` judges: each secret's age against its policy, and where it is written. */
export interface RotationInput {
  templateName: string;
  envFile: string;
  ages: readonly SecretAge[];
  /** Line and column of a key in the env file (0 when absent). */
  positionOf(key: string): { line: number; column: number };
}

/** One exported value compared with its env file: keyed fingerprints only, never values. */
export interface ExportDriftItem {
  envFile: string;
  key: string;
  /** Where the key is written in the env file (0 when it is gone). */
  line: number;
  column: number;
  to: string;
  /** The override or manifest, as shown to the user. */
  artifact: string;
  /** Fingerprints: at export time, of the env file's value now, of the exported copy now. */
  recorded: string;
  current: string | undefined;
  exported: string | undefined;
}

/** What `check` judges about earlier exports. */
export interface ExportsInput {
  items: readonly ExportDriftItem[];
}

/** The input of each stage that runs rules. */
export interface StageInputs {
  /** `check`: everything read from a project. */
  project: CheckInput;
  /** `scan` and `check`: how references are written. */
  references: ReferencesInput;
  /** `rotate --check`. */
  rotation: RotationInput;
  /** `check`: what `export` wrote earlier. */
  exports: ExportsInput;
  /** `audit`: services, Dockerfiles, the repository and the policy. */
  audit: AuditInput;
}

/** A stage that runs rules. */
export type Stage = keyof StageInputs;

/** One finding code: its title (SARIF rule name), default severity and when it fires (README). */
export interface CodeInfo {
  title: string;
  severity: Severity;
  when: string;
}

/** The codes a rule owns. */
export type CodeTable = Readonly<Record<string, CodeInfo>>;

/** A rule that judges one stage's input. */
export interface StageRule<S extends Stage, Codes extends CodeTable = CodeTable> {
  codes: Codes;
  stage: S;
  run(input: StageInputs[S]): Finding[];
}

/** A rule whose codes a parser reports (a YAML error is known only where the YAML is read). */
export interface ParserRule<Codes extends CodeTable = CodeTable> {
  codes: Codes;
  stage: 'parser';
  /** The modules that report these codes, for readers of the registry. */
  reportedBy: readonly string[];
}

/** One rule: the codes it owns, and the stage it runs in or the parser that reports them. */
export type Rule<Codes extends CodeTable = CodeTable> = { [S in Stage]: StageRule<S, Codes> }[Stage] | ParserRule<Codes>;
