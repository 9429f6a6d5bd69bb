/** `lucid-env generate`: fills missing, empty, placeholder and weak secrets from the template. */
import { unlink } from 'node:fs/promises';
import type { Context } from '../context.js';
import { envValues } from '../dotenv/document.js';
import { LucidError } from '../errors.js';
import { pruneBackups, writeBackup } from '../history/backup.js';
import { createFingerprinter } from '../history/state.js';
import { sealedAccessOf } from '../project/env-files.js';
import { commentFor, planEnvChange, readEnvForEdit, targetEnvFile } from '../project/env-writer.js';
import { beginMutation, commitChanges } from '../project/mutation.js';
import type { Change, Report } from '../report.js';
import { requireTemplate } from '../templates/load.js';
import { planGenerate } from '../templates/plan.js';
import { formatNameArgument } from '../variable-names.js';

/** Options of `generate`. */
export interface GenerateOptions {
  template?: string;
  envFile?: string[];
  dryRun?: boolean;
  showSecrets?: boolean;
  pythonCompat?: boolean;
  followSymlinks?: boolean;
}

/** Generates the secrets the env file lacks and recomputes derived values. */
export async function generate(keys: string[], options: GenerateOptions, ctx: Context): Promise<Report> {
  // libsodium compiles its WebAssembly in the background: started first, it is ready when the template is read.
  const randomReady = ctx.random();
  randomReady.catch(() => undefined);
  const template = await requireTemplate(options.template, ctx.cwd);
  const unknown = keys.filter(
    (key) => !template.variables.some((variable) => variable.name === key && (variable.generate !== undefined || variable.derive !== undefined)),
  );
  if (unknown.length > 0) {
    throw new LucidError('KEY_NOT_FOUND', `template ${template.name} does not generate ${unknown.map(formatNameArgument).join(', ')}`, {
      hint: `lucid-env template show ${template.name}`,
    });
  }
  const target = targetEnvFile(options, template, ctx.cwd, 'generate');
  const isDryRun = options.dryRun === true;
  const mutation = isDryRun ? undefined : await beginMutation([target], ctx);
  let backup: string | undefined;
  try {
    const random = await randomReady;
    const edit = await readEnvForEdit(target, options, sealedAccessOf(ctx));
    const current = envValues(edit.document);
    const planned = planGenerate(template, current, random, keys.length > 0 ? new Set(keys) : undefined);
    const assignments = planned.map((item) => ({
      key: item.key,
      value: item.value,
      ...(item.isNew && commentFor(item) !== undefined ? { comment: commentFor(item) as string } : {}),
    }));
    const realPath = mutation?.realPathOf(target) ?? target;
    const write = await planEnvChange(
      { ...edit, path: target, realPath },
      assignments,
      { pythonCompat: options.pythonCompat !== false, dryRun: isDryRun },
      ctx,
    );
    const fingerprintOf = await createFingerprinter(target, { sodium: await ctx.sodium(), random }, { create: !isDryRun && write.change !== undefined });
    const changes: Change[] = planned.map((item) => ({
      file: target,
      key: item.key,
      action: item.reason === 'derived' ? 'derived' : item.isNew ? 'added' : 'regenerated',
      fingerprint: fingerprintOf(item.value),
      reason: item.reason,
    }));
    if (!isDryRun) {
      const history = changes.map((change) => ({
        envFile: target,
        key: change.key,
        action: `generate:${change.reason ?? change.action}`,
        fingerprint: change.fingerprint ?? '',
      }));
      // A weak value may still be the one a database was started with: keep a copy before replacing it
      // (a placeholder or an empty value is not worth one).
      const replaces = planned.some((item) => item.reason === 'weak');
      if (replaces && write.change?.before !== undefined) backup = await writeBackup(target, write.change.before, ctx.now());
      await commitChanges('generate', [write.change], history, ctx);
      if (backup !== undefined) await pruneBackups(target);
    }
    const report: Report = { command: 'generate', files: [target], findings: [], changes, dryRun: options.dryRun === true };
    if (options.showSecrets === true) {
      report.output = planned.map((item) => `${item.key}=${item.value}\n`).join('');
      report.values = Object.fromEntries(planned.map((item) => [item.key, item.value]));
    }
    return report;
  } catch (error) {
    // Nothing changed, so the copy is redundant; kept, it would push a real backup out.
    if (backup !== undefined) await unlink(backup).catch(() => undefined);
    throw error;
  } finally {
    await mutation?.release();
  }
}
