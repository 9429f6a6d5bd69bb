/**
 * `lucid-env run -e FILE -- CMD...`: starts CMD with the env files' values in its environment
 * (sealed files opened in memory), never writing a value to disk. Its exit code is ours (128 + n
 * when a signal ended it); SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 are passed on, and SIGINT and
 * SIGQUIT too unless a terminal already sent them to the whole process group.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Context } from '../context.js';
import { isTerminal } from '../context.js';
import { LucidError } from '../errors.js';
import { errnoCode } from '../fs/errno.js';
import { readText } from '../fs/read.js';
import { loadInterpolationEnv, MAX_ENV_BYTES, sealedAccessOf } from '../project/env-files.js';
import { requireOpened } from '../project/sealed-env.js';
import type { Report } from '../report.js';

/** Options of `run`. */
export interface RunOptions {
  envFile?: string[];
  keyFile?: string;
  minVersion?: number;
  /** Values from the files win over variables already in the environment. */
  override?: boolean;
}

const ALWAYS_FORWARDED: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'];
// A terminal sends these to the whole foreground group, child included: passing them on would
// count one Ctrl-C twice (Docker Compose takes a second Ctrl-C as "kill now").
const TERMINAL_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGQUIT'];

/** Runs the command with the values of the env files. */
export async function run(command: readonly string[], options: RunOptions, ctx: Context): Promise<Report> {
  const [program, ...args] = command;
  if (program === undefined)
    throw new LucidError('USAGE', 'name the command to run after --', { hint: 'lucid-env run -e .env.sealed -- docker compose up -d' });
  if (options.envFile === undefined || options.envFile.length === 0) throw new LucidError('USAGE', 'name the env file(s) to run with: -e <path>');
  const access = sealedAccessOf(ctx, { keyFile: options.keyFile, minVersion: options.minVersion });
  const loaded = await loadInterpolationEnv({ envFile: options.envFile }, ctx.cwd, ctx.cwd, ctx.env, access);
  const blocking = loaded.findings.filter((finding) => finding.severity === 'error');
  if (blocking.length > 0) return { command: 'run', files: loaded.files.map((file) => file.path), findings: blocking, isDocument: true };
  for (const file of loaded.files) {
    // A file no key opens would pass sealed tokens as values: say why it cannot be opened instead.
    if (file.sealed?.isLocked === true) await requireOpened(file.path, (await readText(file.path, { maxBytes: MAX_ENV_BYTES })).text, access);
  }
  const env: NodeJS.ProcessEnv = { ...ctx.env };
  const kept: string[] = [];
  for (const [key, value] of loaded.values) {
    if (options.override !== true && ctx.env[key] !== undefined) kept.push(key);
    else env[key] = value;
  }
  if (kept.length > 0 && ctx.quiet !== true) {
    ctx.stderr.write(`notice: kept from the environment (pass --override to use the files' values): ${kept.join(', ')}\n`);
  }
  const exitCode = await runChild(program, args, env);
  return { command: 'run', files: loaded.files.map((file) => file.path), findings: [], isDocument: true, exitCode };
}

function runChild(program: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(program, args, { stdio: 'inherit', env });
    } catch (error) {
      reject(startError(program, error));
      return;
    }
    const forwarded = isTerminal(0) ? ALWAYS_FORWARDED : [...ALWAYS_FORWARDED, ...TERMINAL_SIGNALS];
    const forward = (signal: NodeJS.Signals) => void child.kill(signal);
    // While the child runs we outlive it: a Ctrl-C from the terminal must not end us first.
    const ignore = () => undefined;
    for (const signal of forwarded) process.on(signal, forward);
    for (const signal of TERMINAL_SIGNALS) if (!forwarded.includes(signal)) process.on(signal, ignore);
    const cleanUp = () => {
      for (const signal of forwarded) process.off(signal, forward);
      for (const signal of TERMINAL_SIGNALS) process.off(signal, ignore);
    };
    child.once('error', (error) => {
      cleanUp();
      reject(startError(program, error));
    });
    child.once('exit', (code, signal) => {
      cleanUp();
      resolve(code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0)));
    });
  });
}

function startError(program: string, error: unknown): LucidError {
  const code = errnoCode(error);
  const reason = code === 'ENOENT' ? 'no such command on PATH' : code === 'EACCES' ? 'permission denied' : (code ?? String(error));
  return new LucidError('COMMAND_FAILED', `cannot start ${program}: ${reason}`, { cause: error });
}
