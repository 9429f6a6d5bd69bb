/** `lucid-env set KEY` through the CLI: stdin only, 0600, refusals that change nothing, history (issue 4). */

import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import dotenv from 'dotenv';
import { assertHistoryShape, assertNoValues, changedKeys, cli, ENV_REL, exampleCopy, modeOf, readHistoryLines, readValues, scratchDir } from './support.js';

describe('set', () => {
  it('reads the value from stdin, removing exactly one trailing newline, and creates the file 0600', async (t) => {
    const dir = scratchDir(t);
    const env = join(dir, '.env');
    const run = await cli(['set', 'API_TOKEN', '-e', '.env'], { cwd: dir, input: 's3cr3t-Value_1\n' });
    assert.equal(readFileSync(env, 'utf8'), 'API_TOKEN=s3cr3t-Value_1\n');
    assert.equal(modeOf(env), 0o600);
    assertNoValues(run.stdout + run.stderr, ['s3cr3t-Value_1']);
    assert.match(run.stderr, /\bset\s+API_TOKEN\b/);

    // Only one newline goes: the second one is part of the value (a multi-line value, read back by both parsers).
    await cli(['set', 'MULTI', '-e', '.env'], { cwd: dir, input: 'first line\nsecond\n\n' });
    const text = readFileSync(env, 'utf8');
    assert.equal(readValues(env).get('MULTI'), 'first line\nsecond\n');
    assert.equal(dotenv.parse(text)['MULTI'], 'first line\nsecond\n');
    // CRLF from a Windows pipe counts as one newline too; no newline at all keeps the value whole.
    await cli(['set', 'CRLF', '-e', '.env'], { cwd: dir, input: 'abc\r\n' });
    await cli(['set', 'BARE', '-e', '.env'], { cwd: dir, input: 'no-newline' });
    const values = readValues(env);
    assert.equal(values.get('CRLF'), 'abc');
    assert.equal(values.get('BARE'), 'no-newline');
    assert.equal(values.get('API_TOKEN'), 's3cr3t-Value_1');
  });

  it('never takes the value from argv', async (t) => {
    const dir = scratchDir(t);
    const run = await cli(['set', 'API_TOKEN', 'argv-secret-value', '-e', '.env'], { cwd: dir, input: 'from-stdin\n' }, 2);
    assert.match(run.stderr, /too many arguments/);
    assertNoValues(run.stdout + run.stderr, ['argv-secret-value', 'from-stdin']);
    assert.equal(existsSync(join(dir, '.env')), false);
  });

  it('edits one line of an existing file and keeps every other byte and its mode', async (t) => {
    const dir = scratchDir(t);
    const env = join(dir, '.env');
    const original = '# header\nA=1\nexport B="two words"   # note\n\nC=3\n';
    writeFileSync(env, original, { mode: 0o640 });
    await cli(['set', 'B', '-e', '.env'], { cwd: dir, input: 'new\n' });
    assert.equal(readFileSync(env, 'utf8'), original.replace('export B="two words"', 'export B=new'));
    assert.equal(modeOf(env), 0o600, 'a group-readable secret file is tightened');
  });

  it('refuses a value no form can carry: exit 2, names the key, not the value, file unchanged', async (t) => {
    const dir = scratchDir(t);
    const env = join(dir, '.env');
    writeFileSync(env, 'KEEP=1\nBAD=old\n', { mode: 0o600 });
    const value = `it's "quoted" #here`;
    const run = await cli(['set', 'BAD', '-e', '.env'], { cwd: dir, input: `${value}\n` }, 2);
    assert.match(
      run.stderr,
      new RegExp(
        String.raw`^error \[VALUE_UNWRITABLE\] the value of BAD cannot be written to \S+\.env so that Compose, dotenv and python-dotenv all read it back: ` +
          '.*rule 4: no form reads back the same in every reader',
      ),
    );
    assert.ok(!run.stderr.includes(value) && !run.stderr.includes('#here') && !run.stderr.includes('"quoted"'), run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(readFileSync(env, 'utf8'), 'KEEP=1\nBAD=old\n');
    assert.equal(existsSync(join(dir, '.lucid-env', 'history.jsonl')), false);

    // A ${...} expression is refused for python-dotenv unless the user opts out.
    const expression = await cli(['set', 'BAD', '-e', '.env'], { cwd: dir, input: 'a${HOME}b\n' }, 2);
    assert.match(expression.stderr, /^error \[VALUE_UNWRITABLE\] the value of BAD .*rule 0: /);
    assert.equal(readFileSync(env, 'utf8'), 'KEEP=1\nBAD=old\n');
    await cli(['set', 'BAD', '-e', '.env', '--no-python-compat'], { cwd: dir, input: 'a${HOME}b\n' });
    assert.equal(readValues(env).get('BAD'), 'a${HOME}b');
  });

  it("--generate -t foundation writes the template generator's value to the template's env file", async (t) => {
    const { dir, env } = exampleCopy(t);
    const before = readValues(env);
    const run = await cli(['set', 'JWT_SECRET_KEY', '--generate', '-t', 'foundation'], { cwd: dir });
    const after = readValues(env);
    assert.deepEqual(changedKeys(before, after), ['JWT_SECRET_KEY']);
    const value = after.get('JWT_SECRET_KEY') ?? '';
    assert.match(value, /^[A-Za-z0-9]{64}$/);
    assertNoValues(run.stdout + run.stderr, [value]);
    const history = readHistoryLines(env);
    assert.deepEqual(
      history.map((line) => `${line.file} ${line.key} ${line.action}`),
      ['.env.foundation JWT_SECRET_KEY set:generated'],
    );
    assertHistoryShape(history, [value]);

    const unknown = await cli(['set', 'MONGODB_PORT', '--generate', '-t', 'foundation', '-e', ENV_REL], { cwd: dir }, 2);
    assert.equal(unknown.stderr, 'error [KEY_NOT_FOUND] template foundation has no generator for MONGODB_PORT\n');
    assert.deepEqual(readValues(env), after);
  });

  it('writes one history line per change, with a fingerprint and no value; an unchanged value adds none', async (t) => {
    const dir = scratchDir(t);
    const env = join(dir, '.env');
    const json = await cli(['set', 'DB_PASSWORD', '-e', '.env', '--format', 'json'], { cwd: dir, input: 'Correct-Horse-Battery-9\n' });
    const report = JSON.parse(json.stdout) as { changes: { key: string; action: string; fingerprint: string }[] };
    assert.deepEqual(
      report.changes.map((change) => `${change.key} ${change.action}`),
      ['DB_PASSWORD set'],
    );
    assertNoValues(json.stdout + json.stderr, ['Correct-Horse-Battery-9']);
    const history = readHistoryLines(env);
    assert.deepEqual(
      history.map((line) => `${line.file} ${line.key} ${line.action} ${line.fingerprint}`),
      [`.env DB_PASSWORD set ${report.changes[0]?.fingerprint}`],
    );
    assertHistoryShape(history, ['Correct-Horse-Battery-9']);
    assert.equal(modeOf(join(dir, '.lucid-env')), 0o700);
    assert.equal(modeOf(join(dir, '.lucid-env', 'history.jsonl')), 0o600);

    const same = await cli(['set', 'DB_PASSWORD', '-e', '.env', '--format', 'json'], { cwd: dir, input: 'Correct-Horse-Battery-9\n' });
    assert.deepEqual(
      (JSON.parse(same.stdout) as typeof report).changes.map((change) => `${change.key} ${change.action} ${change.fingerprint}`),
      [`DB_PASSWORD unchanged ${report.changes[0]?.fingerprint}`],
    );
    assert.equal(readHistoryLines(env).length, 1);
    await cli(['set', 'DB_PASSWORD', '-e', '.env'], { cwd: dir, input: 'Another-Value-42\n' });
    const lines = readHistoryLines(env);
    assert.equal(lines.length, 2);
    assert.notEqual(lines[1]?.fingerprint, lines[0]?.fingerprint);
    assertHistoryShape(lines, ['Correct-Horse-Battery-9', 'Another-Value-42']);
  });
});
