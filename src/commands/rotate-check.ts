/** `lucid-env rotate --check`: each secret's age and policy; overdue ones fail (for scheduled CI). */
import type { Context } from '../context.js';
import { makeFinding } from '../findings.js';
import type { Finding } from '../findings.js';
import { readHistory } from '../history/state.js';
import type { Report } from '../report.js';
import { targetEnvFile } from './generate.js';
import { readEnvForEdit } from './env-writer.js';
import { findEntry } from '../dotenv/document.js';
import { rotationAges } from './rotation-ages.js';
import type { RotateOptions } from './rotate.js';
import { requireTemplate } from './template-option.js';

/** Reports ages; exit 1 when one is overdue (unknown ages fail only with --strict). */
export async function rotateCheck(options: RotateOptions, ctx: Context, now: Date = new Date()): Promise<Report> {
  const template = await requireTemplate(options.template, ctx.cwd);
  const target = targetEnvFile(options, template, ctx.cwd);
  const ages = rotationAges(template, await readHistory(target), now);
  const findings: Finding[] = [];
  const { document } = await readEnvForEdit(target, {});
  for (const age of ages) {
    const entry = findEntry(document, age.key);
    const at = { file: target, line: entry?.line ?? 0, column: entry?.column ?? 0 };
    const policy = age.maxAgeDays === undefined ? 'no rotation policy' : `max ${age.maxAgeDays} days`;
    if (age.status === 'due') {
      findings.push(makeFinding('rotation-overdue', at, `${age.key} is ${age.ageDays} days old (${policy}): rotate it`, { variable: age.key, hint: `lucid-env rotate -t ${template.name} ${age.key}` }));
    } else if (age.status === 'unknown') {
      findings.push(makeFinding('rotation-age', at, `${age.key}: age unknown (set before lucid-env managed it; ${policy})`, { variable: age.key, severity: 'warning', hint: `rotate it once so lucid-env knows its age: lucid-env rotate -t ${template.name} ${age.key}` }));
    } else {
      findings.push(makeFinding('rotation-age', at, `${age.key} is ${age.ageDays ?? '?'} days old (${policy})`, { variable: age.key, severity: 'info' }));
    }
  }
  const width = Math.max(3, ...ages.map((age) => age.key.length));
  const rows = ages.map((age) => `${age.key.padEnd(width)}  ${(age.ageDays === undefined ? 'unknown' : `${age.ageDays}d`).padEnd(8)}  ${(age.maxAgeDays === undefined ? '-' : `${age.maxAgeDays}d`).padEnd(7)}  ${age.status}`);
  const output = `${'KEY'.padEnd(width)}  AGE       MAX AGE  STATUS\n${rows.join('\n')}\n`;
  return { command: 'rotate-check', files: [target], findings, output };
}
