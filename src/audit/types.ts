/** The data `audit` judges: services (merge keys followed), their Dockerfiles, the repository, the policy. */
import type { ComposeReference } from '../compose/references.js';
import type { Severity } from '../findings.js';

/** A value with where it is written (the anchor's line when a service inherits it through `<<`). */
export interface Located<T = unknown> {
  value: T;
  file: string;
  line: number;
  column: number;
}

/** A service's `build:` after interpolation; paths as written (relative to the project directory). */
export interface BuildFacts {
  context: string | undefined;
  dockerfile: string | undefined;
  /** `dockerfile_inline:` text. */
  inline: string | undefined;
  target: string | undefined;
  args: Record<string, string>;
  /** Where `build:` is written. */
  at: Located;
}

/** One instruction of a Dockerfile stage. */
export interface DockerInstruction {
  keyword: string;
  /** The arguments as written (line continuations joined). */
  text: string;
  /** The JSON (exec) form's items, when the instruction uses it. */
  argv: string[] | undefined;
  line: number;
  column: number;
}

/** One `FROM` stage. */
export interface DockerStage {
  name: string | undefined;
  /** The base as written (`${BASE}:${TAG}`). */
  base: string;
  /** The base with ARGs expanded; undefined when a variable has no value. */
  resolvedBase: string | undefined;
  /** Index of the earlier stage this one builds on (`FROM builder`). */
  parent: number | undefined;
  line: number;
  column: number;
  instructions: DockerInstruction[];
}

/** A parsed Dockerfile. */
export interface DockerfileFacts {
  file: string;
  stages: DockerStage[];
  /** Index of the stage the service runs: `build.target`, else the last. -1 when there is no FROM. */
  final: number;
  /** `ENV`/`ARG` with a secret-like name and a literal value (the value stays in memory only). */
  literalSecrets: { name: string; keyword: 'ENV' | 'ARG'; value: string; line: number; column: number }[];
}

/** One service as audit sees it. */
export interface AuditService {
  name: string;
  /** The workspace stack, with --all. */
  stack: string | undefined;
  /** Where the service's key is written. */
  file: string;
  line: number;
  column: number;
  projectDirectory: string;
  /** Effective top-level keys (merge keys applied), values as written, with where each is written. */
  keys: ReadonlyMap<string, Located>;
  /** The image after interpolation; undefined when absent or when a variable has no value. */
  image: Located<string> | undefined;
  build: BuildFacts | undefined;
  labels: ReadonlyMap<string, string>;
  /** `environment:` entries as written (null for a passthrough), each with its position. */
  environment: { name: string; value: string | null; line: number; column: number; file: string }[];
  /** The Dockerfile of `build:`, when it could be read. */
  dockerfile: DockerfileFacts | undefined;
  /** What of `build:` does not exist on disk. */
  buildProblem: { what: 'context' | 'Dockerfile'; path: string } | undefined;
}

/** A label a policy requires: a key, and the value it must have when given. */
export interface RequiredLabel {
  key: string;
  value: string | undefined;
}

/** How a policy sets one rule: its severity (or off) and the services it applies to. */
export interface RuleSetting {
  severity: Severity | 'off' | undefined;
  /** Globs of service names the rule applies to (all when absent). */
  services: string[] | undefined;
  exclude: string[];
}

/** A rule waived for some services, with the reason the report shows. */
export interface Waiver {
  rule: string;
  /** A glob of service names. */
  service: string;
  stack: string | undefined;
  reason: string;
  file: string;
  line: number;
}

/** The `audit:` policy of the workspace file, defaults filled in. */
export interface AuditPolicy {
  distrolessBases: string[];
  /** Pre-built images accepted without a build context (built by another pipeline). */
  allowImages: string[];
  /** Capabilities `cap_add` may name. */
  capAdd: string[];
  requiredLabels: RequiredLabel[];
  /** The label that marks a service as distroless. */
  distrolessLabel: RequiredLabel | undefined;
  requireDigest: boolean;
  rules: ReadonlyMap<string, RuleSetting>;
  waivers: Waiver[];
}

/** An env file of the repository, read for secret hygiene. */
export interface RepositoryEnvFile {
  path: string;
  mode: number;
  /** Secret-like keys with a non-empty value: name, value position and fingerprint. */
  secrets: { key: string; line: number; column: number; fingerprint: string; placeholder: string | undefined }[];
  /** A template (`.env.example`, `.env.template`): meant to be committed, holds no real values. */
  isTemplate: boolean;
  /** undefined outside a git repository. */
  isTracked: boolean | undefined;
  isIgnored: boolean | undefined;
}

/** A secret-looking value in a file git tracks. */
export interface TrackedSecret {
  file: string;
  line: number;
  column: number;
  /** The variable name, or the token format (`AWS access key`). */
  what: string;
  fingerprint: string;
}

/** What audit learned about the repository around the compose files. */
export interface RepositoryFacts {
  /** The git work tree, or the folder audited outside git. */
  root: string;
  isGitRepository: boolean;
  envFiles: RepositoryEnvFile[];
  trackedSecrets: TrackedSecret[];
}

/** Everything the audit rules judge. */
export interface AuditInput {
  cwd: string;
  services: AuditService[];
  policy: AuditPolicy;
  repository: RepositoryFacts | undefined;
  /** Every `${...}` reference of the compose files (for defaults of secrets). */
  references: readonly ComposeReference[];
  /** Keyed fingerprint of a value (never the value itself) for messages. */
  fingerprint(value: string): string;
}
