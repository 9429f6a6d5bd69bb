import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BytesEncoding } from '../../src/secrets/kinds.js';
import { ALPHABETS, charactersPerDraw, isSecretKindName, resolveAlphabet, SECRET_KINDS } from '../../src/secrets/kinds.js';
import { loadSodiumRandom } from '../../src/secrets/random.js';
import { createFakeRandom } from '../helpers/fake-random.js';

const { bytes: bytesKind, password: passwordKind } = SECRET_KINDS;
const SHAPES: Record<BytesEncoding, RegExp> = {
  base64: /^[A-Za-z0-9+/]*={0,2}$/,
  base64url: /^[A-Za-z0-9_-]*$/,
  hex: /^[0-9a-f]*$/,
};
const ALL_BYTES_32 = Uint8Array.from({ length: 32 }, (_, index) => index);

describe('bytes kind', () => {
  it('base64 of 32 bytes is exactly 44 padded standard characters', () => {
    const random = createFakeRandom();
    const value = bytesKind.generate({ bytes: 32, encoding: 'base64' }, random);
    assert.equal(value, Buffer.from(ALL_BYTES_32).toString('base64'));
    assert.equal(value, 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=');
    assert.deepEqual(random.bytesCalls, [32]);
  });

  it('base64url of 32 bytes is 43 characters without padding', () => {
    const value = bytesKind.generate({ bytes: 32, encoding: 'base64url' }, createFakeRandom(0xf8));
    assert.equal(value.length, 43);
    assert.equal(value, Buffer.from(Uint8Array.from({ length: 32 }, (_, i) => (0xf8 + i) & 0xff)).toString('base64url'));
    assert.match(value, /[-_]/, 'bytes 0xf8.. exercise the url-safe characters');
    assert.match(value, SHAPES.base64url);
  });

  it('hex of 32 bytes is 64 lowercase digits', () => {
    const value = bytesKind.generate({ bytes: 32, encoding: 'hex' }, createFakeRandom(0xf0));
    assert.equal(value.length, 64);
    assert.ok(value.startsWith('f0f1f2f3'));
    assert.match(value, SHAPES.hex);
  });

  it('every encoding and count has the exact length and passes its own validation', () => {
    const lengths: Record<BytesEncoding, (bytes: number) => number> = {
      base64: (bytes) => Math.ceil(bytes / 3) * 4,
      base64url: (bytes) => Math.ceil((bytes * 4) / 3),
      hex: (bytes) => bytes * 2,
    };
    for (const encoding of Object.keys(lengths) as BytesEncoding[]) {
      for (let bytes = 1; bytes <= 70; bytes += 1) {
        const options = { bytes, encoding };
        const value = bytesKind.generate(options, createFakeRandom(bytes * 7));
        assert.equal(value.length, lengths[encoding](bytes), `${encoding} ${bytes}`);
        assert.match(value, SHAPES[encoding]);
        assert.equal(bytesKind.validate(value, options), undefined, `${encoding} ${bytes}`);
      }
    }
  });

  it('has 8 bits of entropy per byte', () => {
    assert.equal(bytesKind.entropyBits({ bytes: 32, encoding: 'hex' }), 256);
  });

  it('checks its options', () => {
    assert.deepEqual(bytesKind.checkOptions({ bytes: 32, encoding: 'base64' }), []);
    assert.deepEqual(bytesKind.checkOptions({ bytes: 0, encoding: 'base32' }), [
      'bytes must be a whole number from 1 to 1024',
      'encoding must be base64, base64url, hex',
    ]);
    assert.equal(bytesKind.checkOptions({ bytes: 1.5, encoding: 'hex' }).length, 1);
    assert.equal(bytesKind.checkOptions({ bytes: '32', encoding: 'hex' }).length, 1);
    assert.equal(bytesKind.checkOptions({ bytes: 1025, encoding: 'hex' }).length, 1);
  });

  it('validate: a value must decode to exactly the byte count in its encoding', () => {
    const base64 = Buffer.from(ALL_BYTES_32).toString('base64');
    const options = { bytes: 32, encoding: 'base64' } as const;
    assert.equal(bytesKind.validate(base64, options), undefined);
    const expected = 'is not 32 bytes in base64 with padding (expected 44 characters)';
    assert.equal(bytesKind.validate(base64.slice(0, 43), options), expected);
    assert.equal(bytesKind.validate(`${base64.slice(0, 42)}==`, options), expected);
    assert.equal(bytesKind.validate(`${base64.slice(0, 42)}-_=`, options), expected);
    assert.equal(bytesKind.validate(Buffer.alloc(33).toString('base64'), options), expected);
    const url = { bytes: 32, encoding: 'base64url' } as const;
    assert.equal(bytesKind.validate(Buffer.from(ALL_BYTES_32).toString('base64url'), url), undefined);
    assert.equal(bytesKind.validate(base64, url), 'is not 32 bytes in base64url without padding (expected 43 characters)');
    const hex = { bytes: 4, encoding: 'hex' } as const;
    assert.equal(bytesKind.validate('DEADbeef', hex), undefined, 'hex decodes either case');
    assert.equal(bytesKind.validate('deadbeeg', hex), 'is not 4 bytes in hex (expected 8 characters)');
  });
});

describe('password kind', () => {
  it('draws characters with uniform(size^k), k base-size digits a draw, and never reads raw bytes', () => {
    const random = createFakeRandom();
    const value = passwordKind.generate({ length: 32, alphabet: 'alnum' }, random);
    // The fake's draws are 0, 1, 2, …: draw d gives the digits of d, least significant first.
    assert.equal(value, 'AAAAA' + 'BAAAA' + 'CAAAA' + 'DAAAA' + 'EAAAA' + 'FAAAA' + 'GA');
    assert.deepEqual(random.uniformCalls, [...Array(6).fill(62 ** 5), 62 ** 2]);
    assert.deepEqual(random.bytesCalls, []);
  });

  it('turns one draw into its base-size digits', () => {
    const draw = 61 + 62 * (0 + 62 * (26 + 62 * (1 + 62 * 35)));
    const random = { bytes: () => new Uint8Array(), uniform: () => draw };
    assert.equal(passwordKind.generate({ length: 5, alphabet: 'alnum' }, random), '9AaBj');
  });

  it('packs as many characters into one draw as stay below 2^32', () => {
    assert.deepEqual([2, 4, 16, 62, 64, 256, 65536, 70000].map(charactersPerDraw), [31, 15, 7, 5, 5, 3, 1, 1]);
  });

  it('named alphabets have the documented characters', () => {
    assert.equal(ALPHABETS['alnum']?.length, 62);
    assert.equal(ALPHABETS['hex'], '0123456789abcdef');
    assert.equal(ALPHABETS['urlsafe'], `${ALPHABETS['alnum']}-_`);
    const urlsafe = passwordKind.generate({ length: 10, alphabet: 'urlsafe' }, createFakeRandom(0));
    assert.match(urlsafe, /^[A-Za-z0-9_-]{10}$/);
    const hex = passwordKind.generate({ length: 8, alphabet: 'hex' }, { bytes: () => new Uint8Array(), uniform: (bound) => bound - 1 });
    assert.equal(hex, 'fffffff' + 'f');
  });

  it('an explicit alphabet counts code points, not UTF-16 units', () => {
    const alphabet = 'ab🔑é';
    assert.deepEqual(resolveAlphabet(alphabet), ['a', 'b', '🔑', 'é']);
    const random = createFakeRandom();
    const value = passwordKind.generate({ length: 6, alphabet }, random);
    assert.equal(value, 'aaaaaa');
    assert.deepEqual(random.uniformCalls, [4 ** 6]);
    const spread = passwordKind.generate({ length: 4, alphabet }, { bytes: () => new Uint8Array(), uniform: () => 0 + 4 * (1 + 4 * (2 + 4 * 3)) });
    assert.equal(spread, 'ab🔑é');
    assert.equal(passwordKind.validate(value, { length: 6, alphabet }), undefined);
    assert.equal(passwordKind.entropyBits({ length: 6, alphabet }), 12);
  });

  it('has length × log2(alphabet size) bits of entropy', () => {
    assert.equal(passwordKind.entropyBits({ length: 32, alphabet: 'hex' }), 128);
    assert.equal(passwordKind.entropyBits({ length: 22, alphabet: 'urlsafe' }), 132);
    assert.ok(Math.abs(passwordKind.entropyBits({ length: 32, alphabet: 'alnum' }) - 190.53) < 0.01);
  });

  it('refuses explicit alphabets with duplicates, one character, or control characters', () => {
    assert.deepEqual(passwordKind.checkOptions({ length: 32, alphabet: 'alnum' }), []);
    assert.deepEqual(passwordKind.checkOptions({ length: 32, alphabet: 'abcdefa' }), ['alphabet must not repeat a character']);
    assert.deepEqual(passwordKind.checkOptions({ length: 32, alphabet: 'a' }), ['alphabet must have at least 2 characters']);
    assert.deepEqual(passwordKind.checkOptions({ length: 32, alphabet: 'ab\ncd' }), ['alphabet must not contain control or line-separator characters']);
    assert.equal(passwordKind.checkOptions({ length: 32, alphabet: 7 }).length, 1);
    assert.equal(passwordKind.checkOptions({ length: -1, alphabet: 'hex' }).length, 1);
  });

  it('validate: at least `length` characters, all in the alphabet, never quoting the value', () => {
    const options = { length: 20, alphabet: 'alnum' };
    assert.equal(passwordKind.validate('a'.repeat(20), options), undefined, 'strength is not its job');
    assert.equal(passwordKind.validate('Ab3'.repeat(10), options), undefined, 'longer is fine');
    assert.equal(passwordKind.validate('short', options), 'is shorter than 20 characters');
    const outside = passwordKind.validate('secret-with-dashes-1234', options);
    assert.equal(outside, 'has characters outside the alnum alphabet');
    assert.equal(passwordKind.validate('xyzxyzxyzxyz', { length: 4, alphabet: 'xy' }), 'has characters outside the given alphabet');
  });
});

describe('registry', () => {
  it('looks kinds up by own keys only', () => {
    assert.ok(isSecretKindName('bytes'));
    assert.ok(isSecretKindName('password'));
    for (const name of ['__proto__', 'toString', 'constructor', 'tor-hash', 42]) assert.equal(isSecretKindName(name), false);
  });

  it('every kind generates values that its own validate accepts, with real libsodium', async () => {
    const random = await loadSodiumRandom();
    for (const encoding of ['base64', 'base64url', 'hex'] as const) {
      const value = bytesKind.generate({ bytes: 32, encoding }, random);
      assert.match(value, SHAPES[encoding]);
      assert.equal(bytesKind.validate(value, { bytes: 32, encoding }), undefined);
    }
    for (const alphabet of ['alnum', 'hex', 'urlsafe', '!#%+-.0123456789:=@ABCDEFGHIJKLMNOPQRSTUVWXYZ']) {
      const value = passwordKind.generate({ length: 40, alphabet }, random);
      assert.equal(value.length, 40);
      assert.equal(passwordKind.validate(value, { length: 40, alphabet }), undefined);
    }
  });
});
