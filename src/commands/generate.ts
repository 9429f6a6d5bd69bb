/** `lucid-env generate`: fills missing, empty, placeholder and weak secrets from the template. */
import type { Context } from '../context.js';
import { envValues } from '../dotenv/document.js';
import { LucidError } from '../errors.js';
import { acquireLock } from '../fs/lock.js';
import { appendHistory, createFingerprinter } from '../history/state.js';
import { sealedAccessOf } from '../project/env-files.js';
import { commentFor, readEnvForEdit, targetEnvFile, writeEnvAssignments } from '../project/env-writer.js';
import type { Change, Report } from '../report.js';
import { requireTemplate } from '../templates/load.js';
import { planGenerate } from '../templates/plan.js';

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
  const template = await requireTemplate(options.template, ctx.cwd);
  const unknown = keys.filter(
    (key) => !template.variables.some((variable) => variable.name === key && (variable.generate !== undefined || variable.derive !== undefined)),
  );
  if (unknown.length > 0) {
    throw new LucidError('KEY_NOT_FOUND', `template ${template.name} does not generate ${unknown.join(', ')}`, {
      hint: `lucid-env template show ${template.name}`,
    });
  }
  const target = targetEnvFile(options, template, ctx.cwd);
  const lock = options.dryRun === true ? undefined : await acquireLock(target);
  try {
    const random = await ctx.random();
    const { document } = await readEnvForEdit(target, options, sealedAccessOf(ctx));
    const planned = planGenerate(template, envValues(document), random, keys.length > 0 ? new Set(keys) : undefined);
    const assignments = planned.map((item) => ({
      key: item.key,
      value: item.value,
      ...(item.isNew && commentFor(item) !== undefined ? { comment: commentFor(item) as string } : {}),
    }));
    await writeEnvAssignments(
      target,
      assignments,
      { pythonCompat: options.pythonCompat !== false, followSymlinks: options.followSymlinks === true, dryRun: options.dryRun === true },
      ctx,
    );
    const fingerprintOf = await createFingerprinter(target, { sodium: await ctx.sodium(), random }, { create: options.dryRun !== true });
    const changes: Change[] = planned.map((item) => ({
      file: target,
      key: item.key,
      action: item.reason === 'derived' ? 'derived' : item.isNew ? 'added' : 'regenerated',
      fingerprint: fingerprintOf(item.value),
      reason: item.reason,
    }));
    if (options.dryRun !== true) {
      await appendHistory(
        target,
        changes.map((change) => ({ key: change.key, action: `generate:${change.reason ?? change.action}`, fingerprint: change.fingerprint ?? '' })),
        ctx.now(),
      );
    }
    const report: Report = { command: 'generate', files: [target], findings: [], changes, dryRun: options.dryRun === true };
    if (options.showSecrets === true) {
      report.output = planned.map((item) => `${item.key}=${item.value}\n`).join('');
      report.values = Object.fromEntries(planned.map((item) => [item.key, item.value]));
    }
    return report;
  } finally {
    await lock?.release();
  }
}
