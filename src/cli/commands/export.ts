/** `lucid-env export` on the command line. */
import { Option } from 'commander';
import { EXAMPLES } from '../../cli-help.js';
import type { ExportOptions } from '../../commands/export.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addComposeOptions, addMinVersionOption, addOutputOptions, addTemplateOption, collectList, runCommand } from '../options.js';

/** Defines `export`. */
export const defineExport: CommandDefinition = (program, session) => {
  addMinVersionOption(addTemplateOption(addOutputOptions(addComposeOptions(program.command('export')), ['text', 'json'])))
    .description("carry the stack's secrets to Docker secrets (files + a compose override; --swarm) or a Kubernetes Secret")
    .addOption(new Option('--to <target>', 'where the secrets go').choices(['compose-secrets', 'kubernetes']).makeOptionMandatory())
    .option('--stack <name>', 'export one stack of the workspace file (lucid-env.yml): its compose files, env files and template')
    .option('--keys <names>', "variables to export, comma-separated (default: the template's secrets, else secret-looking names)", collectList)
    .option('-o, --output <path>', 'the compose override (default: secrets.override.yml beside the compose file) or the manifest (-o - for stdout)')
    .option('--dir <path>', 'where the secret files go (default: secrets/ beside the env file)')
    .option('--swarm', 'external Swarm secrets named with a fingerprint of their value, and the `docker secret create` commands')
    .option('--with-env-from', "with --to kubernetes: each service's env/envFrom snippet, as comments after the Secret")
    .option('--key-file <path>', 'your private key file, for sealed env files')
    .option('--dry-run', 'print the override (no values) and write nothing')
    .option('--follow-symlinks', 'write through symlinks')
    .addHelpText('after', EXAMPLES.export)
    .action((options: OutputOptions & ExportOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/export.js')).exportSecrets(options, ctx)),
    );
};
