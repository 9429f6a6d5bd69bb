/**
 * Context: every edge a command talks to (cwd, env, output streams, terminal, stdin, libsodium,
 * randomness, prompts, clock). The CLI builds the real one; tests pass their own, so commands run
 * in process with captured output, a seeded random source, scripted prompts and a fixed clock.
 */
import { fstatSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeToDescriptor } from './fs/stdio.js';
import type { Progress } from './progress.js';
import { createProgress, NO_PROGRESS } from './progress.js';
import type { Prompter } from './prompt.js';
import type { RandomSource, Sodium } from './secrets/random.js';

/**
 * Whether a descriptor is a terminal. Files and pipes are told apart with fstat; only a character
 * device needs node:tty, which loads net and streams, a real share of a cold start.
 */
export function isTerminal(descriptor: number): boolean {
  try {
    const stats = fstatSync(descriptor);
    // /dev/null is a character device too (CI often gives it as stdin); it is no terminal.
    if (!stats.isCharacterDevice() || stats.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    return false;
  }
  const tty = createRequire(import.meta.url)('node:tty') as typeof import('node:tty');
  return tty.isatty(descriptor);
}

/** Where a command writes: stdout carries data only, stderr carries logs and prompts. */
export interface Output {
  write(text: string): void;
}

/** What a command may use from its surroundings. */
export interface Context {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: Output;
  stderr: Output;
  /** True when stdin and stderr are terminals and CI is not set: prompts are allowed. */
  isInteractive: boolean;
  /** Whether stderr/stdout may carry colour. */
  color: boolean;
  /** -q: no notices on stderr (errors still show). */
  quiet?: boolean;
  /** Reads all of standard input (for values that must not come from argv). */
  readStdin(): Promise<string>;
  /** libsodium, ready (its WASM loads on first use, so commands that never need it never pay). */
  sodium(): Promise<Sodium>;
  /** The randomness of secrets: libsodium in a real run, seeded in tests. */
  random(): Promise<RandomSource>;
  /** Prompts on stderr: inquirer on a terminal, scripted in tests. */
  prompter(): Promise<Prompter>;
  /** The clock: history times, backup names, rotation ages. */
  now(): Date;
  /** A progress line for long work (stderr, a terminal and text output only; nothing otherwise). */
  progress(): Progress;
}

/** Decides colour as picocolors does: NO_COLOR wins, FORCE_COLOR forces, else a TTY. */
export function shouldUseColor(env: NodeJS.ProcessEnv, isTty: boolean, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return isTty;
}

/** The flags of the command line that shape a context. */
export interface ContextFlags {
  color?: boolean | undefined;
  quiet?: boolean | undefined;
  /** The output is text for a person (`--format text`): progress may show. */
  isText?: boolean | undefined;
}

/** The real context of a CLI run. */
export function createContext(flags: ContextFlags = {}): Context {
  let isInteractive: boolean | undefined;
  let color: boolean | undefined;
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: { write: (text) => writeToDescriptor(1, text) },
    stderr: { write: (text) => writeToDescriptor(2, text) },
    // Decided on first use: most runs never ask (json output, no prompts), and asking costs.
    get isInteractive() {
      // isTerminal, not process.stdin.isTTY: touching process.stdin builds a stream we may never read.
      isInteractive ??= isTerminal(0) && isTerminal(2) && !process.env['CI'];
      return isInteractive;
    },
    get color() {
      color ??= shouldUseColor(process.env, isTerminal(1), flags.color);
      return color;
    },
    quiet: flags.quiet === true,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    sodium: async () => (await import('./secrets/random.js')).loadSodium(),
    random: async () => (await import('./secrets/random.js')).loadSodiumRandom(),
    prompter: async () => (await import('./prompt.js')).createInquirerPrompter(),
    now: () => new Date(),
    progress: () =>
      flags.isText === true && flags.quiet !== true && isTerminal(2)
        ? createProgress(
            (text) => writeToDescriptor(2, text),
            () => performance.now(),
          )
        : NO_PROGRESS,
  };
}
