/** `lucid-env scan` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { ScanOptions } from '../../commands/scan.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addComposeOptions, addOutputOptions, runCommand } from '../options.js';

/** Defines `scan`. */
export const defineScan: CommandDefinition = (program, session) => {
  addOutputOptions(addComposeOptions(program.command('scan')))
    .description('list every variable reference in the compose files (and env files given), with file:line:column')
    .option('--recursive <dir>', 'scan every compose file under a directory (skips node_modules and .git)')
    .option('--all', 'scan every stack of the workspace file (lucid-env.yml, found walking up)')
    .option('--stack <name>', 'scan one stack of the workspace file')
    .addHelpText('after', EXAMPLES.scan)
    .action((options: OutputOptions & ScanOptions) => runCommand(session, options, async (ctx) => (await import('../../commands/scan.js')).scan(options, ctx)));
};
