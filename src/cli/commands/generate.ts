/** `lucid-env generate` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { GenerateOptions } from '../../commands/generate.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addOutputOptions, addTemplateOption, collect, runCommand } from '../options.js';

/** Defines `generate`. */
export const defineGenerate: CommandDefinition = (program, session) => {
  addTemplateOption(addOutputOptions(program.command('generate').argument('[keys...]', 'only these keys (default: every generated secret)'), ['text', 'json']))
    .description('fill missing, empty and placeholder secrets with libsodium randomness; keep every working value (weak ones are reported)')
    .option('-e, --env-file <path>', "env file to write (default: the template's envFile, the stack's last env file, or the project .env)", collect)
    .option('-f, --file <path>', 'compose file to infer a template from when there is none (repeatable)', collect)
    .option('--project-directory <dir>', "directory that relative paths resolve from (default: the first compose file's directory)")
    .option('--stack <name>', 'a stack of the workspace file: its template (or one inferred) and its env files')
    .option('--replace-weak', 'also replace values that work but are weaker than or not in the format the template asks')
    .option('--dry-run', 'list what would change; write nothing')
    .option('--show-secrets', 'also print the new values (KEY=value) on stdout')
    .option('--no-python-compat', 'allow values python-dotenv would expand (${...}); Compose and npm dotenv still read them back')
    .option('--follow-symlinks', 'write through a symlinked env file')
    .addHelpText('after', EXAMPLES.generate)
    .action((keys: string[], options: OutputOptions & GenerateOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/generate.js')).generate(keys, options, ctx)),
    );
};
