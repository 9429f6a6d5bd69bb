import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadSodiumRandom } from '../../src/secrets/random.js';
import { generateTorHash, s2kByteCount, torHashPassword, verifyTorHash } from '../../src/secrets/tor-hash.js';
import { createFakeRandom } from '../helpers/fake-random.js';

const KNOWN_SALT = Buffer.from('vrbacrda', 'ascii');
const KNOWN_HASH = '16:76726261637264616086542223CBBBAD3274E36FC3D7A42AA988B2CC16';

/** Tor's secret_to_key_rfc2440 loop, transcribed literally, as an independent reference. */
function referenceTorHash(password: string, salt: Uint8Array): string {
  const input = Buffer.concat([salt, Buffer.from(password, 'utf8')]);
  const hash = createHash('sha1');
  let count = 65_536;
  while (count > 0) {
    if (count >= input.length) {
      hash.update(input);
      count -= input.length;
    } else {
      hash.update(input.subarray(0, count));
      count = 0;
    }
  }
  return `16:${Buffer.concat([salt, Buffer.of(0x60), hash.digest()])
    .toString('hex')
    .toUpperCase()}`;
}

const salts = fc.uint8Array({ minLength: 8, maxLength: 8 });

describe('torHashPassword', () => {
  it('matches the known answer of tor --hash-password', () => {
    assert.equal(torHashPassword('12345678', KNOWN_SALT), KNOWN_HASH);
  });

  it('codes count byte 0x60 as 65,536 bytes', () => {
    assert.equal(s2kByteCount(0x60), 65_536);
    assert.equal(s2kByteCount(0x00), 1_024);
    assert.equal(s2kByteCount(0xff), 65_011_712);
  });

  it('matches a literal transcription of Tor for any password, including Unicode and empty', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), salts, (password, salt) => {
        assert.equal(torHashPassword(password, salt), referenceTorHash(password, salt));
      }),
    );
  });

  it('cuts salt + password longer than 65,536 bytes to 65,536, as Tor does', () => {
    const long = 'x'.repeat(70_000);
    const hashed = torHashPassword(long, KNOWN_SALT);
    assert.equal(hashed, referenceTorHash(long, KNOWN_SALT));
    assert.equal(hashed, torHashPassword('x'.repeat(65_528), KNOWN_SALT), 'bytes past the count are ignored');
  });

  it('refuses a salt that is not 8 bytes', () => {
    assert.throws(() => torHashPassword('secret', new Uint8Array(7)), RangeError);
    assert.throws(() => torHashPassword('secret', new Uint8Array(9)), RangeError);
  });
});

describe('verifyTorHash', () => {
  it('accepts the known answer and its lower-case form', () => {
    assert.equal(verifyTorHash('12345678', KNOWN_HASH), true);
    assert.equal(verifyTorHash('12345678', `16:${KNOWN_HASH.slice(3).toLowerCase()}`), true);
    assert.equal(verifyTorHash('12345679', KNOWN_HASH), false);
  });

  it('is true for the password and false for any other (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), fc.string({ maxLength: 64 }), salts, (password, other, salt) => {
        const hashed = torHashPassword(password, salt);
        assert.equal(verifyTorHash(password, hashed), true);
        if (other !== password) assert.equal(verifyTorHash(other, hashed), false);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects malformed hashes without throwing', () => {
    for (const hashed of ['', '16:', KNOWN_HASH.slice(0, -1), `${KNOWN_HASH}0`, `17:${KNOWN_HASH.slice(3)}`, KNOWN_HASH.replace('7', 'G'), ` ${KNOWN_HASH}`]) {
      assert.equal(verifyTorHash('12345678', hashed), false, hashed);
    }
  });

  it('verifies a hash made with another count byte, as Tor does', () => {
    const salt = Buffer.from('saltsalt');
    const input = Buffer.concat([salt, Buffer.from('pw')]);
    const repeated = Buffer.alloc(1_024);
    for (let offset = 0; offset < repeated.length; offset += input.length) input.copy(repeated, offset);
    const digest = createHash('sha1').update(repeated).digest();
    const hashed = `16:${Buffer.concat([salt, Buffer.of(0x00), digest])
      .toString('hex')
      .toUpperCase()}`;
    assert.equal(verifyTorHash('pw', hashed), true);
    assert.equal(verifyTorHash('pw!', hashed), false);
  });
});

describe('generateTorHash', () => {
  it('takes exactly 8 salt bytes from the RandomSource', () => {
    const random = createFakeRandom(0x41);
    const hashed = generateTorHash('12345678', random);
    assert.deepEqual(random.bytesCalls, [8]);
    assert.equal(hashed, torHashPassword('12345678', Buffer.from('ABCDEFGH')));
  });

  it('uses a fresh salt each time with libsodium', async () => {
    const random = await loadSodiumRandom();
    const first = generateTorHash('same password', random);
    const second = generateTorHash('same password', random);
    assert.match(first, /^16:[0-9A-F]{16}60[0-9A-F]{40}$/);
    assert.notEqual(first, second);
    assert.ok(verifyTorHash('same password', first) && verifyTorHash('same password', second));
  });
});
