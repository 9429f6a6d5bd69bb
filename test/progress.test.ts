import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../src/commands/check.js';
import { scan } from '../src/commands/scan.js';
import { createContext } from '../src/context.js';
import type { Progress } from '../src/progress.js';
import { createProgress, NO_PROGRESS } from '../src/progress.js';
import { writeProject } from './e2e/support.js';
import { runLucid } from './helpers/cli.js';
import { testContext } from './helpers/context.js';

describe('progress', () => {
  it('shows nothing for the first second, then one line rewritten in place at most every 100 ms, cleared when done', () => {
    let time = 0;
    const written: string[] = [];
    const progress = createProgress(
      (text) => written.push(text),
      () => time,
    );
    progress.update('step 1');
    time = 999;
    progress.update('step 2');
    assert.equal(written.length, 0);
    time = 1000;
    progress.update('step three');
    time = 1050;
    progress.update('step 4');
    time = 1100;
    progress.update('step 5');
    progress.done();
    assert.deepEqual(written, ['\rstep three', '\rstep 5    ', '\r          \r']);
    assert.ok(
      written.every((text) => !text.includes('\u001b')),
      'no escape codes',
    );
  });

  it('shows nothing at all for work done within a second', () => {
    const written: string[] = [];
    const progress = createProgress(
      (text) => written.push(text),
      () => 0,
    );
    progress.update('quick');
    progress.done();
    assert.deepEqual(written, []);
  });

  it('scan reports each compose file it scans', async () => {
    const directory = writeProject({ 'a/compose.yaml': 'services: {}\n', 'b/compose.yaml': 'services: {}\n' });
    const updates: string[] = [];
    const recorder: Progress = { update: (text) => updates.push(text), done: () => updates.push('done') };
    await scan({ recursive: '.' }, testContext(directory, { progress: recorder }));
    assert.deepEqual(updates, ['scanning compose files: 1 of 2', 'scanning compose files: 2 of 2', 'done']);
  });

  it('is off unless stderr is a terminal and the output is text without -q', () => {
    // The test runner's stderr is a pipe.
    assert.equal(createContext({ isText: true }).progress(), NO_PROGRESS);
    assert.equal(createContext({ isText: false }).progress(), NO_PROGRESS);
  });

  it('never reaches a pipe: the real CLI writes nothing of it when stderr is not a terminal', async () => {
    const directory = writeProject({ 'compose.yaml': 'services: {}\n' });
    const result = await runLucid(['scan'], { cwd: directory });
    assert.equal(result.stderr, '');
  });
});

describe('progress of check --all', () => {
  it('counts the stacks, one line for the whole run', async () => {
    const directory = writeProject({
      'lucid-env.yml': 'version: 1\nstacks:\n  one:\n    compose: [one/compose.yaml]\n  two:\n    compose: [two/compose.yaml]\n',
      'one/compose.yaml': 'services:\n  a:\n    image: nginx\n',
      'two/compose.yaml': 'services:\n  b:\n    image: nginx\n',
    });
    const updates: string[] = [];
    const recorder: Progress = { update: (text) => updates.push(text), done: () => updates.push('done') };
    await check({ all: true }, testContext(directory, { progress: recorder }));
    assert.deepEqual(updates, ['checking stacks: 1 of 2 (one)', 'checking stacks: 2 of 2 (two)', 'done']);
  });
});
