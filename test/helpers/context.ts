/**
 * Commands in process: a Context with captured streams, a scripted prompter, a fixed or given
 * clock and libsodium's randomness (or a seeded source), and `runInProcess`, which runs the whole
 * CLI (argument parsing, output, exit code) against such a context without starting a process.
 */
import type { Context, ContextFlags } from '../../src/context.js';
import { main } from '../../src/program.js';
import type { Progress } from '../../src/progress.js';
import { NO_PROGRESS } from '../../src/progress.js';
import type { Prompter } from '../../src/prompt.js';
import type { RandomSource } from '../../src/secrets/random.js';
import { loadSodium, loadSodiumRandom } from '../../src/secrets/random.js';

/** What a test may set on its context. */
export interface TestContextOptions {
  env?: NodeJS.ProcessEnv;
  stdin?: string;
  isInteractive?: boolean;
  color?: boolean;
  quiet?: boolean;
  prompter?: Prompter;
  random?: RandomSource;
  now?: () => Date;
  /** Records progress (nothing shows by default, as in a pipe). */
  progress?: Progress;
}

/** A Context whose output lands in `out` and `err`. */
export type TestContext = Context & { out: string[]; err: string[] };

/** A prompter that fails the test if anything asks: commands that must not prompt get this one. */
export const NO_PROMPTS: Prompter = {
  input: async (message) => Promise.reject(new Error(`unexpected prompt: ${message}`)),
  select: async (message) => Promise.reject(new Error(`unexpected prompt: ${message}`)),
  confirm: async (message) => Promise.reject(new Error(`unexpected prompt: ${message}`)),
  secret: async (message) => Promise.reject(new Error(`unexpected prompt: ${message}`)),
};

/** Creates a test context in `cwd`; stdout and stderr are captured, nothing is a terminal. */
export function testContext(cwd: string, options: TestContextOptions = {}): TestContext {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd,
    env: options.env ?? {},
    stdout: { write: (text) => void out.push(text) },
    stderr: { write: (text) => void err.push(text) },
    isInteractive: options.isInteractive ?? false,
    color: options.color ?? false,
    quiet: options.quiet ?? false,
    readStdin: async () => options.stdin ?? '',
    sodium: loadSodium,
    random: async () => options.random ?? (await loadSodiumRandom()),
    prompter: async () => options.prompter ?? NO_PROMPTS,
    now: options.now ?? (() => new Date()),
    progress: () => options.progress ?? NO_PROGRESS,
    out,
    err,
  };
}

/** What one in-process run printed and how it ended. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `lucid-env ...args` in process, as the CLI would, against a test context in `cwd`. */
export async function runInProcess(
  args: readonly string[],
  cwd: string,
  options: Omit<TestContextOptions, 'quiet' | 'color'> & { input?: string } = {},
): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const factory = (flags: ContextFlags): Context => {
    const ctx = testContext(cwd, { ...options, stdin: options.input ?? options.stdin, quiet: flags.quiet === true, color: false });
    return { ...ctx, stdout: { write: (text) => void out.push(text) }, stderr: { write: (text) => void err.push(text) } };
  };
  const code = await main(args, factory);
  return { code, stdout: out.join(''), stderr: err.join('') };
}
