/** Template types (SPEC section 7): a catalog of a stack's variables. */

import type { GeneratorSpec } from '../secrets/generate.js';

export type { GeneratorSpec };

/** How a value is computed from others. */
export type DeriveSpec = { kind: 'tor-hash'; from: string } | { kind: 'template'; template: string };

/** Value types a template can ask for. */
export type ValueType = 'string' | 'int' | 'port' | 'bool' | 'url' | 'hostname' | 'hex' | 'base64' | 'choices';

/** Rotation policy of one secret. */
export interface RotationPolicy {
  /** Maximum age in days. */
  maxAgeDays?: number;
  keepPrevious: boolean;
  /** Printed after rotating (e.g. "change the password inside MongoDB too"). */
  note?: string;
  group?: string;
}

/** One variable of a template. */
export interface TemplateVariable {
  name: string;
  description?: string;
  secret: boolean;
  /** A credential issued elsewhere (a third-party API key): asked for and checked, never generated. */
  supplied: boolean;
  required: boolean;
  type?: ValueType;
  choices?: string[];
  default?: string;
  prompt?: string;
  generate?: GeneratorSpec;
  derive?: DeriveSpec;
  rotation?: RotationPolicy;
  /**
   * Container variables that carry this secret and whose image also reads `<NAME>_FILE` (the
   * official MongoDB, Postgres, MariaDB and Elasticsearch images do): `export` switches them to a file.
   */
  fileEnv?: string[];
  /** Where the variable is written in the template file. */
  line: number;
}

/** A loaded, validated template. */
export interface Template {
  name: string;
  description: string;
  /** Default env file, relative to the directory the command runs in. */
  envFile?: string;
  compose: string[];
  /** The file it was loaded from (built-in templates: under the package's templates/). */
  file: string;
  /** The -t value that loaded it (a built-in name or a path), for hints the user can copy. */
  given?: string;
  variables: TemplateVariable[];
}
