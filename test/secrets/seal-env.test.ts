import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { parseEnv } from '../../src/dotenv/parse.js';
import type { RandomSource, Sodium } from '../../src/secrets/random.js';
import { loadSodium, loadSodiumRandom } from '../../src/secrets/random.js';
import type { Recipient } from '../../src/secrets/seal-env.js';
import { sealEnv } from '../../src/secrets/seal-env.js';
import { parseSealedText } from '../../src/secrets/sealed-header.js';
import type { KeyPair } from '../../src/secrets/sealed-keys.js';
import { createKeyPair } from '../../src/secrets/sealed-keys.js';
import { inspectSealedEnv, openSealedEnv } from '../../src/secrets/sealed-open.js';

let sodium: Sodium;
let random: RandomSource;
let alice: KeyPair;
let bob: KeyPair;
let recipients: Recipient[];

before(async () => {
  sodium = await loadSodium();
  random = await loadSodiumRandom();
  alice = createKeyPair(sodium);
  bob = createKeyPair(sodium);
  recipients = [{ name: 'alice', publicKey: alice.publicKey }];
});

function seal(text: string, options: Partial<Parameters<typeof sealEnv>[3]> = {}) {
  return sealEnv(sodium, random, parseEnv(text, { file: '.env' }).document, { recipients, ...options });
}

function isAccepted(text: string): boolean {
  return parseEnv(text, { file: '.env' }).document.lines.every((line) => line.kind !== 'invalid');
}

const printable = fc.string({ unit: fc.constantFrom(...Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)), 'é', '😀', '\t') });
const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/);
const value = fc.oneof(
  printable.map((text) => text.replaceAll('#', '')),
  printable.map((text) => `'${text.replaceAll("'", '')}'`),
  fc.array(printable, { maxLength: 3 }).map((lines) => `"${lines.join('\n').replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`),
  fc.constant(''),
);
const entry = fc
  .tuple(fc.constantFrom('', '  ', 'export '), key, fc.constantFrom('=', ' = ', '= '), value, fc.constantFrom('', ' # note', '   '))
  .map(([prefix, name, equals, text, comment]) => `${prefix}${name}${equals}${text}${text.startsWith("'") || text.startsWith('"') ? comment : ''}`);
const line = fc.oneof(
  entry,
  entry,
  fc.constantFrom('', '   ', '# comment', '#', 'INHERITED'),
  fc.tuple(key, key).map(([a, b]) => `${a}='x' ${b}=y`),
);
const envFile = fc
  .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
  .map(([lines, eol, bom, finalNewline]) => `${bom ? '\ufeff' : ''}${lines.join(eol)}${finalNewline && lines.length > 0 ? eol : ''}`);

describe('sealEnv and openSealedEnv', () => {
  it('give back the exact bytes of any env file the reader accepts', () => {
    fc.assert(
      fc.property(envFile, (text) => {
        if (!isAccepted(text)) return;
        const sealed = seal(text);
        const opened = openSealedEnv(sodium, sealed.text, [alice.privateKey]);
        assert.deepEqual(opened.problems, []);
        assert.equal(opened.opened?.plain, text);
      }),
      { numRuns: 1000 },
    );
  });

  it('give back the exact bytes of fuzzed text the reader accepts', () => {
    const pieces = ['\t', '\r', '\n', '\r\n', '#', "'", '"', '`', '=', ':', '$', '{', '}', '\\', ' ', 'export ', '${A', '$$', 'é', 'A', 'KEY', ' #'];
    const fuzzed = fc.array(fc.oneof(fc.constantFrom(...pieces), printable), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fuzzed, (text) => {
        if (!isAccepted(text)) return;
        assert.equal(openSealedEnv(sodium, seal(text).text, [alice.privateKey]).opened?.plain, text);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the layout and hides every value', () => {
    const text = '# db\nDB_PASSWORD=hunter2-secret\n\nexport API_TOKEN="tok en" # why\n';
    const sealed = seal(text).text;
    assert.ok(!sealed.includes('hunter2') && !sealed.includes('tok en'));
    const body = sealed.split('\n').slice(3);
    assert.equal(body[0], '# db');
    assert.match(body[1] ?? '', /^DB_PASSWORD=sealed\.v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+$/);
    assert.equal(body[2], '');
    assert.match(body[3] ?? '', /^export API_TOKEN="sealed\.v1\.[^"]+" # why$/);
  });

  it('re-sealed with the previous state, changes only the header and the changed keys', () => {
    const first = seal('A=1\nB=2\nC=3\n');
    const second = seal('A=1\nB=two\nC=3\n', { previous: first.opened });
    const changed = second.text.split('\n').filter((text, index) => text !== first.text.split('\n')[index]);
    assert.deepEqual(
      changed.map((text) => text.split(/[ =]/)[0]),
      ['#lucid-env:sealed', '#lucid-env:mac', 'B'],
    );
    assert.deepEqual(second.changedKeys, ['B']);
    assert.equal(second.opened.version, 2);
    assert.equal(parseSealedText(second.text).ok, true);
  });

  it('draws a new data key on request: every value changes', () => {
    const first = seal('A=1\nB=2\n');
    const second = seal('A=1\nB=2\n', { previous: first.opened, freshDataKey: true });
    assert.deepEqual(second.changedKeys, ['A', 'B']);
    assert.equal(openSealedEnv(sodium, second.text, [alice.privateKey]).opened?.plain, 'A=1\nB=2\n');
  });

  it('opens for every recipient and for no one else', () => {
    const sealed = seal('A=1\n', { recipients: [...recipients, { name: 'bob', publicKey: bob.publicKey }] }).text;
    assert.equal(openSealedEnv(sodium, sealed, [bob.privateKey]).opened?.plain, 'A=1\n');
    const stranger = createKeyPair(sodium);
    const locked = openSealedEnv(sodium, sealed, [stranger.privateKey]);
    assert.equal(locked.isLocked, true);
    assert.equal(locked.opened, undefined);
    assert.deepEqual(locked.problems, []);
  });

  it('refuses a file of a future format, a truncated one and a plain one, with clear messages', () => {
    const sealed = seal('A=1\n').text;
    const future = inspectSealedEnv(sealed.replace('#lucid-env:sealed v1 ', '#lucid-env:sealed v2 '));
    assert.deepEqual(future.problems, [
      {
        code: 'sealed-unreadable',
        line: 1,
        column: 1,
        message: 'this file was sealed in format v2; this lucid-env reads format v1 only (upgrade lucid-env to read it)',
      },
    ]);
    assert.equal(inspectSealedEnv(sealed.slice(0, 60)).problems[0]?.message, 'the file ends inside its first header line (truncated?)');
    const cutInBody = inspectSealedEnv(sealed.slice(0, sealed.length - 30));
    assert.deepEqual(
      cutInBody.problems.map((problem) => problem.message),
      ['the sealed value of A is malformed: cut short or edited'],
    );
    const cutAfterHeader = inspectSealedEnv(sealed.slice(0, sealed.indexOf('A=')));
    assert.deepEqual(
      cutAfterHeader.problems.map((problem) => problem.message),
      ['the header records 1 sealed value but the file holds 0: 1 deleted (or the file was cut short)'],
    );
    assert.equal(inspectSealedEnv('A=1\n').problems[0]?.message, 'this is not a sealed env file (it does not start with "#lucid-env:sealed")');
  });

  it('refuses a version below --min-version', () => {
    const sealed = seal('A=1\n', { version: 3 }).text;
    assert.deepEqual(
      openSealedEnv(sodium, sealed, [alice.privateKey], { minVersion: 4 }).problems.map((problem) => problem.message),
      ['this is version 3 of the sealed file, older than --min-version 4: a rollback?'],
    );
    assert.equal(openSealedEnv(sodium, sealed, [alice.privateKey], { minVersion: 3 }).opened?.plain, 'A=1\n');
  });
});
