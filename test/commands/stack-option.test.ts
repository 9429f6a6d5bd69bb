import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from '../helpers/context.js';
import { scratchDir } from './support.js';

/** A workspace whose stack `web` lives in web/ and reads web/.env.web (and web/.env.later, not written yet). */
function writeWorkspace(dir: string): void {
  const files: Record<string, string> = {
    'lucid-env.yml': 'version: 1\nstacks:\n  web:\n    compose: [web/compose.yaml]\n    envFiles: [web/.env.web, web/.env.later]\n',
    'web/compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG:-1}"\n    environment:\n      API_KEY: ${API_KEY}\n',
    'web/.env.web': 'TAG=2\nAPI_KEY=Qw5Er8Ty2Ui6Op9As3Df7Gh4Jk1Lz0Xc\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text, { mode: 0o600 });
  }
}

describe('--stack on commands that run on one project', () => {
  it("render --stack reads the stack's compose files and the env files that exist", async (t) => {
    const dir = scratchDir(t);
    writeWorkspace(dir);
    const result = await runInProcess(['render', '--stack', 'web'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '# web/compose.yaml\nservices:\n  web:\n    image: "nginx:2"\n    environment:\n      API_KEY: "********"\n');
  });

  it("export --stack exports the stack's secrets", async (t) => {
    const dir = scratchDir(t);
    writeWorkspace(dir);
    const result = await runInProcess(['export', '--to', 'kubernetes', '--stack', 'web', '-o', '-'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^kind: Secret$/m);
    assert.match(result.stdout, /^ {2}API_KEY: \S+$/m);
  });

  it('refuses -f, --project-directory and -e beside --stack, and an unknown stack', async (t) => {
    const dir = scratchDir(t);
    writeWorkspace(dir);
    const withFile = await runInProcess(['render', '--stack', 'web', '-f', 'web/compose.yaml'], dir);
    assert.deepEqual(
      [withFile.code, withFile.stderr.split('\n')[0]],
      [2, 'error [USAGE] --stack takes the compose files from the stacks; drop -f and --project-directory'],
    );
    const withEnv = await runInProcess(['export', '--to', 'kubernetes', '--stack', 'web', '-e', 'web/.env.web'], dir);
    assert.deepEqual([withEnv.code, withEnv.stderr.split('\n')[0]], [2, 'error [USAGE] --stack takes the env files from the stack; drop -e']);
    const unknown = await runInProcess(['render', '--stack', 'api'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^error \[USAGE\] no stack named "api" in .*lucid-env\.yml\n {2}hint: stacks: web\n$/);
  });
});
