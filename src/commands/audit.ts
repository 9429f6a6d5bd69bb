/** `lucid-env audit`: distroless compliance, hardening and secret hygiene of compose projects, enforced as findings. */

import { dirname, join, relative, resolve } from 'node:path';
import { appendAll } from '../append-all.js';
import { applyAuditPolicy } from '../audit/apply-policy.js';
import { defaultAuditPolicy, parseAuditPolicy } from '../audit/policy.js';
import { summarizeAudit } from '../audit/summary.js';
import type { AuditInput, AuditPolicy, AuditService } from '../audit/types.js';
import { findComposeFiles, resolveComposeProject } from '../compose/load.js';
import type { ComposeReference } from '../compose/references.js';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import type { Finding, FindingCode } from '../findings.js';
import { compareFindings, dropRepeatedFindings } from '../findings.js';
import { readText } from '../fs/read.js';
import { loadFingerprintKey } from '../history/state.js';
import type { AuditProject } from '../project/audit-project.js';
import { readAuditProject } from '../project/audit-project.js';
import { findStackEnvFiles } from '../project/check-project.js';
import type { DockerfileCache } from '../project/dockerfiles.js';
import { findGitRoot } from '../project/git.js';
import { loadRepositoryFacts } from '../project/repository.js';
import type { Report } from '../report.js';
import { listAuditRules } from '../rules/audit/index.js';
import { findingCodes, isFindingCode, runRules } from '../rules/registry.js';
import { fingerprint } from '../secrets/fingerprint.js';
import { loadWorkspaceOf, selectStacks } from '../workspace/load.js';
import type { Workspace } from '../workspace/types.js';
import { check } from './check.js';

/** Options of `audit`. */
export interface AuditOptions {
  file?: string[];
  projectDirectory?: string;
  envFile?: string[];
  processEnv?: boolean;
  template?: string;
  /** Every stack of the workspace file. */
  all?: boolean;
  stack?: string;
  /** Every compose file under a folder, each its own project. */
  recursive?: string;
  requireDigest?: boolean;
  ignore?: string[];
  /** The summary behind the markdown report is built only when it is asked for. */
  format?: string;
}

function checkIgnoreCodes(codes: readonly string[]): void {
  const unknown = codes.filter((code) => !isFindingCode(code));
  if (unknown.length === 0) return;
  throw new LucidError('USAGE', `unknown finding code${unknown.length > 1 ? 's' : ''} in --ignore: ${unknown.join(', ')}`, {
    hint: `codes: ${Object.keys(findingCodes()).join(', ')}`,
  });
}

async function loadPolicy(workspace: Workspace | undefined): Promise<{ policy: AuditPolicy; findings: Finding[] }> {
  if (workspace?.audit === undefined) return { policy: defaultAuditPolicy(), findings: [] };
  const { text } = await readText(workspace.file, { maxBytes: 1024 * 1024, what: 'workspace file' });
  const codes = listAuditRules().flatMap((rule) => Object.keys(rule.codes));
  return parseAuditPolicy(text, workspace.file, codes);
}

function selectProjects(
  options: AuditOptions,
  ctx: Context,
  workspace: Workspace | undefined,
): { projects: AuditProject[]; base: string; subject: string; findings: Finding[] } {
  if (options.all === true || options.stack !== undefined) {
    if (workspace === undefined)
      throw new LucidError('USAGE', `--all and --stack need a workspace file (lucid-env.yml) in ${ctx.cwd} or above`, {
        hint: 'create one with lucid-env workspace init',
      });
    const stacks = selectStacks(workspace, options.stack);
    const findings: Finding[] = [];
    const projects = stacks.map((stack) => {
      // As in check --all: env files a stack will need but does not have yet are findings.
      const envFiles = findStackEnvFiles({ ...stack, file: workspace.file }, ctx.cwd);
      appendAll(
        findings,
        envFiles.findings.map((finding) => ({ ...finding, stack: stack.name })),
      );
      return {
        files: stack.compose,
        projectDirectory: stack.projectDirectory ?? dirname(stack.compose[0] ?? workspace.file),
        envFile: envFiles.present.length > 0 ? envFiles.present : undefined,
        template: stack.template,
        stack: stack.name,
        processEnv: options.processEnv,
      };
    });
    return {
      projects,
      findings,
      base: workspace.root,
      subject: `workspace ${relative(ctx.cwd, workspace.file) || workspace.file} (${stacks.map((stack) => stack.name).join(', ')})`,
    };
  }
  if (options.recursive !== undefined) {
    const root = resolve(ctx.cwd, options.recursive);
    const projects = findComposeFiles(root).map((file) => ({ files: [file], projectDirectory: dirname(file), processEnv: options.processEnv }));
    return { projects, base: root, subject: `${relative(ctx.cwd, root) || '.'} (${projects.length} compose files)`, findings: [] };
  }
  const project = resolveComposeProject({ files: options.file, projectDirectory: options.projectDirectory }, ctx.cwd, ctx.env);
  // Outside git, the repository is the current directory when the project lies within it.
  const isInside = !relative(ctx.cwd, project.projectDirectory).startsWith('..');
  return {
    projects: [{ ...project, envFile: options.envFile, processEnv: options.processEnv, template: options.template }],
    base: isInside ? ctx.cwd : project.projectDirectory,
    subject: project.files.map((file) => relative(ctx.cwd, file)).join(', '),
    findings: [],
  };
}

/** `missing` and `env-file-scope` from check, for the report's missing variables. */
async function findMissingVariables(project: AuditProject, ctx: Context): Promise<Finding[]> {
  const report = await check(
    { file: project.files, projectDirectory: project.projectDirectory, envFile: project.envFile, processEnv: project.processEnv, template: project.template },
    ctx,
  );
  return report.findings
    .filter((finding) => finding.code === 'missing' || finding.code === 'env-file-scope')
    .map((finding) => ({ ...finding, ...(project.stack === undefined ? {} : { stack: project.stack }) }));
}

/** Audits compose projects: distroless and hardening per service, secret hygiene across the repository, per the workspace's policy. */
export async function audit(options: AuditOptions, ctx: Context): Promise<Report> {
  checkIgnoreCodes(options.ignore ?? []);
  const workspace = await loadWorkspaceOf(ctx.cwd);
  const { policy, findings: policyFindings } = await loadPolicy(workspace);
  if (options.requireDigest === true) policy.requireDigest = true;
  const { projects, base, subject, findings: stackFindings } = selectProjects(options, ctx, workspace);
  const root = findGitRoot(base) ?? base;
  const [sodium, random] = [await ctx.sodium(), await ctx.random()];
  const key = await loadFingerprintKey(join(root, '.env'), random, { create: false });
  const fingerprintOf = (value: string): string => fingerprint(value, key, sodium);

  const services: AuditService[] = [];
  const references: ComposeReference[] = [];
  const found: Finding[] = [...policyFindings, ...stackFindings];
  const dockerfiles: DockerfileCache = new Map();
  for (const project of projects) {
    const read = await readAuditProject(project, ctx.cwd, ctx.env, dockerfiles);
    appendAll(services, read.services);
    appendAll(references, read.references);
    appendAll(found, read.findings);
    if (options.recursive === undefined) appendAll(found, await findMissingVariables(project, ctx));
  }
  const repository = loadRepositoryFacts(base, fingerprintOf);
  const input: AuditInput = { cwd: ctx.cwd, services, policy, repository, references, fingerprint: fingerprintOf };
  appendAll(found, runRules('audit', input));
  const { findings: judged, waived } = applyAuditPolicy(found, policy);
  const ignored = new Set<string>(options.ignore ?? []);
  const findings = dropRepeatedFindings(judged.filter((finding) => !ignored.has(finding.code as FindingCode)).sort(compareFindings));
  const report: Report = { command: 'audit', files: projects.flatMap((project) => project.files), findings };
  if (options.format === 'markdown') {
    const notChecked = new Map<string, string>();
    if (!policy.requireDigest) notChecked.set('Images pinned by digest', 'not required (--require-digest or audit.requireDigest: true)');
    if (!repository.isGitRepository) notChecked.set('No secrets committed to git', 'not a git repository');
    if (options.recursive !== undefined)
      notChecked.set('Environment variables defined', 'not checked with --recursive (the env files of each file are unknown)');
    report.audit = summarizeAudit(subject, input, findings, waived, notChecked);
  }
  return report;
}
