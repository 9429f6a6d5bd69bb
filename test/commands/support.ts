/** Shared helpers of the command tests: example copies, env-file reading, history, tmux. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { envValues, parseEnv } from '../../src/dotenv/parse.js';
import type { CliOptions, CliResult } from '../helpers/cli.js';
import { CLI_PATH, copyExample, runCli, runLucid } from '../helpers/cli.js';

/** The bundled CLI (resolved against the project root by test/helpers/cli.ts). */
export const CLI = CLI_PATH;

/** The environment of a CLI run: no colour, no terminal (CI), no COMPOSE_FILE. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: 'true', COMPOSE_FILE: undefined, ...extra };
}

export { runCli, runLucid };

/** The example's env file, relative to a copy. */
export const ENV_REL = 'configs/environment/.env.foundation';
/** The example's compose file, relative to a copy. */
export const COMPOSE_REL = 'configs/docker/docker-compose.foundation.yml';
/** The secrets the foundation template generates, in template order. */
export const GENERATED_KEYS = ['ENCRYPTION_KEY', 'TOR_PASSWORD', 'MONGODB_PASSWORD', 'REDIS_PASSWORD', 'ELASTICSEARCH_PASSWORD', 'JWT_SECRET_KEY'] as const;
/** The values it derives, in template order. */
export const DERIVED_KEYS = ['TOR_HASHED_CONTROL_PASSWORD', 'MONGODB_URI', 'REDIS_URL'] as const;

/** A copy of examples/foundation removed after the test; returns the folder and its env file. */
export function exampleCopy(t: TestContext): { dir: string; env: string } {
  const dir = copyExample();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, env: join(dir, ENV_REL) };
}

/** An empty temp folder removed after the test. */
export function scratchDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-env-cmd-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs the CLI in process and fails the test (with its output) unless it exits with `code`. */
export async function cli(args: readonly string[], options: CliOptions & { cwd: string }, code = 0): Promise<CliResult> {
  return expectExit(args, await runLucid(args, options), code);
}

/** Runs the built CLI as a process (the end-to-end tests) and fails the test unless it exits with `code`. */
export async function spawnCli(args: readonly string[], options: CliOptions & { cwd: string }, code = 0): Promise<CliResult> {
  return expectExit(args, await runCli(args, options), code);
}

function expectExit(args: readonly string[], result: CliResult, code: number): CliResult {
  assert.equal(result.code, code, `lucid-env ${args.join(' ')} exited ${String(result.code)}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result;
}

/** A copy of the example after `generate`; returns its folder, env file and the generated text. */
export async function generatedCopy(t: TestContext): Promise<{ dir: string; env: string; text: string }> {
  const copy = exampleCopy(t);
  await cli(['generate', '-t', 'foundation', '-e', ENV_REL, '-q'], { cwd: copy.dir });
  return { ...copy, text: readFileSync(copy.env, 'utf8') };
}

/** Parses env text with our parser; fails on any env-syntax finding. */
export function valuesOf(text: string, file = '.env'): Map<string, string> {
  const { document, findings } = parseEnv(text, { file });
  assert.deepEqual(
    findings.filter((finding) => finding.code === 'env-syntax'),
    [],
    `env-syntax findings in ${file}`,
  );
  return envValues(document);
}

/** The values of an env file on disk. */
export function readValues(path: string): Map<string, string> {
  return valuesOf(readFileSync(path, 'utf8'), path);
}

/** Keys whose value differs between two maps (or that exist in only one), sorted. */
export function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key)).sort();
}

/** Permission bits of a file or folder. */
export function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

/** One parsed line of `.lucid-env/history.jsonl`. */
export interface HistoryLine {
  time: string;
  file: string;
  key: string;
  action: string;
  fingerprint: string;
}

/** The history lines beside an env file ([] when there is none). */
export function readHistoryLines(envFile: string): HistoryLine[] {
  const path = join(envFile, '..', '.lucid-env', 'history.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as HistoryLine);
}

/** Asserts each history line has exactly time, file, key, action, fingerprint and holds none of `values`. */
export function assertHistoryShape(lines: readonly HistoryLine[], values: Iterable<string>): void {
  for (const line of lines) {
    assert.deepEqual(Object.keys(line), ['time', 'file', 'key', 'action', 'fingerprint']);
    assert.match(line.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.match(line.fingerprint, /^[0-9a-f]{12}$/);
  }
  assertNoValues(lines.map((line) => JSON.stringify(line)).join('\n'), values);
}

/** Asserts that none of the (non-trivial) values occurs in `text`. */
export function assertNoValues(text: string, values: Iterable<string>): void {
  for (const value of values) if (value.length >= 8) assert.ok(!text.includes(value), `output contains a secret value (${value.length} chars)`);
}

/** The backups folder beside an env file and its files, oldest first. */
export function listBackups(envFile: string): { dir: string; files: string[] } {
  const dir = join(envFile, '..', '.lucid-env', 'backups');
  return { dir, files: existsSync(dir) ? readdirSync(dir).sort() : [] };
}

export { testContext } from '../helpers/context.js';

/** True when `name` is an executable on PATH. */
export function onPath(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** A private tmux server (its own socket) for one test; killed after it. */
export function tmuxServer(t: TestContext): {
  run(args: readonly string[]): string;
  pane(): string;
  waitFor(test: (pane: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
} {
  const socket = join(tmpdir(), `lucid-env-tmux-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  const run = (args: readonly string[]) => execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
  t.after(() => {
    try {
      run(['kill-server']);
    } catch {
      // Already gone: the session ended with its command.
    }
    rmSync(socket, { force: true });
  });
  const pane = () => run(['capture-pane', '-p', '-t', 'lucid', '-S', '-200']);
  const waitFor = async (test: (pane: string) => boolean, what: string, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        last = pane();
      } catch {
        last = '(no pane)';
      }
      if (test(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail(`timed out waiting for ${what}; the pane shows:\n${last}`);
  };
  return { run, pane, waitFor };
}
