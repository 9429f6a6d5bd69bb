import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { SealedProject } from './sealed-support.js';
import { SEALED_REL, sealedProject } from './sealed-support.js';

/** A sealed example with bob's public key recorded; bob's own keys directory is returned. */
async function withBob(project: SealedProject): Promise<string> {
  const bobDir = join(project.keysDir, '..', 'bob');
  const bobKey = (await project.expect(0, ['keys', 'new', 'bob'], { env: { LUCID_ENV_KEYS_DIR: bobDir } })).stdout.trim();
  await project.expect(0, ['keys', 'add', 'bob', bobKey]);
  return bobDir;
}

const bodyOf = (text: string) => text.split('\n').filter((line) => !line.startsWith('#lucid-env:'));
const tokensOf = (text: string) => text.match(/sealed\.v1\.[A-Za-z0-9_.-]+/g) ?? [];

describe('rekey', () => {
  it('--add: the new recipient opens the file; only the header changes', async (t) => {
    const project = await sealedProject(t);
    const bobDir = await withBob(project);
    const before = readFileSync(project.sealedPath, 'utf8');
    const result = await project.expect(0, ['rekey', SEALED_REL, '--add', 'bob']);
    assert.match(result.stderr, /recipients: alice, bob; version 2\nsame data key: only the recipient lines changed\n/);
    const after = readFileSync(project.sealedPath, 'utf8');
    assert.deepEqual(bodyOf(after), bodyOf(before));
    rmSync(project.plainPath);
    await project.expect(0, ['unseal', SEALED_REL], { env: { LUCID_ENV_KEYS_DIR: bobDir } });
    assert.equal(readFileSync(project.plainPath, 'utf8'), project.plainText);
  });

  it('--remove: a new data key, and the removed recipient cannot open the new file', async (t) => {
    const project = await sealedProject(t);
    const bobDir = await withBob(project);
    await project.expect(0, ['rekey', SEALED_REL, '--add', 'bob']);
    const before = readFileSync(project.sealedPath, 'utf8');
    const result = await project.expect(0, ['rekey', SEALED_REL, '--remove', 'alice']);
    assert.match(result.stderr, /new data key: every value was sealed again\nnotice: none of your keys is a recipient any more/);
    const after = readFileSync(project.sealedPath, 'utf8');
    const old = new Set(tokensOf(before));
    assert.equal(tokensOf(after).filter((token) => old.has(token)).length, 0);
    assert.doesNotMatch(after, /#lucid-env:recipient alice /);
    const refused = await project.run(['unseal', SEALED_REL, '-o', 'out.env']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^error \[NOT_A_RECIPIENT\]/);
    await project.expect(0, ['unseal', SEALED_REL, '-o', 'out.env'], { env: { LUCID_ENV_KEYS_DIR: bobDir } });
    assert.equal(readFileSync(join(project.dir, 'out.env'), 'utf8'), project.plainText);
  });

  it('--new-data-key seals every value again and still opens', async (t) => {
    const project = await sealedProject(t);
    const before = tokensOf(readFileSync(project.sealedPath, 'utf8'));
    await project.expect(0, ['rekey', SEALED_REL, '--new-data-key']);
    const after = tokensOf(readFileSync(project.sealedPath, 'utf8'));
    assert.equal(after.length, before.length);
    assert.ok(after.every((token, index) => token !== before[index]));
    await project.expect(0, ['unseal', SEALED_REL, '-o', 'out.env']);
    assert.equal(readFileSync(join(project.dir, 'out.env'), 'utf8'), project.plainText);
  });

  it('verifies before writing: a tampered file, a stranger key, no recipient left: nothing changes', async (t) => {
    const project = await sealedProject(t);
    await withBob(project);
    const text = readFileSync(project.sealedPath, 'utf8');
    writeFileSync(project.sealedPath, text.replace('# Lucid', '# LUCID'));
    const tampered = await project.expect(1, ['rekey', SEALED_REL, '--add', 'bob']);
    assert.match(tampered.stderr, /edited outside lucid-env: .* +\[sealed-tampered\]/);
    assert.equal(readFileSync(project.sealedPath, 'utf8'), text.replace('# Lucid', '# LUCID'));
    writeFileSync(project.sealedPath, text);
    const stranger = await project.run(['rekey', SEALED_REL, '--add', 'bob'], { env: { LUCID_ENV_KEYS_DIR: join(project.dir, 'none') } });
    assert.equal(stranger.code, 2);
    const empty = await project.run(['rekey', SEALED_REL, '--remove', 'alice']);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /would leave configs\/environment\/\.env\.foundation\.sealed with no recipient/);
    const unknown = await project.run(['rekey', SEALED_REL, '--remove', 'zed']);
    assert.match(unknown.stderr, /^error \[RECIPIENT_NOT_FOUND\] zed is not a recipient/);
    assert.equal(readFileSync(project.sealedPath, 'utf8'), text);
  });
});
