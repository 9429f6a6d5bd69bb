/** Option groups shared by the command definitions, and the session a definition runs in. */

import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import type { Context, ContextFlags } from '../context.js';
import type { Report } from '../report.js';
import type { FormatName, OutputOptions } from './output.js';
import { emit } from './output.js';

export type { FormatName, OutputOptions };

/** What a command definition needs from the run: a context for its flags, and where its exit code goes. */
export interface Session {
  createContext(flags: ContextFlags): Context;
  setExitCode(code: number): void;
}

/** Adds one command to the program. */
export type CommandDefinition = (program: Command, session: Session) => void;

/** Commander collector for repeatable options. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Commander collector for comma-separated, repeatable lists (`--ignore a,b --ignore c`). */
export const collectList = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== ''),
];

/** Commander parser for a whole number ≥ 1 (`--min-version 3`). */
export const parseCount = (value: string): number => {
  if (!/^[1-9][0-9]{0,14}$/.test(value)) throw new InvalidArgumentError('expected a whole number of at least 1');
  return Number(value);
};

/** --min-version: sealed env files older than this version are refused (rollback). */
export function addMinVersionOption(command: Command): Command {
  return command.option('--min-version <n>', 'refuse sealed env files whose version counter is below n (rollback)', parseCount);
}

/** -f, --project-directory, -e, --process-env. */
export function addComposeOptions(command: Command): Command {
  return command
    .option('-f, --file <path>', 'compose file (repeatable; default: $COMPOSE_FILE, then compose.yaml, docker-compose.yml… in the current directory)', collect)
    .option('--project-directory <dir>', "directory that relative paths resolve from (default: the first compose file's directory)")
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

/** Runs a command with the context of its flags, then writes its report and sets the exit code. */
export async function runCommand(session: Session, options: OutputOptions, run: (ctx: Context) => Promise<Report>): Promise<void> {
  const ctx = session.createContext({ color: options.color, quiet: options.quiet });
  session.setExitCode(await emit(await run(ctx), options, ctx));
}
