/**
 * Runs the CLI: `runLucid` in process (the default for tests: argument parsing, output and exit code
 * exactly as the CLI, without starting Node), `runCli` as a user would, a real process of the built
 * bundle with NO_COLOR (kept for a few end-to-end tests per command).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInProcess } from './context.js';

/** The bundled executable (override with LUCID_ENV_CLI to test another build). */
export const CLI_PATH = resolve(process.env['LUCID_ENV_CLI'] ?? join('dist', 'bin', 'lucid-env.js'));

/** What one run printed and how it ended. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How to run the CLI: folder, standard input, environment (beside NO_COLOR and CI). */
export interface CliOptions {
  cwd?: string;
  input?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Runs `lucid-env ...args` in process in `cwd`, with only `env` as its environment and `input` as stdin. */
export async function runLucid(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return runInProcess(args, options.cwd ?? process.cwd(), { input: options.input ?? '', env: { ...options.env } });
}

/** Runs `lucid-env ...args` as a process in `cwd`; `input` goes to stdin (closed otherwise). */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: 'true', COMPOSE_FILE: undefined, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A temporary copy of the bundled example (examples/foundation); returns its folder. */
export function copyExample(): string {
  const directory = mkdtempSync(join(tmpdir(), 'lucid-env-test-'));
  cpSync(join(process.cwd(), 'examples', 'foundation'), directory, { recursive: true });
  return directory;
}

/** The example's compose and env file arguments, relative to a copy's folder. */
export const EXAMPLE_ARGS = {
  compose: ['-f', 'configs/docker/docker-compose.foundation.yml'],
  env: ['-e', 'configs/environment/.env.foundation'],
} as const;
