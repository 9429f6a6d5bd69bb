/**
 * `lucid-env rotate`: new values for chosen secrets, derived values recomputed, the old value kept
 * as KEY_PREVIOUS where the template asks, a backup before any change, history without values,
 * and `--propagate` to every env file that defines the key, all or nothing.
 */
import { unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import type { EnvDocument } from '../dotenv/document.js';
import { envValues } from '../dotenv/document.js';
import { stringifyEnv } from '../dotenv/stringify.js';
import { LucidError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { expandGlob } from '../fs/glob.js';
import type { Lock } from '../fs/lock.js';
import { acquireLock } from '../fs/lock.js';
import { pruneBackups, writeBackup } from '../history/backup.js';
import { appendHistory, createFingerprinter, readHistory } from '../history/state.js';
import { sealedAccessOf } from '../project/env-files.js';
import { applyAssignments, readEnvForEdit, refuseMissingEnvFile, targetEnvFile } from '../project/env-writer.js';
import type { SealedEdit } from '../project/sealed-env.js';
import type { Change, Report } from '../report.js';
import { generateSecret } from '../secrets/generate.js';
import type { RandomSource } from '../secrets/random.js';
import { requireTemplate } from '../templates/load.js';
import type { PlannedValue } from '../templates/plan.js';
import { planDerived } from '../templates/plan.js';
import { rotationAges, selectDue } from '../templates/rotation-ages.js';
import type { Template } from '../templates/types.js';

/** Options of `rotate`. */
export interface RotateOptions {
  template?: string;
  envFile?: string[];
  group?: string;
  due?: boolean;
  dryRun?: boolean;
  propagate?: string;
  pythonCompat?: boolean;
  followSymlinks?: boolean;
}

/** The suffix of the key that keeps a rotated secret's old value. */
export const PREVIOUS_SUFFIX = '_PREVIOUS';

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
      throw new LucidError('KEY_NOT_FOUND', `template ${template.name} does not generate ${key}, so lucid-env cannot rotate it`, {
        hint: 'set it with `lucid-env set`',
      });
  }
  return rotatable.map((variable) => variable.name).filter((name) => selected.has(name));
}

/** New values for the selected keys, their _PREVIOUS copies and every derived value that follows. */
export function planRotation(template: Template, current: Map<string, string>, keys: readonly string[], random: RandomSource): PlannedValue[] {
  const values = new Map(current);
  const planned: PlannedValue[] = [];
  for (const key of keys) {
    const variable = template.variables.find((item) => item.name === key);
    if (variable?.generate === undefined) continue;
    const old = values.get(key);
    if (variable.rotation?.keepPrevious === true && old !== undefined && old !== '') {
      const previousKey = `${key}${PREVIOUS_SUFFIX}`;
      planned.push({ key: previousKey, value: old, reason: 'rotated', isNew: !values.has(previousKey), variable: undefined });
      values.set(previousKey, old);
    }
    const value = generateSecret(variable.generate, random);
    planned.push({ key, value, reason: 'rotated', isNew: old === undefined, variable });
    values.set(key, value);
  }
  return [...planned, ...planDerived(template, values, random, new Set(keys), new Set(keys))];
}

interface PreparedFile {
  path: string;
  /** Keys this file receives. */
  keys: string[];
  original: string;
  next: string;
  mode: number;
}

function prepare(
  path: string,
  document: EnvDocument,
  planned: readonly PlannedValue[],
  onlyDefined: boolean,
  pythonCompat: boolean,
  mode: number | undefined,
): PreparedFile | undefined {
  const defined = envValues(document);
  const assignments = planned
    .filter((item) => !onlyDefined || defined.has(item.key) || item.key.endsWith(PREVIOUS_SUFFIX))
    .map((item) => ({
      key: item.key,
      value: item.value,
      ...(item.isNew && item.variable?.description !== undefined ? { comment: item.variable.description } : {}),
    }));
  if (assignments.length === 0) return undefined;
  const applied = applyAssignments(document, assignments, pythonCompat, path);
  return { path, keys: assignments.map((item) => item.key), original: stringifyEnv(document), next: stringifyEnv(applied.document), mode: mode ?? 0o600 };
}

/** A sealed file stays sealed: its backup is the sealed text, and the new text is sealed again. */
async function keepSealed(file: PreparedFile, sealed: SealedEdit | undefined): Promise<PreparedFile> {
  return sealed === undefined ? file : { ...file, original: sealed.original, next: await sealed.seal(file.next) };
}

/** Writes every prepared file; if one fails, the ones already written get their original back. */
async function writeAllOrNothing(files: readonly PreparedFile[], followSymlinks: boolean): Promise<void> {
  const written: PreparedFile[] = [];
  try {
    for (const file of files) {
      await writeFileAtomic(file.path, file.next, { mode: file.mode, followSymlinks });
      written.push(file);
    }
  } catch (error) {
    for (const file of written.reverse()) await writeFileAtomic(file.path, file.original, { mode: file.mode, followSymlinks }).catch(() => undefined);
    throw error;
  }
}

/** Rotates the chosen secrets in the env file (and, with --propagate, in every file defining them). */
export async function rotate(keys: string[], options: RotateOptions, ctx: Context): Promise<Report> {
  const template = await requireTemplate(options.template, ctx.cwd);
  const target = targetEnvFile(options, template, ctx.cwd);
  refuseMissingEnvFile(target, 'rotate');
  const due = options.due === true ? selectDue(rotationAges(template, await readHistory(target), ctx.now())) : [];
  const selected = selectKeys(keys, options, template, due);
  if (selected.length === 0) {
    if (options.due === true) return { command: 'rotate', files: [target], findings: [], changes: [], dryRun: options.dryRun === true };
    throw new LucidError('USAGE', 'name the keys to rotate, or pass --group or --due', { hint: `lucid-env template show ${template.name}` });
  }
  const others =
    options.propagate === undefined
      ? []
      : expandGlob(options.propagate, ctx.cwd)
          .map((path) => resolve(path))
          .filter((path) => path !== target);
  const locks: Lock[] = [];
  try {
    if (options.dryRun !== true) for (const path of [target, ...others]) locks.push(await acquireLock(path));
    const random = await ctx.random();
    const main = await readEnvForEdit(target, options, sealedAccessOf(ctx));
    const planned = planRotation(template, envValues(main.document), selected, random);
    const pythonCompat = options.pythonCompat !== false;
    const prepared: PreparedFile[] = [];
    const first = prepare(target, main.document, planned, false, pythonCompat, main.mode);
    if (first !== undefined) prepared.push(await keepSealed(first, main.sealed));
    for (const path of others) {
      const other = await readEnvForEdit(path, options, sealedAccessOf(ctx));
      if (!selected.some((key) => envValues(other.document).has(key))) continue;
      const file = prepare(path, other.document, planned, true, pythonCompat, other.mode);
      if (file !== undefined) prepared.push(await keepSealed(file, other.sealed));
    }
    const fingerprintOf = await createFingerprinter(target, { sodium: await ctx.sodium(), random }, { create: options.dryRun !== true });
    const changes: Change[] = prepared.flatMap((file) =>
      planned
        .filter((item) => file.keys.includes(item.key))
        .map(
          (item): Change => ({
            file: file.path,
            key: item.key,
            action: item.key.endsWith(PREVIOUS_SUFFIX) ? 'kept-previous' : item.reason === 'derived' ? 'derived' : 'rotated',
            fingerprint: fingerprintOf(item.value),
          }),
        ),
    );
    if (options.dryRun === true) return { command: 'rotate', files: prepared.map((file) => file.path), findings: [], changes, dryRun: true };
    const backups: string[] = [];
    try {
      for (const file of prepared) if (main.exists || file.path !== target) backups.push(await writeBackup(file.path, file.original, ctx.now()));
      await writeAllOrNothing(prepared, options.followSymlinks === true);
    } catch (error) {
      // Every file is as before, so these copies are redundant; kept, they would push real backups out.
      for (const backup of backups) await unlink(backup).catch(() => undefined);
      throw error;
    }
    for (const file of prepared) await pruneBackups(file.path);
    for (const file of prepared) {
      await appendHistory(
        file.path,
        changes
          .filter((change) => change.file === file.path)
          .map((change) => ({ key: change.key, action: `rotate:${change.action}`, fingerprint: change.fingerprint ?? '' })),
        ctx.now(),
      );
    }
    const notes = selected
      .map((key) => ({ key, note: template.variables.find((variable) => variable.name === key)?.rotation?.note }))
      .filter((item) => item.note !== undefined);
    return {
      command: 'rotate',
      files: prepared.map((file) => file.path),
      findings: [],
      changes,
      notes: notes.map(({ key, note }) => `note (${key}): ${note}`),
    };
  } finally {
    for (const lock of locks.reverse()) await lock.release();
  }
}
