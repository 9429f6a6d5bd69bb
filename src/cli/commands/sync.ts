/** `lucid-env sync` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { SyncOptions } from '../../commands/sync.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addOutputOptions, collect, runCommand } from '../options.js';

/** Defines `sync`. */
export const defineSync: CommandDefinition = (program, session) => {
  addOutputOptions(program.command('sync').argument('[globs...]', 'env files to keep in sync (default: every env file of the workspace)'))
    .description('make every secret the same in every env file that defines it, from an explicit source; rebuild derived URIs; all or nothing')
    .option('--from <file>', 'the env file whose values are right (needed whenever files disagree)')
    .option('--check', 'write nothing; exit 1 on any drift, naming keys and files (never values)')
    .option('--dry-run', 'list what would change; write nothing')
    .option('--key <name>', 'only this key (repeatable; default: every secret the source defines)', collect)
    .option('--stack <name>', 'only the env files of this stack of the workspace')
    .option('--no-python-compat', 'allow values python-dotenv would expand (${...})')
    .addHelpText('after', EXAMPLES.sync)
    .action((globs: string[], options: OutputOptions & SyncOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/sync.js')).sync(globs, options, ctx)),
    );
};
