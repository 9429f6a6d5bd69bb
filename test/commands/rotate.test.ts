/** `lucid-env rotate` through the CLI on copies of examples/foundation after generate (issue 5). */

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { verifyTorHash } from '../../src/secrets/tor-hash.js';
import {
  assertHistoryShape,
  assertNoValues,
  changedKeys,
  cli,
  ENV_REL,
  exampleCopy,
  generatedCopy,
  listBackups,
  modeOf,
  readHistoryLines,
  readValues,
} from './support.js';

const ROTATE = ['rotate', '-t', 'foundation', '-e', ENV_REL];
const DAY_MS = 24 * 60 * 60 * 1000;
const NOTES = {
  ENCRYPTION_KEY:
    'note (ENCRYPTION_KEY): Data encrypted with the old key stays readable only through ENCRYPTION_KEY_PREVIOUS; ' +
    're-encrypt it, then remove the _PREVIOUS value.\n',
  TOR_PASSWORD: 'note (TOR_PASSWORD): Restart tor-proxy so it reads the new TOR_HASHED_CONTROL_PASSWORD.\n',
};

/** Appends a history line saying lucid-env last set `key` `days` ago. */
/** Makes the history say the key's current value was set `days` ago (its own line, so the fingerprint matches). */
function ageKey(env: string, key: string, days: number): void {
  const path = join(env, '..', '.lucid-env', 'history.jsonl');
  const time = new Date(Date.now() - days * DAY_MS).toISOString();
  const lines = readFileSync(path, 'utf8').split('\n');
  writeFileSync(path, lines.map((line) => (line.includes(`"key":"${key}"`) ? JSON.stringify({ ...JSON.parse(line), time }) : line)).join('\n'));
}

describe('rotate', () => {
  it('rotates exactly the named keys, keeps ENCRYPTION_KEY_PREVIOUS, re-derives the Tor hash, backs up and logs', async (t) => {
    const { dir, env, text } = await generatedCopy(t);
    const before = readValues(env);
    const historyBefore = readHistoryLines(env).length;
    const run = await cli([...ROTATE, 'ENCRYPTION_KEY', 'TOR_PASSWORD'], { cwd: dir });
    const after = readValues(env);
    assert.deepEqual(changedKeys(before, after), ['ENCRYPTION_KEY', 'ENCRYPTION_KEY_PREVIOUS', 'TOR_HASHED_CONTROL_PASSWORD', 'TOR_PASSWORD']);
    assert.equal(after.get('ENCRYPTION_KEY_PREVIOUS'), before.get('ENCRYPTION_KEY'));
    assert.match(after.get('ENCRYPTION_KEY') ?? '', /^[0-9a-f]{64}$/);
    assert.match(after.get('TOR_PASSWORD') ?? '', /^[A-Za-z0-9]{32}$/);
    assert.ok(verifyTorHash(after.get('TOR_PASSWORD') ?? '', after.get('TOR_HASHED_CONTROL_PASSWORD') ?? ''));
    assert.ok(!verifyTorHash(before.get('TOR_PASSWORD') ?? '', after.get('TOR_HASHED_CONTROL_PASSWORD') ?? ''));
    // Only those lines changed; the new _PREVIOUS key is appended.
    const expected = text.split('\n').map((line) => {
      const key = line.slice(0, line.indexOf('='));
      return ['ENCRYPTION_KEY', 'TOR_PASSWORD', 'TOR_HASHED_CONTROL_PASSWORD'].includes(key) ? `${key}=${after.get(key)}` : line;
    });
    assert.equal(readFileSync(env, 'utf8'), `${expected.slice(0, -1).join('\n')}\nENCRYPTION_KEY_PREVIOUS=${before.get('ENCRYPTION_KEY')}\n`);

    const backups = listBackups(env);
    assert.equal(backups.files.length, 1);
    assert.match(backups.files[0] ?? '', /^\.env\.foundation\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z(?:-\d+)?\.bak$/);
    assert.equal(modeOf(backups.dir), 0o700);
    assert.equal(modeOf(join(backups.dir, backups.files[0] ?? '')), 0o600);
    assert.equal(readFileSync(join(backups.dir, backups.files[0] ?? ''), 'utf8'), text);

    const history = readHistoryLines(env);
    assert.deepEqual(
      history.slice(historyBefore).map((line) => `${line.key} ${line.action}`),
      [
        'ENCRYPTION_KEY_PREVIOUS rotate:kept-previous',
        'ENCRYPTION_KEY rotate:rotated',
        'TOR_PASSWORD rotate:rotated',
        'TOR_HASHED_CONTROL_PASSWORD rotate:derived',
      ],
    );
    const secrets = [...before.values(), ...after.values()].filter((value) => value.length >= 20 && !value.startsWith('http'));
    assertHistoryShape(history, secrets);
    assert.ok(run.stderr.endsWith(NOTES.ENCRYPTION_KEY + NOTES.TOR_PASSWORD), run.stderr);
    assert.equal(run.stdout, '');
    assertNoValues(run.stderr, secrets);
  });

  it('derives only what follows from the rotated key (no URI built from an unrelated placeholder)', async (t) => {
    const { dir, env } = exampleCopy(t);
    const before = readValues(env);
    await cli([...ROTATE, 'ENCRYPTION_KEY'], { cwd: dir });
    assert.deepEqual(changedKeys(before, readValues(env)), ['ENCRYPTION_KEY']);
  });

  it('--dry-run lists the changes and writes nothing', async (t) => {
    const { dir, env, text } = await generatedCopy(t);
    const history = readFileSync(join(env, '..', '.lucid-env', 'history.jsonl'), 'utf8');
    const run = await cli([...ROTATE, 'ENCRYPTION_KEY', 'TOR_PASSWORD', '--dry-run', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as { dryRun: boolean; changes: { key: string; action: string }[] };
    assert.equal(report.dryRun, true);
    assert.deepEqual(
      report.changes.map((change) => `${change.action} ${change.key}`),
      ['kept-previous ENCRYPTION_KEY_PREVIOUS', 'rotated ENCRYPTION_KEY', 'rotated TOR_PASSWORD', 'derived TOR_HASHED_CONTROL_PASSWORD'],
    );
    assert.equal(readFileSync(env, 'utf8'), text);
    assert.equal(readFileSync(join(env, '..', '.lucid-env', 'history.jsonl'), 'utf8'), history);
    assert.deepEqual(listBackups(env).files, []);
    assert.ok(!run.stderr.includes('note ('), 'a dry run prints no rotation notes');
  });

  it('--group databases rotates the three database passwords and their URLs only', async (t) => {
    const { dir, env } = await generatedCopy(t);
    const before = readValues(env);
    const run = await cli([...ROTATE, '--group', 'databases'], { cwd: dir });
    const after = readValues(env);
    assert.deepEqual(changedKeys(before, after), ['ELASTICSEARCH_PASSWORD', 'MONGODB_PASSWORD', 'MONGODB_URI', 'REDIS_PASSWORD', 'REDIS_URL']);
    assert.equal(after.get('MONGODB_URI'), `mongodb://lucid:${after.get('MONGODB_PASSWORD')}@lucid-mongodb:27017/lucid?authSource=admin`);
    assert.equal(after.get('REDIS_URL'), `redis://:${after.get('REDIS_PASSWORD')}@lucid-redis:6379/0`);
    assert.deepEqual(
      run.stderr
        .split('\n')
        .filter((line) => line.startsWith('note ('))
        .map((line) => line.slice(0, line.indexOf(')') + 1)),
      ['note (MONGODB_PASSWORD)', 'note (REDIS_PASSWORD)', 'note (ELASTICSEARCH_PASSWORD)'],
    );
    const unknown = await cli([...ROTATE, '--group', 'nope'], { cwd: dir }, 2);
    assert.equal(unknown.stderr, 'error [KEY_NOT_FOUND] template foundation has no rotation group "nope"\n  hint: groups: encryption, tor, databases, auth\n');
    const derived = await cli([...ROTATE, 'MONGODB_URI'], { cwd: dir }, 2);
    assert.match(derived.stderr, /^error \[KEY_NOT_FOUND\] template foundation does not generate MONGODB_URI, so lucid-env cannot rotate it\n/);
    assert.deepEqual(readValues(env), after);
  });

  it('keeps the newest 10 backups after 12 rotations', async (t) => {
    const { dir, env } = await generatedCopy(t);
    const contents: string[] = [];
    for (let round = 0; round < 12; round++) {
      contents.push(readFileSync(env, 'utf8'));
      await cli([...ROTATE, 'ENCRYPTION_KEY', '-q'], { cwd: dir });
    }
    const backups = listBackups(env);
    assert.equal(backups.files.length, 10);
    assert.deepEqual(
      backups.files.map((file) => readFileSync(join(backups.dir, file), 'utf8')),
      contents.slice(2),
    );
    assert.ok(backups.files.every((file) => modeOf(join(backups.dir, file)) === 0o600));
  });
});

describe('rotate --check and --due', () => {
  it('right after generate every secret is 0 days old: exit 0', async (t) => {
    const { dir } = await generatedCopy(t);
    const run = await cli([...ROTATE, '--check'], { cwd: dir }, 0);
    assert.ok(
      run.stdout.startsWith(
        [
          'KEY                     AGE       MAX AGE  STATUS',
          'ENCRYPTION_KEY          0d        90d      ok',
          'TOR_PASSWORD            0d        180d     ok',
          'MONGODB_PASSWORD        0d        90d      ok',
          'REDIS_PASSWORD          0d        90d      ok',
          'ELASTICSEARCH_PASSWORD  0d        90d      ok',
          'JWT_SECRET_KEY          0d        30d      ok',
          '',
        ].join('\n'),
      ),
      run.stdout,
    );
    await cli([...ROTATE, '--check', '--strict'], { cwd: dir }, 0);
  });

  it('a key last set 200 days ago is overdue (exit 1) and --due rotates exactly the overdue keys', async (t) => {
    const { dir, env } = await generatedCopy(t);
    ageKey(env, 'TOR_PASSWORD', 200);
    ageKey(env, 'ENCRYPTION_KEY', 91);
    ageKey(env, 'JWT_SECRET_KEY', 29);
    const run = await cli([...ROTATE, '--check'], { cwd: dir }, 1);
    assert.match(run.stdout, /^TOR_PASSWORD {12}200d {6}180d {5}due$/m);
    assert.match(run.stdout, /^ENCRYPTION_KEY {10}91d {7}90d {6}due$/m);
    assert.match(run.stdout, /^JWT_SECRET_KEY {10}29d {7}30d {6}ok$/m);
    const json = await cli([...ROTATE, '--check', '--format', 'json'], { cwd: dir }, 1);
    const errors = (JSON.parse(json.stdout) as { findings: { severity: string; variable: string; message: string }[] }).findings.filter(
      (finding) => finding.severity === 'error',
    );
    assert.deepEqual(
      errors.map((finding) => finding.message),
      ['ENCRYPTION_KEY is 91 days old (max 90 days): rotate it', 'TOR_PASSWORD is 200 days old (max 180 days): rotate it'],
    );

    const before = readValues(env);
    await cli([...ROTATE, '--due'], { cwd: dir });
    assert.deepEqual(changedKeys(before, readValues(env)), ['ENCRYPTION_KEY', 'ENCRYPTION_KEY_PREVIOUS', 'TOR_HASHED_CONTROL_PASSWORD', 'TOR_PASSWORD']);
    await cli([...ROTATE, '--check'], { cwd: dir }, 0);
    // Nothing is due any more: --due changes nothing.
    const settled = readFileSync(env, 'utf8');
    await cli([...ROTATE, '--due'], { cwd: dir });
    assert.equal(readFileSync(env, 'utf8'), settled);
  });

  it('a secret with no history is "unknown": exit 0, and exit 1 with --strict', async (t) => {
    const { dir, env } = await generatedCopy(t);
    const path = join(env, '..', '.lucid-env', 'history.jsonl');
    writeFileSync(
      path,
      readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => !line.includes('"JWT_SECRET_KEY"'))
        .join('\n'),
    );
    const run = await cli([...ROTATE, '--check'], { cwd: dir }, 0);
    assert.match(run.stdout, /^JWT_SECRET_KEY {10}unknown {3}30d {6}unknown$/m);
    assert.match(run.stdout, /JWT_SECRET_KEY: age unknown \(set before lucid-env managed it; max 30 days\)/);
    const strict = await cli([...ROTATE, '--check', '--strict'], { cwd: dir }, 1);
    assert.match(strict.stdout, /^JWT_SECRET_KEY {10}unknown/m);
  });
});

describe('rotate --propagate', () => {
  it('gives every env file that defines the key the same new value; others stay untouched', async (t) => {
    const { dir, env } = await generatedCopy(t);
    const old = readValues(env).get('ENCRYPTION_KEY') ?? '';
    mkdirSync(join(dir, 'other'));
    const files = { a: `# a\nENCRYPTION_KEY=${old}\nFOO=bar\n`, b: 'FOO=baz\n', c: `ENCRYPTION_KEY=${old}\n` };
    writeFileSync(join(dir, 'other/a.env'), files.a, { mode: 0o600 });
    writeFileSync(join(dir, 'other/b.env'), files.b, { mode: 0o600 });
    writeFileSync(join(dir, 'other/c.txt'), files.c, { mode: 0o600 });
    const run = await cli([...ROTATE, 'ENCRYPTION_KEY', '--propagate', 'other/*.env', '--format', 'json'], { cwd: dir });
    const fresh = readValues(env).get('ENCRYPTION_KEY') ?? '';
    assert.notEqual(fresh, old);
    assert.equal(readFileSync(join(dir, 'other/a.env'), 'utf8'), `# a\nENCRYPTION_KEY=${fresh}\nFOO=bar\nENCRYPTION_KEY_PREVIOUS=${old}\n`);
    assert.equal(readFileSync(join(dir, 'other/b.env'), 'utf8'), files.b);
    assert.equal(readFileSync(join(dir, 'other/c.txt'), 'utf8'), files.c);
    const changes = (JSON.parse(run.stdout) as { changes: { file: string; key: string }[] }).changes.map((change) => `${change.file} ${change.key}`);
    assert.deepEqual(changes, [
      `${ENV_REL} ENCRYPTION_KEY_PREVIOUS`,
      `${ENV_REL} ENCRYPTION_KEY`,
      'other/a.env ENCRYPTION_KEY_PREVIOUS',
      'other/a.env ENCRYPTION_KEY',
    ]);
    const backups = listBackups(join(dir, 'other/a.env'));
    assert.deepEqual(
      backups.files.map((file) => readFileSync(join(backups.dir, file), 'utf8')),
      [files.a],
    );
    assert.deepEqual(
      readHistoryLines(join(dir, 'other/a.env')).map((line) => `${line.file} ${line.key}`),
      ['a.env ENCRYPTION_KEY_PREVIOUS', 'a.env ENCRYPTION_KEY'],
    );
    assertNoValues(run.stdout + run.stderr, [old, fresh]);
  });

  it('all or nothing: one target that cannot be written leaves every file exactly as before', async (t) => {
    if (process.getuid?.() !== 0) return t.skip('needs root for chattr +i');
    const { dir, env, text } = await generatedCopy(t);
    const old = readValues(env).get('ENCRYPTION_KEY') ?? '';
    mkdirSync(join(dir, 'other'));
    const a = `ENCRYPTION_KEY=${old}\n`;
    const z = `# last in write order\nENCRYPTION_KEY=${old}\n`;
    writeFileSync(join(dir, 'other/a.env'), a, { mode: 0o600 });
    writeFileSync(join(dir, 'other/z.env'), z, { mode: 0o600 });
    const historyText = readFileSync(join(env, '..', '.lucid-env', 'history.jsonl'), 'utf8');
    try {
      execFileSync('chattr', ['+i', join(dir, 'other/z.env')], { stdio: 'pipe' });
    } catch (error) {
      return t.skip(`chattr +i failed: ${String(error).split('\n')[0]}`);
    }
    try {
      const run = await cli([...ROTATE, 'ENCRYPTION_KEY', '--propagate', 'other/*.env'], { cwd: dir }, 2);
      assert.match(run.stderr, /^error \[WRITE_FAILED\] could not write \S+\/other\/z\.env: operation not permitted\n/);
      assertNoValues(run.stderr, [old]);
    } finally {
      execFileSync('chattr', ['-i', join(dir, 'other/z.env')]);
    }
    assert.equal(readFileSync(env, 'utf8'), text);
    assert.equal(readFileSync(join(dir, 'other/a.env'), 'utf8'), a);
    assert.equal(readFileSync(join(dir, 'other/z.env'), 'utf8'), z);
    assert.equal(modeOf(env), 0o600);
    assert.equal(readFileSync(join(env, '..', '.lucid-env', 'history.jsonl'), 'utf8'), historyText);
    assert.deepEqual(
      readdirSync(join(dir, 'other')).filter((name) => name.endsWith('.tmp')),
      [],
    );
    assert.deepEqual(
      readdirSync(join(env, '..')).filter((name) => name.endsWith('.tmp')),
      [],
    );
  });
});
