/** The registry of output formats: one row per `--format` value. */
import type { Reporter } from '../report.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

/** Every `--format` value, in the order help text lists them. */
export const FORMAT_NAMES = ['text', 'json', 'github', 'sarif', 'markdown'] as const;

/** One `--format` value. */
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Format name → reporter. */
export const REPORTERS: Readonly<Record<FormatName, Reporter>> = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif,
  markdown: formatMarkdown,
};

/** True when `name` is a known format (for validating `--format`). */
export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

export { JSON_VERSION } from './json.js';
export { TOOL_VERSION } from './sarif.js';
export { formatGithub, formatJson, formatMarkdown, formatSarif, formatText };
