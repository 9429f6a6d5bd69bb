/** `lucid-env generate`: fills missing, empty, placeholder and weak secrets from the template. */
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { envValues } from '../dotenv/document.js';
import { LucidError } from '../errors.js';
import { acquireLock } from '../fs/lock.js';
import { appendHistory, createFingerprinter } from '../history/state.js';
import type { Change, Report } from '../report.js';
import { loadSodium, createSodiumRandom } from '../secrets/random.js';
import { planGenerate } from '../templates/plan.js';
import type { PlannedValue } from '../templates/plan.js';
import type { Template } from '../templates/types.js';
import { readEnvForEdit, writeEnvAssignments } from './env-writer.js';
import { requireTemplate } from './template-option.js';

/** Options of `generate`. */
export interface GenerateOptions {
  template?: string;
  envFile?: string[];
  dryRun?: boolean;
  showSecrets?: boolean;
  pythonCompat?: boolean;
  followSymlinks?: boolean;
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

/** Generates the secrets the env file lacks and recomputes derived values. */
export async function generate(keys: string[], options: GenerateOptions, ctx: Context): Promise<Report> {
  const template = await requireTemplate(options.template, ctx.cwd);
  const unknown = keys.filter((key) => !template.variables.some((variable) => variable.name === key && (variable.generate !== undefined || variable.derive !== undefined)));
  if (unknown.length > 0) {
    throw new LucidError('KEY_NOT_FOUND', `template ${template.name} does not generate ${unknown.join(', ')}`, { hint: `lucid-env template show ${template.name}` });
  }
  const target = targetEnvFile(options, template, ctx.cwd);
  const lock = options.dryRun === true ? undefined : await acquireLock(target);
  try {
    const sodium = await loadSodium();
    const random = createSodiumRandom(sodium);
    const { document } = await readEnvForEdit(target, options);
    const planned = planGenerate(template, envValues(document), random, keys.length > 0 ? new Set(keys) : undefined);
    const assignments = planned.map((item) => ({ key: item.key, value: item.value, ...(item.isNew && commentFor(item) !== undefined ? { comment: commentFor(item) as string } : {}) }));
    await writeEnvAssignments(target, assignments, { pythonCompat: options.pythonCompat !== false, followSymlinks: options.followSymlinks === true, dryRun: options.dryRun === true }, ctx);
    const fingerprintOf = await createFingerprinter(target, sodium, { create: options.dryRun !== true });
    const changes: Change[] = planned.map((item) => ({
      file: target,
      key: item.key,
      action: item.reason === 'derived' ? 'derived' : item.isNew ? 'added' : 'regenerated',
      fingerprint: fingerprintOf(item.value),
      reason: item.reason,
    }));
    if (options.dryRun !== true) {
      await appendHistory(target, changes.map((change) => ({ key: change.key, action: `generate:${change.reason ?? change.action}`, fingerprint: change.fingerprint ?? '' })));
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
