/** `lucid-env init` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { InitOptions } from '../../commands/init.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addOutputOptions, addTemplateOption, collect, runCommand } from '../options.js';

/** Defines `init`. */
export const defineInit: CommandDefinition = (program, session) => {
  addTemplateOption(addOutputOptions(program.command('init'), ['text', 'json']))
    .description('interactive first run: ask for non-secret values, generate every secret, confirm, write')
    .option('-f, --file <path>', "compose file whose :- defaults seed the answers (default: the template's compose files)", collect)
    .option('-e, --env-file <path>', "env file to write (default: the template's envFile)", collect)
    .option('-y, --yes', 'take every default without asking (for CI and scripts)')
    .option('--force', 'ask again and regenerate values that are already set')
    .option('--no-python-compat', 'allow values python-dotenv would expand (${...})')
    .option('--follow-symlinks', 'write through a symlinked env file')
    .addHelpText('after', EXAMPLES.init)
    .action((options: OutputOptions & InitOptions) => runCommand(session, options, async (ctx) => (await import('../../commands/init.js')).init(options, ctx)));
};
