/** `lucid-env template list|show` on the command line. */
import { EXAMPLES } from '../../cli-help.js';
import type { TemplateInferOptions } from '../../commands/template-infer.js';
import type { CommandDefinition, OutputOptions } from '../options.js';
import { addOutputOptions, collect, runCommand } from '../options.js';

/** Defines `template` and its subcommands. */
export const defineTemplate: CommandDefinition = (program, session) => {
  const template = program
    .command('template')
    .description('the built-in templates, and templates inferred from your files')
    .addHelpText('after', EXAMPLES.template);
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
  addOutputOptions(template.command('infer'), ['text', 'json'])
    .description('write a template for your stack from its compose files and env files, with a comment saying why per decision')
    .option('-f, --file <path>', 'compose file (repeatable; default: as Compose finds it in the current directory)', collect)
    .option('--project-directory <dir>', "directory that relative paths resolve from (default: the first compose file's directory)")
    .option('--recursive <dir>', 'every compose file, env file and example under a folder')
    .option('--stack <name>', 'a stack of the workspace file: its compose and env files')
    .option('-e, --env-file <path>', 'also read this env file or example for formats (repeatable)', collect)
    .option('-o, --output <file>', 'write the template here instead of printing it')
    .option('--merge', 'with -o: add what an existing template lacks, keeping every line of it (hand edits included)')
    .option('--force', 'with -o: replace an existing file')
    .option('--name <name>', 'the template name (default: from the compose file or folder)')
    .addHelpText('after', EXAMPLES.templateInfer)
    .action((options: OutputOptions & TemplateInferOptions) =>
      runCommand(session, options, async (ctx) => (await import('../../commands/template-infer.js')).templateInfer(options, ctx)),
    );
};
