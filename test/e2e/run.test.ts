/** `run` as a real process: the child's exit code, and signals passed on to it. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import { CLI_PATH } from '../helpers/cli.js';

function workDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-env-run-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, '.env'), 'GREETING=hello\n');
  return dir;
}

/** A child that says it is ready, then waits; on `signal` it records it and exits with `code`. */
function childScript(dir: string, signal: string | undefined, code: number): string {
  const handler =
    signal === undefined
      ? ''
      : `process.on(${JSON.stringify(signal)}, () => { fs.writeFileSync(${JSON.stringify(join(dir, 'got'))}, ${JSON.stringify(signal)}); ` +
        `process.exit(${code}); });`;
  return `const fs = require('node:fs'); ${handler}
fs.writeFileSync(${JSON.stringify(join(dir, 'ready'))}, process.env.GREETING); setInterval(() => {}, 1000);`;
}

/** Starts `lucid-env run` with the child, sends `signal` once the child is ready, and resolves to the exit code. */
async function runAndSignal(dir: string, script: string, signal: NodeJS.Signals): Promise<number | null> {
  const cli = spawn(process.execPath, [CLI_PATH, 'run', '-e', '.env', '--', process.execPath, '-e', script], {
    cwd: dir,
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', CI: 'true' },
  });
  const ended = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  while (!existsSync(join(dir, 'ready')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(readFileSync(join(dir, 'ready'), 'utf8'), 'hello');
  cli.kill(signal);
  return ended;
}

describe('run (a real process)', () => {
  it('exits with the exit code of its command', async (t) => {
    const dir = workDir(t);
    const result = await new Promise<number | null>((resolve) => {
      spawn(process.execPath, [CLI_PATH, 'run', '-e', '.env', '--', process.execPath, '-e', 'process.exit(process.env.GREETING === "hello" ? 3 : 4)'], {
        cwd: dir,
        stdio: 'ignore',
      }).on('exit', resolve);
    });
    assert.equal(result, 3);
  });

  for (const [signal, code] of [
    ['SIGTERM', 42],
    ['SIGINT', 43],
    ['SIGHUP', 44],
  ] as const) {
    it(`passes ${signal} on to its command and exits with the command's code`, async (t) => {
      const dir = workDir(t);
      assert.equal(await runAndSignal(dir, childScript(dir, signal, code), signal), code);
      assert.equal(readFileSync(join(dir, 'got'), 'utf8'), signal);
    });
  }

  it('exits with 128 + the signal number when the signal ends its command', async (t) => {
    const dir = workDir(t);
    assert.equal(await runAndSignal(dir, childScript(dir, undefined, 0), 'SIGTERM'), 143);
  });
});
