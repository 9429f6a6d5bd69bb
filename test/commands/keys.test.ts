import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from '../helpers/context.js';
import { modeOf, scratchDir } from './support.js';

describe('keys', () => {
  it('new writes the private key 0600 in a 0700 directory and prints only the public key', async (t) => {
    const home = scratchDir(t);
    const env = { XDG_CONFIG_HOME: home };
    const result = await runInProcess(['keys', 'new', 'alice'], home, { env });
    assert.equal(result.code, 0, result.stderr);
    const keysDir = join(home, 'lucid-env', 'keys');
    assert.deepEqual(readdirSync(keysDir).sort(), ['alice.key', 'alice.pub']);
    assert.equal(modeOf(keysDir), 0o700);
    assert.equal(modeOf(join(keysDir, 'alice.key')), 0o600);
    const publicKey = readFileSync(join(keysDir, 'alice.pub'), 'utf8').trim();
    assert.match(publicKey, /^lucid-pk1-[A-Za-z0-9_-]{43}$/);
    assert.equal(result.stdout, `${publicKey}\n`);
    const privateKey = /lucid-sk1-[A-Za-z0-9_-]{43}/.exec(readFileSync(join(keysDir, 'alice.key'), 'utf8'))?.[0] ?? '';
    assert.ok(privateKey !== '' && !result.stdout.includes(privateKey) && !result.stderr.includes(privateKey));
    assert.match(result.stderr, /created key alice \(fingerprint [0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}\)/);
  });

  it('new never overwrites a key, and takes the login name by default', async (t) => {
    const keysDir = join(scratchDir(t), 'keys');
    const env = { LUCID_ENV_KEYS_DIR: keysDir, USER: 'carol' };
    assert.equal((await runInProcess(['keys', 'new'], keysDir, { env })).code, 0);
    const before = readFileSync(join(keysDir, 'carol.key'), 'utf8');
    const again = await runInProcess(['keys', 'new', 'carol'], keysDir, { env });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /^error \[OUTPUT_EXISTS\] a key named carol already exists/);
    assert.equal(readFileSync(join(keysDir, 'carol.key'), 'utf8'), before);
  });

  it('add records a public key from argv or stdin; list shows names and fingerprints', async (t) => {
    const keysDir = join(scratchDir(t), 'keys');
    const env = { LUCID_ENV_KEYS_DIR: keysDir };
    const bobKey = (await runInProcess(['keys', 'new', 'bob'], keysDir, { env: { LUCID_ENV_KEYS_DIR: join(keysDir, '..', 'bob') } })).stdout.trim();
    await runInProcess(['keys', 'new', 'alice'], keysDir, { env });
    assert.equal((await runInProcess(['keys', 'add', 'bob', bobKey], keysDir, { env })).code, 0);
    assert.equal((await runInProcess(['keys', 'add', 'bob2'], keysDir, { env, input: `${bobKey}\n` })).code, 0);
    const list = await runInProcess(['keys', 'list'], keysDir, { env });
    assert.match(
      list.stdout,
      /^alice {2}[0-9a-f-]{19} {2}private key here\nbob {4}[0-9a-f-]{19} {2}public key only\nbob2 {3}[0-9a-f-]{19} {2}public key only\n$/,
    );
    const fingerprints = list.stdout.split('\n').map((line) => line.split(/\s+/)[1]);
    assert.equal(fingerprints[1], fingerprints[2]);
  });

  it('add refuses a malformed key and a different key under a known name', async (t) => {
    const keysDir = join(scratchDir(t), 'keys');
    const env = { LUCID_ENV_KEYS_DIR: keysDir };
    assert.match(
      (await runInProcess(['keys', 'add', 'bob', 'lucid-pk1-nope'], keysDir, { env })).stderr,
      /^error \[USAGE\] that is not a lucid-env public key/,
    );
    const one = (await runInProcess(['keys', 'new', 'x'], keysDir, { env: { LUCID_ENV_KEYS_DIR: join(keysDir, 'x') } })).stdout.trim();
    const two = (await runInProcess(['keys', 'new', 'y'], keysDir, { env: { LUCID_ENV_KEYS_DIR: join(keysDir, 'y') } })).stdout.trim();
    await runInProcess(['keys', 'add', 'bob', one], keysDir, { env });
    const refused = await runInProcess(['keys', 'add', 'bob', two], keysDir, { env });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /a different public key is already recorded as bob/);
    assert.equal((await runInProcess(['keys', 'add', 'bob', two, '--force'], keysDir, { env })).code, 0);
    assert.equal(readFileSync(join(keysDir, 'bob.pub'), 'utf8'), `${two}\n`);
  });

  it('warns when a private key file is readable by others', async (t) => {
    const keysDir = join(scratchDir(t), 'keys');
    const env = { LUCID_ENV_KEYS_DIR: keysDir };
    await runInProcess(['keys', 'new', 'alice'], keysDir, { env });
    const path = join(keysDir, 'alice.key');
    chmodSync(path, 0o644);
    const list = await runInProcess(['keys', 'list'], keysDir, { env });
    assert.match(list.stderr, /this private key file is readable by group or others {2}\[insecure-permissions\]/);
  });
});
