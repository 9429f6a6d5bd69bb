/** `lucid-env check`: the CI gate. Reads everything, runs every rule, reports all problems at once. */

import { appendAll } from '../append-all.js';
import { resolveComposeProject } from '../compose/load.js';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import type { Finding, FindingCode } from '../findings.js';
import { compareFindings, dropRepeatedFindings, summarize } from '../findings.js';
import { NO_PROGRESS } from '../progress.js';
import { checkProject, checkStack } from '../project/check-project.js';
import { sealedAccessOf } from '../project/env-files.js';
import type { ProjectStack } from '../project/stacks.js';
import { refuseProjectFlags, resolveStacks } from '../project/stacks.js';
import type { Report, StackSummary } from '../report.js';
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
  /** Every stack of the workspace file. */
  all?: boolean;
  /** One stack of the workspace file. */
  stack?: string;
  /** Every stack under a folder, inferred (no workspace file needed). */
  recursive?: string;
  /** Refuse sealed env files older than this version (rollback). */
  minVersion?: number;
}

/** Runs every check over the compose files, env files and template. */
export async function check(options: CheckOptions, ctx: Context): Promise<Report> {
  const unknownCodes = (options.ignore ?? []).filter((code) => !isFindingCode(code));
  if (unknownCodes.length > 0) {
    throw new LucidError('USAGE', `unknown finding code${unknownCodes.length > 1 ? 's' : ''} in --ignore: ${unknownCodes.join(', ')}`, {
      hint: `codes: ${Object.keys(findingCodes()).join(', ')}`,
    });
  }
  const ignored = new Set<string>(options.ignore ?? []);
  const kept = (finding: Finding) => !ignored.has(finding.code as FindingCode);
  const stacks = await resolveStacks(options, ctx.cwd);
  if (stacks !== undefined) {
    refuseProjectFlags(options, options.recursive !== undefined ? '--recursive' : options.all === true ? '--all' : '--stack');
    if ((options.envFile?.length ?? 0) > 0 || options.template !== undefined) {
      throw new LucidError('USAGE', 'each stack names its env files and template in lucid-env.yml; drop -e and -t');
    }
    return checkStacks(stacks, options, ctx, kept);
  }
  const template = await loadTemplateOption(options.template, ctx.cwd);
  const project = resolveComposeProject({ files: options.file, projectDirectory: options.projectDirectory }, ctx.cwd, ctx.env);
  const projectToCheck = { ...project, envFile: options.envFile, processEnv: options.processEnv, template: template.template };
  const checked = await checkProject(projectToCheck, ctx, sealedAccessOf(ctx, { minVersion: options.minVersion }));
  return { command: 'check', files: checked.files, findings: [...template.findings, ...checked.findings].filter(kept).sort(compareFindings) };
}

/** Every stack in one process and one report; each finding carries its stack. */
async function checkStacks(stacks: readonly ProjectStack[], options: CheckOptions, ctx: Context, kept: (finding: Finding) => boolean): Promise<Report> {
  const findings: Finding[] = [];
  const files = new Set<string>();
  const summaries: StackSummary[] = [];
  const progress = ctx.progress();
  // One line says where the whole run is: the stacks' own file-level progress stays off. (A derived
  // object, not a spread copy: the real context's getters decide on first use.)
  const quiet: Context = Object.create(ctx, { progress: { value: () => NO_PROGRESS } });
  for (const [index, stack] of stacks.entries()) {
    progress.update(`checking stacks: ${index + 1} of ${stacks.length} (${stack.name})`);
    const checked = await checkStack(stack, options, quiet, sealedAccessOf(ctx, { minVersion: options.minVersion }));
    const own = checked.findings.filter(kept).map((finding) => ({ ...finding, stack: stack.name }));
    summaries.push({ name: stack.name, ...summarize(own) });
    appendAll(findings, own);
    for (const file of checked.files) files.add(file);
  }
  progress.done();
  // A file many stacks read (a shared env file) would repeat its findings once per stack: 125 problems of
  // one file became 5,750 findings on a real repository. Listed once, under the first stack; each
  // stack's summary still counts them.
  return { command: 'check', files: [...files], findings: dropRepeatedFindings(findings).sort(compareFindings), stacks: summaries };
}
