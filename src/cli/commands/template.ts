/** `lucid-env template list|show` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addOutputOptions, runCommand } from '../options.js';

/** Defines `template` and its subcommands. */
export const defineTemplate: CommandDefinition = (program, session) => {
  const template = program.command('template').description('the built-in templates').addHelpText('after', EXAMPLES.template);
  addOutputOptions(template.command('list'), ['text', 'json'])
    .description('list the built-in templates')
    .addHelpText('after', EXAMPLES.template)
    .action((options: OutputOptions) => runCommand(session, options, async (ctx) => (await import('../../commands/template.js')).templateList(ctx)));
  addOutputOptions(template.command('show'), ['text', 'json'])
    .argument('<name>', 'a built-in name or a template file')
    .description("show a template's variables, generators and rotation policy")
    .addHelpText('after', EXAMPLES.template)
    .action((name: string, options: OutputOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/template.js')).templateShow(name, ctx)),
    );
};
