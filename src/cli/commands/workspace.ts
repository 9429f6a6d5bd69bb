/** `lucid-env workspace init` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { WorkspaceInitOptions } from '../../commands/workspace.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addOutputOptions, runCommand } from '../options.js';

/** Defines `workspace` and its subcommands. */
export const defineWorkspace: CommandDefinition = (program, session) => {
  const workspace = program
    .command('workspace')
    .description('the workspace file lucid-env.yml: the stacks of a repository')
    .addHelpText('after', EXAMPLES.workspace);
  addOutputOptions(workspace.command('init'), ['text', 'json'])
    .argument('[dir]', 'the repository root (default: the current directory)')
    .description('write lucid-env.yml: one stack per compose file, with the env files it is run with (from scripts, .env or env_file:)')
    .option('--stdout', 'print the file instead of writing it')
    .option('--force', 'replace an existing lucid-env.yml')
    .addHelpText('after', EXAMPLES.workspace)
    .action((directory: string | undefined, options: OutputOptions & WorkspaceInitOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/workspace.js')).workspaceInit(directory, options, ctx)),
    );
};
