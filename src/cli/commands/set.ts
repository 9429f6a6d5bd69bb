/** `lucid-env set` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { SetOptions } from '../../commands/set.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addOutputOptions, addTemplateOption, collect, runCommand } from '../options.js';

/** Defines `set`. */
export const defineSet: CommandDefinition = (program, session) => {
  addTemplateOption(addOutputOptions(program.command('set').argument('<key>', 'the variable to set'), ['text', 'json']))
    .description('set one value, read from standard input or a hidden prompt (never from the command line)')
    .option('-e, --env-file <path>', "env file to write (default: the template's envFile, else ./.env)", collect)
    .option('--generate', "generate the value with the template's generator")
    .option('--allow-empty', 'accept an empty value (by default an empty stdin or answer is refused)')
    .option('--no-python-compat', 'allow values python-dotenv would expand (${...})')
    .option('--follow-symlinks', 'write through a symlinked env file')
    .addHelpText('after', EXAMPLES.set)
    .action((key: string, options: OutputOptions & SetOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/set.js')).set(key, options, ctx)),
    );
};
