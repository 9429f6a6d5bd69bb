/** check, render, scan and tor-hash read sealed env files; generate, set and rotate keep them sealed. */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SEALED_REL, sealedProject } from './sealed-support.js';
import { assertNoValues, COMPOSE_REL, DERIVED_KEYS, GENERATED_KEYS, listBackups, valuesOf } from './support.js';

const NO_KEYS = { LUCID_ENV_KEYS_DIR: '/nonexistent/lucid-env-keys' };

describe('reading sealed env files', () => {
  it('check with a key: the same findings as on the plain file, at the lines of the sealed file', async (t) => {
    const project = await sealedProject(t);
    const plain = await project.expect(1, ['check', '-f', COMPOSE_REL, '-e', SEALED_REL.replace('.sealed', ''), '--format', 'json']);
    rmSync(project.plainPath);
    const sealed = await project.expect(1, ['check', '-f', COMPOSE_REL, '-e', SEALED_REL, '--format', 'json']);
    type Json = { findings: { code: string; file: string; line: number; variable?: string }[] };
    const shape = (json: Json, file: string) =>
      json.findings.filter((finding) => finding.file === file).map((finding) => `${finding.code} ${finding.variable ?? ''} ${finding.line}`);
    // A sealed file holds no plaintext: its mode is no risk (the example's plain file is 0644).
    const plainFindings = (JSON.parse(plain.stdout) as Json).findings.filter(
      (finding) => finding.file.endsWith('.env.foundation') && finding.code !== 'insecure-permissions',
    );
    // Three header lines move every line of the sealed file down by three.
    assert.deepEqual(
      shape(JSON.parse(sealed.stdout) as Json, SEALED_REL),
      plainFindings.map((finding) => `${finding.code} ${finding.variable ?? ''} ${finding.line + 3}`),
    );
    assert.ok(plainFindings.some((finding) => finding.code === 'placeholder'));
  });

  it('check without a key: names count as defined, values are not judged, and a notice says so', async (t) => {
    const project = await sealedProject(t);
    rmSync(project.plainPath);
    const result = await project.run(['check', '-f', COMPOSE_REL, '-e', SEALED_REL, '--format', 'json'], { env: NO_KEYS });
    const json = JSON.parse(result.stdout) as { findings: { code: string; file: string; variable?: string; severity: string; message: string }[] };
    const sealedFindings = json.findings.filter((finding) => finding.file === SEALED_REL);
    assert.deepEqual(
      sealedFindings.map((finding) => [finding.code, finding.severity]),
      [['sealed-unreadable', 'info']],
    );
    assert.match(sealedFindings[0]?.message ?? '', /values were not checked: no private key at hand opens this sealed file \(recipients: alice\)/);
    const missing = json.findings.filter((finding) => finding.code === 'missing').map((finding) => finding.variable);
    assert.deepEqual([...new Set(missing)].sort(), ['ENCRYPTION_KEY', 'TOR_PASSWORD']);
    assert.ok(!result.stdout.includes('sealed.v1.'), 'no finding is about a sealed token');
  });

  it('check --min-version refuses an older sealed file', async (t) => {
    const project = await sealedProject(t);
    const result = await project.expect(1, ['check', '-f', COMPOSE_REL, '-e', SEALED_REL, '--min-version', '2']);
    assert.match(result.stdout, /this is version 1 of the sealed file, older than --min-version 2: a rollback\? +\[sealed-tampered\]/);
  });

  it('render: values from a key, <sealed> without one; scan lists references inside sealed values', async (t) => {
    const project = await sealedProject(t);
    const withKey = await project.expect(0, ['render', '-f', COMPOSE_REL, '-e', SEALED_REL]);
    assert.match(withKey.stdout, /MONGO_INITDB_ROOT_USERNAME=lucid\n/);
    assert.match(withKey.stdout, /MONGO_INITDB_ROOT_PASSWORD=\*{8}\n/);
    const withoutKey = await project.run(['render', '-f', COMPOSE_REL, '-e', SEALED_REL], { env: NO_KEYS });
    assert.match(withoutKey.stdout, /MONGO_INITDB_ROOT_USERNAME=<sealed>\n/);
    assert.ok(!withoutKey.stdout.includes('sealed.v1.'));
    const scan = await project.expect(0, ['scan', '-f', COMPOSE_REL, '-e', SEALED_REL, '--format', 'json']);
    assert.deepEqual((JSON.parse(scan.stdout) as { files: string[] }).files.at(-1), SEALED_REL);
  });

  it('tor-hash reads the password from a sealed file', async (t) => {
    const project = await sealedProject(t);
    await project.expect(0, ['generate', '-t', 'foundation', '-e', SEALED_REL, '-q']);
    const result = await project.expect(0, ['tor-hash', '-e', SEALED_REL]);
    assert.match(result.stdout, /^16:[0-9A-F]{58}\n$/);
    const locked = await project.run(['tor-hash', '-e', SEALED_REL], { env: NO_KEYS });
    assert.equal(locked.code, 2);
    assert.match(locked.stderr, /^error \[SEALED_INVALID\] cannot read TOR_PASSWORD/);
  });
});

describe('editing sealed env files keeps them sealed', () => {
  it('generate, set and rotate write sealed files whose diff shows exactly the keys they changed', async (t) => {
    const project = await sealedProject(t);
    const sealedLines = () => readFileSync(project.sealedPath, 'utf8').split('\n');
    const changedKeys = (before: string[], after: string[]) =>
      after
        .filter((line, index) => line !== before[index] && /^[A-Z_]+=/.test(line))
        .map((line) => line.slice(0, line.indexOf('=')))
        .sort();
    const open = async () => {
      const target = join(project.dir, 'opened.env');
      await project.expect(0, ['unseal', SEALED_REL, '-o', target, '--force']);
      return valuesOf(readFileSync(target, 'utf8'));
    };
    await project.expect(0, ['generate', '-t', 'foundation', '-e', SEALED_REL, '-q']);
    const generated = await open();
    for (const key of [...GENERATED_KEYS, ...DERIVED_KEYS]) assert.ok((generated.get(key) ?? '').length > 0, key);
    assertNoValues(readFileSync(project.sealedPath, 'utf8'), generated.values());

    const beforeSet = sealedLines();
    await project.expect(0, ['set', 'LOG_LEVEL', '-e', SEALED_REL, '-q'], { input: 'DEBUG\n' });
    assert.deepEqual(changedKeys(beforeSet, sealedLines()), ['LOG_LEVEL']);
    assert.equal((await open()).get('LOG_LEVEL'), 'DEBUG');

    const beforeRotate = sealedLines();
    await project.expect(0, ['rotate', '-t', 'foundation', '-e', SEALED_REL, 'REDIS_PASSWORD', '-q']);
    // The file gains no line, so lines compare one to one.
    assert.deepEqual(changedKeys(beforeRotate, sealedLines()), ['REDIS_PASSWORD', 'REDIS_URL']);
    const rotated = await open();
    assert.notEqual(rotated.get('REDIS_PASSWORD'), generated.get('REDIS_PASSWORD'));
    // The backup rotate took is the sealed text, never plaintext.
    const backups = listBackups(project.sealedPath);
    assert.equal(backups.files.length, 1);
    const backup = readFileSync(join(backups.dir, backups.files[0] ?? ''), 'utf8');
    assert.match(backup, /^#lucid-env:sealed v1 /);
    assertNoValues(backup, rotated.values());
  });

  it('refuses to edit a sealed file without a key, and to create a plain file named .sealed', async (t) => {
    const project = await sealedProject(t);
    const before = readFileSync(project.sealedPath, 'utf8');
    const locked = await project.run(['set', 'LOG_LEVEL', '-e', SEALED_REL], { input: 'DEBUG', env: NO_KEYS });
    assert.equal(locked.code, 2);
    assert.match(locked.stderr, /^error \[PRIVATE_KEY_MISSING\] no private key to open/);
    assert.equal(readFileSync(project.sealedPath, 'utf8'), before);
    const fresh = await project.run(['set', 'A', '-e', 'new.env.sealed'], { input: 'x' });
    assert.equal(fresh.code, 2);
    assert.match(fresh.stderr, /new\.env\.sealed does not exist; write the plain file, then `lucid-env seal` it/);
  });
});
