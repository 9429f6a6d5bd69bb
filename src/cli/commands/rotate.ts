/** `lucid-env rotate` (and `rotate --check`) on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { RotateOptions } from '../../commands/rotate.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addOutputOptions, addTemplateOption, collect, runCommand } from '../options.js';

/** Defines `rotate`. */
export const defineRotate: CommandDefinition = (program, session) => {
  addTemplateOption(addOutputOptions(program.command('rotate').argument('[keys...]', 'secrets to rotate')))
    .description('rotate secrets: new values, derived values recomputed, _PREVIOUS kept, backup and history; --check reports ages')
    .option('-e, --env-file <path>', "env file to rotate in (default: the template's envFile)", collect)
    .option('--group <group>', 'rotate every secret of a rotation group of the template')
    .option('--due', 'rotate every secret older than its template maxAge')
    .option('--check', "report each secret's age and policy; exit 1 when one is overdue")
    .option('--strict', 'with --check: a secret of unknown age fails too')
    .option('--dry-run', 'say what would change; write nothing')
    .option('--propagate <glob>', 'also update every env file matching the glob that defines the key (all or nothing)')
    .option('--force', 'with --propagate: rotate even where the files hold different values (each keeps its own in _PREVIOUS)')
    .option('--no-python-compat', 'allow values python-dotenv would expand (${...})')
    .option('--follow-symlinks', 'write through a symlinked env file')
    .addHelpText('after', EXAMPLES.rotate)
    .action((keys: string[], options: OutputOptions & RotateOptions & { check?: boolean }) =>
      runCommand(session, options, async (ctx) => {
        if (options.check === true) return (await import('../../commands/rotate-check.js')).rotateCheck(options, ctx);
        return (await import('../../commands/rotate.js')).rotate(keys, options, ctx);
      }),
    );
};
