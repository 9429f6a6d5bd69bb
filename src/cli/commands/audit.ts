/** `lucid-env audit` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { AuditOptions } from '../../commands/audit.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addComposeOptions, addOutputOptions, addTemplateOption, collectList, runCommand } from '../options.js';

/** Defines `audit`. */
export const defineAudit: CommandDefinition = (program, session) => {
  addTemplateOption(addOutputOptions(addComposeOptions(program.command('audit')), ['text', 'json', 'github', 'sarif', 'markdown']))
    .description('distroless compliance, hardening and secret hygiene: per service and across the repository (--format markdown: the compliance report)')
    .option('--all', 'audit every stack of the workspace file (lucid-env.yml)')
    .option('--stack <name>', 'audit one stack of the workspace file')
    .option('--recursive <dir>', 'audit every compose file under a directory, each as its own project')
    .option('--require-digest', 'images and Dockerfile FROMs must be pinned by digest (also audit.requireDigest)')
    .option('--strict', 'warnings fail too (exit 1)')
    .option('--ignore <codes>', 'finding codes to leave out, comma-separated (e.g. audit/multi-stage,missing)', collectList)
    .addHelpText('after', EXAMPLES.audit)
    .action((options: OutputOptions & AuditOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/audit.js')).audit(options, ctx)),
    );
};
