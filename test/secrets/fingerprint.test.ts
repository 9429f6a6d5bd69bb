import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FINGERPRINT_LENGTH, fingerprint } from '../../src/secrets/fingerprint.js';
import { loadSodium } from '../../src/secrets/random.js';

const KEY_A = new Uint8Array(32).fill(1);
const KEY_B = new Uint8Array(32).fill(2);

describe('fingerprint', () => {
  it('is 12 lower-case hex characters, stable for the same key and value', async () => {
    const sodium = await loadSodium();
    const first = fingerprint('hunter2-but-longer', KEY_A, sodium);
    assert.match(first, /^[0-9a-f]{12}$/);
    assert.equal(FINGERPRINT_LENGTH, 12);
    assert.equal(fingerprint('hunter2-but-longer', KEY_A, sodium), first);
  });

  it('differs for different keys and for different values', async () => {
    const sodium = await loadSodium();
    const value = 'the same secret';
    assert.notEqual(fingerprint(value, KEY_A, sodium), fingerprint(value, KEY_B, sodium));
    assert.notEqual(fingerprint(value, KEY_A, sodium), fingerprint(`${value}!`, KEY_A, sodium));
  });

  it('is the head of a 16-byte keyed BLAKE2b over the UTF-8 value', async () => {
    const sodium = await loadSodium();
    const expected = Buffer.from(sodium.crypto_generichash(16, Buffer.from('é', 'utf8'), KEY_A))
      .toString('hex')
      .slice(0, 12);
    assert.equal(fingerprint('é', KEY_A, sodium), expected);
  });

  it('takes only crypto_generichash, so callers can pass any implementation', () => {
    const calls: [number, string, Uint8Array][] = [];
    const hasher = {
      crypto_generichash(length: number, message: string, key: Uint8Array) {
        calls.push([length, message, key]);
        return Uint8Array.from({ length }, (_, index) => index * 17);
      },
    };
    assert.equal(fingerprint('v', KEY_A, hasher), '001122334455');
    assert.deepEqual(calls, [[16, 'v', KEY_A]]);
  });

  it('refuses keys libsodium would refuse (fewer than 16 or more than 64 bytes)', async () => {
    const sodium = await loadSodium();
    assert.throws(() => fingerprint('v', new Uint8Array(15), sodium), RangeError);
    assert.throws(() => fingerprint('v', new Uint8Array(65), sodium), RangeError);
    assert.match(fingerprint('v', new Uint8Array(16), sodium), /^[0-9a-f]{12}$/);
  });
});
