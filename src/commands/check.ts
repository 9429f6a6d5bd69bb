/** `lucid-env check`: the CI gate. Reads everything, runs every rule, reports all problems at once. */

import { resolveComposeProject } from '../compose/load.js';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import type { FindingCode } from '../findings.js';
import { compareFindings } from '../findings.js';
import { checkProject } from '../project/check-project.js';
import type { Report } from '../report.js';
import { findingCodes, isFindingCode } from '../rules/registry.js';
import { loadTemplateOption } from '../templates/load.js';

/** Options of `check`. */
export interface CheckOptions {
  file?: string[];
  projectDirectory?: string;
  envFile?: string[];
  processEnv?: boolean;
  template?: string;
  /** Finding codes to leave out (comma-separated on the command line). */
  ignore?: string[];
}

/** Runs every check over the compose files, env files and template. */
export async function check(options: CheckOptions, ctx: Context): Promise<Report> {
  const unknownCodes = (options.ignore ?? []).filter((code) => !isFindingCode(code));
  if (unknownCodes.length > 0) {
    throw new LucidError('USAGE', `unknown finding code${unknownCodes.length > 1 ? 's' : ''} in --ignore: ${unknownCodes.join(', ')}`, {
      hint: `codes: ${Object.keys(findingCodes()).join(', ')}`,
    });
  }
  const template = await loadTemplateOption(options.template, ctx.cwd);
  const project = resolveComposeProject({ files: options.file, projectDirectory: options.projectDirectory }, ctx.cwd, ctx.env);
  const checked = await checkProject({ ...project, envFile: options.envFile, processEnv: options.processEnv, template: template.template }, ctx.cwd, ctx.env);
  const ignored = new Set<string>(options.ignore ?? []);
  return {
    command: 'check',
    files: checked.files,
    findings: [...template.findings, ...checked.findings].filter((finding) => !ignored.has(finding.code as FindingCode)).sort(compareFindings),
  };
}
