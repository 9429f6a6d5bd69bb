/**
 * `lucid-env generate`: fills missing, empty and placeholder secrets from the template (`-t`, the
 * stack's, or one inferred from the compose project). A working value that is merely weaker or of
 * another format than the template asks is kept and reported; `--replace-weak` replaces it.
 */
import { unlink } from 'node:fs/promises';
import type { Context } from '../context.js';
import { envValues } from '../dotenv/document.js';
import { LucidError } from '../errors.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { pruneBackups, writeBackup } from '../history/backup.js';
import { createFingerprinter } from '../history/state.js';
import { displayPath } from '../paths.js';
import { chooseTemplate, readOtherEnvFiles } from '../project/choose-template.js';
import { sealedAccessOf } from '../project/env-files.js';
import { commentFor, planEnvChange, readEnvForEdit } from '../project/env-writer.js';
import { beginMutation, commitChanges } from '../project/mutation.js';
import type { Change, Report } from '../report.js';
import type { SafePlan } from '../templates/plan-safe.js';
import { planSafeGenerate } from '../templates/plan-safe.js';
import type { Template } from '../templates/types.js';
import { formatNameArgument } from '../variable-names.js';

/** Options of `generate`. */
export interface GenerateOptions {
  template?: string;
  envFile?: string[];
  file?: string[];
  projectDirectory?: string;
  stack?: string;
  dryRun?: boolean;
  showSecrets?: boolean;
  replaceWeak?: boolean;
  pythonCompat?: boolean;
  followSymlinks?: boolean;
}

/** Generates the secrets the env file lacks and recomputes derived values. */
export async function generate(keys: string[], options: GenerateOptions, ctx: Context): Promise<Report> {
  // libsodium compiles its WebAssembly in the background: started first, it is ready when the template is read.
  const randomReady = ctx.random();
  randomReady.catch(() => undefined);
  const choice = await chooseTemplate(options, ctx, 'generate');
  const { template, target } = choice;
  const unknown = keys.filter(
    (key) => !template.variables.some((variable) => variable.name === key && (variable.generate !== undefined || variable.derive !== undefined)),
  );
  if (unknown.length > 0) {
    throw new LucidError('KEY_NOT_FOUND', `template ${template.name} does not generate ${unknown.map(formatNameArgument).join(', ')}`, {
      hint: choice.origin === 'inferred' ? 'lucid-env template infer shows the inferred template' : `lucid-env template show ${template.name}`,
    });
  }
  const isDryRun = options.dryRun === true;
  const mutation = isDryRun ? undefined : await beginMutation([target], ctx);
  let backup: string | undefined;
  try {
    const random = await randomReady;
    const edit = await readEnvForEdit(target, options, sealedAccessOf(ctx));
    const own = envValues(edit.document);
    const others = await readOtherEnvFiles(choice.others, sealedAccessOf(ctx));
    const plan = planSafeGenerate(template, new Map([...others.values, ...own]), random, {
      selected: keys.length > 0 ? new Set(keys) : undefined,
      replaceWeak: options.replaceWeak,
      elsewhere: (key) => (own.has(key) ? undefined : others.fileOf.get(key)),
    });
    const { planned } = plan;
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
    const report: Report = {
      command: 'generate',
      files: [target],
      findings: reportKept(plan, template, target, ctx.cwd, describeSelector(options)),
      changes,
      dryRun: options.dryRun === true,
      notes: planned.filter((item) => item.reason === 'weak').map((item) => weakReplacedNote(item.key, template)),
    };
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

/** Weak values kept, problems left to another file, and supplied credentials still missing, as findings. */
export function reportKept(plan: SafePlan, template: Template, target: string, cwd: string, selector = ''): Finding[] {
  const findings: Finding[] = [];
  const shown = displayPath(target, cwd);
  for (const kept of plan.kept) {
    const file = kept.elsewhere ?? target;
    if (kept.elsewhere !== undefined) {
      findings.push(
        makeFinding('weak-secret', { file }, `${kept.key} in ${displayPath(file, cwd)} is ${kept.reason}; generate writes only ${shown}`, {
          variable: kept.key,
          severity: 'warning',
          hint: `lucid-env generate${selector} -e ${displayPath(file, cwd)} ${kept.key}`,
        }),
      );
    } else {
      findings.push(
        makeFinding(
          'weak-secret',
          { file },
          `${kept.key} works but is weaker than or not in the format template ${template.name} asks; kept, as services may rely on it`,
          {
            variable: kept.key,
            severity: 'warning',
            hint: `lucid-env generate${selector} --replace-weak ${kept.key} (then update every service that uses it)`,
          },
        ),
      );
    }
  }
  for (const key of plan.toSupply) {
    findings.push(
      makeFinding('missing', { file: target }, `${key} must be supplied: it is a credential issued elsewhere, so lucid-env does not invent one`, {
        variable: key,
        hint: `lucid-env set ${key} -e ${shown}`,
      }),
    );
  }
  return findings;
}

function weakReplacedNote(key: string, template: Template): string {
  const note = template.variables.find((variable) => variable.name === key)?.rotation?.note;
  const advice = note === undefined ? ' (a database keeps the password it was first given: change it there too)' : `: ${note}`;
  return `${key} had a working value that was replaced: every service using it must learn the new one${advice}`;
}

/** The flags that pick the same template again, for hints. */
export function describeSelector(options: { template?: string | undefined; stack?: string | undefined }): string {
  return `${options.stack === undefined ? '' : ` --stack ${options.stack}`}${options.template === undefined ? '' : ` -t ${options.template}`}`;
}
