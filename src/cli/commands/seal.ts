/** `lucid-env seal` and `lucid-env unseal` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { SealOptions } from '../../commands/seal.js';
import type { UnsealOptions } from '../../commands/unseal.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addMinVersionOption, addOutputOptions, collect, runCommand } from '../options.js';

/** Defines `seal`. */
export const defineSeal: CommandDefinition = (program, session) => {
  addOutputOptions(program.command('seal'), ['text', 'json'])
    .description('write FILE.sealed: the env file with every value sealed (same layout; safe to commit)')
    .option('-e, --env-file <path>', 'the plain env file (default: ./.env)', collect)
    .option('-o, --output <path>', 'the sealed file (default: <env file>.sealed)')
    .option('--recipient <name>', 'also seal to this recorded public key (repeatable; see `keys add`)', collect)
    .option('--key-file <path>', 'your private key file (default: LUCID_ENV_PRIVATE_KEY, then your keys directory)')
    .option('--force', 'replace an existing sealed file that fails verification')
    .option('--follow-symlinks', 'write through a symlinked sealed file')
    .addHelpText('after', EXAMPLES.seal)
    .action((options: OutputOptions & SealOptions) => runCommand(session, options, async (ctx) => (await import('../../commands/seal.js')).seal(options, ctx)));
};

/** Defines `unseal`. */
export const defineUnseal: CommandDefinition = (program, session) => {
  addMinVersionOption(addOutputOptions(program.command('unseal'), ['text', 'json']))
    .argument('<file>', 'the sealed env file (FILE.sealed)')
    .description('verify a sealed env file, then write the plain file (0600) byte for byte as it was sealed')
    .option('-o, --output <path>', 'the plain file (default: the sealed name without .sealed)')
    .option('--key-file <path>', 'your private key file (default: LUCID_ENV_PRIVATE_KEY, then your keys directory)')
    .option('--force', 'overwrite a plain file that differs from the sealed one')
    .option('--follow-symlinks', 'write through a symlinked plain file')
    .addHelpText('after', EXAMPLES.unseal)
    .action((file: string, options: OutputOptions & UnsealOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/unseal.js')).unseal(file, options, ctx)),
    );
};
