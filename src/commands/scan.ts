/** `lucid-env scan`: every variable reference in the compose files, with positions and findings. */

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
import { scanEnvFileReferences } from '../project/env-files.js';
import type { ReferenceRecord, Report } from '../report.js';
import { runRules } from '../rules/registry.js';

/** Options of `scan`. */
export interface ScanOptions {
  file?: string[];
  projectDirectory?: string;
  envFile?: string[];
  processEnv?: boolean;
  recursive?: string;
}

/** Scans compose files (and given env files) for references. */
export async function scan(options: ScanOptions, ctx: Context): Promise<Report> {
  const files = selectFiles(options, ctx);
  const composeReferences: ComposeReference[] = [];
  const allFindings: Finding[] = [];
  // One file at a time, so a parsed file can be freed before the next one is read.
  for (const file of files) {
    const read = await readComposeText(file);
    if ('finding' in read) {
      allFindings.push(read.finding);
      continue;
    }
    const scanned = scanComposeText(read.text, file);
    appendAll(composeReferences, scanned.references);
    appendAll(allFindings, scanned.findings);
  }
  appendAll(allFindings, runRules('references', { cwd: ctx.cwd, references: composeReferences }));
  const references: ReferenceRecord[] = composeReferences.map(toReferenceRecord);
  // A 10 MB file has about a hundred thousand references: keep one copy of them, not two.
  composeReferences.length = 0;
  const envFiles = (options.envFile ?? []).map((file) => resolve(ctx.cwd, file));
  if (envFiles.length > 0) {
    const envScan = await scanEnvFileReferences(envFiles, options.processEnv === true ? ctx.env : {});
    appendAll(references, envScan.references);
    appendAll(allFindings, envScan.findings);
  }
  return {
    command: 'scan',
    files: [...files, ...envFiles],
    findings: allFindings,
    references,
    variables: summarizeVariables(references),
  };
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
