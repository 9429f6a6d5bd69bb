/** The input every check rule reads, and the Rule shape. Rules are pure: data in, findings out. */
import type { ComposeDocument } from '../compose/document.js';
import type { ComposeScan } from '../compose/references.js';
import type { ServiceFacts } from '../compose/services.js';
import type { EnvDocument } from '../dotenv/document.js';
import type { Finding, FindingCode } from '../findings.js';
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
}

/** One check: a code it owns (or several) and a pure function over the input. */
export interface Rule {
  codes: readonly FindingCode[];
  run(input: CheckInput): Finding[];
}
