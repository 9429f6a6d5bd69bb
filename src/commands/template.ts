/** `lucid-env template list|show`: the built-in templates and what they define. */
import { maxOf } from '../append-all.js';
import type { Context } from '../context.js';
import type { Report } from '../report.js';
import { describeGenerator } from '../secrets/generate.js';
import { listBuiltInTemplates, loadTemplate, requireTemplate } from '../templates/load.js';
import type { TemplateVariable } from '../templates/types.js';

/** Lists built-in templates with their descriptions. */
export async function templateList(ctx: Context): Promise<Report> {
  const lines: string[] = [];
  for (const name of listBuiltInTemplates()) {
    const { template } = await loadTemplate(name, ctx.cwd);
    lines.push(`${name.padEnd(16)} ${template?.description ?? '(invalid template)'}`);
  }
  return { command: 'template', files: [], findings: [], isDocument: true, output: `${lines.join('\n')}\n` };
}

function describeVariable(variable: TemplateVariable): string {
  if (variable.generate !== undefined) return `generated: ${describeGenerator(variable.generate)}`;
  if (variable.derive?.kind === 'tor-hash') return `derived: Tor hash of ${variable.derive.from}`;
  if (variable.derive?.kind === 'template') return `derived: ${variable.derive.template}`;
  const parts: string[] = [variable.type ?? 'string'];
  if (variable.choices !== undefined) parts.push(`one of ${variable.choices.join('|')}`);
  if (variable.default !== undefined) parts.push(`default ${variable.default}`);
  return parts.join(', ');
}

/** Shows one template: its files and every variable with how it is made. */
export async function templateShow(name: string, ctx: Context): Promise<Report> {
  const template = await requireTemplate(name, ctx.cwd);
  const lines = [
    `${template.name}: ${template.description}`,
    `  env file: ${template.envFile ?? '(none; pass -e)'}`,
    `  compose:  ${template.compose.join(', ') || '(none)'}`,
    '',
  ];
  const width = maxOf(template.variables.map((variable) => variable.name.length));
  for (const variable of template.variables) {
    const flags = [variable.secret ? 'secret' : '', variable.required ? 'required' : ''].filter((flag) => flag !== '').join(', ');
    const rotation =
      variable.rotation === undefined
        ? ''
        : `; rotate every ${variable.rotation.maxAgeDays ?? '?'} days${variable.rotation.keepPrevious ? ', keeps _PREVIOUS' : ''}`;
    lines.push(`  ${variable.name.padEnd(width)}  ${describeVariable(variable)}${flags === '' ? '' : ` [${flags}]`}${rotation}`);
    if (variable.description !== undefined) lines.push(`  ${''.padEnd(width)}    ${variable.description}`);
  }
  return { command: 'template', files: [template.file], findings: [], isDocument: true, output: `${lines.join('\n')}\n` };
}
