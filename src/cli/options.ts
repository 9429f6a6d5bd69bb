/** Option groups and output helpers shared by the command definitions. */
import { Option } from 'commander';
import type { Command } from 'commander';
import { createContext } from '../context.js';
import type { Context } from '../context.js';
import { EXIT_CODE } from '../errors.js';
import type { Report } from '../report.js';

/** The output formats. */
export type FormatName = 'text' | 'json' | 'github' | 'sarif';

/** Options every reporting command shares. */
export interface OutputOptions {
  format: FormatName;
  color?: boolean;
  quiet?: boolean;
  strict?: boolean;
  debug?: boolean;
}

/** Commander collector for repeatable options. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** -f, --project-directory, -e, --process-env. */
export function addComposeOptions(command: Command): Command {
  return command
    .option('-f, --file <path>', 'compose file (repeatable; default: $COMPOSE_FILE, then compose.yaml, docker-compose.yml… in the current directory)', collect)
    .option('--project-directory <dir>', 'directory that relative paths resolve from (default: the first compose file\'s directory)')
    .option('-e, --env-file <path>', 'interpolation env file (repeatable, later files win; default: <project directory>/.env)', collect)
    .option('--process-env', 'also use the process environment for interpolation (it wins over files, as in Compose)');
}

/** --format, --no-color, -q, --debug. */
export function addOutputOptions(command: Command, formats: FormatName[] = ['text', 'json', 'github', 'sarif']): Command {
  return command
    .addOption(new Option('--format <format>', 'output format').choices(formats).default('text'))
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .option('-q, --quiet', 'print nothing on success')
    .option('--debug', 'show stack traces of internal errors');
}

/** -t, --template. */
export function addTemplateOption(command: Command): Command {
  return command.option('-t, --template <name|path>', 'template: a built-in name (see `template list`) or a YAML file');
}

/** Writes a report in the requested format and sets the exit code from its findings. */
export async function finish(report: Report, options: OutputOptions, ctx: Context): Promise<number> {
  const { REPORTERS } = await import('../reporters/index.js');
  const hasErrors = report.findings.some((finding) => finding.severity === 'error');
  const hasWarnings = report.findings.some((finding) => finding.severity === 'warning');
  const failed = hasErrors || (options.strict === true && hasWarnings);
  const text = REPORTERS[options.format](report, { cwd: ctx.cwd, color: ctx.color, strict: options.strict === true });
  if (!(options.quiet === true && !failed && options.format === 'text')) ctx.stdout.write(text);
  return failed ? EXIT_CODE.findings : EXIT_CODE.ok;
}

/** Mutating commands: the change summary is a log (stderr) in text, data (stdout) in json. */
export async function finishChange(report: Report, options: OutputOptions, ctx: Context): Promise<number> {
  const { REPORTERS } = await import('../reporters/index.js');
  if (options.format === 'json') {
    ctx.stdout.write(REPORTERS.json(report, { cwd: ctx.cwd, color: false }));
  } else if (options.quiet !== true) {
    ctx.stderr.write(REPORTERS.text({ ...report, output: undefined }, { cwd: ctx.cwd, color: ctx.color }));
  }
  if (options.quiet !== true) for (const note of report.notes ?? []) ctx.stderr.write(`${note}\n`);
  // In json, --show-secrets values travel inside the document (`values`), so stdout stays one JSON.
  if (report.output !== undefined && options.format !== 'json') ctx.stdout.write(report.output);
  return report.findings.some((finding) => finding.severity === 'error') ? EXIT_CODE.findings : EXIT_CODE.ok;
}

/** The real context, with the colour and quiet flags of the command line. */
export function contextFor(options: { color?: boolean; quiet?: boolean }): Context {
  return createContext({ color: options.color, quiet: options.quiet });
}
