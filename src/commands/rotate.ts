/**
 * `lucid-env rotate`: new values for chosen secrets, derived values recomputed, each file's old value
 * kept as KEY_PREVIOUS where the template asks, a backup before any change, history without values,
 * and `--propagate` to every env file that defines the key: one journaled transaction, all or nothing.
 */
import { unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import type { EnvDocument } from '../dotenv/document.js';
import { envValues } from '../dotenv/document.js';
import { LucidError } from '../errors.js';
import { expandGlob } from '../fs/glob.js';
import { resolveRealPath } from '../fs/real-path.js';
import { pruneBackups, writeBackup } from '../history/backup.js';
import type { FileChange, HistoryRecord } from '../history/journal.js';
import { createFingerprinter, readHistory } from '../history/state.js';
import { displayPath } from '../paths.js';
import { sealedAccessOf } from '../project/env-files.js';
import { planEnvChange, readEnvForEdit, refuseMissingEnvFile, targetEnvFile } from '../project/env-writer.js';
import { beginMutation, commitChanges } from '../project/mutation.js';
import type { Change, Report } from '../report.js';
import { generateSecret } from '../secrets/generate.js';
import type { RandomSource } from '../secrets/random.js';
import { requireTemplate } from '../templates/load.js';
import { PREVIOUS_SUFFIX, planRotation } from '../templates/plan.js';
import { rotationAges, selectDue } from '../templates/rotation-ages.js';
import type { Template } from '../templates/types.js';
import { formatNameArgument } from '../variable-names.js';

/** Options of `rotate`. */
export interface RotateOptions {
  template?: string;
  envFile?: string[];
  group?: string;
  due?: boolean;
  dryRun?: boolean;
  propagate?: string;
  /** Rotate even where the files disagree on a value (each keeps its own old value in _PREVIOUS). */
  force?: boolean;
  pythonCompat?: boolean;
  followSymlinks?: boolean;
}

function selectKeys(keys: readonly string[], options: RotateOptions, template: Template, due: readonly string[]): string[] {
  const rotatable = template.variables.filter((variable) => variable.generate !== undefined);
  const selected = new Set(keys);
  if (options.group !== undefined) {
    const inGroup = rotatable.filter((variable) => variable.rotation?.group === options.group);
    if (inGroup.length === 0)
      throw new LucidError('KEY_NOT_FOUND', `template ${template.name} has no rotation group "${options.group}"`, {
        hint: `groups: ${[...new Set(rotatable.map((variable) => variable.rotation?.group).filter(Boolean))].join(', ')}`,
      });
    for (const variable of inGroup) selected.add(variable.name);
  }
  for (const key of due) selected.add(key);
  for (const key of selected) {
    if (!rotatable.some((variable) => variable.name === key))
      throw new LucidError('KEY_NOT_FOUND', `template ${template.name} does not generate ${formatNameArgument(key)}, so lucid-env cannot rotate it`, {
        hint: 'set it with `lucid-env set`',
      });
  }
  return rotatable.map((variable) => variable.name).filter((name) => selected.has(name));
}

/** One env file of the rotation, as read. */
interface RotatedFile {
  path: string;
  document: EnvDocument;
  exists: boolean;
  mode: number | undefined;
  values: Map<string, string>;
  /** The target file receives every key; a propagated file only the keys it defines (and their _PREVIOUS). */
  isTarget: boolean;
}

/** Files that hold different values of a key cannot share one _PREVIOUS story: stop, naming them (unless --force). */
function checkAgreement(keys: readonly string[], files: readonly RotatedFile[], ctx: Context): void {
  for (const key of keys) {
    const defining = files.filter((file) => file.values.has(key));
    if (new Set(defining.map((file) => file.values.get(key))).size <= 1) continue;
    throw new LucidError(
      'VALUES_DIFFER',
      `${key} has different values in ${defining.map((file) => displayPath(file.path, ctx.cwd)).join(', ')}; nothing was rotated`,
      {
        hint: 'make the files agree first (check reports inconsistent-secret), or pass --force: each file keeps its own old value in _PREVIOUS',
      },
    );
  }
}

/** What planning one file of a rotation needs. */
interface FilePlan {
  file: RotatedFile;
  /** The file's real path (where the transaction writes). */
  realPath: string;
  selected: readonly string[];
  /** The new values, the same for every file. */
  generated: ReadonlyMap<string, string>;
  template: Template;
  random: RandomSource;
}

/** The values one file receives (its own _PREVIOUS, its own derived values) and its change for the transaction. */
async function planFile({ file, realPath, selected, generated, template, random }: FilePlan, options: RotateOptions, ctx: Context) {
  const keys = file.isTarget ? selected : selected.filter((key) => file.values.has(key));
  const planned = planRotation(template, file.values, keys, random, generated).filter(
    (item) => file.isTarget || file.values.has(item.key) || item.key.endsWith(PREVIOUS_SUFFIX),
  );
  const assignments = planned.map((item) => ({
    key: item.key,
    value: item.value,
    ...(item.isNew && item.variable?.description !== undefined ? { comment: item.variable.description } : {}),
  }));
  const write = await planEnvChange({ ...file, realPath }, assignments, { pythonCompat: options.pythonCompat !== false, dryRun: options.dryRun === true }, ctx);
  return { planned, change: write.change };
}

/** Rotates the chosen secrets in the env file (and, with --propagate, in every file defining them). */
export async function rotate(keys: string[], options: RotateOptions, ctx: Context): Promise<Report> {
  const template = await requireTemplate(options.template, ctx.cwd);
  const target = targetEnvFile(options, template, ctx.cwd, 'rotate');
  refuseMissingEnvFile(target, 'rotate');
  // Unknown keys and groups are refused before anything is locked or read.
  const named = selectKeys(keys, options, template, []);
  if (named.length === 0 && options.due !== true) {
    throw new LucidError('USAGE', 'name the keys to rotate, or pass --group or --due', { hint: `lucid-env template show ${template.name}` });
  }
  const targetReal = await resolveRealPath(target);
  const others: string[] = [];
  for (const path of options.propagate === undefined ? [] : expandGlob(options.propagate, ctx.cwd).map((item) => resolve(item))) {
    if ((await resolveRealPath(path)) !== targetReal) others.push(path);
  }
  const isDryRun = options.dryRun === true;
  const mutation = isDryRun ? undefined : await beginMutation([target, ...others], ctx);
  const backups: string[] = [];
  try {
    const random = await ctx.random();
    const sodium = await ctx.sodium();
    const read = async (path: string, isTarget: boolean): Promise<RotatedFile> => {
      const edit = await readEnvForEdit(path, options, sealedAccessOf(ctx));
      return { path, ...edit, values: envValues(edit.document), isTarget };
    };
    const main = await read(target, true);
    let due: string[] = [];
    if (options.due === true) {
      const probe = await createFingerprinter(target, { sodium, random }, { create: false });
      const ages = rotationAges(template, await readHistory(target), ctx.now(), (key) =>
        main.values.has(key) ? probe(main.values.get(key) as string) : undefined,
      );
      due = selectDue(ages);
    }
    const selected = selectKeys(keys, options, template, due);
    if (selected.length === 0) return { command: 'rotate', files: [target], findings: [], changes: [], dryRun: isDryRun };
    const files = [main];
    for (const path of others) {
      const other = await read(path, false);
      if (selected.some((key) => other.values.has(key))) files.push(other);
    }
    if (options.force !== true) checkAgreement(selected, files, ctx);
    const generated = new Map<string, string>();
    for (const key of selected) {
      const spec = template.variables.find((variable) => variable.name === key)?.generate;
      if (spec !== undefined) generated.set(key, generateSecret(spec, random));
    }
    const changes: Change[] = [];
    const fileChanges: (FileChange | undefined)[] = [];
    const history: HistoryRecord[] = [];
    for (const file of files) {
      const realPath = mutation?.realPathOf(file.path) ?? file.path;
      const { planned, change } = await planFile({ file, realPath, selected, generated, template, random }, options, ctx);
      fileChanges.push(change);
      const fingerprintOf = await createFingerprinter(file.path, { sodium, random }, { create: !isDryRun });
      for (const item of planned) {
        const action = item.key.endsWith(PREVIOUS_SUFFIX) ? 'kept-previous' : item.reason === 'derived' ? 'derived' : 'rotated';
        const fingerprint = fingerprintOf(item.value);
        changes.push({ file: file.path, key: item.key, action, fingerprint });
        history.push({ envFile: file.path, key: item.key, action: `rotate:${action}`, fingerprint });
      }
    }
    if (isDryRun) return { command: 'rotate', files: files.map((file) => file.path), findings: [], changes, dryRun: true };
    for (const [index, change] of fileChanges.entries()) {
      const file = files[index] as RotatedFile;
      if (change?.before !== undefined) backups.push(await writeBackup(file.path, change.before, ctx.now()));
    }
    await commitChanges('rotate', fileChanges, history, ctx);
    for (const file of files) await pruneBackups(file.path);
    const notes = selected
      .map((key) => ({ key, note: template.variables.find((variable) => variable.name === key)?.rotation?.note }))
      .filter((item) => item.note !== undefined);
    return {
      command: 'rotate',
      files: files.map((file) => file.path),
      findings: [],
      changes,
      notes: notes.map(({ key, note }) => `note (${key}): ${note}`),
    };
  } catch (error) {
    // Every file is as before, so these copies are redundant; kept, they would push real backups out.
    for (const backup of backups) await unlink(backup).catch(() => undefined);
    throw error;
  } finally {
    await mutation?.release();
  }
}
