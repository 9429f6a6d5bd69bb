/** `lucid-env set KEY`: sets one value from stdin, a hidden prompt, or the template's generator. */
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import { acquireLock } from '../fs/lock.js';
import { appendHistory, createFingerprinter } from '../history/state.js';
import type { Change, Report } from '../report.js';
import { generateSecret, validateSecret } from '../secrets/generate.js';
import { envValues } from '../dotenv/document.js';
import { makeFinding } from '../findings.js';
import type { Finding } from '../findings.js';
import { planDerived } from '../templates/plan.js';
import type { Template } from '../templates/types.js';
import { checkValueType } from '../templates/value-types.js';
import { createSodiumRandom, loadSodium } from '../secrets/random.js';
import { loadTemplateOption } from '../templates/load.js';
import { readEnvForEdit, writeEnvAssignments } from './env-writer.js';
import { targetEnvFile } from './generate.js';
import { requireTemplate } from './template-option.js';
import { stripTrailingNewline } from './tor-hash.js';

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
    return generateSecret(variable.generate, createSodiumRandom(await loadSodium()));
  }
  if (ctx.isInteractive) {
    const { promptSecret } = await import('../prompt.js');
    return promptSecret(`Value for ${key}`);
  }
  return stripTrailingNewline(await ctx.readStdin());
}

/** Sets KEY in the env file; the value never comes from argv, so it never shows in `ps`. */
export async function set(key: string, options: SetOptions, ctx: Context): Promise<Report> {
  if (!KEY.test(key)) throw new LucidError('USAGE', `"${key}" is not a variable name (letters, digits and _, not starting with a digit)`);
  const { template } = await loadTemplateOption(options.template, ctx.cwd);
  const target = template !== undefined && options.envFile === undefined ? targetEnvFile(options, template, ctx.cwd) : resolve(ctx.cwd, options.envFile?.[0] ?? '.env');
  const value = await readValue(key, options, ctx);
  const lock = await acquireLock(target);
  try {
    const sodium = await loadSodium();
    const { document } = await readEnvForEdit(target, options);
    const values = envValues(document);
    values.set(key, value);
    // Values derived from this key (a Tor hash, a URI holding a password) follow it.
    const derived = template === undefined ? [] : planDerived(template, values, createSodiumRandom(sodium), new Set([key]), new Set([key]));
    const assignments = [{ key, value }, ...derived.map((item) => ({ key: item.key, value: item.value }))];
    const written = await writeEnvAssignments(target, assignments, { pythonCompat: options.pythonCompat !== false, followSymlinks: options.followSymlinks === true }, ctx);
    const fingerprintOf = await createFingerprinter(target, sodium);
    const changes: Change[] = assignments.map((item) => ({
      file: target,
      key: item.key,
      action: !written.changed.includes(item.key) ? 'unchanged' : item.key === key ? 'set' : 'derived',
      fingerprint: fingerprintOf(item.value),
    }));
    const history = changes.filter((change) => change.action !== 'unchanged').map((change) => ({ key: change.key, action: change.action === 'set' ? (options.generate === true ? 'set:generated' : 'set') : 'set:derived', fingerprint: change.fingerprint ?? '' }));
    await appendHistory(target, history);
    return { command: 'set', files: [target], findings: judgeAgainstTemplate(template, key, value, target), changes };
  } finally {
    await lock.release();
  }
}

/** The value was written as asked; say so when it falls short of the template (check will too). */
function judgeAgainstTemplate(template: Template | undefined, key: string, value: string, file: string): Finding[] {
  const variable = template?.variables.find((item) => item.name === key);
  if (variable === undefined) return [];
  const typeProblem = checkValueType(value, variable);
  if (typeProblem !== undefined) return [makeFinding('invalid-value', { file }, `${key} was written but ${typeProblem}`, { variable: key, severity: 'warning' })];
  const weakness = variable.generate === undefined ? undefined : validateSecret(value, variable.generate);
  if (weakness !== undefined) return [makeFinding('weak-secret', { file }, `${key} was written but ${weakness}`, { variable: key, severity: 'warning', hint: `lucid-env set ${key} --generate -t ${template?.name ?? '<template>'}` })];
  return [];
}
