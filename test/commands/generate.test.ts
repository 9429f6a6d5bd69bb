/** `lucid-env generate` through the CLI on copies of examples/foundation (issue 4). */

import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import dotenv from 'dotenv';
import { verifyTorHash } from '../../src/secrets/tor-hash.js';
import {
  assertHistoryShape,
  assertNoValues,
  COMPOSE_REL,
  changedKeys,
  cli,
  DERIVED_KEYS,
  ENV_REL,
  exampleCopy,
  GENERATED_KEYS,
  modeOf,
  readHistoryLines,
  readValues,
  valuesOf,
} from './support.js';

const GENERATE = ['generate', '-t', 'foundation', '-e', ENV_REL];

// The descriptions the template gives the keys that are new to the example's file, in write order.
const NEW_KEY_COMMENTS: [string, string][] = [
  ['ENCRYPTION_KEY', '# 256-bit key for encryption at rest, as 64 hex digits (the format the Lucid services read)'],
  ['TOR_PASSWORD', '# Password of the Tor control port'],
  ['TOR_HASHED_CONTROL_PASSWORD', "# Tor's HashedControlPassword for TOR_PASSWORD (what `tor --hash-password` prints)"],
  ['MONGODB_URI', '# Connection string of the auth service, built from the MongoDB variables'],
  ['REDIS_URL', '# Redis connection URL of the auth service'],
];

/** What the example's file must look like after generate, given the values it got. */
function expectedText(original: string, values: Map<string, string>): string {
  const line = (key: string) => `${key}=${values.get(key) ?? '(missing)'}`;
  const kept = original.split('\n').map((text) => {
    if (text.startsWith('MONGODB_PASSWORD=') || text.startsWith('ELASTICSEARCH_PASSWORD=') || text.startsWith('JWT_SECRET_KEY='))
      return line(text.slice(0, text.indexOf('=')));
    // The inline comment of an edited line stays.
    if (text.startsWith('REDIS_PASSWORD=')) return `${line('REDIS_PASSWORD')}   # redis requirepass`;
    return text;
  });
  const appended = NEW_KEY_COMMENTS.flatMap(([key, comment]) => [comment, key === 'MONGODB_URI' ? `MONGODB_URI='${values.get(key) ?? ''}'` : line(key)]);
  return `${[...kept.slice(0, -1), ...appended].join('\n')}\n`;
}

function assertFormats(values: Map<string, string>): void {
  const key = values.get('ENCRYPTION_KEY') ?? '';
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(Buffer.from(key, 'hex').length, 32);
  for (const name of ['TOR_PASSWORD', 'MONGODB_PASSWORD', 'REDIS_PASSWORD', 'ELASTICSEARCH_PASSWORD'])
    assert.match(values.get(name) ?? '', /^[A-Za-z0-9]{32}$/, name);
  assert.match(values.get('JWT_SECRET_KEY') ?? '', /^[A-Za-z0-9]{64}$/);
  assert.equal(new Set(GENERATED_KEYS.map((name) => values.get(name))).size, GENERATED_KEYS.length, 'two secrets got the same value');
  const hash = values.get('TOR_HASHED_CONTROL_PASSWORD') ?? '';
  assert.match(hash, /^16:[0-9A-F]{58}$/);
  assert.ok(verifyTorHash(values.get('TOR_PASSWORD') ?? '', hash), 'the Tor hash does not verify against TOR_PASSWORD');
  assert.ok(!verifyTorHash('not the password', hash));
  assert.equal(values.get('MONGODB_URI'), `mongodb://lucid:${values.get('MONGODB_PASSWORD')}@lucid-mongodb:27017/lucid?authSource=admin`);
  assert.equal(values.get('REDIS_URL'), `redis://:${values.get('REDIS_PASSWORD')}@lucid-redis:6379/0`);
}

describe('generate', () => {
  it('fills exactly the six secrets and three derived values; every other line stays byte-identical', async (t) => {
    const { dir, env } = exampleCopy(t);
    const original = readFileSync(env, 'utf8');
    const before = readValues(env);
    assert.equal(modeOf(env), 0o644, 'the example copy should start group/other-readable');
    const run = await cli(GENERATE, { cwd: dir });
    const text = readFileSync(env, 'utf8');
    const after = valuesOf(text, env);
    assert.deepEqual(changedKeys(before, after), [...GENERATED_KEYS, ...DERIVED_KEYS].sort());
    assert.equal(text, expectedText(original, after));
    // Line by line: the first 13 lines are the original ones except the four placeholder/empty/burnt secrets.
    const originalLines = original.split('\n').slice(0, -1);
    const lines = text.split('\n');
    const edited = originalLines
      .map((line, index) => (line === lines[index] ? undefined : line.slice(0, line.indexOf('='))))
      .filter((key) => key !== undefined);
    assert.deepEqual(edited, ['MONGODB_PASSWORD', 'REDIS_PASSWORD', 'ELASTICSEARCH_PASSWORD', 'JWT_SECRET_KEY']);
    assertFormats(after);
    assert.equal(modeOf(env), 0o600);
    assert.ok(
      run.stderr.startsWith(`notice: configs/environment/.env.foundation holds secrets and was readable by group or others; its mode is now 0600\n`),
      run.stderr,
    );
    for (const key of [...GENERATED_KEYS, ...DERIVED_KEYS]) assert.match(run.stderr, new RegExp(`\\b${key}\\b`));
    assert.equal(run.stdout, '');
    const secrets = [...before.values(), ...after.values()].filter((value) => value.length >= 8 && !value.startsWith('http') && value !== '../..');
    assertNoValues(run.stdout + run.stderr, secrets);

    const history = readHistoryLines(env);
    assert.deepEqual(
      history.map((line) => `${line.key} ${line.action}`),
      [
        'ENCRYPTION_KEY generate:missing',
        'TOR_PASSWORD generate:missing',
        'MONGODB_PASSWORD generate:placeholder',
        'REDIS_PASSWORD generate:placeholder',
        'ELASTICSEARCH_PASSWORD generate:empty',
        'JWT_SECRET_KEY generate:placeholder',
        'TOR_HASHED_CONTROL_PASSWORD generate:derived',
        'MONGODB_URI generate:derived',
        'REDIS_URL generate:derived',
      ],
    );
    assert.ok(history.every((line) => line.file === '.env.foundation'));
    assertHistoryShape(history, secrets);

    // A second run finds nothing to do: the file and the history stay byte-identical.
    const historyText = readFileSync(join(dir, 'configs/environment/.lucid-env/history.jsonl'), 'utf8');
    const again = await cli([...GENERATE, '--format', 'json'], { cwd: dir });
    assert.deepEqual(JSON.parse(again.stdout).changes, []);
    assert.equal(readFileSync(env, 'utf8'), text);
    assert.equal(readFileSync(join(dir, 'configs/environment/.lucid-env/history.jsonl'), 'utf8'), historyText);

    await cli(['check', '-t', 'foundation', '-f', COMPOSE_REL, '-e', ENV_REL], { cwd: dir }, 0);
  });

  it('MONGODB_URI percent-encodes the user name', async (t) => {
    const { dir, env } = exampleCopy(t);
    writeFileSync(env, readFileSync(env, 'utf8').replace('MONGODB_USERNAME=lucid', "MONGODB_USERNAME='r@ot:a/b c%!'"));
    await cli(GENERATE, { cwd: dir });
    const values = readValues(env);
    assert.equal(values.get('MONGODB_USERNAME'), 'r@ot:a/b c%!');
    assert.equal(values.get('MONGODB_URI'), `mongodb://r%40ot%3Aa%2Fb%20c%25%21:${values.get('MONGODB_PASSWORD')}@lucid-mongodb:27017/lucid?authSource=admin`);
  });

  it('--dry-run writes nothing and lists the keys it would change', async (t) => {
    const { dir, env } = exampleCopy(t);
    const original = readFileSync(env, 'utf8');
    const json = await cli([...GENERATE, '--dry-run', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(json.stdout) as { dryRun: boolean; changes: { key: string; action: string; reason: string }[] };
    assert.equal(report.dryRun, true);
    assert.deepEqual(
      report.changes.map((change) => `${change.action} ${change.key} ${change.reason}`),
      [
        'added ENCRYPTION_KEY missing',
        'added TOR_PASSWORD missing',
        'regenerated MONGODB_PASSWORD placeholder',
        'regenerated REDIS_PASSWORD placeholder',
        'regenerated ELASTICSEARCH_PASSWORD empty',
        'regenerated JWT_SECRET_KEY placeholder',
        'derived TOR_HASHED_CONTROL_PASSWORD derived',
        'derived MONGODB_URI derived',
        'derived REDIS_URL derived',
      ],
    );
    const text = await cli([...GENERATE, '--dry-run'], { cwd: dir });
    for (const key of ['ENCRYPTION_KEY', 'TOR_PASSWORD']) assert.match(text.stderr, new RegExp(`would add\\s+${key}\\b`));
    for (const key of ['MONGODB_PASSWORD', 'REDIS_PASSWORD', 'ELASTICSEARCH_PASSWORD', 'JWT_SECRET_KEY'])
      assert.match(text.stderr, new RegExp(`would regenerate\\s+${key}\\b`));
    for (const key of DERIVED_KEYS) assert.match(text.stderr, new RegExp(`would derive\\s+${key}\\b`));
    assert.equal(readFileSync(env, 'utf8'), original);
    assert.equal(modeOf(env), 0o644, 'a dry run must not change the mode either');
    assert.equal(existsSync(join(dir, 'configs/environment/.lucid-env')), false, 'a dry run creates no state folder (no key, history, lock)');
  });

  it('--show-secrets prints KEY=value lines; npm dotenv and our parser read back exactly those values', async (t) => {
    const { dir, env } = exampleCopy(t);
    const run = await cli([...GENERATE, '--show-secrets'], { cwd: dir });
    const printed = run.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);
    assert.deepEqual(
      printed.map(([key]) => key),
      [...GENERATED_KEYS, ...DERIVED_KEYS],
    );
    const text = readFileSync(env, 'ascii');
    const ours = valuesOf(text, env);
    const theirs = dotenv.parse(text);
    assert.deepEqual(Object.keys(theirs).sort(), [...ours.keys()].sort());
    for (const [key, value] of ours) assert.equal(theirs[key], value, `npm dotenv reads ${key} differently`);
    for (const [key, value] of printed) assert.equal(ours.get(key), value, `${key} in the file differs from the printed value`);
    assertFormats(ours);
  });

  it('generate KEY changes only that key and the values derived from it', async (t) => {
    const { dir, env } = exampleCopy(t);
    const before = readValues(env);
    await cli([...GENERATE, 'TOR_PASSWORD'], { cwd: dir });
    const after = readValues(env);
    assert.deepEqual(changedKeys(before, after), ['TOR_HASHED_CONTROL_PASSWORD', 'TOR_PASSWORD']);
    assert.ok(verifyTorHash(after.get('TOR_PASSWORD') ?? '', after.get('TOR_HASHED_CONTROL_PASSWORD') ?? ''));

    const middle = readValues(env);
    await cli([...GENERATE, 'MONGODB_PASSWORD', '--format', 'json'], { cwd: dir });
    const last = readValues(env);
    assert.deepEqual(changedKeys(middle, last), ['MONGODB_PASSWORD', 'MONGODB_URI']);
    assert.equal(last.get('MONGODB_URI'), `mongodb://lucid:${last.get('MONGODB_PASSWORD')}@lucid-mongodb:27017/lucid?authSource=admin`);
    assert.deepEqual(
      readHistoryLines(env).map((line) => line.key),
      ['TOR_PASSWORD', 'TOR_HASHED_CONTROL_PASSWORD', 'MONGODB_PASSWORD', 'MONGODB_URI'],
    );
  });

  it('an unknown key fails with exit 2 and writes nothing', async (t) => {
    const { dir, env } = exampleCopy(t);
    const original = readFileSync(env, 'utf8');
    for (const key of ['NOPE_KEY', 'MONGODB_PORT']) {
      const run = await cli([...GENERATE, 'ENCRYPTION_KEY', key], { cwd: dir }, 2);
      assert.equal(run.stderr, `error [KEY_NOT_FOUND] template foundation does not generate ${key}\n  hint: lucid-env template show foundation\n`);
      assert.equal(run.stdout, '');
    }
    assert.equal(readFileSync(env, 'utf8'), original);
    assert.equal(existsSync(join(dir, 'configs/environment/.lucid-env')), false);
  });

  it('json output names keys and fingerprints, never a value', async (t) => {
    const { dir, env } = exampleCopy(t);
    const before = readValues(env);
    const run = await cli([...GENERATE, '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as { version: number; ok: boolean; changes: { file: string; key: string; fingerprint: string }[] };
    assert.equal(report.version, 1);
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.changes.map((change) => change.key),
      [...GENERATED_KEYS, ...DERIVED_KEYS],
    );
    assert.ok(report.changes.every((change) => change.file === ENV_REL && /^[0-9a-f]{12}$/.test(change.fingerprint)));
    const after = readValues(env);
    const fingerprints = new Map(readHistoryLines(env).map((line) => [line.key, line.fingerprint]));
    for (const change of report.changes) assert.equal(change.fingerprint, fingerprints.get(change.key));
    assertNoValues(run.stdout + run.stderr, [
      ...changedKeys(before, after).map((key) => after.get(key) ?? ''),
      ...['changeme', 'Zr8vQ2mX7pLk4Tn9Wb3Yc6Hd1Fg5Js0a'],
    ]);
  });
});
