/** `lucid-env set KEY`: sets one value from stdin, a hidden prompt, or the template's generator. */
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { LucidError } from '../errors.js';
import { acquireLock } from '../fs/lock.js';
import { appendHistory, createFingerprinter } from '../history/state.js';
import type { Report } from '../report.js';
import { generateSecret } from '../secrets/generate.js';
import { createSodiumRandom, loadSodium } from '../secrets/random.js';
import { loadTemplateOption } from '../templates/load.js';
import { writeEnvAssignments } from './env-writer.js';
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
    const written = await writeEnvAssignments(target, [{ key, value }], { pythonCompat: options.pythonCompat !== false, followSymlinks: options.followSymlinks === true }, ctx);
    const sodium = await loadSodium();
    const fingerprintOf = await createFingerprinter(target, sodium);
    const fingerprint = fingerprintOf(value);
    const action = written.changed.length === 0 ? 'unchanged' : 'set';
    if (action === 'set') await appendHistory(target, [{ key, action: options.generate === true ? 'set:generated' : 'set', fingerprint }]);
    return { command: 'set', files: [target], findings: [], changes: [{ file: target, key, action, fingerprint }] };
  } finally {
    await lock.release();
  }
}
