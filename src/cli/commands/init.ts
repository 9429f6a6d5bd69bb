/** `lucid-env init` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { InitOptions } from '../../commands/init.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addOutputOptions, addTemplateOption, collect, runCommand } from '../options.js';

/** Defines `init`. */
export const defineInit: CommandDefinition = (program, session) => {
  addTemplateOption(addOutputOptions(program.command('init'), ['text', 'json']))
    .description('first run: ask for settings and supplied credentials, generate every secret we own, confirm, write (no template needed)')
    .option('-f, --file <path>', 'compose file whose :- defaults seed the answers, and to infer a template from when there is none', collect)
    .option('--project-directory <dir>', "directory that relative paths resolve from (default: the first compose file's directory)")
    .option('--stack <name>', 'a stack of the workspace file: its template (or one inferred) and its env files')
    .option('-e, --env-file <path>', "env file to write (default: the template's envFile, the stack's last env file, or the project .env)", collect)
    .option('-y, --yes', 'take every default without asking (for CI and scripts)')
    .option('--force', 'ask again and regenerate values that are already set')
    .option('--no-python-compat', 'allow values python-dotenv would expand (${...})')
    .option('--follow-symlinks', 'write through a symlinked env file')
    .addHelpText('after', EXAMPLES.init)
    .action((options: OutputOptions & InitOptions) => runCommand(session, options, async (ctx) => (await import('../../commands/init.js')).init(options, ctx)));
};
