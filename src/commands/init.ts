/**
 * `lucid-env init`: the interactive first run. Asks for non-secret values (defaults from the
 * template, then from compose `:-` defaults), generates every secret (never asks for one), shows a
 * masked summary, confirms, then writes. `--yes` takes every default without a terminal.
 */
import { existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { appendAll } from '../append-all.js';
import { loadComposeFiles } from '../compose/load.js';
import { scanComposeDocument } from '../compose/references.js';
import type { Context } from '../context.js';
import { envValues } from '../dotenv/document.js';
import { LucidError } from '../errors.js';
import type { Finding } from '../findings.js';
import { makeFinding } from '../findings.js';
import { pruneBackups, writeBackup } from '../history/backup.js';
import type { FileChange } from '../history/journal.js';
import { createFingerprinter } from '../history/state.js';
import { displayPath, formatShellWord } from '../paths.js';
import { chooseTemplate, readOtherEnvFiles } from '../project/choose-template.js';
import { sealedAccessOf } from '../project/env-files.js';
import { commentFor, planEnvChange, readEnvForEdit } from '../project/env-writer.js';
import { beginMutation, commitChanges } from '../project/mutation.js';
import type { Prompter } from '../prompt.js';
import type { Change, Report } from '../report.js';
import type { RandomSource } from '../secrets/random.js';
import type { PlannedValue } from '../templates/plan.js';
import { PREVIOUS_SUFFIX, planRotation } from '../templates/plan.js';
import type { SafePlan } from '../templates/plan-safe.js';
import { planSafeGenerate } from '../templates/plan-safe.js';
import type { Template, TemplateVariable } from '../templates/types.js';
import { checkValueType } from '../templates/value-types.js';
import { isSecretName } from '../variable-names.js';
import { describeSelector, reportKept } from './generate.js';

/** Options of `init`. */
export interface InitOptions {
  template?: string;
  file?: string[];
  projectDirectory?: string;
  stack?: string;
  envFile?: string[];
  yes?: boolean;
  force?: boolean;
  pythonCompat?: boolean;
  followSymlinks?: boolean;
}

/** One value init would ask for. */
export interface Question {
  key: string;
  message: string;
  defaultValue: string | undefined;
  variable: TemplateVariable | undefined;
}

/** Compose `:-` / `-` defaults per variable (first one wins), from the template's compose files. */
async function composeDefaults(files: string[]): Promise<Map<string, string>> {
  const defaults = new Map<string, string>();
  const { documents } = await loadComposeFiles(files.filter((file) => existsSync(file)));
  for (const document of documents) {
    for (const reference of scanComposeDocument(document).references) {
      if (
        (reference.operator === ':-' || reference.operator === '-') &&
        reference.argument !== null &&
        !defaults.has(reference.name) &&
        !reference.argument.includes('$')
      ) {
        defaults.set(reference.name, reference.argument);
      }
    }
  }
  return defaults;
}

/** The questions for non-secret values that are not set yet (all of them with --force). */
export function listQuestions(template: Template, current: Map<string, string>, defaults: Map<string, string>, force: boolean): Question[] {
  const questions: Question[] = [];
  for (const variable of template.variables) {
    if (variable.secret || variable.supplied || variable.generate !== undefined || variable.derive !== undefined) continue;
    if (current.has(variable.name) && current.get(variable.name) !== '' && !force) continue;
    const message = variable.prompt ?? variable.description ?? variable.name;
    questions.push({
      key: variable.name,
      message: `${variable.name}: ${message}`,
      defaultValue: current.get(variable.name) || variable.default || defaults.get(variable.name),
      variable,
    });
  }
  for (const [name, value] of defaults) {
    if (template.variables.some((variable) => variable.name === name) || isSecretName(name) || (current.has(name) && !force)) continue;
    questions.push({ key: name, message: `${name} (used by the compose file)`, defaultValue: current.get(name) || value, variable: undefined });
  }
  return questions;
}

async function ask(questions: readonly Question[], prompter: Prompter | undefined): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  for (const question of questions) {
    if (prompter === undefined) {
      answers.set(question.key, question.defaultValue ?? '');
      continue;
    }
    const variable = question.variable;
    const answer =
      variable?.type === 'choices' && variable.choices !== undefined
        ? await prompter.select(question.message, variable.choices, question.defaultValue)
        : await prompter.input(question.message, question.defaultValue, (value) => (variable === undefined ? true : (checkValueType(value, variable) ?? true)));
    answers.set(question.key, answer);
  }
  return answers;
}

/** Runs the first-run setup; questions go through the context's prompter (inquirer on a terminal). */
export async function init(options: InitOptions, ctx: Context): Promise<Report> {
  const interactive = options.yes !== true;
  if (interactive && !ctx.isInteractive) {
    const preview = await previewQuestions(options, ctx);
    const names = preview.length === 0 ? 'only the final confirmation' : preview.join(', ');
    throw new LucidError('NOT_INTERACTIVE', `init needs a terminal to ask for ${names}`, {
      hint: 'pass --yes to take every default (CI), or run it in a terminal',
    });
  }
  const activePrompter = interactive ? await ctx.prompter() : undefined;
  const choice = await chooseTemplate(options, ctx, 'init');
  const { template, target } = choice;
  // A stack's other env files are read, not written; but Compose refuses a missing env_file, so the ones
  // that do not exist yet are created empty with the target (every variable goes into the target).
  const missingOthers = choice.others.filter((file) => !existsSync(file));
  // Locked from the first read: answers are never applied to a file another run changed meanwhile.
  const mutation = await beginMutation([target, ...missingOthers], ctx);
  let backup: string | undefined;
  try {
    const edit = await readEnvForEdit(target, options, sealedAccessOf(ctx));
    const own = envValues(edit.document);
    const others = await readOtherEnvFiles(choice.others, sealedAccessOf(ctx));
    const current = new Map([...others.values, ...own]);
    const questions = listQuestions(template, current, await composeDefaults(choice.composeFiles), options.force === true);
    const answers = await ask(questions, activePrompter);
    for (const [key, value] of await askSupplied(template, current, activePrompter)) answers.set(key, value);
    const random = await ctx.random();
    const plan = planSecrets(
      template,
      current,
      answers,
      { force: options.force === true, elsewhere: (key) => (own.has(key) ? undefined : others.fileOf.get(key)) },
      random,
    );
    const planned = plan.planned;
    const answered = [...answers].filter(([key, value]) => current.get(key) !== value);
    if (ctx.quiet !== true || activePrompter !== undefined)
      ctx.stderr.write(
        formatSummary(
          target,
          answered,
          planned,
          template,
          missingOthers.map((file) => displayPath(file, ctx.cwd)),
        ),
      );
    if (activePrompter !== undefined && !(await activePrompter.confirm(`Write ${answered.length + planned.length} value(s) to ${target}?`, true))) {
      throw new LucidError('CANCELLED', 'nothing was written');
    }
    const describe = (key: string) => template.variables.find((variable) => variable.name === key)?.description;
    const assignments = [
      ...answered.map(([key, value]) => ({ key, value, ...(current.has(key) || describe(key) === undefined ? {} : { comment: describe(key) as string }) })),
      ...planned.map((item) => ({
        key: item.key,
        value: item.value,
        ...(item.isNew && commentFor(item) !== undefined ? { comment: commentFor(item) as string } : {}),
      })),
    ];
    const write = await planEnvChange(
      { ...edit, path: target, realPath: mutation.realPathOf(target) },
      assignments,
      { pythonCompat: options.pythonCompat !== false },
      ctx,
    );
    const created: FileChange[] = [];
    for (const file of missingOthers) {
      const empty = await readEnvForEdit(file, options, sealedAccessOf(ctx));
      const planned = await planEnvChange({ ...empty, path: file, realPath: mutation.realPathOf(file) }, [], { pythonCompat: false }, ctx);
      if (planned.change !== undefined) created.push(planned.change);
    }
    // Only after the confirmation: a cancelled init leaves no trace, not even a fingerprint key.
    const fingerprintOf = await createFingerprinter(target, { sodium: await ctx.sodium(), random }, { create: write.change !== undefined });
    const changes: Change[] = [
      ...answered.map(
        ([key, value]): Change => ({
          file: target,
          key,
          action: own.has(key) ? 'set' : 'added',
          reason: 'answer',
          ...(isSecretKey(template, key) ? { fingerprint: fingerprintOf(value) } : {}),
        }),
      ),
      ...planned.map(
        (item): Change => ({
          file: target,
          key: item.key,
          action: item.key.endsWith(PREVIOUS_SUFFIX)
            ? 'kept-previous'
            : item.reason === 'derived'
              ? 'derived'
              : item.reason === 'rotated'
                ? 'regenerated'
                : 'generated',
          fingerprint: fingerprintOf(item.value),
          reason: item.reason,
        }),
      ),
    ];
    const history = changes
      .filter((change) => change.fingerprint !== undefined)
      .map((change) => ({ envFile: target, key: change.key, action: `init:${change.reason ?? change.action}`, fingerprint: change.fingerprint as string }));
    // --force replaces values that were set: keep a copy first, as rotate does.
    if (options.force === true && write.change?.before !== undefined) backup = await writeBackup(target, write.change.before, ctx.now());
    await commitChanges('init', [write.change, ...created], history, ctx);
    if (backup !== undefined) await pruneBackups(target);
    const findings = reportKept(plan, template, target, ctx.cwd, describeSelector(options));
    appendAll(findings, reportUnanswered(questions, answers, target, ctx.cwd));
    return { command: 'init', files: [target, ...missingOthers], findings, changes };
  } catch (error) {
    if (backup !== undefined) await unlink(backup).catch(() => undefined);
    throw error;
  } finally {
    await mutation.release();
  }
}

/**
 * The secrets to write: every missing, empty or placeholder one (weak working values are kept and
 * reported); with --force also every one already set in the file, regenerated as a rotation (its
 * old value kept in _PREVIOUS where the template asks).
 */
function planSecrets(
  template: Template,
  current: Map<string, string>,
  answers: Map<string, string>,
  options: { force: boolean; elsewhere: (key: string) => string | undefined },
  random: RandomSource,
): SafePlan {
  const values = new Map(current);
  for (const [key, value] of answers) values.set(key, value);
  const forced = options.force
    ? template.variables
        .filter((variable) => variable.generate !== undefined && (values.get(variable.name) ?? '') !== '' && options.elsewhere(variable.name) === undefined)
        .map((variable) => variable.name)
    : [];
  const rotated = planRotation(template, values, forced, random);
  for (const item of rotated) values.set(item.key, item.value);
  const plan = planSafeGenerate(template, values, random, { elsewhere: options.elsewhere });
  return { ...plan, planned: [...rotated, ...plan.planned] };
}

function isSecretKey(template: Template, key: string): boolean {
  return template.variables.find((variable) => variable.name === key)?.secret ?? isSecretName(key);
}

/** Asks for each supplied credential that has no value (hidden input); without a prompter, none. */
async function askSupplied(template: Template, current: Map<string, string>, prompter: Prompter | undefined): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  if (prompter === undefined) return answers;
  for (const variable of template.variables) {
    if (!variable.supplied || (current.get(variable.name) ?? '') !== '') continue;
    const answer = await prompter.secret(
      `${variable.name}: ${variable.prompt ?? variable.description ?? 'a credential issued elsewhere (leave empty to set it later)'}`,
    );
    if (answer !== '') answers.set(variable.name, answer);
  }
  return answers;
}

async function previewQuestions(options: InitOptions, ctx: Context): Promise<string[]> {
  const choice = await chooseTemplate(options, { ...ctx, quiet: true }, 'init');
  const { document } = await readEnvForEdit(choice.target, options, sealedAccessOf(ctx));
  const others = await readOtherEnvFiles(choice.others, sealedAccessOf(ctx));
  const current = new Map([...others.values, ...envValues(document)]);
  const questions = listQuestions(choice.template, current, await composeDefaults(choice.composeFiles), options.force === true).map((question) => question.key);
  const supplied = choice.template.variables
    .filter((variable) => variable.supplied && (current.get(variable.name) ?? '') === '')
    .map((variable) => variable.name);
  return [...questions, ...supplied];
}

/**
 * A required setting that nothing could fill (`--yes`, no default anywhere) is written empty, for the user
 * to fill in; said as an error, so init does not report success for a stack Compose would refuse.
 */
function reportUnanswered(questions: readonly Question[], answers: ReadonlyMap<string, string>, target: string, cwd: string): Finding[] {
  return questions
    .filter((question) => question.variable?.required === true && (answers.get(question.key) ?? '') === '')
    .map((question) =>
      makeFinding('empty', { file: target }, `${question.key} is required and has no default: written empty, for you to fill in`, {
        variable: question.key,
        severity: 'error',
        hint: `lucid-env set ${question.key} -e ${formatShellWord(displayPath(target, cwd))}`,
      }),
    );
}

function formatSummary(
  target: string,
  answered: readonly [string, string][],
  planned: readonly PlannedValue[],
  template: Template,
  createdEmpty: readonly string[],
): string {
  const secret = (key: string) => template.variables.find((variable) => variable.name === key)?.secret ?? isSecretName(key);
  const lines = [`Summary for ${target}:`];
  for (const [key, value] of answered) lines.push(`  ${key} = ${secret(key) ? '********' : value}`);
  for (const item of planned) {
    const what = item.key.endsWith(PREVIOUS_SUFFIX) ? 'the value it had' : item.reason === 'rotated' ? 'regenerated, replacing the value it had' : 'generated';
    lines.push(`  ${item.key} = ******** (${what})`);
  }
  if (lines.length === 1) lines.push('  nothing to change');
  if (createdEmpty.length > 0) lines.push(`Created empty (the stack's other env files; Compose needs each to exist): ${createdEmpty.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
