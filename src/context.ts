/** Context: the edges a command talks to (cwd, env, output streams, terminal), injectable in tests. */
import { isatty } from 'node:tty';
import { writeToDescriptor } from './fs/stdio.js';

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
}

/** Decides colour as picocolors does: NO_COLOR wins, FORCE_COLOR forces, else a TTY. */
export function shouldUseColor(env: NodeJS.ProcessEnv, isTty: boolean, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return isTty;
}

/** The real context of a CLI run. */
export function createContext(options: { color?: boolean | undefined; quiet?: boolean | undefined } = {}): Context {
  // isatty, not process.stdin.isTTY: touching process.stdin builds a stream we may never read.
  const isInteractive = isatty(0) && isatty(2) && !process.env['CI'];
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: { write: (text) => writeToDescriptor(1, text) },
    stderr: { write: (text) => writeToDescriptor(2, text) },
    isInteractive,
    color: shouldUseColor(process.env, isatty(1), options.color),
    quiet: options.quiet === true,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
