/**
 * `run` in process: the child gets the values (checked through hashes it writes, so the test itself
 * leaves no plaintext), its exit code is ours, and nothing of the values lands on disk.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SEALED_REL, sealedProject } from './sealed-support.js';
import { assertNoValues, valuesOf } from './support.js';

const sha = (value: string) => createHash('sha256').update(value).digest('hex');

/** A node script that writes the sha256 of the named variables to `out`, then exits with `code`. */
function hashingChild(out: string, names: readonly string[], code = 0): string[] {
  const script = `const { createHash } = require('node:crypto');
const names = ${JSON.stringify(names)};
const hash = (value) => (value === undefined ? null : createHash('sha256').update(value).digest('hex'));
const hashes = Object.fromEntries(names.map((name) => [name, hash(process.env[name])]));
require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(hashes));
process.exit(${code});`;
  return [process.execPath, '-e', script];
}

/** Every file under a folder, with its text. */
function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, entry);
    if (statSync(path).isFile()) files.set(path, readFileSync(path, 'utf8'));
  }
  return files;
}

describe('run', () => {
  it('gives the child the values of a sealed file, passes its exit code on, and leaves no plaintext on disk', async (t) => {
    const project = await sealedProject(t);
    const values = valuesOf(project.plainText);
    rmSync(project.plainPath);
    const out = join(project.dir, 'hashes.json');
    const before = filesUnder(project.dir);
    const names = ['MONGODB_PASSWORD', 'REDIS_PASSWORD', 'LOG_LEVEL', 'ELASTICSEARCH_PASSWORD'];
    const result = await project.expect(7, ['run', '-e', SEALED_REL, '--', ...hashingChild(out, names, 7)]);
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), Object.fromEntries(names.map((name) => [name, sha(values.get(name) ?? '')])));
    rmSync(out);
    // Not one file was added or changed: the values went to the child's environment only.
    assert.deepEqual(filesUnder(project.dir), before);
    assertNoValues(readFileSync(project.sealedPath, 'utf8'), values.values());
    assert.equal(result.stdout, '');
    assertNoValues(result.stderr, values.values());
  });

  it('keeps variables already in the environment unless --override', async (t) => {
    const project = await sealedProject(t);
    const out = join(project.dir, 'hashes.json');
    const kept = await project.expect(0, ['run', '-e', SEALED_REL, '--', ...hashingChild(out, ['LOG_LEVEL'])], { env: { LOG_LEVEL: 'TRACE' } });
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), { LOG_LEVEL: sha('TRACE') });
    assert.match(kept.stderr, /notice: kept from the environment \(pass --override to use the files' values\): LOG_LEVEL\n/);
    await project.expect(0, ['run', '-e', SEALED_REL, '--override', '--', ...hashingChild(out, ['LOG_LEVEL'])], { env: { LOG_LEVEL: 'TRACE' } });
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), { LOG_LEVEL: sha('INFO') });
  });

  it('works with plain env files, later files winning', async (t) => {
    const project = await sealedProject(t);
    writeFileSync(join(project.dir, 'late.env'), 'LOG_LEVEL=ERROR\n');
    const out = join(project.dir, 'hashes.json');
    await project.expect(0, ['run', '-e', SEALED_REL, '-e', 'late.env', '--', ...hashingChild(out, ['LOG_LEVEL', 'MONGODB_USERNAME'])]);
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), { LOG_LEVEL: sha('ERROR'), MONGODB_USERNAME: sha('lucid') });
  });

  it('starts nothing when a file cannot be opened or fails verification', async (t) => {
    const project = await sealedProject(t);
    const out = join(project.dir, 'hashes.json');
    const locked = await project.run(['run', '-e', SEALED_REL, '--', ...hashingChild(out, [])], { env: { LUCID_ENV_KEYS_DIR: join(project.dir, 'none') } });
    assert.equal(locked.code, 2);
    assert.match(locked.stderr, /^error \[PRIVATE_KEY_MISSING\] no private key to open/);
    writeFileSync(project.sealedPath, readFileSync(project.sealedPath, 'utf8').replace('# Lucid', '# lucid'));
    const tampered = await project.run(['run', '-e', SEALED_REL, '--', ...hashingChild(out, [])]);
    assert.equal(tampered.code, 1);
    assert.match(tampered.stderr, /\[sealed-tampered\]/);
    assert.equal(existsSync(out), false);
  });

  it('a command that cannot start is exit 2 with a clear error', async (t) => {
    const project = await sealedProject(t);
    const result = await project.run(['run', '-e', SEALED_REL, '--', 'no-such-command-lucid-env']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'error [COMMAND_FAILED] cannot start no-such-command-lucid-env: no such command on PATH\n');
  });
});
