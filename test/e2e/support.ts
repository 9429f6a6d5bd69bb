/** Small helpers shared by the end-to-end tests: temp folders, fixtures, JSON output, leak checks. */
import './cli-path.js';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Finding } from '../../src/findings.js';
import type { CliResult } from '../helpers/cli.js';
import { copyExample, runLucid } from '../helpers/cli.js';

export type { CliResult } from '../helpers/cli.js';
export { EXAMPLE_ARGS, runCli, runLucid } from '../helpers/cli.js';

const created: string[] = [];
process.on('exit', () => {
  for (const directory of created) rmSync(directory, { recursive: true, force: true });
});

/** An empty temp folder, removed when the test process exits. */
export function scratch(): string {
  const directory = mkdtempSync(join(tmpdir(), 'lucid-env-e2e-'));
  created.push(directory);
  return directory;
}

/** A temp copy of examples/foundation, removed when the test process exits. */
export function exampleCopy(): string {
  const directory = copyExample();
  created.push(directory);
  return directory;
}

/** Writes `files` (path → text) into a new temp folder; returns the folder. */
export function writeProject(files: Record<string, string>): string {
  const directory = scratch();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), text, { mode: 0o600 });
  }
  return directory;
}

/**
 * Copies test/fixtures/<name> to a temp folder. Git keeps no file modes, so every env file is made
 * 0600 (otherwise each fixture holding a secret would also report insecure-permissions).
 */
export function copyFixture(name: string): string {
  const directory = scratch();
  cpSync(join(process.cwd(), 'test', 'fixtures', name), directory, { recursive: true });
  for (const entry of readdirSync(directory)) {
    if (entry === '.env' || entry.endsWith('.env')) chmodSync(join(directory, entry), 0o600);
  }
  return directory;
}

/** Copies a (possibly read-only) folder to a temp folder: folders 0700, files 0600, so it can be edited and removed. */
export function copyTree(source: string): string {
  const directory = scratch();
  cpSync(source, directory, { recursive: true });
  const walk = (folder: string): void => {
    chmodSync(folder, 0o700);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name));
      else chmodSync(join(folder, entry.name), 0o600);
    }
  };
  walk(directory);
  return directory;
}

/** What a reporter's finding looks like in JSON: the Finding shape of src/findings.ts. */
export type JsonFinding = Finding;

/** The place of a finding, the part the tests compare exactly. */
export interface FindingPlace {
  code: string;
  severity: string;
  file: string;
  line: number;
  column: number;
}

/** Parses stdout as JSON, failing the test with the output when it is not. */
export function parseJson<T = Record<string, unknown>>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    assert.fail(`stdout is not JSON (exit ${String(result.code)}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** `{code, severity, file, line, column}` of every finding, in output order. */
export function placesOf(findings: readonly JsonFinding[]): FindingPlace[] {
  return findings.map(({ code, severity, file, line, column }) => ({ code, severity, file, line, column }));
}

/** Shorthand for an expected finding place. */
export function at(code: string, severity: string, file: string, line: number, column: number): FindingPlace {
  return { code, severity, file, line, column };
}

/** Runs `check --format json` and returns the parsed report with the raw result. */
export async function checkJson(
  args: readonly string[],
  cwd: string,
): Promise<{ result: CliResult; report: { version: number; ok: boolean; summary: Record<string, number>; findings: JsonFinding[] } }> {
  const result = await runLucid(['check', '--format', 'json', ...args], { cwd });
  return { result, report: parseJson(result) };
}

/** Asserts stderr holds no stack trace (`    at fn (file:line)` frames). */
export function assertNoStackTrace(result: CliResult): void {
  assert.doesNotMatch(result.stderr, /\n\s+at /, `stack trace on stderr:\n${result.stderr}`);
  assert.doesNotMatch(result.stdout, /\n\s+at .*:\d+:\d+/, `stack trace on stdout:\n${result.stdout}`);
  assert.doesNotMatch(result.stderr, /internal error/, `internal error:\n${result.stderr}`);
}

/** Asserts none of the secrets (name → value) appears in any of the runs' stdout or stderr. */
export function assertNoLeak(runs: readonly { label: string; result: CliResult }[], secrets: ReadonlyMap<string, string>): void {
  const checked = [...secrets].filter(([, value]) => value.length >= 6);
  assert.ok(checked.length > 0, 'no secret values to look for');
  for (const { label, result } of runs) {
    for (const [name, value] of checked) {
      assert.ok(!result.stdout.includes(value), `${label}: the value of ${name} appears on stdout`);
      assert.ok(!result.stderr.includes(value), `${label}: the value of ${name} appears on stderr`);
    }
  }
}

/** Names that hold secrets without a template (SPEC section 1). */
export const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|ENCRYPTION_KEY|_KEY$|PASSPHRASE/;

/** Secrets of the foundation template whose names do not say so (they embed passwords). */
export const FOUNDATION_EXTRA_SECRETS = ['MONGODB_URI', 'REDIS_URL'];

/**
 * Reads `KEY=value` lines of a simple env file (as lucid-env writes them: unquoted or single
 * quoted, with an optional `   # comment`); enough to learn the values the tests must not see.
 */
export function readEnvValues(path: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match === null) continue;
    let value = (match[2] as string).trim();
    const quoted = /^(['"])(.*?)\1(\s+#.*)?$/.exec(value);
    if (quoted !== null) value = quoted[2] as string;
    else value = value.replace(/\s+#.*$/, '');
    values.set(match[1] as string, value);
  }
  return values;
}

/** The non-empty values (name → value) of secret-looking keys of an env file, and of `extraKeys`. */
export function secretValuesOf(path: string, extraKeys: readonly string[] = []): Map<string, string> {
  return new Map([...readEnvValues(path)].filter(([key, value]) => (SECRET_NAME.test(key) || extraKeys.includes(key)) && value !== ''));
}
