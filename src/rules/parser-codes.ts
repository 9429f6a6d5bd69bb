/**
 * Codes that only a parser can report: a YAML or env-file syntax error, a malformed `${`, an invalid
 * template are known only where the text is read. The parsers make these findings; the codes are
 * registered here, so every code has one home in the registry.
 */
import type { ParserRule } from './rule.js';

const YAML_CODES = {
  'yaml-syntax': {
    title: 'Compose file is not valid YAML',
    severity: 'error',
    when: 'the compose file is not valid YAML, is empty, not a mapping, binary, not UTF-8, nested absurdly deep, or an alias bomb',
  },
  'yaml-duplicate-key': { title: 'Duplicate key in a YAML mapping', severity: 'error', when: 'a duplicate key in a YAML mapping' },
} as const;

/** YAML problems of compose files. */
export const yamlSyntaxRule: ParserRule<typeof YAML_CODES> = {
  codes: YAML_CODES,
  stage: 'parser',
  reportedBy: ['compose/document.ts', 'compose/stream-scan.ts', 'compose/load.ts'],
};

const ENV_CODES = {
  'env-syntax': { title: 'Env file line that Compose rejects', severity: 'error', when: 'an env file line Compose rejects' },
  'duplicate-key': {
    title: 'Key defined twice in one env file',
    severity: 'warning',
    when: 'a key defined twice in one env file (an error when the values differ)',
  },
} as const;

/** Env-file problems, found while reading the dotenv dialect. */
export const envSyntaxRule: ParserRule<typeof ENV_CODES> = {
  codes: ENV_CODES,
  stage: 'parser',
  reportedBy: ['dotenv/statement.ts', 'dotenv/duplicates.ts', 'project/env-files.ts'],
};

const INTERPOLATION_CODES = {
  'invalid-interpolation': { title: 'Malformed ${...} expression', severity: 'error', when: 'malformed `${...}` (Compose refuses the file)' },
} as const;

/** Malformed `${...}` in compose strings and env-file values. */
export const invalidInterpolationRule: ParserRule<typeof INTERPOLATION_CODES> = {
  codes: INTERPOLATION_CODES,
  stage: 'parser',
  reportedBy: ['compose/references.ts', 'compose/stream-scan.ts', 'dotenv/interpolate-value.ts'],
};

const TEMPLATE_CODES = {
  'template-invalid': { title: 'Template file is invalid', severity: 'error', when: 'a template file problem, at its line' },
} as const;

/** Problems of template files. */
export const templateInvalidRule: ParserRule<typeof TEMPLATE_CODES> = {
  codes: TEMPLATE_CODES,
  stage: 'parser',
  reportedBy: ['templates/parse.ts'],
};

const WORKSPACE_CODES = {
  'workspace-invalid': { title: 'Workspace file is invalid', severity: 'error', when: 'a `lucid-env.yml` problem, at its line' },
} as const;

/** Problems of the workspace file `lucid-env.yml`. */
export const workspaceInvalidRule: ParserRule<typeof WORKSPACE_CODES> = {
  codes: WORKSPACE_CODES,
  stage: 'parser',
  reportedBy: ['workspace/parse.ts'],
};
