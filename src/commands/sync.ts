/**
 * `lucid-env sync`: keeps one secret the same in every env file that defines it. `--from FILE`
 * names the source (where files disagree the source is always explicit, never the first file
 * found); the targets are the files of the globs, or every env file of the workspace. Derived
 * values (URIs holding a password) are rebuilt with their percent-encoding; every file is backed
 * up and written all or nothing; `--check` only reports drift (exit 1), naming keys and files.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { envValues } from '../dotenv/document.js';
import { stringifyEnv } from '../dotenv/stringify.js';
import type { SyncFile } from '../dotenv/sync-plan.js';
import { findDisagreements, planSync } from '../dotenv/sync-plan.js';
import { LucidError } from '../errors.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { expandGlob } from '../fs/glob.js';
import { createFingerprinter } from '../history/state.js';
import { displayPath } from '../paths.js';
import { applyAssignments, readEnvForEdit, refuseMissingEnvFile } from '../project/env-writer.js';
import type { FileChange, HistoryRecord } from '../project/sync-writer.js';
import { beginSyncMutation, commitSyncChanges } from '../project/sync-writer.js';
import type { Change, Report } from '../report.js';
import { isSecretName } from '../variable-names.js';
import { loadWorkspaceOf, selectStacks } from '../workspace/load.js';

/** Options of `sync`. */
export interface SyncOptions {
  from?: string;
  check?: boolean;
  dryRun?: boolean;
  /** Only these keys (default: every secret, by name, that the source defines). */
  key?: string[];
  stack?: string;
  pythonCompat?: boolean;
}

async function selectFiles(globs: readonly string[], options: SyncOptions, cwd: string): Promise<string[]> {
  if (globs.length > 0) {
    const files: string[] = [];
    for (const glob of globs) {
      if (!/[*?{]/.test(glob)) refuseMissingEnvFile(resolve(cwd, glob), 'sync');
      for (const path of expandGlob(glob, cwd)) files.push(resolve(cwd, path));
    }
    return [...new Set(files)];
  }
  const workspace = await loadWorkspaceOf(cwd);
  if (workspace === undefined) {
    throw new LucidError('USAGE', 'name the env files to keep in sync', {
      hint: "lucid-env sync --from .env.prod 'deploy/**/.env*', or run it inside a workspace (lucid-env.yml)",
    });
  }
  const files = selectStacks(workspace, options.stack).flatMap((stack) => stack.envFiles);
  return [...new Set(files)].filter((path) => existsSync(path));
}

type ReadFile = SyncFile & { document: Awaited<ReturnType<typeof readEnvForEdit>> };

async function readFiles(paths: readonly string[]): Promise<ReadFile[]> {
  const files: ReadFile[] = [];
  for (const path of paths) {
    const read = await readEnvForEdit(path, {});
    files.push({ path, values: envValues(read.document), document: read });
  }
  return files;
}

function lineOf(document: Awaited<ReturnType<typeof readEnvForEdit>>['document'], key: string): number {
  let line = 0;
  for (const item of document.lines) if (item.kind === 'entry' && item.key === key) line = item.line;
  return line;
}

/** Syncs (or with --check, compares) the secrets of the env files. */
export async function sync(globs: string[], options: SyncOptions, ctx: Context): Promise<Report> {
  const source = options.from === undefined ? undefined : resolve(ctx.cwd, options.from);
  if (source !== undefined) refuseMissingEnvFile(source, 'sync');
  const paths = await selectFiles(globs, options, ctx.cwd);
  const all = source === undefined || paths.includes(source) ? paths : [source, ...paths];
  if (all.length < 2)
    throw new LucidError('USAGE', `sync needs at least two env files; found ${all.length}`, { hint: 'check the globs or the workspace envFiles' });
  const files = await readFiles(all);
  const sourceFile = files.find((file) => file.path === source);
  const chosen = options.key === undefined ? undefined : new Set(options.key);
  const keys = new Set<string>();
  for (const file of files) for (const key of file.values.keys()) if (chosen?.has(key) ?? isSecretName(key)) keys.add(key);
  const show = (path: string) => displayPath(path, ctx.cwd);
  const findings: Finding[] = [];
  const disagreements = findDisagreements(files, keys);
  for (const [key, holders] of disagreements) {
    if (sourceFile !== undefined && (sourceFile.values.get(key) ?? '') !== '') continue;
    for (const holder of holders) {
      const file = files.find((item) => item.path === holder);
      findings.push(
        makeFinding(
          'drift',
          { file: holder, line: file === undefined ? 0 : lineOf(file.document.document, key), column: 1 },
          `${key} differs between ${holders.map(show).join(', ')}`,
          {
            variable: key,
            hint: `say which file is right: lucid-env sync --from <file>${sourceFile === undefined ? '' : ` (the source does not define ${key})`}`,
          },
        ),
      );
    }
  }
  if (sourceFile === undefined) {
    if (options.check !== true && findings.length > 0) {
      throw new LucidError('USAGE', `env files disagree on ${[...disagreements.keys()].join(', ')}; sync never picks a file for you`, {
        hint: 'name the file that is right: lucid-env sync --from <file>',
      });
    }
    return { command: 'sync', files: all, findings, changes: [] };
  }
  const plan = planSync(sourceFile, files, chosen ?? new Set([...keys].filter((key) => sourceFile.values.has(key))), isSecretName);
  for (const { path, assignments } of plan.files) {
    const file = files.find((item) => item.path === path);
    for (const assignment of assignments) {
      const message =
        assignment.kind === 'secret' ? `${assignment.key} differs from ${show(sourceFile.path)}` : `${assignment.key} is not built from the synced secrets`;
      if (options.check === true) {
        findings.push(
          makeFinding('drift', { file: path, line: file === undefined ? 0 : lineOf(file.document.document, assignment.key), column: 1 }, message, {
            variable: assignment.key,
            hint: `lucid-env sync --from ${show(sourceFile.path)}`,
          }),
        );
      }
    }
  }
  if (options.check === true) return { command: 'sync', files: all, findings, changes: [] };
  return writeSync(plan, files, sourceFile.path, findings, options, ctx);
}

async function writeSync(
  plan: ReturnType<typeof planSync>,
  files: readonly ReadFile[],
  source: string,
  findings: Finding[],
  options: SyncOptions,
  ctx: Context,
): Promise<Report> {
  const random = await ctx.random();
  const sodium = await ctx.sodium();
  const changes: Change[] = [];
  const fileChanges: FileChange[] = [];
  const history: HistoryRecord[] = [];
  const mutation =
    options.dryRun === true
      ? undefined
      : await beginSyncMutation(
          plan.files.map((item) => item.path),
          ctx,
        );
  try {
    for (const { path, assignments } of plan.files) {
      const file = files.find((item) => item.path === path);
      if (file === undefined) continue;
      // Read before the lock: a file another run changed since then is not overwritten with stale content.
      if (mutation !== undefined && stringifyEnv((await readEnvForEdit(path, {})).document) !== stringifyEnv(file.document.document)) {
        throw new LucidError('LOCKED', `${displayPath(path, ctx.cwd)} changed while sync was planning; nothing was written`, { hint: 'run sync again' });
      }
      const applied = applyAssignments(file.document.document, assignments, options.pythonCompat !== false, path);
      const mode = file.document.mode ?? 0o600;
      fileChanges.push({
        path,
        before: stringifyEnv(file.document.document),
        beforeMode: mode,
        after: stringifyEnv(applied.document),
        mode: mode & 0o077 ? 0o600 : mode,
      });
      const fingerprintOf = await createFingerprinter(path, { sodium, random }, { create: options.dryRun !== true });
      for (const assignment of assignments) {
        const fingerprint = fingerprintOf(assignment.value);
        changes.push({
          file: path,
          key: assignment.key,
          action: assignment.kind === 'secret' ? 'set' : 'derived',
          fingerprint,
          reason: `from ${displayPath(source, ctx.cwd)}`,
        });
        history.push({ envFile: path, key: assignment.key, action: `sync:${assignment.kind}`, fingerprint });
      }
    }
    if (options.dryRun !== true) await commitSyncChanges(fileChanges, history, ctx);
  } finally {
    await mutation?.release();
  }
  return { command: 'sync', files: files.map((file) => file.path), findings, changes, dryRun: options.dryRun === true };
}
