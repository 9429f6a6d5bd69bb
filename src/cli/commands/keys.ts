/** `lucid-env keys new|add|list` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { KeysAddOptions } from '../../commands/keys.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addOutputOptions, runCommand } from '../options.js';

/** Defines `keys` and its subcommands. */
export const defineKeys: CommandDefinition = (program, session) => {
  const keys = program.command('keys').description('key pairs of sealed env files').addHelpText('after', EXAMPLES.keys);
  addOutputOptions(keys.command('new'), ['text', 'json'])
    .argument('[name]', 'a name for the key, shown to teammates (default: your login name)')
    .description('create a key pair: the private key in a 0600 file of your keys directory, the public key printed')
    .addHelpText('after', EXAMPLES.keys)
    .action((name: string | undefined, options: OutputOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/keys.js')).keysNew(name, ctx)),
    );
  addOutputOptions(keys.command('add'), ['text', 'json'])
    .argument('<name>', "the teammate's name")
    .argument('[public-key]', 'their public key (lucid-pk1-…; read from standard input when left out)')
    .option('--force', 'replace a different public key recorded under the same name')
    .description("record a teammate's public key, so files can be sealed to them (--recipient NAME)")
    .addHelpText('after', EXAMPLES.keys)
    .action((name: string, publicKey: string | undefined, options: OutputOptions & KeysAddOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/keys.js')).keysAdd(name, publicKey, options, ctx)),
    );
  addOutputOptions(keys.command('list'), ['text', 'json'])
    .description('list recorded keys by name and fingerprint, and which private keys are at hand')
    .addHelpText('after', EXAMPLES.keys)
    .action((options: OutputOptions) => runCommand(session, options, async (ctx) => (await import('../../commands/keys.js')).keysList(ctx)));
};
