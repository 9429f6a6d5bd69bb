/** Shared setup of the sealed-file tests: an example copy, a private keys directory, in-process runs. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { RunResult } from '../helpers/context.js';
import { runInProcess } from '../helpers/context.js';
import { ENV_REL, exampleCopy, scratchDir } from './support.js';

/** The example's sealed env file, relative to a copy. */
export const SEALED_REL = `${ENV_REL}.sealed`;

/** A sealed example: alice's key in a private keys directory, the example's env file sealed to her. */
export interface SealedProject {
  dir: string;
  /** The environment of every run: LUCID_ENV_KEYS_DIR only. */
  env: NodeJS.ProcessEnv;
  keysDir: string;
  plainPath: string;
  sealedPath: string;
  /** The plain file's text as sealed. */
  plainText: string;
  /** Runs the CLI in process in the copy, with `env` plus `extraEnv`. */
  run(args: readonly string[], options?: { input?: string; env?: NodeJS.ProcessEnv }): Promise<RunResult>;
  /** Like run, failing the test unless it exits with `code`. */
  expect(code: number, args: readonly string[], options?: { input?: string; env?: NodeJS.ProcessEnv }): Promise<RunResult>;
}

/** Makes a sealed example project (alice's key, the example env file sealed). */
export async function sealedProject(t: TestContext, options: { seal?: boolean } = {}): Promise<SealedProject> {
  const { dir, env: plainPath } = exampleCopy(t);
  const keysDir = join(scratchDir(t), 'keys');
  const env = { LUCID_ENV_KEYS_DIR: keysDir };
  const run = (args: readonly string[], extra: { input?: string; env?: NodeJS.ProcessEnv } = {}) =>
    runInProcess(args, dir, { env: { ...env, ...extra.env }, ...(extra.input === undefined ? {} : { input: extra.input }) });
  const expect = async (code: number, args: readonly string[], extra: { input?: string; env?: NodeJS.ProcessEnv } = {}) => {
    const result = await run(args, extra);
    assert.equal(result.code, code, `lucid-env ${args.join(' ')} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
    return result;
  };
  await expect(0, ['keys', 'new', 'alice']);
  if (options.seal !== false) await expect(0, ['seal', '-e', ENV_REL]);
  return { dir, env, keysDir, plainPath, sealedPath: `${plainPath}.sealed`, plainText: readFileSync(plainPath, 'utf8'), run, expect };
}

/** The token of `key` in a sealed file's text. */
export function tokenOf(text: string, key: string): string {
  const match = new RegExp(`^${key}=["']?(sealed\\.v1\\.[^"'\\s]+)`, 'm').exec(text);
  assert.ok(match?.[1] !== undefined, `no sealed value for ${key}`);
  return match[1];
}

/** The sealed text with `key`'s token replaced. */
export function withToken(text: string, key: string, token: string): string {
  return text.replace(tokenOf(text, key), token);
}
