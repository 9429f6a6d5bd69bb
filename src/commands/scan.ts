/** `lucid-env scan`: every variable reference in the compose files, with positions and findings. */

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { appendAll } from '../append-all.js';
import { parseComposeText } from '../compose/document.js';
import { findComposeFiles, readComposeText, resolveComposeProject } from '../compose/load.js';
import { toReferenceRecord } from '../compose/records.js';
import type { ComposeReference } from '../compose/references.js';
import { scanComposeDocument } from '../compose/references.js';
import { scanComposeStream } from '../compose/stream-scan.js';
import { summarizeVariables } from '../compose/variables.js';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import type { Finding } from '../findings.js';
import { summarize } from '../findings.js';
import { scanEnvFileReferences, sealedAccessOf } from '../project/env-files.js';
import { refuseProjectFlags, resolveStacks } from '../project/stacks.js';
import type { ReferenceRecord, Report, StackSummary } from '../report.js';
import { runRules } from '../rules/registry.js';

/** Options of `scan`. */
export interface ScanOptions {
  file?: string[];
  projectDirectory?: string;
  envFile?: string[];
  processEnv?: boolean;
  recursive?: string;
  /** Every stack of the workspace file. */
  all?: boolean;
  /** One stack of the workspace file. */
  stack?: string;
}

/** Scans compose files (and given env files) for references. */
export async function scan(options: ScanOptions, ctx: Context): Promise<Report> {
  if (options.all === true || options.stack !== undefined) return scanStacks(options, ctx);
  const files = selectFiles(options, ctx);
  const envFiles = (options.envFile ?? []).map((file) => resolve(ctx.cwd, file));
  const scanned = await scanFiles(files, envFiles, options.processEnv === true ? ctx.env : {}, ctx);
  return { command: 'scan', files: [...files, ...envFiles], ...scanned, variables: summarizeVariables(scanned.references) };
}

/** The references and findings of compose files (one at a time, so each can be freed) and env files. */
async function scanFiles(
  files: readonly string[],
  envFiles: readonly string[],
  processEnvironment: NodeJS.ProcessEnv,
  ctx: Context,
): Promise<{ references: ReferenceRecord[]; findings: Finding[] }> {
  const cwd = ctx.cwd;
  const access = sealedAccessOf(ctx);
  const composeReferences: ComposeReference[] = [];
  const findings: Finding[] = [];
  const progress = ctx.progress();
  // One file at a time, so a parsed file can be freed before the next one is read.
  for (const [index, file] of files.entries()) {
    progress.update(`scanning compose files: ${index + 1} of ${files.length}`);
    const read = await readComposeText(file);
    if ('finding' in read) {
      findings.push(read.finding);
      continue;
    }
    const scanned = scanComposeText(read.text, file);
    appendAll(composeReferences, scanned.references);
    appendAll(findings, scanned.findings);
  }
  progress.done();
  appendAll(findings, runRules('references', { cwd, references: composeReferences }));
  const references: ReferenceRecord[] = composeReferences.map(toReferenceRecord);
  // A 10 MB file has about a hundred thousand references: keep one copy of them, not two.
  composeReferences.length = 0;
  if (envFiles.length > 0) {
    const envScan = await scanEnvFileReferences(envFiles, processEnvironment, access);
    appendAll(references, envScan.references);
    appendAll(findings, envScan.findings);
  }
  return { references, findings };
}

/** `scan --all` / `--stack`: each stack's files and findings; a file shared by stacks lists its references once. */
async function scanStacks(options: ScanOptions, ctx: Context): Promise<Report> {
  const stacks = (await resolveStacks({ all: options.all, stack: options.stack }, ctx.cwd)) ?? [];
  refuseProjectFlags(options, options.all === true ? '--all' : '--stack');
  const references: ReferenceRecord[] = [];
  const findings: Finding[] = [];
  const files = new Set<string>();
  const summaries: StackSummary[] = [];
  for (const stack of stacks) {
    const envFiles = stack.envFiles.filter((file) => existsSync(file));
    const scanned = await scanFiles(stack.compose, envFiles, options.processEnv === true ? ctx.env : {}, ctx);
    const own = scanned.findings.map((finding) => ({ ...finding, stack: stack.name }));
    summaries.push({ name: stack.name, ...summarize(own) });
    appendAll(findings, own);
    const seen = new Set(files);
    appendAll(
      references,
      scanned.references.filter((reference) => !seen.has(reference.file)),
    );
    for (const file of [...stack.compose, ...envFiles]) files.add(file);
  }
  return { command: 'scan', files: [...files], findings, references, variables: summarizeVariables(references), stacks: summaries };
}

/** Files above this size are scanned from the syntax tree: about half the memory of a Document. */
export const STREAM_SCAN_BYTES = 1024 * 1024;

function scanComposeText(text: string, file: string): { references: ComposeReference[]; findings: Finding[] } {
  if (text.length > STREAM_SCAN_BYTES) return scanComposeStream(text, file);
  const parsed = parseComposeText(text, file);
  const scanned = scanComposeDocument(parsed.compose);
  return { references: scanned.references, findings: [...parsed.findings, ...scanned.findings] };
}

function selectFiles(options: ScanOptions, ctx: Context): string[] {
  if (options.recursive === undefined)
    return resolveComposeProject({ files: options.file, projectDirectory: options.projectDirectory }, ctx.cwd, ctx.env).files;
  const found = findComposeFiles(resolve(ctx.cwd, options.recursive));
  if (found.length === 0) {
    throw new LucidError('COMPOSE_NOT_FOUND', `no compose file under ${options.recursive}`, {
      hint: 'compose files are named compose.yaml, docker-compose*.yml or *compose*.yml',
    });
  }
  return [...(options.file ?? []).map((file) => resolve(ctx.cwd, file)), ...found];
}
