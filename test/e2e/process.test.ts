/**
 * The built CLI as a real process, a few runs per command: the bundle, its launcher, standard input
 * from a pipe, exit codes through the process, output written to the descriptors. Everything else is
 * tested in process (runLucid), which runs the same code without starting Node.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CliResult } from './support.js';
import { assertNoLeak, assertNoStackTrace, EXAMPLE_ARGS, exampleCopy, parseJson, runCli, secretValuesOf } from './support.js';

const ENV = 'configs/environment/.env.foundation';
const EXAMPLE = [...EXAMPLE_ARGS.compose, ...EXAMPLE_ARGS.env];
const ESCAPE = '\u001b[';
const PASSWORD = 'Tp7wQ3zK9mX2vB6nR4sL8cJ5Hd2Wf9Ga';

/** Runs the built CLI and fails the test unless it exits with `code`; no run may print a stack trace or a colour code (NO_COLOR). */
async function spawnLucid(args: readonly string[], cwd: string, code: number, input?: string): Promise<CliResult> {
  const result = await runCli(args, { cwd, ...(input === undefined ? {} : { input }) });
  assert.equal(result.code, code, `lucid-env ${args.join(' ')} exited ${String(result.code)}\n${result.stderr}`);
  assertNoStackTrace(result);
  assert.ok(!result.stdout.includes(ESCAPE) && !result.stderr.includes(ESCAPE), `lucid-env ${args.join(' ')} printed an escape code`);
  return result;
}

describe('the built CLI as a process', () => {
  it('commands that only read: scan, check, render, template, tor-hash, --version, a usage error', async () => {
    const directory = exampleCopy();
    const [scan, check, render, templates, torHash, version, usage] = await Promise.all([
      spawnLucid(['scan', '--format', 'json', ...EXAMPLE_ARGS.compose], directory, 0),
      spawnLucid(['check', '--format', 'json', ...EXAMPLE], directory, 1),
      spawnLucid(['render', ...EXAMPLE], directory, 0),
      spawnLucid(['template', 'list'], directory, 0),
      spawnLucid(['tor-hash'], directory, 0, 'a password from a pipe\n'),
      spawnLucid(['--version'], directory, 0),
      spawnLucid(['check', '--no-such-flag'], directory, 2),
    ]);
    assert.ok(parseJson<{ references: unknown[] }>(scan).references.length > 0);
    const report = parseJson<{ ok: boolean; findings: { code: string }[] }>(check);
    assert.equal(report.ok, false);
    assert.ok(report.findings.some((finding) => finding.code === 'missing'));
    assert.match(render.stdout, /^ {6}ENCRYPTION_KEY: ""$/m);
    assert.match(templates.stdout, /^foundation\b/m);
    assert.match(torHash.stdout, /^16:[0-9A-F]{58}\n$/);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.match(usage.stderr, /unknown option '--no-such-flag'/);
  });

  it('commands that write: init --yes, generate, set from a pipe, rotate; then check passes and nothing leaked', async () => {
    const directory = exampleCopy();
    rmSync(join(directory, ENV), { force: true });
    const runs: { label: string; result: CliResult }[] = [];
    const run = async (args: string[], code: number, input?: string) => {
      const result = await spawnLucid(args, directory, code, input);
      runs.push({ label: args.join(' '), result });
      return result;
    };
    await run(['init', '-t', 'foundation', '-e', ENV, '--yes'], 0);
    const initial = secretValuesOf(join(directory, ENV));
    await run(['generate', '-t', 'foundation', '-e', ENV, 'JWT_SECRET_KEY'], 0);
    await run(['set', 'MONGODB_PASSWORD', '-t', 'foundation', '-e', ENV], 0, `${PASSWORD}\n`);
    assert.match(readFileSync(join(directory, ENV), 'utf8'), new RegExp(`^MONGODB_PASSWORD=${PASSWORD}$`, 'm'));
    await run(['rotate', '-t', 'foundation', '-e', ENV, 'ENCRYPTION_KEY'], 0);
    const check = await run(['check', ...EXAMPLE, '-t', 'foundation'], 0);
    assert.match(check.stdout, /no problems/);
    assertNoLeak(runs, new Map([...initial, ...secretValuesOf(join(directory, ENV))].map(([key, value], index) => [`${key}#${index}`, value])));
  });
});
