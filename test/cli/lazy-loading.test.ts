import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
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

/** Runs the built CLI with the hook; resolves to the packages it loaded. */
function loadsOf(args: readonly string[], cwd: string): Promise<string[]> {
  const loadsFile = join(hookDirectory, `loads-${Math.random().toString(36).slice(2)}.txt`);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--require', hook, CLI_PATH, ...args], {
      cwd,
      env: { ...process.env, LOADS_FILE: loadsFile, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    child.on('error', fail);
    child.on('exit', (status) => {
      if (status !== 0 && status !== 1) fail(new Error(`${args.join(' ')}: exit ${String(status)}`));
      else done(readFileSync(loadsFile, 'utf8').split('\n'));
    });
  });
}

const HEAVY = ['libsodium-wrappers', '@inquirer/prompts', 'tinyglobby', 'dockerfile-ast'];

const READ_ONLY = [
  ['scan', ...EXAMPLE_ARGS.compose],
  ['check', ...EXAMPLE_ARGS.compose, ...EXAMPLE_ARGS.env],
  ['check', ...EXAMPLE_ARGS.compose, ...EXAMPLE_ARGS.env, '-t', 'foundation'],
  ['render', ...EXAMPLE_ARGS.compose, ...EXAMPLE_ARGS.env],
];
const GENERATE = ['generate', '-t', 'foundation', ...EXAMPLE_ARGS.env, '--dry-run'];
const AUDIT = ['audit', ...EXAMPLE_ARGS.compose, ...EXAMPLE_ARGS.env];

describe('heavy modules stay off the paths that do not need them', () => {
  const example = copyExample();
  const loads = new Map<string, string[]>();
  // The runs are independent: all at once.
  before(async () => {
    const commands = [...READ_ONLY, GENERATE, AUDIT];
    await Promise.all(commands.map(async (command) => loads.set(command.join(' '), await loadsOf(command, example))));
  });
  after(() => {
    rmSync(example, { recursive: true, force: true });
    rmSync(hookDirectory, { recursive: true, force: true });
  });
  const heavyLoadsOf = (command: readonly string[]) => (loads.get(command.join(' ')) ?? ['(not run)']).filter((name) => HEAVY.includes(name));

  for (const command of READ_ONLY) {
    it(`${command.join(' ')} loads neither libsodium nor inquirer`, () => {
      assert.deepEqual(heavyLoadsOf(command), []);
    });
  }

  it('audit loads libsodium (fingerprints) and dockerfile-ast, not inquirer', () => {
    assert.deepEqual(heavyLoadsOf(AUDIT).sort(), ['dockerfile-ast', 'libsodium-wrappers']);
  });

  it('generate loads libsodium (and still not inquirer)', () => {
    assert.deepEqual(heavyLoadsOf(GENERATE), ['libsodium-wrappers']);
  });
});
