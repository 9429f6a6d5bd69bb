/** `npm start` (scripts/demo.mjs): the example's story, readable in a log: no escape codes in a pipe or with NO_COLOR. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const DEMO = `${process.execPath} ${join('scripts', 'demo.mjs')} --no-build`;
/** util-linux `script` gives the demo a real terminal (its stdout is a pty). */
const HAS_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

function assertPlain({ code, output }: { code: number | null; output: string }): void {
  assert.equal(code, 0, output);
  assert.ok(!output.includes('\u001b['), `an escape code in:\n${output}`);
  assert.match(output, /^\$ lucid-env check .* # the CI gate on the env file as it was written by hand\r?\n/m);
  assert.match(output, /^\(exit 1\)\r?$/m);
}

describe('npm start', () => {
  it('prints no escape code into a pipe', async () => {
    assertPlain(await run(process.execPath, [join('scripts', 'demo.mjs'), '--no-build'], {}));
  });

  it('prints no escape code on a terminal with NO_COLOR', { skip: HAS_SCRIPT ? false : 'util-linux script is not on PATH' }, async () => {
    assertPlain(await run('script', ['-qec', DEMO, '/dev/null'], { NO_COLOR: '1', TERM: 'xterm' }));
  });
});
