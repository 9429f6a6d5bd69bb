/** `lucid-env tor-hash` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { TorHashOptions } from '../../commands/tor-hash.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addOutputOptions, collect, runCommand } from '../options.js';

/** Defines `tor-hash`. */
export const defineTorHash: CommandDefinition = (program, session) => {
  addOutputOptions(program.command('tor-hash'), ['text', 'json'])
    .description("print Tor's HashedControlPassword for a password read from stdin (what `tor --hash-password` prints)")
    .option('-e, --env-file <path>', 'read the password from this env file instead of stdin', collect)
    .option('--key <name>', 'the key holding the password in --env-file', 'TOR_PASSWORD')
    .addHelpText('after', EXAMPLES.torHash)
    .action((options: OutputOptions & TorHashOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/tor-hash.js')).torHash(options, ctx)),
    );
};
