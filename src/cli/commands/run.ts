/** `lucid-env run` and `lucid-env rekey` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { RekeyOptions } from '../../commands/rekey.js';
import type { RunOptions } from '../../commands/run.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addMinVersionOption, addOutputOptions, collect, runCommand } from '../options.js';

/** Defines `run`. */
export const defineRun: CommandDefinition = (program, session) => {
  addMinVersionOption(addOutputOptions(program.command('run'), ['text']))
    .argument('<command...>', 'the command and its arguments, after --')
    .description("run a command with the env files' values in its environment (sealed files opened in memory; nothing written)")
    .option('-e, --env-file <path>', 'env file, plain or sealed (repeatable, later files win)', collect)
    .option('--key-file <path>', 'your private key file (default: LUCID_ENV_PRIVATE_KEY, then your keys directory)')
    .option('--override', 'values from the files win over variables already set in the environment')
    .addHelpText('after', EXAMPLES.run)
    .action((command: string[], options: OutputOptions & RunOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/run.js')).run(command, options, ctx)),
    );
};

/** Defines `rekey`. */
export const defineRekey: CommandDefinition = (program, session) => {
  addOutputOptions(program.command('rekey'), ['text', 'json'])
    .argument('<file>', 'the sealed env file')
    .description('add or remove recipients of a sealed env file, or draw a new data key (verified before and after the write)')
    .option('--add <name>', 'seal to this recorded public key too (repeatable)', collect)
    .option('--remove <name>', 'stop sealing to this recipient (repeatable; draws a new data key)', collect)
    .option('--new-data-key', 'draw a new data key and seal every value again')
    .option('--key-file <path>', 'your private key file (default: LUCID_ENV_PRIVATE_KEY, then your keys directory)')
    .option('--follow-symlinks', 'write through a symlinked sealed file')
    .addHelpText('after', EXAMPLES.rekey)
    .action((file: string, options: OutputOptions & RekeyOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/rekey.js')).rekey(file, options, ctx)),
    );
};
