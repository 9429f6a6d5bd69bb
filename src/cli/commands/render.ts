/** `lucid-env render` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { RenderOptions } from '../../commands/render.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addComposeOptions, addOutputOptions, addTemplateOption, runCommand } from '../options.js';

/** Defines `render`. */
export const defineRender: CommandDefinition = (program, session) => {
  addTemplateOption(addOutputOptions(addComposeOptions(program.command('render')), ['text', 'json']))
    .description('print the compose files with variables substituted as Compose would; secrets masked')
    .option('--show-secrets', 'print secret values instead of ********')
    .option('--stack <name>', 'render one stack of the workspace file (lucid-env.yml): its compose files, env files and template')
    .addHelpText('after', EXAMPLES.render)
    .action((options: OutputOptions & RenderOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/render.js')).render(options, ctx)),
    );
};
