/** IO shared by template-driven commands: load `-t` and refuse to go on with an invalid template. */
import { LucidError } from '../errors.js';
import { loadTemplate } from '../templates/load.js';
import type { Template } from '../templates/types.js';

/** Loads the template a command cannot work without; an invalid one stops the command (exit 2). */
export async function requireTemplate(nameOrPath: string | undefined, cwd: string): Promise<Template> {
  if (nameOrPath === undefined) {
    throw new LucidError('USAGE', 'this command needs a template', { hint: 'pass -t foundation (see `lucid-env template list`) or -t path/to/template.yml' });
  }
  const { template, findings } = await loadTemplate(nameOrPath, cwd);
  if (template === undefined) {
    const first = findings[0];
    const where = first === undefined ? '' : ` (${first.file}:${first.line}: ${first.message}${findings.length > 1 ? `; and ${findings.length - 1} more` : ''})`;
    throw new LucidError('TEMPLATE_INVALID', `template ${nameOrPath} is invalid${where}`, { hint: `lucid-env check -t ${nameOrPath} lists every problem` });
  }
  return template;
}
