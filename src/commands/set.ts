/** `lucid-env set KEY`: sets one value from stdin, a hidden prompt, or the template's generator. */
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { envValues } from '../dotenv/document.js';
import { LucidError } from '../errors.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { acquireLock } from '../fs/lock.js';
import { appendHistory, createFingerprinter } from '../history/state.js';
import { sealedAccessOf } from '../project/env-files.js';
import { readEnvForEdit, targetEnvFile, writeEnvAssignments } from '../project/env-writer.js';
import { stripTrailingNewline } from '../project/stdin.js';
import type { Change, Report } from '../report.js';
import { judgeEntry } from '../rules/template-values.js';
import { generateSecret } from '../secrets/generate.js';
import { loadTemplateOption, requireTemplate } from '../templates/load.js';
import { planDerived } from '../templates/plan.js';
import type { Template } from '../templates/types.js';

/** Options of `set`. */
export interface SetOptions {
  envFile?: string[];
  template?: string;
  generate?: boolean;
  pythonCompat?: boolean;
  followSymlinks?: boolean;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

async function readValue(key: string, options: SetOptions, ctx: Context): Promise<string> {
  if (options.generate === true) {
    const template = await requireTemplate(options.template, ctx.cwd);
    const variable = template.variables.find((item) => item.name === key);
    if (variable?.generate === undefined) throw new LucidError('KEY_NOT_FOUND', `template ${template.name} has no generator for ${key}`);
    return generateSecret(variable.generate, await ctx.random());
  }
  if (ctx.isInteractive) {
    return (await ctx.prompter()).secret(`Value for ${key}`);
  }
  return stripTrailingNewline(await ctx.readStdin());
}

/** Sets KEY in the env file; the value never comes from argv, so it never shows in `ps`. */
export async function set(key: string, options: SetOptions, ctx: Context): Promise<Report> {
  if (!KEY.test(key)) throw new LucidError('USAGE', `"${key}" is not a variable name (letters, digits and _, not starting with a digit)`);
  const { template } = await loadTemplateOption(options.template, ctx.cwd);
  const target =
    template !== undefined && options.envFile === undefined ? targetEnvFile(options, template, ctx.cwd) : resolve(ctx.cwd, options.envFile?.[0] ?? '.env');
  const value = await readValue(key, options, ctx);
  const lock = await acquireLock(target);
  try {
    const random = await ctx.random();
    const { document } = await readEnvForEdit(target, options, sealedAccessOf(ctx));
    const values = envValues(document);
    values.set(key, value);
    // Values derived from this key (a Tor hash, a URI holding a password) follow it.
    const derived = template === undefined ? [] : planDerived(template, values, random, new Set([key]), new Set([key]));
    const assignments = [{ key, value }, ...derived.map((item) => ({ key: item.key, value: item.value }))];
    const written = await writeEnvAssignments(
      target,
      assignments,
      { pythonCompat: options.pythonCompat !== false, followSymlinks: options.followSymlinks === true },
      ctx,
    );
    const fingerprintOf = await createFingerprinter(target, { sodium: await ctx.sodium(), random });
    const changes: Change[] = assignments.map((item) => ({
      file: target,
      key: item.key,
      action: !written.changed.includes(item.key) ? 'unchanged' : item.key === key ? 'set' : 'derived',
      fingerprint: fingerprintOf(item.value),
    }));
    const history = changes
      .filter((change) => change.action !== 'unchanged')
      .map((change) => ({
        key: change.key,
        action: change.action === 'set' ? (options.generate === true ? 'set:generated' : 'set') : 'set:derived',
        fingerprint: change.fingerprint ?? '',
      }));
    await appendHistory(target, history, ctx.now());
    return { command: 'set', files: [target], findings: judgeAgainstTemplate(template, key, values, target), changes };
  } finally {
    await lock.release();
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
