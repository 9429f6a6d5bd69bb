/** `lucid-env set KEY`: sets one value from stdin, a hidden prompt, or the template's generator. */
import { unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { envValues } from '../dotenv/document.js';
import { LucidError } from '../errors.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { pruneBackups, writeBackup } from '../history/backup.js';
import { createFingerprinter } from '../history/state.js';
import { sealedAccessOf } from '../project/env-files.js';
import { planEnvChange, readEnvForEdit, singleEnvFileOption, targetEnvFile } from '../project/env-writer.js';
import { beginMutation, commitChanges } from '../project/mutation.js';
import { stripTrailingNewline } from '../project/stdin.js';
import type { Change, Report } from '../report.js';
import { isSecretVariable } from '../rules/secret-values.js';
import { judgeEntry } from '../rules/template-values.js';
import { generateSecret } from '../secrets/generate.js';
import { loadTemplateOption, requireTemplate } from '../templates/load.js';
import { planDerived } from '../templates/plan.js';
import type { Template } from '../templates/types.js';
import { isSecretName, isVariableName } from '../variable-names.js';

/** Options of `set`. */
export interface SetOptions {
  envFile?: string[];
  template?: string;
  generate?: boolean;
  allowEmpty?: boolean;
  pythonCompat?: boolean;
  followSymlinks?: boolean;
}

async function readValue(key: string, options: SetOptions, ctx: Context): Promise<string> {
  if (options.generate === true) {
    const template = await requireTemplate(options.template, ctx.cwd);
    const variable = template.variables.find((item) => item.name === key);
    if (variable?.generate === undefined) throw new LucidError('KEY_NOT_FOUND', `template ${template.name} has no generator for ${key}`);
    return generateSecret(variable.generate, await ctx.random());
  }
  const value = ctx.isInteractive ? await (await ctx.prompter()).secret(`Value for ${key}`) : stripTrailingNewline(await ctx.readStdin());
  // `printf %s "$UNSET" | lucid-env set KEY` would blank a working secret and exit 0.
  if (value === '' && options.allowEmpty !== true) {
    throw new LucidError('USAGE', `no value for ${key}: ${ctx.isInteractive ? 'the answer was empty' : 'standard input was empty'}; nothing was written`, {
      hint: 'pipe the value in (printf %s "$VALUE" | lucid-env set KEY), or pass --allow-empty to set it empty',
    });
  }
  return value;
}

/** Sets KEY in the env file; the value never comes from argv, so it never shows in `ps`. */
export async function set(key: string, options: SetOptions, ctx: Context): Promise<Report> {
  if (!isVariableName(key)) {
    // Never repeat the argument: `set KEY=value` puts a value where the name goes.
    throw new LucidError('USAGE', 'the name given to set is not a variable name (letters, digits and _, not starting with a digit)', {
      hint: key.includes('=') ? 'set takes only the name; the value comes from standard input: printf %s "$VALUE" | lucid-env set NAME' : undefined,
    });
  }
  const { template } = await loadTemplateOption(options.template, ctx.cwd);
  const given = singleEnvFileOption(options, 'set');
  const target = template !== undefined && given === undefined ? targetEnvFile(options, template, ctx.cwd, 'set') : resolve(ctx.cwd, given ?? '.env');
  const value = await readValue(key, options, ctx);
  const mutation = await beginMutation([target], ctx);
  let backup: string | undefined;
  try {
    const random = await ctx.random();
    const edit = await readEnvForEdit(target, options, sealedAccessOf(ctx));
    const values = envValues(edit.document);
    const previous = values.get(key);
    values.set(key, value);
    // Values derived from this key (a Tor hash, a URI holding a password) follow it.
    const derived = template === undefined ? [] : planDerived(template, values, random, new Set([key]), new Set([key]));
    const assignments = [{ key, value }, ...derived.map((item) => ({ key: item.key, value: item.value }))];
    const planned = await planEnvChange(
      { ...edit, path: target, realPath: mutation.realPathOf(target) },
      assignments,
      { pythonCompat: options.pythonCompat !== false },
      ctx,
    );
    const fingerprintOf = await createFingerprinter(target, { sodium: await ctx.sodium(), random }, { create: planned.change !== undefined });
    const changes: Change[] = assignments.map((item) => ({
      file: target,
      key: item.key,
      action: !planned.changed.includes(item.key) ? 'unchanged' : item.key === key ? 'set' : 'derived',
      fingerprint: fingerprintOf(item.value),
    }));
    const history = changes
      .filter((change) => change.action !== 'unchanged')
      .map((change) => ({
        envFile: target,
        key: change.key,
        action: change.action === 'set' ? (options.generate === true ? 'set:generated' : 'set') : 'set:derived',
        fingerprint: change.fingerprint ?? '',
      }));
    // A secret replaced by set can be got back: the file is backed up first, as rotate does.
    const replacesSecret = previous !== undefined && previous !== '' && previous !== value && (isSecretName(key) || isSecretVariable(key, template));
    if (replacesSecret && planned.change?.before !== undefined) backup = await writeBackup(target, planned.change.before, ctx.now());
    await commitChanges('set', [planned.change], history, ctx);
    if (backup !== undefined) await pruneBackups(target);
    return { command: 'set', files: [target], findings: judgeAgainstTemplate(template, key, values, target), changes };
  } catch (error) {
    // Nothing changed, so the copy is redundant; kept, it would push a real backup out.
    if (backup !== undefined) await unlink(backup).catch(() => undefined);
    throw error;
  } finally {
    await mutation.release();
  }
}

/** The value was written as asked; say so when it falls short of the template (check will too). */
function judgeAgainstTemplate(template: Template | undefined, key: string, values: Map<string, string>, file: string): Finding[] {
  const variable = template?.variables.find((item) => item.name === key);
  const value = values.get(key);
  if (template === undefined || variable === undefined || value === undefined) return [];
  const verdict = judgeEntry(variable, value, (name) => values.get(name) ?? template.variables.find((item) => item.name === name)?.default);
  if (verdict === undefined) return [];
  const hint = verdict.code === 'weak-secret' ? `lucid-env set ${key} --generate -t ${template.name}` : undefined;
  return [
    makeFinding(verdict.code, { file }, `${key} was written but ${verdict.reason}`, {
      variable: key,
      severity: 'warning',
      ...(hint === undefined ? {} : { hint }),
    }),
  ];
}
