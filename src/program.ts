/**
 * The commander program. Only the command being run is registered (all of them for help and
 * errors), so a cold `check` builds one command, not all of them. Actions report their exit code
 * through the session; only src/cli.ts hands it to the process.
 */
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './cli/commands/index.js';
import type { Session } from './cli/options.js';
import { EXAMPLES } from './cli-help.js';
import type { Context, ContextFlags } from './context.js';
import { createContext } from './context.js';
import { EXIT_CODE, LucidError } from './errors.js';
import { VERSION } from './version.js';

/** Makes the context of a run from its flags: the real one by default, a captured one in tests. */
export type ContextFactory = (flags: ContextFlags) => Context;

/** Builds the program with `only` (a command name) or, when it is not one, every command. */
export function buildProgram(session: Session, output: Context, only?: string): Command {
  const program = new Command('lucid-env')
    .description('Environment variables and secrets for Docker Compose stacks: scan, check, render, generate, rotate.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => output.stdout.write(text), writeErr: (text) => output.stderr.write(redactQuotedValues(text)) })
    .exitOverride();
  program.addHelpText('after', EXAMPLES.program);
  const definition = only !== undefined && Object.hasOwn(COMMANDS, only) ? COMMANDS[only] : undefined;
  if (definition !== undefined) definition(program, session);
  else for (const define of Object.values(COMMANDS)) define(program, session);
  return program;
}

/**
 * commander quotes what it could not use (`unknown option '--password=hunter2'`); a value typed
 * after "=" may be a secret, so only the part before it is repeated.
 */
export function redactQuotedValues(text: string): string {
  return text.replace(/'([^'=\s]*)=[^']*'/g, "'$1=…'");
}

function reportFailure(error: unknown, debug: boolean, ctx: Context): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_CODE.ok;
    // commander already printed its one-line message.
    return EXIT_CODE.failure;
  }
  if (error instanceof LucidError) {
    ctx.stderr.write(`error [${error.code}] ${error.message}\n`);
    if (error.hint !== undefined) ctx.stderr.write(`  hint: ${error.hint}\n`);
    if (debug && error.stack !== undefined) ctx.stderr.write(`${error.stack}\n`);
    return EXIT_CODE.failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  ctx.stderr.write(`internal error: ${message}\n  this is a bug in lucid-env; please report it (run with --debug for details)\n`);
  if (debug && error instanceof Error && error.stack !== undefined) ctx.stderr.write(`${error.stack}\n`);
  return EXIT_CODE.failure;
}

/** Runs the CLI with argv; resolves to the exit code. Tests pass their own context factory. */
export async function main(argv: readonly string[], contextFor: ContextFactory = createContext): Promise<number> {
  let exitCode: number = EXIT_CODE.ok;
  const output = contextFor({});
  const session: Session = {
    createContext: contextFor,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = buildProgram(session, output, argv[0]);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, argv.includes('--debug'), output);
  }
}
