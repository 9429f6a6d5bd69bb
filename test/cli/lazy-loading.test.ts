import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI_PATH, copyExample, EXAMPLE_ARGS } from '../helpers/cli.js';

// A preload hook that records every package the process loads through require, written at exit.
const hookDirectory = mkdtempSync(join(tmpdir(), 'lucid-env-hook-'));
const hook = join(hookDirectory, 'record-loads.cjs');
writeFileSync(
  hook,
  `const Module = require('node:module');
const loaded = new Set();
const original = Module._load;
Module._load = function (request, ...rest) { loaded.add(request); return original.call(this, request, ...rest); };
process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADS_FILE, [...loaded].join('\\n')));
`,
);

function loadsOf(args: string[], cwd: string): string[] {
  const loadsFile = join(hookDirectory, `loads-${Math.random().toString(36).slice(2)}.txt`);
  const result = spawnSync(process.execPath, ['--require', hook, CLI_PATH, ...args], {
    cwd,
    env: { ...process.env, LOADS_FILE: loadsFile, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  assert.ok(result.status === 0 || result.status === 1, `${args.join(' ')}: exit ${result.status}: ${result.stderr}`);
  return readFileSync(loadsFile, 'utf8').split('\n');
}

const HEAVY = ['libsodium-wrappers', '@inquirer/prompts', 'dockerfile-ast'];

describe('heavy modules stay off the paths that do not need them', () => {
  const example = copyExample();
  after(() => {
    rmSync(example, { recursive: true, force: true });
    rmSync(hookDirectory, { recursive: true, force: true });
  });

  for (const command of [
    ['scan', ...EXAMPLE_ARGS.compose],
    ['check', ...EXAMPLE_ARGS.compose, ...EXAMPLE_ARGS.env],
    ['check', ...EXAMPLE_ARGS.compose, ...EXAMPLE_ARGS.env, '-t', 'foundation'],
    ['render', ...EXAMPLE_ARGS.compose, ...EXAMPLE_ARGS.env],
  ]) {
    it(`${command.join(' ')} loads neither libsodium nor inquirer`, () => {
      const loads = loadsOf(command, example);
      assert.deepEqual(
        loads.filter((name) => HEAVY.includes(name)),
        [],
      );
    });
  }

  it('audit loads libsodium (fingerprints) and dockerfile-ast, not inquirer', () => {
    const loads = loadsOf(['audit', ...EXAMPLE_ARGS.compose, ...EXAMPLE_ARGS.env], example);
    assert.deepEqual(loads.filter((name) => HEAVY.includes(name)).sort(), ['dockerfile-ast', 'libsodium-wrappers']);
  });

  it('generate loads libsodium (and still not inquirer)', () => {
    const loads = loadsOf(['generate', '-t', 'foundation', ...EXAMPLE_ARGS.env, '--dry-run'], example);
    assert.deepEqual(
      loads.filter((name) => HEAVY.includes(name)),
      ['libsodium-wrappers'],
    );
  });
});
