/**
 * Issue 8, rotation: each file's _PREVIOUS holds its own old value, files that disagree stop the
 * propagation (unless --force), a failing history append changes nothing, ages count only for
 * the value the history recorded, and a loose mode is tightened.
 */
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import { envValues, parseEnv } from '../../src/dotenv/parse.js';
import { runInProcess } from '../helpers/context.js';

const ROTATE = ['rotate', '-t', 'foundation', '-e', '.env'];

function values(path: string): Map<string, string> {
  return envValues(parseEnv(readFileSync(path, 'utf8'), { file: path }).document);
}

/** A folder with a generated `.env` (foundation template); removed after the test. */
async function generated(t: TestContext): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-env-rotate-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const run = await runInProcess(['generate', '-t', 'foundation', '-e', '.env', '-q'], dir);
  assert.equal(run.code, 0, run.stderr);
  return dir;
}

describe('rotate --propagate: every file keeps its own old value', () => {
  it('files that disagree on the key: exit 2 naming them, nothing written', async (t) => {
    const dir = await generated(t);
    mkdirSync(join(dir, 'deploy'));
    writeFileSync(join(dir, 'deploy/a.env'), 'ENCRYPTION_KEY=Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0nOp4=\n', { mode: 0o600 });
    const before = [readFileSync(join(dir, '.env'), 'utf8'), readFileSync(join(dir, 'deploy/a.env'), 'utf8')];
    const run = await runInProcess([...ROTATE, 'ENCRYPTION_KEY', '--propagate', 'deploy/*.env'], dir);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      'error [VALUES_DIFFER] ENCRYPTION_KEY has different values in .env, deploy/a.env; nothing was rotated\n' +
        '  hint: make the files agree first (check reports inconsistent-secret), or pass --force: each file keeps its own old value in _PREVIOUS\n',
    );
    assert.deepEqual([readFileSync(join(dir, '.env'), 'utf8'), readFileSync(join(dir, 'deploy/a.env'), 'utf8')], before);
  });

  it('with --force, each file gets the same new value and its own old one in _PREVIOUS', async (t) => {
    const dir = await generated(t);
    mkdirSync(join(dir, 'deploy'));
    const otherKey = 'Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0nOp4=';
    writeFileSync(join(dir, 'deploy/a.env'), `ENCRYPTION_KEY=${otherKey}\n`, { mode: 0o600 });
    const mainKey = values(join(dir, '.env')).get('ENCRYPTION_KEY');
    const run = await runInProcess([...ROTATE, 'ENCRYPTION_KEY', '--propagate', 'deploy/*.env', '--force'], dir);
    assert.equal(run.code, 0, run.stderr);
    const main = values(join(dir, '.env'));
    const other = values(join(dir, 'deploy/a.env'));
    assert.equal(main.get('ENCRYPTION_KEY'), other.get('ENCRYPTION_KEY'));
    assert.notEqual(main.get('ENCRYPTION_KEY'), mainKey);
    assert.equal(main.get('ENCRYPTION_KEY_PREVIOUS'), mainKey);
    assert.equal(other.get('ENCRYPTION_KEY_PREVIOUS'), otherKey);
  });

  it('a file reached through a symlink is the same file: rotated once, not twice', async (t) => {
    const dir = await generated(t);
    mkdirSync(join(dir, 'deploy'));
    symlinkSync('../.env', join(dir, 'deploy/link.env'));
    const old = values(join(dir, '.env')).get('ENCRYPTION_KEY');
    const run = await runInProcess([...ROTATE, 'ENCRYPTION_KEY', '--propagate', 'deploy/*.env', '--format', 'json'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      (JSON.parse(run.stdout) as { changes: { file: string; key: string }[] }).changes.map((change) => `${change.file} ${change.key}`),
      ['.env ENCRYPTION_KEY_PREVIOUS', '.env ENCRYPTION_KEY'],
    );
    assert.equal(values(join(dir, '.env')).get('ENCRYPTION_KEY_PREVIOUS'), old);
  });
});

describe('rotate: a reported failure means nothing changed', () => {
  it('a history that cannot be appended: exit 2, file and backups as before; the retry keeps the original in _PREVIOUS', async (t) => {
    const dir = await generated(t);
    const env = join(dir, '.env');
    const original = readFileSync(env, 'utf8');
    const key = values(env).get('ENCRYPTION_KEY');
    const history = join(dir, '.lucid-env', 'history.jsonl');
    const saved = readFileSync(history, 'utf8');
    rmSync(history);
    mkdirSync(history);
    const failed = await runInProcess([...ROTATE, 'ENCRYPTION_KEY'], dir);
    assert.equal(failed.code, 2);
    assert.match(failed.stderr, /^error \[WRITE_FAILED\] could not write \S+history\.jsonl/);
    assert.equal(readFileSync(env, 'utf8'), original);
    assert.deepEqual(readdirOr(join(dir, '.lucid-env', 'backups')), []);
    rmSync(history, { recursive: true });
    writeFileSync(history, saved, { mode: 0o600 });
    const retried = await runInProcess([...ROTATE, 'ENCRYPTION_KEY'], dir);
    assert.equal(retried.code, 0, retried.stderr);
    assert.equal(values(env).get('ENCRYPTION_KEY_PREVIOUS'), key);
  });
});

describe('rotate --check: an age is known only for the value the history recorded', () => {
  it("an old env file restored after a rotation shows its own age, not the new value's 0 days; a value edited by hand is unknown", async (t) => {
    const dir = await generated(t);
    const env = join(dir, '.env');
    const history = join(dir, '.lucid-env', 'history.jsonl');
    const longAgo = new Date(Date.now() - 425 * 24 * 60 * 60 * 1000).toISOString();
    writeFileSync(history, readFileSync(history, 'utf8').replace(/"time":"[^"]+"/g, `"time":"${longAgo}"`));
    copyFileSync(env, join(dir, 'old.env'));
    const rotated = await runInProcess([...ROTATE, 'ENCRYPTION_KEY', '-q'], dir);
    assert.equal(rotated.code, 0, rotated.stderr);
    copyFileSync(join(dir, 'old.env'), env);
    writeFileSync(env, readFileSync(env, 'utf8').replace(/^TOR_PASSWORD=.*$/m, 'TOR_PASSWORD=Hx7Kq2Wm9Lp4Vr6Tz8Nb3Jc5Fd1Gs0Ya'));
    const check = await runInProcess([...ROTATE, '--check'], dir);
    assert.equal(check.code, 1);
    assert.match(check.stdout, /^ENCRYPTION_KEY {10}425d {6}90d {6}due$/m);
    assert.match(check.stdout, /^TOR_PASSWORD {12}unknown {3}180d {5}unknown$/m);
  });
});

describe('rotate tightens a file others can read', () => {
  it('0644 becomes 0600, with a notice', async (t) => {
    const dir = await generated(t);
    chmodSync(join(dir, '.env'), 0o644);
    const run = await runInProcess([...ROTATE, 'JWT_SECRET_KEY'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(statSync(join(dir, '.env')).mode & 0o777, 0o600);
    assert.match(run.stderr, /notice: \.env holds secrets and was readable by group or others; its mode is now 0600/);
  });
});

function readdirOr(path: string): string[] {
  return existsSync(path) ? readdirSync(path) : [];
}
