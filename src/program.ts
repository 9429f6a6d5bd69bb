/**
 * The commander program. Only the command being run is registered (all of them for help and
 * errors), so a cold `check` builds one command, not nine. Actions report their exit code through
 * `setExitCode`; only src/cli.ts hands it to the process.
 */
import { Command, CommanderError } from 'commander';
import { EXIT_CODE, LucidError } from './errors.js';
import { VERSION } from './version.js';
import { writeToDescriptor } from './fs/stdio.js';
import { EXAMPLES } from './cli-help.js';
import { COMMANDS } from './cli/commands.js';

/** Builds the program with `only` (a command name) or, when it is not one, every command. */
export function buildProgram(setExitCode: (code: number) => void, only?: string): Command {
  const program = new Command('lucid-env')
    .description('Environment variables and secrets for Docker Compose stacks: scan, check, render, generate, rotate.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (text) => writeToDescriptor(2, text) })
    .exitOverride();
  program.addHelpText('after', EXAMPLES.program);
  const definition = only === undefined ? undefined : COMMANDS[only];
  if (definition !== undefined && Object.hasOwn(COMMANDS, only as string)) definition(program, setExitCode);
  else for (const define of Object.values(COMMANDS)) define(program, setExitCode);
  return program;
}


function reportFailure(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_CODE.ok;
    // commander already printed its one-line message.
    return EXIT_CODE.failure;
  }
  if (error instanceof LucidError) {
    writeToDescriptor(2, `error [${error.code}] ${error.message}\n`);
    if (error.hint !== undefined) writeToDescriptor(2, `  hint: ${error.hint}\n`);
    if (debug && error.stack !== undefined) writeToDescriptor(2, `${error.stack}\n`);
    return EXIT_CODE.failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeToDescriptor(2, `internal error: ${message}\n  this is a bug in lucid-env; please report it (run with --debug for details)\n`);
  if (debug && error instanceof Error && error.stack !== undefined) writeToDescriptor(2, `${error.stack}\n`);
  return EXIT_CODE.failure;
}

/** Runs the CLI with argv; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT_CODE.ok;
  const program = buildProgram((code) => {
    exitCode = code;
  }, argv[0]);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, argv.includes('--debug'));
  }
}
