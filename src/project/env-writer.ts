/**
 * IO shared by the mutating commands: apply planned values to an env file, keeping every other
 * line byte-identical, refusing values no form can carry, and writing atomically with mode 0600
 * for new files (an existing file readable by others is tightened, with a notice).
 */
import { existsSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import type { EnvDocument } from '../dotenv/document.js';
import type { EnvAssignment } from '../dotenv/edit.js';
import { setEntries } from '../dotenv/edit.js';
import { parseEnv } from '../dotenv/parse.js';
import { stringifyEnv } from '../dotenv/stringify.js';
import { LucidError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { readTextIfExists } from '../fs/read.js';
import { displayPath } from '../paths.js';
import { isSealedText } from '../secrets/sealed-header.js';
import type { PlannedValue } from '../templates/plan.js';
import type { Template } from '../templates/types.js';
import type { SealedAccess } from './env-files.js';
import { MAX_ENV_BYTES, sealedAccessOf } from './env-files.js';
import type { SealedEdit } from './sealed-env.js';

/** The name ending of sealed env files (`seal -e .env` writes `.env.sealed`). */
export const SEALED_SUFFIX = '.sealed';

export type { EnvAssignment };

/** What applying assignments did. */
export interface EnvWriteResult {
  /** Keys whose line changed or was added. */
  changed: string[];
  created: boolean;
  mode: number;
}

/**
 * Reads an env file for editing (an empty document when it does not exist yet). A sealed file is
 * opened in memory with `access` and comes with `sealed`, which seals the edit again.
 */
export async function readEnvForEdit(
  path: string,
  options: { followSymlinks?: boolean },
  access?: SealedAccess,
): Promise<{ document: EnvDocument; exists: boolean; mode: number | undefined; sealed?: SealedEdit }> {
  const stats = await lstat(path).catch(() => undefined);
  if (stats?.isSymbolicLink() === true && options.followSymlinks !== true) {
    throw new LucidError('SYMLINK_REFUSED', `${path} is a symbolic link; lucid-env does not write through links by default`, {
      hint: 'pass --follow-symlinks to write the file it points to',
    });
  }
  const read = await readTextIfExists(path, { maxBytes: MAX_ENV_BYTES, what: 'env file' });
  if (read === undefined) {
    // A new file named like a sealed one would hold plaintext under a name that promises none.
    if (path.endsWith(SEALED_SUFFIX)) throw new LucidError('USAGE', `${path} does not exist; write the plain file, then \`lucid-env seal\` it`);
    return { document: parseEnv('', { file: path }).document, exists: false, mode: undefined };
  }
  if (read.isBinary || !read.isValidUtf8) {
    throw new LucidError('ENV_INVALID', `${path} is not a text env file (${read.isBinary ? 'it contains NUL bytes' : 'not valid UTF-8'}); refusing to edit it`);
  }
  if (isSealedText(read.text)) {
    if (access === undefined) throw new LucidError('SEALED_INVALID', `${path} is a sealed env file; this command cannot edit it`);
    const { openSealedForEdit } = await import('./sealed-env.js');
    const { plain, edit } = await openSealedForEdit(path, read.text, access);
    return { document: parseEnv(plain, { file: path }).document, exists: true, mode: read.mode, sealed: edit };
  }
  return { document: parseEnv(read.text, { file: path }).document, exists: true, mode: read.mode };
}

/** Applies every assignment in memory first, so a refused value changes nothing on disk. */
export function applyAssignments(
  document: EnvDocument,
  assignments: readonly EnvAssignment[],
  pythonCompat: boolean,
  file: string,
): { document: EnvDocument; changed: string[] } {
  const result = setEntries(document, assignments, { pythonCompat });
  if (!result.ok) {
    const key = assignments.find((assignment) => result.reason.startsWith(`cannot write ${assignment.key}: `))?.key ?? '';
    throw new LucidError(
      'VALUE_UNWRITABLE',
      `the value of ${key} cannot be written to ${file} so that Compose, dotenv and python-dotenv all read it back: ` +
        result.reason.replace(`cannot write ${key}: `, ''),
      {
        hint:
          pythonCompat && assignments.some((assignment) => assignment.key === key && /\$\{/.test(assignment.value))
            ? 'if python-dotenv never reads this file, pass --no-python-compat'
            : 'change the value; nothing was written',
      },
    );
  }
  const changed = [...result.actions].filter(([, action]) => action !== 'unchanged').map(([key]) => key);
  return { document: result.document, changed };
}

/** Writes assignments to an env file atomically; with dryRun only reports what would change. */
export async function writeEnvAssignments(
  path: string,
  assignments: readonly EnvAssignment[],
  options: { pythonCompat: boolean; followSymlinks?: boolean; dryRun?: boolean },
  ctx: Context,
): Promise<EnvWriteResult> {
  const { document, exists, mode, sealed } = await readEnvForEdit(path, options, sealedAccessOf(ctx));
  const applied = applyAssignments(document, assignments, options.pythonCompat, path);
  let finalMode = mode ?? 0o600;
  // A sealed file holds no plaintext: readable by others (as in a git checkout) is no risk.
  if (mode !== undefined && (mode & 0o077) !== 0 && sealed === undefined) {
    finalMode = 0o600;
    if (options.dryRun !== true && ctx.quiet !== true)
      ctx.stderr.write(`notice: ${displayPath(path, ctx.cwd)} holds secrets and was readable by group or others; its mode is now 0600\n`);
  }
  if (options.dryRun === true || (applied.changed.length === 0 && exists && finalMode === mode)) {
    return { changed: applied.changed, created: false, mode: finalMode };
  }
  const text = stringifyEnv(applied.document);
  const written = await writeFileAtomic(path, sealed === undefined ? text : await sealed.seal(text), {
    mode: finalMode,
    followSymlinks: options.followSymlinks === true,
  });
  return { changed: applied.changed, created: written.created, mode: written.mode };
}

/** The env file a template-driven command writes: `-e`, else the template's envFile. */
export function targetEnvFile(options: { envFile?: string[] | undefined }, template: Template, cwd: string): string {
  const given = options.envFile?.[0];
  if (given !== undefined) return resolve(cwd, given);
  if (template.envFile !== undefined) return resolve(cwd, template.envFile);
  throw new LucidError('USAGE', `template ${template.name} names no envFile; pass --env-file <path>`);
}

/** The comment written above a key that is new to the file. */
export function commentFor(planned: PlannedValue): string | undefined {
  return planned.variable?.description;
}

/** rotate and sync change existing env files only: a mistyped -e path must not become a new file. */
export function refuseMissingEnvFile(path: string, command: string): void {
  if (existsSync(path)) return;
  throw new LucidError('FILE_UNREADABLE', `env file ${path} does not exist; ${command} changes existing env files and never creates one`, {
    hint: 'check the path; lucid-env init or generate writes a new env file',
  });
}
