/** `lucid-env rotate --check`: each secret's age and policy; overdue ones fail (for scheduled CI). */
import { maxOf } from '../append-all.js';
import type { Context } from '../context.js';
import { envValues, findEntry } from '../dotenv/document.js';
import { createFingerprinter, readHistory } from '../history/state.js';
import { formatTemplateFlag } from '../paths.js';
import { sealedAccessOf } from '../project/env-files.js';
import { readEnvForEdit, targetEnvFile } from '../project/env-writer.js';
import type { Report } from '../report.js';
import { runRules } from '../rules/registry.js';
import { requireTemplate } from '../templates/load.js';
import { rotationAges } from '../templates/rotation-ages.js';
import type { RotateOptions } from './rotate.js';

/** Reports ages; exit 1 when one is overdue (unknown ages fail only with --strict). */
export async function rotateCheck(options: RotateOptions, ctx: Context): Promise<Report> {
  const now = ctx.now();
  const template = await requireTemplate(options.template, ctx.cwd);
  const target = targetEnvFile(options, template, ctx.cwd, 'rotate --check');
  const { document } = await readEnvForEdit(target, {}, sealedAccessOf(ctx));
  const values = envValues(document);
  // An age is known only for the value the history recorded: compare fingerprints (never creating the key).
  const fingerprintOf = await createFingerprinter(target, { sodium: await ctx.sodium(), random: await ctx.random() }, { create: false });
  const ages = rotationAges(template, await readHistory(target), now, (key) => (values.has(key) ? fingerprintOf(values.get(key) as string) : undefined));
  const positionOf = (key: string) => {
    const entry = findEntry(document, key);
    return { line: entry?.line ?? 0, column: entry?.column ?? 0 };
  };
  const findings = runRules('rotation', {
    templateName: template.name,
    templateFlag: formatTemplateFlag(template),
    cwd: ctx.cwd,
    envFile: target,
    ages,
    positionOf,
  });
  const width = Math.max(3, maxOf(ages.map((age) => age.key.length)));
  const rows = ages.map((age) =>
    [
      age.key.padEnd(width),
      (age.ageDays === undefined ? 'unknown' : `${age.ageDays}d`).padEnd(8),
      (age.maxAgeDays === undefined ? '-' : `${age.maxAgeDays}d`).padEnd(7),
      age.status,
    ].join('  '),
  );
  const output = `${'KEY'.padEnd(width)}  AGE       MAX AGE  STATUS\n${rows.join('\n')}\n`;
  return { command: 'rotate-check', files: [target], findings, output };
}
