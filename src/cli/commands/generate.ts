/** `lucid-env generate` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { GenerateOptions } from '../../commands/generate.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addOutputOptions, addTemplateOption, collect, runCommand } from '../options.js';

/** Defines `generate`. */
export const defineGenerate: CommandDefinition = (program, session) => {
  addTemplateOption(
    addOutputOptions(program.command('generate').argument('[keys...]', 'only these keys (default: every generated secret of the template)'), ['text', 'json']),
  )
    .description('fill missing, empty, placeholder and weak secrets from the template with libsodium randomness; keep every good value')
    .option('-e, --env-file <path>', "env file to write (default: the template's envFile)", collect)
    .option('--dry-run', 'list what would change; write nothing')
    .option('--show-secrets', 'also print the new values (KEY=value) on stdout')
    .option('--no-python-compat', 'allow values python-dotenv would expand (${...}); Compose and npm dotenv still read them back')
    .option('--follow-symlinks', 'write through a symlinked env file')
    .addHelpText('after', EXAMPLES.generate)
    .action((keys: string[], options: OutputOptions & GenerateOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/generate.js')).generate(keys, options, ctx)),
    );
};
