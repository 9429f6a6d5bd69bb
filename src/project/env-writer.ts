/**
 * IO shared by the mutating commands: plan values into an env file, keeping every other line
 * byte-identical and refusing values no form can carry; the result is a file change for
 * commitChanges (src/project/mutation.ts), mode 0600 for new files (an existing file readable by
 * others is tightened, with a notice).
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
import { readTextIfExists } from '../fs/read.js';
import type { FileChange } from '../history/journal.js';
import { displayPath } from '../paths.js';
import { isSealedText } from '../secrets/sealed-header.js';
import type { PlannedValue } from '../templates/plan.js';
import type { Template } from '../templates/types.js';
import type { SealedAccess } from './env-files.js';
import { MAX_ENV_BYTES } from './env-files.js';
import type { SealedEdit } from './sealed-env.js';

/** The name ending of sealed env files (`seal -e .env` writes `.env.sealed`). */
export const SEALED_SUFFIX = '.sealed';

export type { EnvAssignment };

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

/** What an env file becomes: the transaction's file change (undefined when nothing changes) and the keys that changed. */
export interface PlannedEnvWrite {
  change: FileChange | undefined;
  /** Keys whose line changed or was added. */
  changed: string[];
  exists: boolean;
  document: EnvDocument;
}

/**
 * The mode an env file is written with: its own, but a file holding secrets that group or others
 * can read is tightened to 0600, with a notice; a new file is 0600.
 */
export function decideEnvMode(path: string, mode: number | undefined, ctx: Context, options: { dryRun?: boolean } = {}): number {
  if (mode === undefined) return 0o600;
  if ((mode & 0o077) === 0) return mode;
  if (options.dryRun !== true && ctx.quiet !== true)
    ctx.stderr.write(`notice: ${displayPath(path, ctx.cwd)} holds secrets and was readable by group or others; its mode is now 0600\n`);
  return 0o600;
}

/**
 * The change `assignments` make to an env file, planned in memory: the file change to commit (at
 * `realPath`). A sealed file stays sealed: its old and new contents are sealed text, so neither
 * the journal nor the backup of a sealed file holds plaintext.
 */
export async function planEnvChange(
  edit: { path: string; realPath: string; document: EnvDocument; exists: boolean; mode: number | undefined; sealed?: SealedEdit | undefined },
  assignments: readonly EnvAssignment[],
  options: { pythonCompat: boolean; dryRun?: boolean },
  ctx: Context,
): Promise<PlannedEnvWrite> {
  const applied = applyAssignments(edit.document, assignments, options.pythonCompat, edit.path);
  // A sealed file holds no plaintext: readable by others (as in a git checkout) is no risk.
  const mode = edit.sealed === undefined ? decideEnvMode(edit.path, edit.mode, ctx, options) : (edit.mode ?? 0o600);
  const isUnchanged = applied.changed.length === 0 && edit.exists && mode === edit.mode;
  if (isUnchanged || options.dryRun === true) return { change: undefined, changed: applied.changed, exists: edit.exists, document: applied.document };
  const plain = stringifyEnv(applied.document);
  const change: FileChange = {
    path: edit.realPath,
    before: edit.exists ? (edit.sealed?.original ?? stringifyEnv(edit.document)) : undefined,
    beforeMode: edit.mode,
    after: edit.sealed === undefined ? plain : await edit.sealed.seal(plain),
    mode,
  };
  return { change, changed: applied.changed, exists: edit.exists, document: applied.document };
}

/**
 * The one `-e` a command that writes a single env file was given (undefined when none). Several
 * are refused rather than all but the first silently ignored.
 */
export function singleEnvFileOption(options: { envFile?: string[] | undefined }, command: string, verb = 'writes'): string | undefined {
  const given = options.envFile ?? [];
  if (given.length > 1) {
    throw new LucidError('USAGE', `${command} ${verb} one env file, but --env-file was given ${given.length} times`, {
      hint: command === 'rotate' ? 'rotate one file and pass --propagate <glob> for the others' : `run ${command} once per file`,
    });
  }
  return given[0];
}

/** The env file a template-driven command writes: `-e`, else the template's envFile. */
export function targetEnvFile(options: { envFile?: string[] | undefined }, template: Template, cwd: string, command = 'this command'): string {
  const given = singleEnvFileOption(options, command);
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
