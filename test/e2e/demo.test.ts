/** `npm start` (scripts/demo.mjs): the example's story, readable in a log: no escape codes in a pipe or with NO_COLOR. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

function runDemo(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join('scripts', 'demo.mjs'), '--no-build'], {
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

describe('npm start', () => {
  it('prints no escape code into a pipe, nor with NO_COLOR even when FORCE_COLOR asks', async () => {
    const runs = await Promise.all([runDemo({}), runDemo({ NO_COLOR: '1', FORCE_COLOR: '1' })]);
    for (const { code, output } of runs) {
      assert.equal(code, 0, output);
      assert.ok(!output.includes('\u001b['), `an escape code in:\n${output}`);
      assert.match(output, /^\$ lucid-env check .* # the CI gate on the env file as it was written by hand\n/m);
      assert.match(output, /^\(exit 1\)$/m);
    }
  });
});
