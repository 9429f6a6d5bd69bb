/**
 * The no-plaintext sweep of sealed env files, with the real CLI: every command that touches a sealed
 * file runs on a copy of the example; then every secret value the file ever held is searched for in
 * everything printed and in every file on disk except the plain env file (backups, history, locks,
 * the sealed file, the keys directory, whatever `run` might have left).
 */

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import type { CliResult } from './support.js';
import { assertNoLeak, assertNoStackTrace, exampleCopy, FOUNDATION_EXTRA_SECRETS, secretValuesOf } from './support.js';

const PLAIN = 'configs/environment/.env.foundation';
const SEALED = `${PLAIN}.sealed`;
const COMPOSE = ['-f', 'configs/docker/docker-compose.foundation.yml'];

function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

describe('sealed env files never leak a value', () => {
  it('keys, seal, check, render, scan, generate, set, rotate, rekey, run, unseal: no value printed or left on disk', async () => {
    const dir = exampleCopy();
    const keysDir = join(dir, '..', `${dir.split('/').pop()}-keys`);
    const env = { LUCID_ENV_KEYS_DIR: keysDir };
    const runs: { label: string; result: CliResult }[] = [];
    const secrets = new Map<string, string>();
    const remember = () => {
      for (const [key, value] of secretValuesOf(join(dir, PLAIN), FOUNDATION_EXTRA_SECRETS)) secrets.set(`${key}@${secrets.size}`, value);
    };
    const run = async (args: string[], code: number, input?: string) => {
      const result = await runCli(args, { cwd: dir, env, ...(input === undefined ? {} : { input }) });
      assertNoStackTrace(result);
      assert.equal(result.code, code, `lucid-env ${args.join(' ')}\n${result.stderr}`);
      runs.push({ label: `lucid-env ${args.join(' ')}`, result });
      return result;
    };
    try {
      await run(['keys', 'new', 'alice'], 0);
      await run(['generate', '-t', 'foundation', '-e', PLAIN], 0);
      remember();
      await run(['seal', '-e', PLAIN], 0);
      for (const format of ['text', 'json', 'github', 'sarif']) await run(['check', ...COMPOSE, '-e', SEALED, '-t', 'foundation', '--format', format], 0);
      await run(['render', ...COMPOSE, '-e', SEALED], 0);
      await run(['scan', ...COMPOSE, '-e', SEALED, '--format', 'json'], 0);
      await run(['set', 'LOG_LEVEL', '-e', SEALED], 0, 'DEBUG\n');
      await run(['set', 'MONGODB_PASSWORD', '-e', SEALED, '-t', 'foundation', '--generate'], 0);
      await run(['rotate', '-t', 'foundation', '-e', SEALED, 'JWT_SECRET_KEY', 'ENCRYPTION_KEY'], 0);
      await run(['keys', 'new', 'bob'], 0);
      await run(['rekey', SEALED, '--add', 'bob'], 0);
      await run(['rekey', SEALED, '--remove', 'bob'], 0);
      await run(['run', '-e', SEALED, '--', process.execPath, '-e', 'process.exit(process.env.MONGODB_PASSWORD ? 0 : 9)'], 0);
      await run(['unseal', SEALED, '--force'], 0);
      remember();
      assert.ok(secrets.size > 10, `only ${secrets.size} values to look for`);
      assertNoLeak(runs, secrets);
      const left = [...filesUnder(dir), ...filesUnder(keysDir)].filter((file) => !file.path.endsWith(PLAIN));
      assert.ok(left.some((file) => file.path.includes('backups')));
      for (const file of left) {
        for (const [name, value] of secrets) {
          if (value.length >= 6) assert.ok(!file.text.includes(value), `${file.path} holds the value of ${name}`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(keysDir, { recursive: true, force: true });
    }
  });
});
