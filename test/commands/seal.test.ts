import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SEALED_REL, sealedProject } from './sealed-support.js';
import { assertNoValues, ENV_REL, modeOf, readValues } from './support.js';

/** Lines of `after` that differ from `before` at the same index (the files keep their line count). */
function changedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  return after.split('\n').filter((line, index) => line !== old[index]);
}

describe('seal and unseal', () => {
  it('seal, lose the plain file, unseal: the same bytes, mode 0600, no value in the sealed file or any output', async (t) => {
    const project = await sealedProject(t, { seal: false });
    const sealed = await project.expect(0, ['seal', '-e', ENV_REL]);
    const sealedText = readFileSync(project.sealedPath, 'utf8');
    const values = [...readValues(project.plainPath).values()];
    assertNoValues(sealedText + sealed.stdout + sealed.stderr, values);
    assert.ok(sealedText.includes('\n# Lucid foundation environment\n') && sealedText.includes('\n# ENCRYPTION_KEY and TOR_PASSWORD'));
    rmSync(project.plainPath);
    const unsealed = await project.expect(0, ['unseal', SEALED_REL]);
    assert.equal(readFileSync(project.plainPath, 'utf8'), project.plainText);
    assert.equal(modeOf(project.plainPath), 0o600);
    assertNoValues(unsealed.stdout + unsealed.stderr, values);
    assert.equal(unsealed.stdout, '');
  });

  it('seal again: nothing to do when nothing changed; one changed value changes the header and that line only', async (t) => {
    const project = await sealedProject(t);
    const first = readFileSync(project.sealedPath, 'utf8');
    const again = await project.expect(0, ['seal', '-e', ENV_REL]);
    assert.match(again.stderr, /is up to date/);
    assert.equal(readFileSync(project.sealedPath, 'utf8'), first);
    writeFileSync(project.plainPath, project.plainText.replace('LOG_LEVEL=INFO', 'LOG_LEVEL=DEBUG'));
    const changed = await project.expect(0, ['seal', '-e', ENV_REL]);
    assert.match(changed.stderr, /sealed +LOG_LEVEL\n/);
    assert.match(changed.stderr, /unchanged +MONGODB_PASSWORD\n/);
    const second = readFileSync(project.sealedPath, 'utf8');
    assert.deepEqual(
      changedLines(first, second).map((line) => line.split(/[ =]/)[0]),
      ['#lucid-env:sealed', '#lucid-env:mac', 'LOG_LEVEL'],
    );
    assert.match(second, /^#lucid-env:sealed v1 id=\S+ version=2 /);
  });

  it('seals to recorded recipients; a recipient opens it with LUCID_ENV_PRIVATE_KEY, a key file or --key-file', async (t) => {
    const project = await sealedProject(t, { seal: false });
    const bobDir = join(project.keysDir, '..', 'bob');
    const bobPublic = (await project.expect(0, ['keys', 'new', 'bob'], { env: { LUCID_ENV_KEYS_DIR: bobDir } })).stdout.trim();
    await project.expect(0, ['keys', 'add', 'bob', bobPublic]);
    await project.expect(0, ['seal', '-e', ENV_REL, '--recipient', 'bob']);
    assert.match(readFileSync(project.sealedPath, 'utf8'), /\n#lucid-env:recipient alice lucid-pk1-\S+ \S+\n#lucid-env:recipient bob /);
    const bobKeyFile = join(bobDir, 'bob.key');
    const bobPrivate = /lucid-sk1-\S+/.exec(readFileSync(bobKeyFile, 'utf8'))?.[0] ?? '';
    const nowhere = join(project.dir, 'no-keys-here');
    for (const env of [
      { LUCID_ENV_KEYS_DIR: nowhere, LUCID_ENV_PRIVATE_KEY: bobPrivate },
      { LUCID_ENV_KEYS_DIR: nowhere, LUCID_ENV_PRIVATE_KEY: readFileSync(bobKeyFile, 'utf8') },
      { LUCID_ENV_KEYS_DIR: nowhere, LUCID_ENV_PRIVATE_KEY_FILE: bobKeyFile },
    ]) {
      rmSync(project.plainPath, { force: true });
      await project.expect(0, ['unseal', SEALED_REL], { env });
      assert.equal(readFileSync(project.plainPath, 'utf8'), project.plainText);
    }
    rmSync(project.plainPath);
    await project.expect(0, ['unseal', SEALED_REL, '--key-file', bobKeyFile], { env: { LUCID_ENV_KEYS_DIR: nowhere } });
    assert.equal(readFileSync(project.plainPath, 'utf8'), project.plainText);
  });

  it('a wrong key or no key: a clear error, nothing written', async (t) => {
    const project = await sealedProject(t);
    rmSync(project.plainPath);
    const strangerDir = join(project.keysDir, '..', 'stranger');
    await project.expect(0, ['keys', 'new', 'mallory'], { env: { LUCID_ENV_KEYS_DIR: strangerDir } });
    const wrong = await project.expect(2, ['unseal', SEALED_REL], { env: { LUCID_ENV_KEYS_DIR: strangerDir } });
    assert.equal(
      wrong.stderr,
      `error [NOT_A_RECIPIENT] none of your keys (mallory) opens ${SEALED_REL} (recipients: alice)\n` +
        '  hint: ask a recipient to run `lucid-env rekey --add YOUR_NAME` on it\n',
    );
    const none = await project.expect(2, ['unseal', SEALED_REL], { env: { LUCID_ENV_KEYS_DIR: join(project.dir, 'empty') } });
    assert.match(none.stderr, /^error \[PRIVATE_KEY_MISSING\] no private key to open configs\/environment\/\.env\.foundation\.sealed \(recipients: alice\)\n/);
    const garbage = await project.expect(2, ['unseal', SEALED_REL], { env: { LUCID_ENV_PRIVATE_KEY: 'not-a-key' } });
    assert.match(garbage.stderr, /^error \[PRIVATE_KEY_MISSING\] LUCID_ENV_PRIVATE_KEY holds no lucid-env private key/);
    assert.equal(existsSync(project.plainPath), false);
  });

  it('a truncated file and a future format: exit 1 with what is wrong, nothing written', async (t) => {
    const project = await sealedProject(t);
    rmSync(project.plainPath);
    const text = readFileSync(project.sealedPath, 'utf8');
    writeFileSync(project.sealedPath, text.slice(0, text.indexOf('#lucid-env:mac')));
    const truncated = await project.expect(1, ['unseal', SEALED_REL]);
    assert.match(truncated.stderr, /3:1 +error +the file ends before its "#lucid-env:mac" header line \(truncated\?\) +\[sealed-unreadable\]/);
    writeFileSync(project.sealedPath, text.replace('#lucid-env:sealed v1 ', '#lucid-env:sealed v2 '));
    const future = await project.expect(1, ['unseal', SEALED_REL]);
    assert.match(future.stderr, /this file was sealed in format v2; this lucid-env reads format v1 only \(upgrade lucid-env to read it\)/);
    assert.equal(existsSync(project.plainPath), false);
  });

  it('unseal keeps a plain file that differs unless --force; an identical one is left alone', async (t) => {
    const project = await sealedProject(t);
    const same = await project.expect(0, ['unseal', SEALED_REL]);
    assert.match(same.stderr, /already up to date/);
    writeFileSync(project.plainPath, `${project.plainText}LOCAL=change\n`);
    const refused = await project.expect(2, ['unseal', SEALED_REL]);
    assert.match(
      refused.stderr,
      /^error \[OUTPUT_EXISTS\] configs\/environment\/\.env\.foundation exists and differs from the sealed file; nothing was written/,
    );
    assert.match(readFileSync(project.plainPath, 'utf8'), /LOCAL=change/);
    await project.expect(0, ['unseal', SEALED_REL, '--force']);
    assert.equal(readFileSync(project.plainPath, 'utf8'), project.plainText);
  });

  it('seal refuses a file with lines Compose rejects, and a sealed file that fails verification (unless --force)', async (t) => {
    const project = await sealedProject(t);
    writeFileSync(join(project.dir, 'bad.env'), 'GOOD=1\nnot a line\n');
    const bad = await project.expect(1, ['seal', '-e', 'bad.env']);
    assert.match(bad.stderr, /\[env-syntax\]/);
    assert.equal(existsSync(join(project.dir, 'bad.env.sealed')), false);
    const text = readFileSync(project.sealedPath, 'utf8');
    writeFileSync(project.sealedPath, text.replace('# Lucid', '# lucid'));
    const tampered = await project.expect(1, ['seal', '-e', ENV_REL]);
    assert.match(tampered.stderr, /pass --force to replace it with a new sealed file/);
    await project.expect(0, ['seal', '-e', ENV_REL, '--force']);
    assert.match(readFileSync(project.sealedPath, 'utf8'), / version=2 /);
    await project.expect(0, ['unseal', SEALED_REL]);
  });
});
