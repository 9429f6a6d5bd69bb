/** `lucid-env check` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { CheckOptions } from '../../commands/check.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addComposeOptions, addMinVersionOption, addOutputOptions, addTemplateOption, collectList, runCommand } from '../options.js';

/** Defines `check`. */
export const defineCheck: CommandDefinition = (program, session) => {
  addMinVersionOption(addTemplateOption(addOutputOptions(addComposeOptions(program.command('check')))))
    .description('the CI gate: every referenced variable defined and non-empty, no placeholder or weak secret, valid env files')
    .option('--strict', 'warnings fail too (exit 1)')
    .option('--ignore <codes>', 'finding codes to leave out, comma-separated (e.g. unused,ambiguous-value)', collectList)
    .option('--all', 'check every stack of the workspace file (lucid-env.yml, found walking up) in one report')
    .option('--stack <name>', 'check one stack of the workspace file')
    .option('--recursive <dir>', 'check every stack under a folder, grouped as `workspace init` would (no workspace file needed)')
    .addHelpText('after', EXAMPLES.check)
    .action((options: OutputOptions & CheckOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/check.js')).check(options, ctx)),
    );
};
