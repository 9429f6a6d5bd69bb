/**
 * Every attack on a sealed file that the issue lists, and a few more: each is refused by `unseal`
 * with exit 1 and a message naming the key and the kind of change, and the output path is untouched.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import type { SealedProject } from './sealed-support.js';
import { SEALED_REL, sealedProject, tokenOf, withToken } from './sealed-support.js';

const SENTINEL = 'untouched\n';

/** Tampers with the sealed file, unseals it over a sentinel file with --force, and checks the refusal. */
async function expectRefused(t: TestContext, tamper: (text: string, project: SealedProject) => string | Promise<string>, message: string | RegExp) {
  const project = await sealedProject(t);
  const original = readFileSync(project.sealedPath, 'utf8');
  writeFileSync(project.sealedPath, await tamper(original, project));
  writeFileSync(join(project.dir, 'out.env'), SENTINEL);
  const result = await project.expect(1, ['unseal', SEALED_REL, '-o', 'out.env', '--force']);
  assert.equal(readFileSync(join(project.dir, 'out.env'), 'utf8'), SENTINEL);
  assert.match(result.stderr, /\[sealed-tampered\]/);
  if (typeof message === 'string') assert.ok(result.stderr.includes(message), `expected "${message}" in:\n${result.stderr}`);
  else assert.match(result.stderr, message);
  // Without -o the default output path is not created either.
  await project.expect(1, ['unseal', SEALED_REL]);
  assert.equal(existsSync(project.plainPath), true, 'the example plain file is still there');
  assert.equal(readFileSync(project.plainPath, 'utf8'), project.plainText);
  return result;
}

describe('unseal refuses a tampered sealed file (exit 1, nothing written)', () => {
  it('two values swapped', async (t) => {
    await expectRefused(
      t,
      (text) => {
        const a = tokenOf(text, 'MONGODB_PASSWORD');
        const b = tokenOf(text, 'JWT_SECRET_KEY');
        return text.replace(a, '@').replace(b, a).replace('@', b);
      },
      'the values of MONGODB_PASSWORD and JWT_SECRET_KEY were swapped',
    );
  });

  it('a value moved to another key', async (t) => {
    await expectRefused(
      t,
      (text) => withToken(text, 'LOG_LEVEL', tokenOf(text, 'MONGODB_PASSWORD')),
      'the value under LOG_LEVEL is the sealed value of MONGODB_PASSWORD: moved or copied from there',
    );
  });

  it('a line renamed to a key the file does not have', async (t) => {
    await expectRefused(t, (text) => text.replace('\nMONGODB_PASSWORD=', '\nADMIN_PASSWORD='), 'the sealed value of ADMIN_PASSWORD fails authentication');
  });

  it('a line deleted', async (t) => {
    await expectRefused(t, (text) => text.replace(/\nLOG_LEVEL=[^\n]*/, ''), 'the header records 9 sealed values but the file holds 8: 1 deleted');
  });

  it('a line added (a copy of a sealed value)', async (t) => {
    const result = await expectRefused(
      t,
      (text) => `${text}MONGODB_PASSWORD=${tokenOf(text, 'JWT_SECRET_KEY')}\n`,
      'the value under MONGODB_PASSWORD (definition 2) is the sealed value of JWT_SECRET_KEY',
    );
    assert.ok(result.stderr.includes('the header records 9 sealed values but the file holds 10: 1 added'));
  });

  it('a bit flipped in a sealed value', async (t) => {
    await expectRefused(
      t,
      (text) => {
        const token = tokenOf(text, 'REDIS_PASSWORD');
        const flipped = `${token.slice(0, 40)}${token[40] === 'A' ? 'B' : 'A'}${token.slice(41)}`;
        return withToken(text, 'REDIS_PASSWORD', flipped);
      },
      'the sealed value of REDIS_PASSWORD fails authentication: edited (a changed byte)',
    );
  });

  it('a sealed value replaced by plaintext', async (t) => {
    await expectRefused(
      t,
      (text) => withToken(text, 'JWT_SECRET_KEY', 'my-own-plain-secret'),
      'JWT_SECRET_KEY holds a plain value where a sealed one is expected: a plaintext line was put into the sealed file',
    );
  });

  it('a sealed value copied from another sealed file', async (t) => {
    await expectRefused(
      t,
      async (text, project) => {
        writeFileSync(join(project.dir, 'other.env'), 'MONGODB_PASSWORD=from-the-other-file\n');
        await project.expect(0, ['seal', '-e', 'other.env']);
        return withToken(text, 'MONGODB_PASSWORD', tokenOf(readFileSync(join(project.dir, 'other.env.sealed'), 'utf8'), 'MONGODB_PASSWORD'));
      },
      'the sealed value of MONGODB_PASSWORD was made with another data key: copied from another sealed file',
    );
  });

  it('a comment edited', async (t) => {
    await expectRefused(t, (text) => text.replace('# Lucid foundation environment', '# Lucid foundation environment!'), 'edited outside lucid-env');
  });

  it('the version counter edited in the header', async (t) => {
    await expectRefused(t, (text) => text.replace(' version=1 ', ' version=9 '), 'edited outside lucid-env: its header');
  });

  it('line endings converted (git autocrlf)', async (t) => {
    await expectRefused(t, (text) => text.replaceAll('\n', '\r\n'), 'the line endings of the sealed file were changed');
  });

  it('an older version (rollback) with --min-version', async (t) => {
    const project = await sealedProject(t);
    const version1 = readFileSync(project.sealedPath, 'utf8');
    writeFileSync(project.plainPath, `${project.plainText}EXTRA=1\n`);
    await project.expect(0, ['seal', '-e', project.plainPath]);
    assert.match(readFileSync(project.sealedPath, 'utf8'), / version=2 /);
    writeFileSync(project.sealedPath, version1);
    writeFileSync(join(project.dir, 'out.env'), SENTINEL);
    const result = await project.expect(1, ['unseal', SEALED_REL, '-o', 'out.env', '--force', '--min-version', '2']);
    assert.ok(result.stderr.includes('this is version 1 of the sealed file, older than --min-version 2: a rollback?'));
    assert.equal(readFileSync(join(project.dir, 'out.env'), 'utf8'), SENTINEL);
  });
});
