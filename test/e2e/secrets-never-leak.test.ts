/**
 * SPEC section 9: a secret value never reaches stdout or stderr unless `--show-secrets`. Every command
 * that reads or writes secrets runs on a copy of the example, in text and json; every value the env
 * file ever held is then searched for in everything printed.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CliResult } from './support.js';
import { assertNoLeak, assertNoStackTrace, EXAMPLE_ARGS, exampleCopy, FOUNDATION_EXTRA_SECRETS, parseJson, runLucid, secretValuesOf } from './support.js';

const ENV = 'configs/environment/.env.foundation';
const CHECK_ARGS = [...EXAMPLE_ARGS.compose, ...EXAMPLE_ARGS.env];
/** What `set` reads from stdin; it must never be echoed. */
const TYPED_PASSWORD = 'Tp7wQ3zK9mX2vB6nR4sL8cJ5';

/** Commands run in one folder: every result, and every secret value the env file held after each. */
interface Session {
  directory: string;
  runs: { label: string; result: CliResult }[];
  secrets: Map<string, string>;
  run(args: string[], expectedCode: number, input?: string): Promise<CliResult>;
}

function startSession(directory: string): Session {
  const session: Session = {
    directory,
    runs: [],
    secrets: new Map(),
    async run(args, expectedCode, input) {
      const result = await runLucid(args, { cwd: directory, ...(input === undefined ? {} : { input }) });
      const label = `lucid-env ${args.join(' ')}`;
      assertNoStackTrace(result);
      assert.equal(result.code, expectedCode, `${label}\n${result.stderr}`);
      session.runs.push({ label, result });
      const path = join(directory, ENV);
      if (existsSync(path)) {
        for (const [key, value] of secretValuesOf(path, FOUNDATION_EXTRA_SECRETS)) session.secrets.set(`${key}@${session.secrets.size}`, value);
      }
      return result;
    },
  };
  return session;
}

for (const format of ['text', 'json'] as const) {
  describe(`secrets never leak (--format ${format})`, () => {
    const fmt = ['--format', format];

    it('generate, check, render, rotate, set and init print names and fingerprints, never values', async () => {
      const session = startSession(exampleCopy());
      const generated = await session.run(['generate', '-t', 'foundation', ...fmt], 0);
      if (format === 'json') {
        const report = parseJson<{ changes: { key: string; fingerprint?: string }[] }>(generated);
        assert.deepEqual(
          report.changes.map((change) => change.key),
          [
            'ENCRYPTION_KEY',
            'TOR_PASSWORD',
            'MONGODB_PASSWORD',
            'REDIS_PASSWORD',
            'ELASTICSEARCH_PASSWORD',
            'JWT_SECRET_KEY',
            'TOR_HASHED_CONTROL_PASSWORD',
            'MONGODB_URI',
            'REDIS_URL',
          ],
        );
        for (const change of report.changes) assert.match(change.fingerprint ?? '', /^[0-9a-f]{12}$/);
      } else {
        assert.match(generated.stderr, /^ {2}added +ENCRYPTION_KEY +\(fingerprint [0-9a-f]{12}\) +missing$/m);
      }
      await session.run(['generate', '-t', 'foundation', '--dry-run', ...fmt], 0);
      await session.run(['check', ...CHECK_ARGS, ...fmt], 0);
      await session.run(['check', ...CHECK_ARGS, '-t', 'foundation', ...fmt], 0);
      await session.run(['render', ...CHECK_ARGS], 0);
      await session.run(['rotate', '-t', 'foundation', 'ENCRYPTION_KEY', 'TOR_PASSWORD', ...fmt], 0);
      await session.run(['rotate', '-t', 'foundation', '--group', 'encryption', '--dry-run', ...fmt], 0);
      await session.run(['rotate', '-t', 'foundation', '--check', ...fmt], 0);
      await session.run(['set', 'MONGODB_PASSWORD', '-t', 'foundation', ...fmt], 0, TYPED_PASSWORD);
      await session.run(['set', 'JWT_SECRET_KEY', '--generate', '-t', 'foundation', ...fmt], 0);
      await session.run(['init', '-t', 'foundation', '--yes', ...fmt], 0);
      await session.run(['init', '-t', 'foundation', '--yes', '--force', ...fmt], 0);
      await session.run(['check', ...CHECK_ARGS, '-t', 'foundation', ...fmt], 0);
      await session.run(['render', ...CHECK_ARGS], 0);

      assert.equal([...session.secrets.values()].filter((value) => value === TYPED_PASSWORD).length > 0, true, 'set wrote the typed value');
      assert.ok(new Set(session.secrets.values()).size >= 20, 'rotate, set and init --force changed values');
      assertNoLeak(session.runs, new Map([...session.secrets, ['typed', TYPED_PASSWORD]]));
    });

    it('init --yes on a stack without an env file prints no value', async () => {
      const session = startSession(exampleCopy());
      rmSync(join(session.directory, ENV));
      await session.run(['init', '-t', 'foundation', '--yes', ...fmt], 0);
      assert.ok(session.secrets.size >= 9);
      await session.run(['check', ...CHECK_ARGS, '-t', 'foundation', ...fmt], 0);
      assertNoLeak(session.runs, session.secrets);
    });

    it('history and its lines hold fingerprints, never values', async () => {
      const session = startSession(exampleCopy());
      await session.run(['generate', '-t', 'foundation', ...fmt], 0);
      await session.run(['rotate', '-t', 'foundation', 'ENCRYPTION_KEY', ...fmt], 0);
      await session.run(['set', 'MONGODB_PASSWORD', '-t', 'foundation', ...fmt], 0, TYPED_PASSWORD);
      const stateDirectory = join(session.directory, 'configs', 'environment', '.lucid-env');
      const history = readFileSync(join(stateDirectory, 'history.jsonl'), 'utf8');
      const lines = history
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.ok(lines.length >= 10);
      for (const line of lines) assert.match(String(line['fingerprint']), /^[0-9a-f]{12}$/);
      for (const [name, value] of [...session.secrets, ['typed', TYPED_PASSWORD] as const])
        assert.ok(!history.includes(value), `history holds the value of ${name}`);
      assert.ok(readdirSync(join(stateDirectory, 'backups')).length >= 1, 'rotate made a backup');
    });
  });
}

describe('--show-secrets is the one way to see values', () => {
  it('generate --show-secrets prints KEY=value for every new value (the leak check would catch it)', async () => {
    const session = startSession(exampleCopy());
    const shown = await session.run(['generate', '-t', 'foundation', '--show-secrets'], 0);
    const secrets = secretValuesOf(join(session.directory, ENV), FOUNDATION_EXTRA_SECRETS);
    for (const key of ['ENCRYPTION_KEY', 'TOR_PASSWORD', 'MONGODB_PASSWORD', 'MONGODB_URI']) {
      assert.ok(shown.stdout.split('\n').includes(`${key}=${secrets.get(key) ?? '?'}`), `${key} is shown`);
    }
    assert.throws(() => assertNoLeak(session.runs, secrets), /the value of \w+ appears on stdout/);
    assert.ok(!shown.stderr.includes(secrets.get('TOR_PASSWORD') ?? '?'), 'values go to stdout only');
  });

  it('render --show-secrets shows values that render without it masks', async () => {
    const session = startSession(exampleCopy());
    await session.run(['generate', '-t', 'foundation'], 0);
    const secrets = secretValuesOf(join(session.directory, ENV), FOUNDATION_EXTRA_SECRETS);
    const masked = await runLucid(['render', ...CHECK_ARGS], { cwd: session.directory });
    const shown = await runLucid(['render', ...CHECK_ARGS, '--show-secrets'], { cwd: session.directory });
    assertNoLeak([{ label: 'render', result: masked }], secrets);
    assert.throws(() => assertNoLeak([{ label: 'render --show-secrets', result: shown }], secrets));
  });
});
